/**
 * Match keys of a row, for the suppression list (RGPD erasure, issue #8): when an actor asked not
 * to appear, the keys of its rows are kept (hashed and salted by the database, never in clear) and
 * every later import drops a row that carries one of them, before it becomes a record.
 *
 * A key is what the census engine treats as the identity of a person or an organisation:
 * - `row:`   the row itself (canonical raw text): the very same line, in any listing;
 * - `email:` / `phone:` each normalised address and number (E.164);
 * - `siret:` / `rna:` the register numbers (not the SIREN: it names the whole company, and other
 *   establishments of it are other actors);
 * - `name:`  the identifying words of the name, sorted (so "Dupont Marie" is "Marie Dupont", and
 *   a legal form or article changes nothing), with where it is: one key per way the place is
 *   written (INSEE code, commune name, postcode), so a listing giving only the postcode still
 *   meets one giving the commune. A name without any place gets `name:<words>|`, which only meets
 *   other rows without a place: a homonym elsewhere is never dropped.
 * The same function runs at erasure and at import, on records normalised the same way.
 */
import { canonicalRow } from './diff';
import type { NormalizedRecord } from './types';

export function matchKeys(
	n: Pick<
		NormalizedRecord,
		'emails' | 'phones' | 'siret' | 'rna' | 'name' | 'communeCode' | 'communeKey' | 'postcode'
	>,
	raw?: Readonly<Record<string, string>>
): string[] {
	const keys: string[] = [];
	if (raw !== undefined && Object.values(raw).some((v) => v.trim() !== ''))
		keys.push(`row:${canonicalRow(raw)}`);
	for (const e of n.emails) keys.push(`email:${e}`);
	for (const p of n.phones) keys.push(`phone:${p}`);
	if (n.siret !== null) keys.push(`siret:${n.siret}`);
	if (n.rna !== null) keys.push(`rna:${n.rna}`);
	const words = [...new Set(n.name.fullTokens)].sort().join(' ');
	if (words !== '') {
		const places = [
			n.communeCode === null ? null : `insee:${n.communeCode}`,
			n.communeKey === null ? null : `commune:${n.communeKey}`,
			n.postcode === null ? null : `cp:${n.postcode}`
		].filter((p): p is string => p !== null);
		if (places.length === 0) keys.push(`name:${words}|`);
		for (const p of places) keys.push(`name:${words}|${p}`);
	}
	return [...new Set(keys)];
}

/**
 * The keys worth keeping for an erased actor: those of its rows (and of its own values) that no
 * row of another actor carries. A key shared with another actor does not single the person out
 * (a common switchboard, a homonym in the same commune): keeping it would make every later import
 * drop that other actor's rows too.
 */
export function suppressionKeys(
	erased: readonly (readonly string[])[],
	others: readonly (readonly string[])[]
): string[] {
	const taken = new Set<string>();
	for (const keys of others) for (const k of keys) taken.add(k);
	const out = new Set<string>();
	for (const keys of erased) for (const k of keys) if (!taken.has(k)) out.add(k);
	return [...out].sort();
}
