/**
 * The pure rules behind ActorPicker.svelte: what a choice does to the list of chosen actors,
 * where ↑/↓ move the active option, and the search URL. Kept apart so they are tested without a
 * DOM.
 */

export interface PickedActor {
	id: string;
	name: string;
}

/** One row of GET /t/<slug>/actors/search. */
export interface ActorSearchHit extends PickedActor {
	kind: string;
	communeName: string | null;
}

/** Below this, typing does not search (one letter matches most of the census). */
export const MIN_QUERY_CHARS = 2;
export const SEARCH_DEBOUNCE_MS = 200;

/** Single mode replaces the choice; multiple mode adds it once. */
export function choose(
	chosen: readonly PickedActor[],
	actor: PickedActor,
	multiple: boolean
): PickedActor[] {
	const picked = { id: actor.id, name: actor.name };
	if (!multiple) return [picked];
	return chosen.some((a) => a.id === actor.id) ? [...chosen] : [...chosen, picked];
}

export function unchoose(chosen: readonly PickedActor[], id: string): PickedActor[] {
	return chosen.filter((a) => a.id !== id);
}

/** Hits not already chosen (offering them again would do nothing). */
export function freshHits<T extends PickedActor>(
	hits: readonly T[],
	chosen: readonly PickedActor[]
): T[] {
	const taken = new Set(chosen.map((a) => a.id));
	return hits.filter((h) => !taken.has(h.id));
}

/** ↓ from nothing goes to the first option, ↑ from nothing to the last; both wrap around. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
	if (count === 0) return -1;
	if (active < 0 || active >= count) return step === 1 ? 0 : count - 1;
	return (active + step + count) % count;
}

/** `searchUrl` with `q` set, whether or not it already carries a query string. */
export function searchHref(searchUrl: string, query: string): string {
	const [path, existing = ''] = searchUrl.split('?', 2) as [string, string?];
	const params = new URLSearchParams(existing);
	params.set('q', query);
	return `${path}?${params}`;
}
