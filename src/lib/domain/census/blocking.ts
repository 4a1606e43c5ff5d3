import type { NormalizedRecord } from './types';

/**
 * Blocking keys: two records are compared only when they share a key. Keys are exact
 * identifiers and contacts, and name words within a place (commune, postcode) or across
 * places when the whole name is the same, plus a geographic cell. A name word is keyed by its
 * first and by its last four letters, so a typo in one half still meets the other half.
 */
export function blockingKeys(r: NormalizedRecord): string[] {
	const keys: string[] = [];
	if (r.siret !== null) keys.push('s:' + r.siret);
	if (r.siren !== null) keys.push('n:' + r.siren);
	if (r.rna !== null) keys.push('r:' + r.rna);
	for (const id of r.identifiers) {
		keys.push('i:' + id);
		// One typo leaves one half of an identifier intact.
		if (id.length >= 6) {
			const h = id.length >> 1;
			keys.push('ia:' + id.slice(0, h), 'ib:' + id.slice(h));
		}
	}
	if (r.birthDate !== null) keys.push('b:' + r.birthDate);
	for (const e of r.emails) keys.push('e:' + e);
	for (const p of r.phones) keys.push('p:' + p);
	for (const w of r.websites) keys.push('w:' + w);
	for (const d of r.emailDomains) keys.push('w:' + d);
	const places: string[] = [];
	// The commune by its folded name, official when resolved: a record whose commune could
	// not be resolved still meets the records of the commune it names. The postcode stands in
	// when the commune is not resolved (a foreign listing, a typo in the name).
	if (r.communeKey !== null) places.push('k' + r.communeKey);
	if (r.postcode !== null && (r.communeCode === null || r.communeKey === null)) {
		places.push('p' + r.postcode);
	}
	const tokens = r.name.tokens;
	for (const place of places) {
		for (const t of tokens) {
			if (t.length < 3) continue;
			keys.push(`t:${place}:${t.slice(0, 4)}`);
			if (t.length > 4) keys.push(`u:${place}:${t.slice(-4)}`);
		}
		if (tokens.length === 0) keys.push(`t:${place}:`);
	}
	if (tokens.length > 0) keys.push('nk:' + [...tokens].sort().join(' '));
	if (r.lat !== null && r.lon !== null) {
		// Two grids of about 150 m, the second shifted by half a cell, so close points share a cell.
		const cx = r.lon / 0.002;
		const cy = r.lat / 0.0014;
		keys.push(`g:${Math.floor(cx)}:${Math.floor(cy)}`);
		keys.push(`h:${Math.floor(cx + 0.5)}:${Math.floor(cy + 0.5)}`);
	}
	return keys;
}

export interface CandidatePairs {
	/** Pairs as two parallel arrays of record indices, `a[k] < b[k]`. */
	a: Int32Array;
	b: Int32Array;
	count: number;
	/** Blocks skipped because they were larger than `maxBlock` (their key prefix and size). */
	skippedBlocks: { key: string; size: number }[];
}

/**
 * Candidate pairs from the blocking keys, each pair once. A key shared by more than
 * `maxBlock` records says little ("same webmail domain", a generic word) and is skipped, which
 * keeps the work proportional to the number of records.
 */
export function candidatePairs(
	records: readonly NormalizedRecord[],
	maxBlock = 60
): CandidatePairs {
	// Keys become integers, and blocks one flat array (compressed rows): a hundred thousand
	// records make millions of keys, and one small array per key would keep the GC busy.
	const keyIds = new Map<string, number>();
	const keyNames: string[] = [];
	let recKeys = new Int32Array(records.length * 8);
	const recStart = new Int32Array(records.length + 1);
	let total = 0;
	for (let i = 0; i < records.length; i++) {
		recStart[i] = total;
		for (const k of blockingKeys(records[i]!)) {
			let id = keyIds.get(k);
			if (id === undefined) {
				id = keyNames.length;
				keyIds.set(k, id);
				keyNames.push(k);
			}
			if (total === recKeys.length) {
				const grown = new Int32Array(recKeys.length * 2);
				grown.set(recKeys);
				recKeys = grown;
			}
			recKeys[total++] = id;
		}
	}
	recStart[records.length] = total;
	keyIds.clear();
	const nKeys = keyNames.length;
	const size = new Int32Array(nKeys);
	for (let i = 0; i < records.length; i++) {
		// A record may emit one key twice ("t:" of two words with the same first letters).
		for (let p = recStart[i]!; p < recStart[i + 1]!; p++) {
			const id = recKeys[p]!;
			let dup = false;
			for (let q = recStart[i]!; q < p; q++) if (recKeys[q] === id) dup = true;
			if (dup) recKeys[p] = -1;
			else size[id]!++;
		}
	}
	const blockStart = new Int32Array(nKeys + 1);
	for (let k = 0; k < nKeys; k++) blockStart[k + 1] = blockStart[k]! + size[k]!;
	const members = new Int32Array(blockStart[nKeys]!);
	const fill = blockStart.slice(0, nKeys);
	for (let i = 0; i < records.length; i++) {
		for (let p = recStart[i]!; p < recStart[i + 1]!; p++) {
			const id = recKeys[p]!;
			if (id >= 0) members[fill[id]!++] = i;
		}
	}
	const skippedBlocks: { key: string; size: number }[] = [];
	for (let k = 0; k < nKeys; k++) {
		if (size[k]! > maxBlock) skippedBlocks.push({ key: keyNames[k]!, size: size[k]! });
	}
	let cap = Math.max(16, records.length * 4);
	let pa = new Int32Array(cap);
	let pb = new Int32Array(cap);
	let count = 0;
	const stamp = new Int32Array(records.length).fill(-1);
	for (let i = 0; i < records.length; i++) {
		for (let p = recStart[i]!; p < recStart[i + 1]!; p++) {
			const id = recKeys[p]!;
			if (id < 0 || size[id]! < 2 || size[id]! > maxBlock) continue;
			for (let m = blockStart[id]!; m < blockStart[id + 1]!; m++) {
				const j = members[m]!;
				if (j <= i || stamp[j] === i) continue;
				stamp[j] = i;
				if (count === cap) {
					cap *= 2;
					const na = new Int32Array(cap);
					na.set(pa);
					pa = na;
					const nb = new Int32Array(cap);
					nb.set(pb);
					pb = nb;
				}
				pa[count] = i;
				pb[count] = j;
				count++;
			}
		}
	}
	return { a: pa, b: pb, count, skippedBlocks };
}
