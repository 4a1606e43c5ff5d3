import type { NormalizedRecord, Role, RoleMapping, SourceRecord } from './types';
import { ROLES } from './types';
import { fold, MAX_FIELD_CHARS } from './text';
import { normalizeName, nameWords } from './names';
import { normalizeAddress } from './address';
import {
	emailDomain,
	isWebmailDomain,
	normalizeEmails,
	normalizePhones,
	normalizeWebsites
} from './contact';
import {
	normalizeDate,
	normalizeIdentifier,
	normalizeRna,
	normalizeSiren,
	normalizeSiret
} from './identifiers';
import { communeKey, normalizePostcode, type CommuneIndex, type ResolvedCommune } from './communes';

/** Joins the columns of a role; a column repeating what is already there is skipped. */
export function roleValue(record: SourceRecord, columns: readonly string[] | undefined): string {
	if (columns === undefined) return '';
	if (columns.length === 1) {
		const v = (record.raw[columns[0]!] ?? '').trim();
		return v.length > MAX_FIELD_CHARS ? v.slice(0, MAX_FIELD_CHARS) : v;
	}
	const parts: string[] = [];
	const seen: string[] = [];
	for (const col of columns) {
		const v = (record.raw[col] ?? '').trim();
		if (v === '') continue;
		const f = fold(v);
		// SIRENE gives the name twice (denomination, then sign): "POTERIE ROUX" + "Poterie Roux".
		if (f !== '' && seen.some((s) => s.includes(f))) continue;
		seen.push(f);
		parts.push(v.length > MAX_FIELD_CHARS ? v.slice(0, MAX_FIELD_CHARS) : v);
	}
	return parts.join(' ');
}

function parseCoordinate(input: string, limit: number): number | null {
	const s = input.trim().replace(',', '.');
	if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null;
	const n = Number(s);
	return Number.isFinite(n) && Math.abs(n) <= limit && n !== 0 ? n : null;
}

/**
 * The registrable label of each domain, as letters: organisations name their domain after
 * themselves, so it can be compared with another record's name. Numbers added to make a name
 * unique ("rieu-et-fils2.fr") are dropped.
 */
export function domainLabels(domains: readonly string[]): string[] {
	const out: string[] = [];
	for (const d of domains) {
		const parts = d.split('.');
		const label = (parts.length >= 2 ? parts[parts.length - 2]! : d)
			.replace(/[^a-z]/g, '')
			.replace(/\d+$/, '');
		if (label.length >= 6 && !out.includes(label)) out.push(label);
	}
	return out;
}

export interface CommunePlace {
	resolved: ResolvedCommune | null;
	key: string | null;
	words: ReadonlySet<string>;
}

/** Listings repeat the same few hundred communes: resolve each spelling once. */
function resolvePlace(
	display: Partial<Record<Role, string>>,
	options: NormalizeOptions
): CommunePlace {
	const cacheKey = `${display.commune ?? ''}|${display.postcode ?? ''}|${display.commune_code ?? ''}`;
	const hit = options.placeCache?.get(cacheKey);
	if (hit !== undefined) return hit;
	const resolved =
		options.communes?.resolve({
			name: display.commune ?? null,
			postcode: display.postcode ?? null,
			code: display.commune_code ?? null,
			departments: options.departments
		}) ?? null;
	const communeName = resolved?.name ?? display.commune ?? '';
	const key = communeName === '' ? null : communeKey(communeName) || null;
	const place: CommunePlace = { resolved, key, words: new Set(key === null ? [] : nameWords(key)) };
	options.placeCache?.set(cacheKey, place);
	return place;
}

export interface NormalizeOptions {
	/** Shared between the records of one run; must be dropped when `departments` change. */
	placeCache?: Map<string, CommunePlace>;
	communes?: CommuneIndex | null;
	priority?: number;
	departments?: readonly string[];
}

export function normalizeRecord(
	record: SourceRecord,
	roles: RoleMapping,
	index: number,
	options: NormalizeOptions = {}
): NormalizedRecord {
	const display: Partial<Record<Role, string>> = {};
	let filled = 0;
	for (const role of ROLES) {
		const v = roleValue(record, roles[role]);
		if (v !== '') {
			display[role] = v;
			filled++;
		}
	}
	const postcode = normalizePostcode(display.postcode ?? '');
	const place = resolvePlace(display, options);
	const resolved = place.resolved;
	const cKey = place.key;
	const communeWords = place.words;
	const emails = normalizeEmails(display.email ?? '');
	const websites = normalizeWebsites(display.website ?? '');
	const emailDomains = [...new Set(emails.map(emailDomain).filter((d) => !isWebmailDomain(d)))];
	const siret = normalizeSiret(display.siret ?? '');
	const identifiers: string[] = [];
	const ident = normalizeIdentifier(display.identifier ?? '');
	if (ident !== null) identifiers.push(ident);
	let lat = parseCoordinate(display.lat ?? '', 90);
	let lon = parseCoordinate(display.lon ?? '', 180);
	if (lat === null || lon === null) lat = lon = null;
	return {
		index,
		file: record.file,
		row: record.row,
		priority: options.priority ?? 0,
		filled,
		display,
		name: normalizeName(display.name ?? '', communeWords),
		kind: display.kind ? fold(display.kind) || null : null,
		address: normalizeAddress(display.address ?? ''),
		postcode,
		communeCode: resolved?.code ?? null,
		communeKey: cKey,
		phones: normalizePhones(display.phone ?? ''),
		emails,
		emailDomains,
		websites,
		domainLabels: domainLabels([...websites, ...emailDomains]),
		siret,
		siren:
			siret?.slice(0, 9) ??
			normalizeSiren(display.siren ?? '') ??
			normalizeSiren(display.siret ?? ''),
		rna: normalizeRna(display.rna ?? ''),
		identifiers,
		lat,
		lon,
		contact: display.contact_person
			? nameWords(display.contact_person).sort().join(' ') || null
			: null,
		birthDate: normalizeDate(display.birth_date ?? ''),
		tags: (display.tags ?? '')
			.split(/[;,|/]/)
			.map((t) => t.trim())
			.filter((t) => t !== '')
	};
}
