/**
 * Keeps actor ids stable across rebuilds of the census. The engine returns clusters of records;
 * the database already holds actors that events, links and offers point to. Each cluster takes:
 * 1. the actor a merge once absorbed, when the cluster holds exactly that actor's records again
 *    (an unmerge brings it back as it was);
 * 2. otherwise the current actor holding most of its records (ties: the oldest actor);
 * 3. otherwise a new id.
 * A current actor left without a cluster was merged into another: it is absorbed by the actor
 * that took most of its records.
 */

export interface ReconcileInput {
	/** Record ids of each cluster. */
	clusters: readonly (readonly string[])[];
	/** Current actor of each record that has one. */
	actorOf: ReadonlyMap<string, string>;
	/** Current actors from oldest to newest (tie-break). */
	actorAge: ReadonlyMap<string, number>;
	/** Actors absorbed by earlier merges, with the records they had. */
	absorbed: readonly { actorId: string; recordIds: readonly string[] }[];
	newId: () => string;
}

export type ClusterActor =
	| { origin: 'kept'; actorId: string }
	| { origin: 'restored'; actorId: string }
	| { origin: 'new'; actorId: string };

export interface ReconcileResult {
	/** One per cluster, same order. */
	actors: ClusterActor[];
	/** Current actors that lose all their records, and the actor they are folded into. */
	absorbed: { actorId: string; into: string }[];
}

export function recordSetKey(ids: readonly string[]): string {
	return [...ids].sort().join(',');
}

export function reconcileActors(input: ReconcileInput): ReconcileResult {
	const result: (ClusterActor | null)[] = input.clusters.map(() => null);
	const taken = new Set<string>();

	const absorbedByKey = new Map<string, string>();
	for (const a of input.absorbed) absorbedByKey.set(recordSetKey(a.recordIds), a.actorId);
	input.clusters.forEach((ids, c) => {
		const id = absorbedByKey.get(recordSetKey(ids));
		if (id !== undefined && !taken.has(id) && !input.actorAge.has(id)) {
			result[c] = { origin: 'restored', actorId: id };
			taken.add(id);
		}
	});

	const overlaps: { cluster: number; actor: string; count: number }[] = [];
	input.clusters.forEach((ids, c) => {
		if (result[c] !== null) return;
		const counts = new Map<string, number>();
		for (const r of ids) {
			const a = input.actorOf.get(r);
			if (a !== undefined) counts.set(a, (counts.get(a) ?? 0) + 1);
		}
		for (const [actor, count] of counts) overlaps.push({ cluster: c, actor, count });
	});
	const age = (a: string): number => input.actorAge.get(a) ?? Number.MAX_SAFE_INTEGER;
	overlaps.sort(
		(x, y) =>
			y.count - x.count ||
			age(x.actor) - age(y.actor) ||
			(x.actor < y.actor ? -1 : x.actor > y.actor ? 1 : 0) ||
			x.cluster - y.cluster
	);
	for (const o of overlaps) {
		if (result[o.cluster] !== null || taken.has(o.actor)) continue;
		result[o.cluster] = { origin: 'kept', actorId: o.actor };
		taken.add(o.actor);
	}
	const actors = result.map((r) => r ?? { origin: 'new' as const, actorId: input.newId() });

	// Current actors with records but no cluster any more: folded into the actor holding most of
	// their former records.
	const lost = new Map<string, Map<string, number>>();
	input.clusters.forEach((ids, c) => {
		for (const r of ids) {
			const before = input.actorOf.get(r);
			if (before === undefined || taken.has(before)) continue;
			let m = lost.get(before);
			if (m === undefined) lost.set(before, (m = new Map()));
			const now = actors[c]!.actorId;
			m.set(now, (m.get(now) ?? 0) + 1);
		}
	});
	const absorbed: ReconcileResult['absorbed'] = [];
	for (const [actorId, into] of lost) {
		const best = [...into].sort((x, y) => y[1] - x[1] || age(x[0]) - age(y[0]))[0]!;
		absorbed.push({ actorId, into: best[0] });
	}
	absorbed.sort((x, y) => (x.actorId < y.actorId ? -1 : 1));
	return { actors, absorbed };
}
