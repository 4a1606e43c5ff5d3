/**
 * Is a contact value a person's own (RGPD personal data of an individual) rather than an
 * organisation's? Imports use it to default such values to members-only (#8): a volunteer's
 * mobile or their first-name.last-name address must not go on a public map because a listing
 * happened to carry it.
 *
 * The rule errs on the side of the person:
 * - email: a role address (contact@, accueil@, mairie@…) is the organisation's; otherwise an
 *   address at a webmail provider (gmail.com, orange.fr…) or whose local part reads as a name
 *   (jean.dupont, j.dupont, jean-dupont) is personal;
 * - phone: a French mobile (06, 07, +33 6, +33 7) is personal, a landline (01–05, 09) is not;
 * - person name: always personal.
 */

import { isWebmailDomain } from '../census/contact';

/** Local parts that name a function, not a person. */
const ROLE_LOCAL_PARTS = new Set([
	'contact',
	'info',
	'infos',
	'information',
	'accueil',
	'bonjour',
	'hello',
	'admin',
	'administration',
	'secretariat',
	'secretariat.general',
	'direction',
	'mairie',
	'commune',
	'asso',
	'association',
	'bureau',
	'president',
	'presidence',
	'tresorier',
	'tresorerie',
	'communication',
	'comptabilite',
	'compta',
	'reservation',
	'reservations',
	'billetterie',
	'boutique',
	'commande',
	'commandes',
	'adhesion',
	'adhesions',
	'benevoles',
	'benevolat',
	'service',
	'services',
	'office',
	'tourisme',
	'noreply',
	'no-reply',
	'webmaster',
	'ecole',
	'college',
	'lycee',
	'cantine',
	'rh',
	'recrutement',
	'jobs',
	'emploi',
	'presse',
	'media',
	'agenda',
	'evenements',
	'programmation'
]);

function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Whether an email address is a person's own. Invalid or empty: false (nothing to protect). */
export function isPersonalEmail(email: string | null | undefined): boolean {
	if (!email) return false;
	const at = email.lastIndexOf('@');
	if (at <= 0 || at === email.length - 1) return false;
	const local = fold(email.slice(0, at)).replace(/\+.*$/, '');
	const domain = fold(email.slice(at + 1));
	const base = local.replace(/[0-9]+$/, '');
	if (ROLE_LOCAL_PARTS.has(local) || ROLE_LOCAL_PARTS.has(base)) return false;
	// « contact.festival@… », « accueil-mairie@… »: a role word first.
	const first = base.split(/[._-]/)[0] ?? '';
	if (ROLE_LOCAL_PARTS.has(first)) return false;
	if (isWebmailDomain(domain)) return true;
	// jean.dupont, j.dupont, jean-dupont, jean_dupont: two or three name-like words.
	return /^\p{L}[\p{L}']*([._-]\p{L}[\p{L}']*){1,2}$/u.test(base);
}

/** A French phone number's digits in national form (« 0612345678 »), or null. */
export function nationalDigits(phone: string | null | undefined): string | null {
	if (!phone) return null;
	let digits = phone.replace(/[^\d+]/g, '');
	if (digits.startsWith('+33')) digits = `0${digits.slice(3)}`;
	else if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
	digits = digits.replace(/^0\(?0\)?/, '0');
	return /^0\d{9}$/.test(digits) ? digits : null;
}

/** Whether a phone number is a mobile (06, 07), i.e. most likely a person's own. */
export function isPersonalPhone(phone: string | null | undefined): boolean {
	const digits = nationalDigits(phone);
	return digits !== null && /^0[67]/.test(digits);
}

export type ContactVisibility = 'public' | 'members' | 'editors';

export interface ContactValues {
	email?: string | null;
	phone?: string | null;
	/** A person's name given as the contact (« Contact : Marie Martin »). */
	contactName?: string | null;
}

/**
 * The visibility an imported value gets when nobody chose one: members-only for a person's own
 * email, mobile or name; nothing (the territory's default) for the organisation's.
 */
export function personalDefaults(
	values: ContactValues
): Partial<Record<'email' | 'phone' | 'contact_name', ContactVisibility>> {
	const out: Partial<Record<'email' | 'phone' | 'contact_name', ContactVisibility>> = {};
	if (isPersonalEmail(values.email)) out.email = 'members';
	if (isPersonalPhone(values.phone)) out.phone = 'members';
	if (values.contactName && values.contactName.trim() !== '') out.contact_name = 'members';
	return out;
}

/** The fields `personalDefaults` marks: what `actor.personal_fields` stores. */
export function personalFields(values: ContactValues): ('email' | 'phone' | 'contact_name')[] {
	return Object.keys(personalDefaults(values)) as ('email' | 'phone' | 'contact_name')[];
}
