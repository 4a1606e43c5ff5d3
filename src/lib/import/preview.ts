import { isRole, ROLES, type Role, type RoleMapping } from '../domain/census/types';
import { readListing } from './read';
import type { ListingFormat, ReadIssue } from './types';

/** Rows shown in the wizard before the files are sent. */
export const SAMPLE_ROWS = 8;
/** Sample cells longer than this are cut (with "…"): a pasted document must not fill the page. */
export const SAMPLE_CELL_CHARS = 300;
/** Issues listed in full in a preview; the rest are only counted. */
export const FIRST_ISSUES = 20;

/**
 * What the import wizard shows of one dropped file: small enough to post from a worker
 * (the records themselves stay behind), complete enough to choose the column roles.
 */
export interface ListingPreview {
	file: string;
	format: ListingFormat;
	/** Absent for XLSX (a workbook has no text encoding). */
	encoding?: string;
	/** CSV/TSV only. */
	delimiter?: string;
	headers: string[];
	/** Rows read as records (rejected rows excluded). */
	rowCount: number;
	/** The first rows, cells in header order, each cut at SAMPLE_CELL_CHARS. */
	sample: string[][];
	/** Role → columns, as `readListing` detects them (or as the mapping says). No empty lists. */
	roles: RoleMapping;
	/** Column → role, one entry per header (null: the column is ignored). */
	columnRoles: ColumnRoles;
	issues: {
		rejected: number;
		warnings: number;
		/** The file could not be read at all (empty, binary, invalid JSON…). */
		fatal: ReadIssue | null;
		first: ReadIssue[];
	};
	headerSignature: string;
}

export type ColumnRoles = Record<string, Role | null>;

/** Lowercase, no accents, compatibility forms folded (NBSP, ligatures), spaces collapsed. */
function foldHeader(header: string): string {
	return header
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * The columns of a listing as one string, whatever their order, case or accents: two exports
 * of the same register give the same signature, so a known listing (and the mapping a person
 * chose for it) can be found again. Shared with the server: change it and stored signatures
 * stop matching. Sorted by code unit, not by locale, so every runtime agrees.
 */
export function headerSignature(headers: readonly string[]): string {
	return headers
		.map(foldHeader)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		.join('|');
}

/**
 * Role → columns turned into column → role, for one select per column. A column that feeds
 * several roles (the RNA extract's `id` column holding W numbers feeds `id` and `rna`) shows
 * the most specific one: any role before `id`, otherwise the first in `ROLES` order.
 */
export function columnRolesOf(headers: readonly string[], roles: RoleMapping): ColumnRoles {
	// A Map, not an object: a column named "constructor" must not find Object's own members.
	const chosen = new Map<string, Role | null>(headers.map((h) => [h, null]));
	for (const role of ROLES) {
		for (const col of roles[role] ?? []) {
			if (!chosen.has(col)) continue;
			const current = chosen.get(col);
			if (current === null || (current === 'id' && role !== 'id')) chosen.set(col, role);
		}
	}
	return Object.fromEntries(chosen);
}

/**
 * One select changed: `value` is a role name, or anything else ("" for « ignorer ») to ignore
 * the column. Returns a new object; the other columns keep their role.
 */
export function withColumnRole(
	columnRoles: Readonly<ColumnRoles>,
	column: string,
	value: string
): ColumnRoles {
	return { ...columnRoles, [column]: isRole(value) ? value : null };
}

/**
 * A person's choice, one role per column, as the mapping `readListing` takes. Several columns
 * may feed one role; they keep the order of `columnRoles` (the header order when it comes from
 * a preview). Every role is named, with an empty list when no column feeds it: `readListing`
 * keeps detected roles that a mapping does not name, so without them a column set to
 * « ignorer » would be detected again on the server.
 */
export function mappingFromColumnRoles(columnRoles: Readonly<ColumnRoles>): Record<Role, string[]> {
	const out = Object.fromEntries(ROLES.map((r) => [r, [] as string[]])) as Record<Role, string[]>;
	for (const [col, role] of Object.entries(columnRoles)) {
		if (typeof role === 'string' && isRole(role)) out[role].push(col);
	}
	return out;
}

function cut(value: string): string {
	return value.length > SAMPLE_CELL_CHARS ? `${value.slice(0, SAMPLE_CELL_CHARS - 1)}…` : value;
}

function withoutEmpty(roles: RoleMapping): RoleMapping {
	const out: RoleMapping = {};
	for (const role of ROLES) {
		const cols = roles[role];
		if (cols !== undefined && cols.length > 0) out[role] = [...cols];
	}
	return out;
}

/**
 * Reads a whole listing with the importer's own reader (so the preview says exactly what the
 * import will do) and keeps only what the wizard shows. Pure: runs in a worker and in Node.
 * Async because XLSX reading is. A bad `mapping` throws the reader's MappingError.
 */
export async function previewListing(
	fileName: string,
	bytes: Uint8Array,
	mapping?: unknown
): Promise<ListingPreview> {
	const listing = await readListing(fileName, bytes, mapping === undefined ? {} : { mapping });
	const roles = withoutEmpty(listing.roles);
	let rejected = 0;
	let warnings = 0;
	let fatal: ReadIssue | null = null;
	for (const i of listing.issues) {
		if (i.severity === 'rejected') rejected++;
		else if (i.severity === 'warning') warnings++;
		else fatal ??= i;
	}
	const preview: ListingPreview = {
		file: listing.file,
		format: listing.format,
		headers: [...listing.headers],
		rowCount: listing.records.length,
		sample: listing.records
			.slice(0, SAMPLE_ROWS)
			.map((r) => listing.headers.map((h) => cut(r.raw[h] ?? ''))),
		roles,
		columnRoles: columnRolesOf(listing.headers, roles),
		issues: { rejected, warnings, fatal, first: listing.issues.slice(0, FIRST_ISSUES) },
		headerSignature: headerSignature(listing.headers)
	};
	if (listing.encoding !== undefined) preview.encoding = listing.encoding;
	if (listing.delimiter !== undefined) preview.delimiter = listing.delimiter;
	return preview;
}
