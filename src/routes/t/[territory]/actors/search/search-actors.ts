/**
 * Actor search by name, for pickers (ActorPicker) and quick look-ups: accent-, case- and
 * apostrophe-insensitive, every word typed must appear in the name (« salle blauzac » finds
 * « Salle des fêtes de Blauzac »), best matches first. Runs as the user: RLS decides which
 * actors are visible.
 */
import type { Tx } from '$lib/server/db/types';
import type { ActorKind } from '$lib/domain/actor-kinds';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;
/** Longer than any name; a pasted paragraph is cut rather than searched. */
const MAX_QUERY_CHARS = 100;
const MAX_WORDS = 8;

export interface ActorSearchRow {
	id: string;
	name: string;
	kind: ActorKind;
	communeCode: string | null;
}

/** The `limit` query parameter: default 20, between 1 and 50, anything else → the default. */
export function parseSearchLimit(raw: string | null): number {
	if (raw === null || !/^\d+$/.test(raw.trim())) return SEARCH_DEFAULT_LIMIT;
	const n = Number(raw.trim());
	if (n < 1) return SEARCH_DEFAULT_LIMIT;
	return Math.min(n, SEARCH_MAX_LIMIT);
}

/** The words of a query, LIKE wildcards escaped (accents and case are folded in SQL). */
export function searchWords(q: string): string[] {
	return q
		.slice(0, MAX_QUERY_CHARS)
		.split(/[\s,;]+/u)
		.map((w) => w.trim())
		.filter((w) => w.length > 0)
		.slice(0, MAX_WORDS)
		.map((w) => w.replace(/[\\%_]/g, '\\$&'));
}

// unaccent + lower + typographic apostrophe → ASCII, on both sides, so « l'Uzege » finds
// « Fab lab de l’Uzège ». Sequential on purpose: actor_name_trgm_idx is on the raw name and an
// accent-folded LIKE cannot use it; at census sizes (≤ 100k) the scan stays in the tens of ms.
const FOLD = (expr: string) => `translate(lower(extensions.unaccent(${expr})), '’‘´', '''''''')`;

export async function searchActors(
	tx: Tx,
	territoryId: string,
	q: string,
	limit: number
): Promise<ActorSearchRow[]> {
	const words = searchWords(q);
	if (words.length === 0) return [];
	const whole = q.slice(0, MAX_QUERY_CHARS).trim().replace(/\s+/g, ' ');
	const rows = await tx.query<{
		id: string;
		name: string;
		kind: ActorKind;
		commune_code: string | null;
	}>(
		`with q as (
		   select array(select ${FOLD('w')} from unnest($2::text[]) as w) as words,
		          ${FOLD('$3')} as whole
		 ),
		 hit as (
		   select a.id, a.name, a.kind, a.commune_code, ${FOLD('a.name')} as folded
		     from public.actor a, q
		    where a.territory_id = $1
		      and not exists (
		        select 1 from unnest(q.words) as w
		         where ${FOLD('a.name')} not like '%' || w || '%'
		      )
		 )
		 select hit.id, hit.name, hit.kind, hit.commune_code
		   from hit, q
		  order by (hit.folded = q.whole) desc,
		           (left(hit.folded, length(q.whole)) = q.whole) desc,
		           extensions.word_similarity(q.whole, hit.folded) desc,
		           length(hit.name), hit.name, hit.id
		  limit $4`,
		[territoryId, words, whole, limit]
	);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		communeCode: r.commune_code
	}));
}
