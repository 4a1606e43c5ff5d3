/**
 * Listings overlap: which actors appear in which imported listings.
 *
 * An actor appears in a listing when one of its source records belongs to that listing. From the
 * (actor, listing) memberships this computes the three views of the overlap page:
 * - the pairwise matrix (actors in both listings i and j; the diagonal is the size of listing i),
 * - the UpSet intersections: every exact combination of listings that occurs, with its count,
 * - per listing, the actors found only there ("exclusifs").
 * Actors with no record at all (entered by hand) form their own group, outside every listing.
 *
 * A membership is "gone" when every record of the actor in that listing is marked gone, i.e. the
 * actor was in an earlier version of the listing but not in the last one imported. Gone
 * memberships still count everywhere (the actor was in the listing); they are flagged apart.
 */

export interface OverlapListing {
	id: string;
	name: string;
}

export interface OverlapActor {
	id: string;
	name: string;
}

export interface ListingMembership {
	actorId: string;
	sourceId: string;
	/** Every record of this actor in this listing is gone (absent from its last version). */
	gone?: boolean;
}

export interface OverlapInput {
	/** The listings in display order; matrix rows, intersection indexes and groups follow it. */
	listings: readonly OverlapListing[];
	memberships: readonly ListingMembership[];
	/** Every actor of the territory (names for the lists; those without a listing are "unlisted"). */
	actors: readonly OverlapActor[];
}

export interface OverlapOptions {
	/** At most this many actor names per exclusive group and in the unlisted group (default: all). */
	nameLimit?: number;
	/** Collation of actor names (default: French, accents and case ignored, numbers by value). */
	locale?: string;
}

export interface ListingSummary extends OverlapListing {
	/** Actors appearing in this listing (the matrix diagonal). */
	actorCount: number;
	/** Of those, actors absent from the last version of the listing. */
	goneCount: number;
	/** Of those, actors found in no other listing. */
	exclusiveCount: number;
}

export interface Intersection {
	/** Indexes into `listings`, ascending: the exact set of listings these actors appear in. */
	listings: number[];
	count: number;
	/** Of those actors, how many are absent from the last version of at least one of the listings. */
	goneCount: number;
}

export interface NamedActor extends OverlapActor {
	/** Absent from the last version of the listing (exclusive groups only; false elsewhere). */
	gone: boolean;
}

export interface ActorGroup {
	/** Actors in the group, whether or not their names are listed. */
	total: number;
	/** Sorted by name, at most `nameLimit` of them. */
	actors: NamedActor[];
}

export interface ExclusiveGroup extends ActorGroup {
	/** Index into `listings`. */
	listing: number;
	/** Actors of the group absent from the last version of the listing. */
	goneTotal: number;
}

export interface Overlap {
	listings: ListingSummary[];
	/** matrix[i][j]: actors in both listing i and listing j; matrix[i][i] is listing i's size. */
	matrix: number[][];
	/** Every combination that occurs, largest first. */
	intersections: Intersection[];
	/** One group per listing, in listing order, empty groups included. */
	exclusives: ExclusiveGroup[];
	/** Actors with no record in any listing (entered by hand). */
	unlisted: ActorGroup;
	/** Actors appearing in at least one listing. */
	listedCount: number;
}

/**
 * Computes the overlap. Memberships naming a listing or an actor missing from the input are
 * ignored (rows the caller cannot see); a repeated (actor, listing) pair counts once and is gone
 * only if every copy is.
 */
