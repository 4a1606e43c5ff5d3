/** Column roles a listing can provide. A role may be fed by several columns (joined). */
export const ROLES = [
	'id',
	'name',
	'kind',
	'address',
	'postcode',
	'commune',
	'commune_code',
	'phone',
	'email',
	'website',
	'siret',
	'siren',
	'rna',
	'identifier',
	'lat',
	'lon',
	'tags',
	'contact_person',
	'birth_date'
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** Role → column names (in the order their values are joined). */
export type RoleMapping = Partial<Record<Role, string[]>>;

/** One row of a listing, exactly as read. `row` is 1-based, header excluded. */
export interface SourceRecord {
	file: string;
	row: number;
	raw: Readonly<Record<string, string>>;
}

/** A listing ready for the engine: its records and the columns behind each role. */
export interface SourceListing {
	file: string;
	records: SourceRecord[];
	roles: RoleMapping;
	/** Higher wins when merged fields disagree. Defaults to 0. */
	priority?: number;
}

export type LegalFamily = 'association' | 'company' | 'cooperative' | 'public' | 'individual';

export interface NormalizedName {
	/** Folded full name without its legal form (articles and commune kept). */
	key: string;
	/** `key` without spaces: word-boundary slips ("deL anglade") vanish. */
	glued: string;
	/** Tokens that carry identity: no legal form, no article, no commune name when others remain. */
	tokens: string[];
	/** Identifying words with the commune name kept, to compare names across communes. */
	fullTokens: string[];
	legalForm: string | null;
	legalFamily: LegalFamily | null;
}

export interface NormalizedAddress {
	number: string | null;
	/** Folded street with expanded street type, e.g. "rue de la poste". */
	street: string;
	tokens: string[];
}

/** A record after normalisation. Arrays are empty, strings null, when the value is absent. */
export interface NormalizedRecord {
	index: number;
	file: string;
	row: number;
	priority: number;
	filled: number;
	display: Partial<Record<Role, string>>;
	name: NormalizedName;
	kind: string | null;
	address: NormalizedAddress | null;
	postcode: string | null;
	communeCode: string | null;
	communeKey: string | null;
	phones: string[];
	emails: string[];
	emailDomains: string[];
	websites: string[];
	/** Website and organisation e-mail domains as words ("amap-de-vergeze.fr" → "amapdevergeze"). */
	domainLabels: string[];
	siret: string | null;
	siren: string | null;
	rna: string | null;
	identifiers: string[];
	lat: number | null;
	lon: number | null;
	contact: string | null;
	/** A person's date of birth as `YYYYMMDD` (member lists, contacts). */
	birthDate: string | null;
	tags: string[];
}

export type PairOutcome = 'same' | 'review' | 'different';

export interface HumanDecision {
	/** Record references as `file#row`. */
	a: string;
	b: string;
	decision: 'same' | 'different';
}

export function recordRef(file: string, row: number): string {
	return `${file}#${row}`;
}
