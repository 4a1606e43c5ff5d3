/**
 * The partner finder's invitation list (#6): the ranked partners as rows a facilitator mails or
 * opens in a spreadsheet, and `mailto:` links that put every reachable address in blind copy.
 *
 * Only what an invitation needs leaves Maillage: name, kind, commune, distance, why it was
 * proposed, and the ways to reach it the viewer may see. Never the street address (an
 * invitation does not need it, and it is the most personal of the contact fields), never a
 * person's fields nor the raw rows of the listings.
 *
 * Contact visibility (`actor.contact_visibility`, see ../contact-visibility.ts), per field:
 * `'public'` → everyone; `'members'` or no mark → members only; anything else (a value this
 * export does not know, e.g. a stricter level added later) → nobody: an unknown rule is read as
 * the most restrictive one, never as permission.
 */
import { isPublicContact, type ContactField } from '../contact-visibility';
import { spreadsheetPhone } from '../export/cells';
import { toCsvTable } from '../export/csv';
import { neutraliseCell } from '../export/neutralise';
import type { PartnerReason, RankedPartner } from './rank';

/** The invitation list's columns, in this order and no other. */
export const INVITATION_COLUMNS = [
	'Nom',
	'Type',
	'Commune',
	'Distance (km)',
	'Pourquoi',
	'Courriel',
	'Téléphone',
	'Site web'
] as const;

const DISTANCE_COLUMN = INVITATION_COLUMNS.indexOf('Distance (km)');

export type InvitationColumn = (typeof INVITATION_COLUMNS)[number];

export type InvitationRow = {
	Nom: string;
	Type: string;
	Commune: string | null;
	/** Rounded to 0.1 km. */
	'Distance (km)': number;
	Pourquoi: string;
	Courriel: string | null;
	Téléphone: string | null;
	'Site web': string | null;
};

/** What the export knows of an actor beyond its ranking. */
export interface InvitationContact {
	id: string;
	kind: string;
	communeName: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	/** `actor.contact_visibility` as the driver parsed it. */
	contactVisibility: unknown;
}

/** Who is looking: a member of the territory, or anyone else. */
export type Viewer = 'member' | 'public';

/** Whether `viewer` may see this contact field of an actor (rule in the module comment). */
export function contactVisibleTo(
	visibility: unknown,
	field: ContactField,
	viewer: Viewer
): boolean {
	if (isPublicContact(visibility, field)) return true;
	const mark =
		typeof visibility === 'object' && visibility !== null && !Array.isArray(visibility)
			? (visibility as Record<string, unknown>)[field]
			: undefined;
	return viewer === 'member' && (mark === undefined || mark === null || mark === 'members');
}

// ---------------------------------------------------------------- reasons

/** How each reason reads; French by default, the page passes its own (Paraglide) phrases. */
export interface ReasonPhrases {
	distance: (km: string) => string;
	theme: (theme: string) => string;
	offers: (needs: string) => string;
	newcomer: () => string;
	/** Joins the needs met (« sono, tables »). */
	listSeparator: string;
	/** Number format for the distance. */
	locale: string;
}

export const FRENCH_REASONS: ReasonPhrases = {
	distance: (km) => `à ${km} km`,
	theme: (theme) => `thème : ${theme}`,
	offers: (needs) => `propose : ${needs}`,
	newcomer: () => 'n’a encore jamais participé',
	listSeparator: ', ',
	locale: 'fr-FR'
};

/** Joins the reasons of one partner in one cell; not a comma, the needs use it. */
export const REASON_SEPARATOR = ' · ';

/** Distance with one decimal in the phrases' locale (« 3,2 »). */
export function formatKm(km: number, locale: string = FRENCH_REASONS.locale): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(roundKm(km));
}

export function roundKm(km: number): number {
	return Math.round(km * 10) / 10;
}

/** Each reason as a short phrase, in the order the ranking gave them. */
export function reasonTexts(
	reasons: readonly PartnerReason[],
	phrases: ReasonPhrases = FRENCH_REASONS
): string[] {
	return reasons.map((reason) => {
		switch (reason.kind) {
			case 'distance':
				return phrases.distance(formatKm(reason.km, phrases.locale));
			case 'theme':
				return phrases.theme(reason.theme);
			case 'offers':
				return phrases.offers(reason.needs.join(phrases.listSeparator));
			case 'newcomer':
				return phrases.newcomer();
		}
	});
}

// ---------------------------------------------------------------- rows