export function computeOverlap(input: OverlapInput, options: OverlapOptions = {}): Overlap {
	const nameLimit = options.nameLimit ?? Number.POSITIVE_INFINITY;
	const collator = new Intl.Collator(options.locale ?? 'fr', {
		sensitivity: 'base',
		numeric: true
	});
	const byName = (a: OverlapActor, b: OverlapActor) =>
		collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

	const n = input.listings.length;
	const listingIndex = new Map<string, number>();
	input.listings.forEach((listing, i) => {
		if (!listingIndex.has(listing.id)) listingIndex.set(listing.id, i);
	});
	const actorsById = new Map<string, OverlapActor>();
	for (const actor of input.actors) actorsById.set(actor.id, actor);

	// actor id -> listing index -> gone
	const perActor = new Map<string, Map<number, boolean>>();
	for (const m of input.memberships) {
		const i = listingIndex.get(m.sourceId);
		if (i === undefined || !actorsById.has(m.actorId)) continue;
		let listings = perActor.get(m.actorId);
		if (!listings) perActor.set(m.actorId, (listings = new Map()));
		const gone = m.gone === true;
		const previous = listings.get(i);
		listings.set(i, previous === undefined ? gone : previous && gone);
	}

	const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	const goneCounts = new Array<number>(n).fill(0);
	const combos = new Map<string, Intersection>();
	const exclusiveActors: NamedActor[][] = Array.from({ length: n }, () => []);

	for (const [actorId, listings] of perActor) {
		const indexes = [...listings.keys()].sort((a, b) => a - b);
		let anyGone = false;
		for (const i of indexes) {
			const row = matrix[i]!;
			for (const j of indexes) row[j]! += 1;
			if (listings.get(i)) {
				goneCounts[i]! += 1;
				anyGone = true;
			}
		}
		const key = indexes.join(',');
		let combo = combos.get(key);
		if (!combo) combos.set(key, (combo = { listings: indexes, count: 0, goneCount: 0 }));
		combo.count += 1;
		if (anyGone) combo.goneCount += 1;
		if (indexes.length === 1) {
			const actor = actorsById.get(actorId)!;
			exclusiveActors[indexes[0]!]!.push({ id: actor.id, name: actor.name, gone: anyGone });
		}
	}

	const intersections = [...combos.values()].sort(compareIntersections);

	const exclusives: ExclusiveGroup[] = exclusiveActors.map((actors, listing) => {
		actors.sort(byName);
		return {
			listing,
			total: actors.length,
			goneTotal: actors.filter((a) => a.gone).length,
			actors: actors.slice(0, nameLimit)
		};
	});

	const unlistedActors = input.actors.filter((a) => !perActor.has(a.id));
	const uniqueUnlisted = [...new Map(unlistedActors.map((a) => [a.id, a])).values()].sort(byName);

	return {
		listings: input.listings.map((listing, i) => ({
			id: listing.id,
			name: listing.name,
			actorCount: matrix[i]![i]!,
			goneCount: goneCounts[i]!,
			exclusiveCount: exclusives[i]!.total
		})),
		matrix,
		intersections,
		exclusives,
		unlisted: {
			total: uniqueUnlisted.length,
			actors: uniqueUnlisted
				.slice(0, nameLimit)
				.map((a) => ({ id: a.id, name: a.name, gone: false }))
		},
		listedCount: perActor.size
	};
}

/** Largest first; equal counts: fewer listings first, then by listing order. */
function compareIntersections(a: Intersection, b: Intersection): number {
	if (a.count !== b.count) return b.count - a.count;
	if (a.listings.length !== b.listings.length) return a.listings.length - b.listings.length;
	for (let k = 0; k < a.listings.length; k++) {
		const d = a.listings[k]! - b.listings[k]!;
		if (d !== 0) return d;
	}
	return 0;
}

export interface CappedIntersections {
	shown: Intersection[];
	/** What the cap left out, summed; null when nothing was. */
	others: { combinations: number; count: number; goneCount: number } | null;
}

/** Keeps the `max` largest combinations (already sorted) and sums up the rest. */
export function capIntersections(
	intersections: readonly Intersection[],
	max = 20
): CappedIntersections {
	const limit = Math.max(0, Math.floor(max));
	const shown = intersections.slice(0, limit);
	const rest = intersections.slice(limit);
	if (rest.length === 0) return { shown, others: null };
	return {
		shown,
		others: {
			combinations: rest.length,
			count: rest.reduce((sum, c) => sum + c.count, 0),
			goneCount: rest.reduce((sum, c) => sum + c.goneCount, 0)
		}
	};
}

/**
 * Share of listing `row`'s actors that also appear in listing `column` (0 to 1): what the matrix
 * shading shows, so that a small listing fully contained in a big one reads as dark.
 */
export function overlapShare(matrix: readonly (readonly number[])[], row: number, column: number) {
	const total = matrix[row]?.[row] ?? 0;
	if (total === 0) return 0;
	return (matrix[row]?.[column] ?? 0) / total;
}
