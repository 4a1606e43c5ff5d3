import type { RoleMapping, SourceRecord } from './types';
import { roleValue } from './normalize';
import { fold } from './text';
import { normalizeRna, normalizeSiret } from './identifiers';

/**
 * Identity of a row across two versions of the same listing, so a re-import can tell a changed
 * row from a new one: the listing's own identifier column, else SIRET, else RNA, else the folded
 * name with the commune or postcode. Rows sharing a key within one file get `#2`, `#3`… in file
 * order, so the n-th homonym of the old file is compared with the n-th of the new one.
 */
export function rowKeys(records: readonly SourceRecord[], roles: RoleMapping): string[] {
	const seen = new Map<string, number>();
	return records.map((r) => {
		const base = baseKey(r, roles);
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base}#${n}`;
	});
}

function baseKey(r: SourceRecord, roles: RoleMapping): string {
	const id = roleValue(r, roles.id).trim();
	if (id !== '') return `id:${id}`;
	const siret = normalizeSiret(roleValue(r, roles.siret));
	if (siret !== null) return `siret:${siret}`;
	const rna = normalizeRna(roleValue(r, roles.rna));
	if (rna !== null) return `rna:${rna}`;
	const name = fold(roleValue(r, roles.name));
	const where =
		fold(roleValue(r, roles.commune_code)) ||
		fold(roleValue(r, roles.commune)) ||
		fold(roleValue(r, roles.postcode));
	if (name !== '') return `name:${name}|${where}`;
	// No name: the whole row is its own identity (a changed row then reads as gone + new).
	return `row:${fold(Object.values(r.raw).join(' '))}`;
}

/**
 * Canonical text of a raw row, the input of its content hash: keys sorted, so the same row read
 * from a file whose columns were reordered hashes the same.
 */
export function canonicalRow(raw: Readonly<Record<string, string>>): string {
	const keys = Object.keys(raw).sort();
	return JSON.stringify(keys.map((k) => [k, raw[k]]));
}

export interface KnownRow {
	id: string;
	key: string | null;
	hash: string;
	gone: boolean;
}

export interface IncomingRow {
	key: string;
	hash: string;
}

export interface ListingDiff {
	/** Indexes into the incoming rows. */
	added: number[];
	/** Incoming index → the known row it updates. */
	changed: { index: number; id: string }[];
	/** Incoming rows identical to a known row (by content hash): skipped. */
	unchanged: { index: number; id: string }[];
	/** Known rows (not already gone) absent from the new version: flagged, never deleted. */
	gone: string[];
	/** Known rows flagged gone earlier that came back unchanged or changed. */
	returned: string[];
}

/**
 * What importing a new version of a listing would do, before anything is written. Matching is by
 * content hash first (the same row, wherever it sits), then by row key (the same actor, edited).
 */
export function diffListing(
	known: readonly KnownRow[],
	incoming: readonly IncomingRow[]
): ListingDiff {
	const byHash = new Map<string, KnownRow>();
	const byKey = new Map<string, KnownRow>();
	for (const k of known) {
		if (!byHash.has(k.hash)) byHash.set(k.hash, k);
		if (k.key !== null && !byKey.has(k.key)) byKey.set(k.key, k);
	}
	const used = new Set<string>();
	const result: ListingDiff = { added: [], changed: [], unchanged: [], gone: [], returned: [] };
	const pending: number[] = [];
	incoming.forEach((row, index) => {
		const same = byHash.get(row.hash);
		if (same !== undefined && !used.has(same.id)) {
			used.add(same.id);
			result.unchanged.push({ index, id: same.id });
			if (same.gone) result.returned.push(same.id);
		} else pending.push(index);
	});
	for (const index of pending) {
		const row = incoming[index]!;
		const k = byKey.get(row.key);
		if (k !== undefined && !used.has(k.id)) {
			used.add(k.id);
			result.changed.push({ index, id: k.id });
			if (k.gone) result.returned.push(k.id);
		} else result.added.push(index);
	}
	for (const k of known) if (!used.has(k.id) && !k.gone) result.gone.push(k.id);
	return result;
}

/** True when applying the diff would write nothing. */
export function isNoop(diff: ListingDiff): boolean {
	return (
		diff.added.length === 0 &&
		diff.changed.length === 0 &&
		diff.gone.length === 0 &&
		diff.returned.length === 0
	);
}