export interface InvitationOptions {
	/** Label of an actor kind in the file's language (« Association »). */
	kindLabel: (kind: string) => string;
	phrases?: ReasonPhrases;
}

/**
 * One row per ranked partner, in the ranking's order. A partner without contact data (not in
 * `contacts`) still gets its row, with empty contact cells.
 */
export function invitationRows(
	partners: readonly RankedPartner[],
	contacts: ReadonlyMap<string, InvitationContact>,
	viewer: Viewer,
	options: InvitationOptions
): InvitationRow[] {
	return partners.map((partner) => {
		const contact = contacts.get(partner.id);
		const visible = (field: ContactField, value: string | null | undefined): string | null => {
			const text = value?.trim();
			if (!text || !contact) return null;
			return contactVisibleTo(contact.contactVisibility, field, viewer) ? text : null;
		};
		return {
			Nom: partner.name,
			Type: options.kindLabel(contact?.kind ?? 'other'),
			Commune: contact?.communeName ?? null,
			'Distance (km)': roundKm(partner.km),
			Pourquoi: reasonTexts(partner.reasons, options.phrases).join(REASON_SEPARATOR),
			Courriel: visible('email', contact?.email),
			Téléphone: visible('phone', contact?.phone),
			'Site web': contact?.website?.trim() || null
		};
	});
}

/**
 * The rows as CSV, in the census export's dialects (`excelFrance`: BOM, `;`, decimal comma).
 * Every text cell is neutralised against formula injection; phones are written the French way.
 */
export function invitationCsv(
	rows: readonly InvitationRow[],
	options: { excelFrance?: boolean } = {}
): string {
	const cells = rows.map((row) =>
		INVITATION_COLUMNS.map((column, i) => {
			const value = row[column];
			if (value === null || value === '') return null;
			if (i === DISTANCE_COLUMN) return value;
			const text = column === 'Téléphone' ? spreadsheetPhone(String(value)) : String(value);
			return neutraliseCell(text);
		})
	);
	return toCsvTable(INVITATION_COLUMNS, cells, {
		excelFrance: options.excelFrance,
		numericColumns: new Set([DISTANCE_COLUMN])
	});
}

/** `invitations-<slug of the title>.csv`: plain ASCII, safe in Content-Disposition. */
export function invitationFileName(title: string): string {
	const slug = title
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `invitations-${slug || 'evenement'}.csv`;
}

// ---------------------------------------------------------------- mailto

/** Longest `mailto:` link produced: mail clients and browsers truncate or refuse longer ones. */
export const MAILTO_MAX_LENGTH = 1800;

/** A plain address: no spaces, no separators, no header syntax, one @. */
const PLAIN_EMAIL = /^[^\s@,;:<>()"?&=%\\]+@[^\s@,;:<>()"?&=%\\]+\.[^\s@,;:<>()"?&=%\\]+$/;

/** Distinct usable addresses (first spelling kept), in order. */
export function reachableEmails(emails: readonly (string | null | undefined)[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of emails) {
		const email = raw?.trim();
		if (!email || !PLAIN_EMAIL.test(email)) continue;
		const key = email.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(email);
	}
	return out;
}

/** RFC 6068: `@` may stay as is in a header value; everything else outside unreserved is escaped. */
const encodeAddress = (email: string): string => encodeURIComponent(email).replace(/%40/g, '@');

/**
 * `mailto:?bcc=a@x.fr,b@y.fr&subject=…` links (RFC 6068), the addresses in blind copy so that
 * nobody sees who else was invited. When the link would pass `MAILTO_MAX_LENGTH` characters the
 * addresses are spread over several links, each with the subject. No address: no link.
 */
export function mailtoBcc(
	emails: readonly (string | null | undefined)[],
	subject: string,
	maxLength: number = MAILTO_MAX_LENGTH
): string[] {
	const addresses = reachableEmails(emails).map(encodeAddress);
	const tail = subject.trim() === '' ? '' : `&subject=${encodeURIComponent(subject.trim())}`;
	const head = 'mailto:?bcc=';
	const links: string[] = [];
	let current: string[] = [];
	let length = head.length + tail.length;
	for (const address of addresses) {
		const added = (current.length > 0 ? 1 : 0) + address.length;
		if (current.length > 0 && length + added > maxLength) {
			links.push(head + current.join(',') + tail);
			current = [];
			length = head.length + tail.length;
		}
		length += (current.length > 0 ? 1 : 0) + address.length;
		current.push(address);
	}
	if (current.length > 0) links.push(head + current.join(',') + tail);
	return links;
}
