/**
 * The order in which the review queue shows the pairs the engine left for a person.
 *
 * "Most useful first" means:
 * 1. the pair a person just took a decision back on (undo), so they can decide it again;
 * 2. then by likelihood, in bands of one point of score (the engine's log-odds): the likeliest
 *    duplicates first — they are the quickest to decide and the most often right to merge;
 * 3. within a band, the pairs whose two actors gather more records first: one decision there
 *    settles more rows of the census;
 * 4. then the exact score, then a stable key (so two loads show the same order);
 * 5. pairs the person skipped during this session go last, in the order they were skipped (the
 *    one skipped most recently at the very end).
 */

export interface QueuedPair {
	recordA: string;
	recordB: string;
	score: number;
	/** Records of the two current actors together: what a "same" decision would gather. */
	gathered: number;
}

export interface QueueOptions {
	/** Keys (`pairKey`) of the pairs skipped this session, oldest skip first. */
	skipped?: readonly string[];
	/** Record ids a person just withdrew a decision on: a pair touching one of them comes first. */
	first?: readonly string[];
}

const KEY_PART = 8;
const KEY = /^[0-9a-f]{16}$/;
/** Skips remembered in the address: enough for a session, short enough for any server. */
export const MAX_SKIPS = 200;

/**
 * A short key of a pair, as the skip list carries it in the page address. Eight hex digits of
 * each (random) uuid: two pairs sharing one would only both be pushed back, nothing worse.
 */
export function pairKey(recordA: string, recordB: string): string {
	return (recordA.slice(0, KEY_PART) + recordB.slice(0, KEY_PART)).toLowerCase();
}

/** The skip list from the page address (`skip=k1,k2,…`): valid keys, last occurrence kept. */
export function parseSkipped(value: string | null | undefined): string[] {
	if (!value) return [];
	return mergeSkipped(
		value
			.split(',')
			.map((k) => k.trim().toLowerCase())
			.filter((k) => KEY.test(k))
	);
}

/**
 * Joins skip lists in time order; a pair skipped again moves to the end. At most MAX_SKIPS are
 * kept (the most recent).
 */
export function mergeSkipped(...lists: (readonly string[])[]): string[] {
	const all = lists.flat();
	const last = new Map<string, number>();
	all.forEach((k, i) => last.set(k, i));
	const out = all.filter((k, i) => last.get(k) === i);
	return out.length > MAX_SKIPS ? out.slice(out.length - MAX_SKIPS) : out;
}

function compareUseful(x: QueuedPair, y: QueuedPair): number {
	return (
		Math.floor(y.score) - Math.floor(x.score) ||
		y.gathered - x.gathered ||
		y.score - x.score ||
		(x.recordA < y.recordA ? -1 : x.recordA > y.recordA ? 1 : 0) ||
		(x.recordB < y.recordB ? -1 : x.recordB > y.recordB ? 1 : 0)
	);
}

/** The queue, most useful first (see the module comment). Does not change its input. */
export function orderReviewQueue<T extends QueuedPair>(
	pairs: readonly T[],
	options: QueueOptions = {}
): T[] {
	const skipRank = new Map<string, number>();
	(options.skipped ?? []).forEach((k, i) => skipRank.set(k, i));
	const first = new Set(options.first ?? []);
	const rank = (p: T): number =>
		first.has(p.recordA) || first.has(p.recordB)
			? 0
			: skipRank.has(pairKey(p.recordA, p.recordB))
				? 2
				: 1;
	return [...pairs].sort((x, y) => {
		const rx = rank(x);
		const ry = rank(y);
		if (rx !== ry) return rx - ry;
		if (rx === 2)
			return (
				skipRank.get(pairKey(x.recordA, x.recordB))! - skipRank.get(pairKey(y.recordA, y.recordB))!
			);
		return compareUseful(x, y);
	});
}

/**
 * The pairs already in order with this session's skips moved to the end (in skip order): what
 * the page does in the browser when a person skips, without asking the server again.
 */
export function withSkippedLast<T extends Pick<QueuedPair, 'recordA' | 'recordB'>>(
	pairs: readonly T[],
	skipped: readonly string[]
): T[] {
	const skipRank = new Map<string, number>();
	skipped.forEach((k, i) => skipRank.set(k, i));
	const kept: T[] = [];
	const pushed: T[] = [];
	for (const p of pairs) (skipRank.has(pairKey(p.recordA, p.recordB)) ? pushed : kept).push(p);
	pushed.sort(
		(x, y) =>
			skipRank.get(pairKey(x.recordA, x.recordB))! - skipRank.get(pairKey(y.recordA, y.recordB))!
	);
	return [...kept, ...pushed];
}
