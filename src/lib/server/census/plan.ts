/**
 * Rebuild of a territory's census, computed outside any transaction: the engine runs on every
 * row of every listing with the human decisions, then `reconcileActors` keeps actor ids stable,
 * and the plan lists only what changes. `write.ts` applies it in one transaction.
 */
import { runCensus, type CensusResult } from '../../domain/census/engine';
import type { CommuneIndex } from '../../domain/census/communes';
import type { HumanDecision, NormalizedRecord, SourceListing } from '../../domain/census/types';
import { reconcileActors } from '../../domain/census/reconcile';
import {
	actorFields,
	TEXT_FIELDS,
	type ActorFieldValues,
	type RecordPlacement
} from '../../domain/census/actor-fields';
import type { AbsorbedRow, ActorState, CensusState, RecordRow } from './state';

export interface ActorWrite extends ActorFieldValues {
	id: string;
	origin: 'kept' | 'restored' | 'new';
	recordIds: string[];
}

export interface ReviewWrite {
	record_a: string;
	record_b: string;
	score: number;
	comparisons: unknown[];
}

export interface CensusPlan {
	version: number;
	/** Records whose actor changes: id → new actor. */
	recordActor: { id: string; actor_id: string }[];
	insertActors: ActorWrite[];
	updateActors: ActorWrite[];
	absorb: { actorId: string; into: string; recordIds: string[] }[];
	restored: AbsorbedRow[];
	reviews: ReviewWrite[];
	stats: {
		records: number;
		actors: number;
		automaticMerges: number;
		humanMerges: number;
		reviewPairs: number;
		engineMs: number;
	};
}

/** Builds the engine's listings: `file` is the source id, `row` the position in this run. */
export function toListings(state: Pick<CensusState, 'sources' | 'records'>): {
	listings: SourceListing[];
	refToRecord: Map<string, RecordRow>;
	recordRef: Map<string, string>;
} {
	const bySource = new Map<string, RecordRow[]>();
	for (const r of state.records) {
		let list = bySource.get(r.source_id);
		if (list === undefined) bySource.set(r.source_id, (list = []));
		list.push(r);
	}
	const refToRecord = new Map<string, RecordRow>();
	const recordRef = new Map<string, string>();
	const listings: SourceListing[] = [];
	for (const s of state.sources) {
		// Row order decides ties when fields are merged: it must not depend on how rows were loaded.
		const rows = (bySource.get(s.id) ?? []).sort(
			(x, y) => x.row_number - y.row_number || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
		);
		listings.push({
			file: s.id,
			roles: s.column_mapping,
			priority: s.priority,
			records: rows.map((r, k) => {
				const ref = `${s.id}#${k + 1}`;
				refToRecord.set(ref, r);
				recordRef.set(r.id, ref);
				return { file: s.id, row: k + 1, raw: r.raw };
			})
		});
	}
	return { listings, refToRecord, recordRef };
}

function placementOf(record: RecordRow | undefined, n: NormalizedRecord): RecordPlacement | null {
	if (n.lat !== null && n.lon !== null) return { lng: n.lon, lat: n.lat, quality: 'exact' };
	const g = record?.geocode;
	if (g && Number.isFinite(g.lng) && Number.isFinite(g.lat))
		return { lng: g.lng, lat: g.lat, quality: g.quality };
	return null;
}

const SAME_EPSILON = 1e-7;

function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

export function actorChanged(before: ActorState, after: ActorFieldValues): boolean {
	for (const k of [...TEXT_FIELDS, 'location_quality'] as const) {
		if ((before[k] ?? null) !== (after[k] ?? null)) return true;
	}
	if (!sameJson([...before.tags].sort(), [...after.tags].sort())) return true;
	if ((before.lng === null) !== (after.lng === null)) return true;
	if (before.lng !== null && after.lng !== null) {
		if (Math.abs(before.lng - after.lng) > SAME_EPSILON) return true;
		if (Math.abs(before.lat! - after.lat!) > SAME_EPSILON) return true;
	}
	return !sameJson(sortKeys(before.provenance), sortKeys(after.provenance));
}

function sortKeys(o: Record<string, unknown>): unknown {
	return Object.keys(o)
		.sort()
		.map((k) => [k, o[k]]);
}

export function planCensus(
	state: CensusState,
	communes: CommuneIndex | null,
	newId: () => string = () => crypto.randomUUID()
): CensusPlan {
	const { listings, refToRecord, recordRef } = toListings(state);
	const decisions: HumanDecision[] = [];
	for (const d of state.decisions) {
		const a = recordRef.get(d.record_a);
		const b = recordRef.get(d.record_b);
		if (a !== undefined && b !== undefined) decisions.push({ a, b, decision: d.decision });
	}
	const t0 = performance.now();
	const result: CensusResult = runCensus(listings, { communes, decisions });
	const engineMs = performance.now() - t0;
	const recordOf = (n: NormalizedRecord): RecordRow => refToRecord.get(`${n.file}#${n.row}`)!;

	const clusters = result.actors.map((a) => a.records.map((i) => recordOf(result.records[i]!).id));
	const actorOf = new Map<string, string>();
	for (const r of state.records) if (r.actor_id !== null) actorOf.set(r.id, r.actor_id);
	const actorAge = new Map<string, number>();
	let age = 0;
	for (const id of state.actors.keys()) actorAge.set(id, age++);
	const reconciled = reconcileActors({
		clusters,
		actorOf,
		actorAge,
		absorbed: state.absorbed.map((a) => ({ actorId: a.actor_id, recordIds: a.record_ids })),
		newId
	});
	const absorbedById = new Map(state.absorbed.map((a) => [a.actor_id, a]));
	// The records each absorbed actor had, gathered in one pass (kept in its snapshot).
	const formerRecords = new Map<string, string[]>(reconciled.absorbed.map((a) => [a.actorId, []]));
	for (const r of state.records) if (r.actor_id !== null) formerRecords.get(r.actor_id)?.push(r.id);

	const plan: CensusPlan = {
		version: state.version,
		recordActor: [],
		insertActors: [],
		updateActors: [],
		absorb: reconciled.absorbed.map((a) => ({ ...a, recordIds: formerRecords.get(a.actorId)! })),
		restored: [],
		reviews: [],
		stats: {
			records: result.stats.records,
			actors: result.stats.actors,
			automaticMerges: result.stats.automaticMerges,
			humanMerges: result.stats.humanMerges,
			reviewPairs: result.stats.reviewPairs,
			engineMs
		}
	};
	const refOf = (ref: string): { id: string; sourceId: string } => {
		const r = refToRecord.get(ref)!;
		return { id: r.id, sourceId: r.source_id };
	};
	result.actors.forEach((merged, c) => {
		const assigned = reconciled.actors[c]!;
		const members = merged.records.map((i) => result.records[i]!);
		const before = state.actors.get(assigned.actorId);
		const restored =
			assigned.origin === 'restored' ? absorbedById.get(assigned.actorId) : undefined;
		const overrides = (before?.overrides ??
			(restored?.snapshot.overrides as ActorState['overrides'] | undefined) ??
			{}) as ActorState['overrides'];
		const fields = actorFields(
			merged,
			members,
			refOf,
			(n) => placementOf(refToRecord.get(`${n.file}#${n.row}`), n),
			overrides
		);
		const write: ActorWrite = {
			...fields,
			id: assigned.actorId,
			origin: assigned.origin,
			recordIds: clusters[c]!
		};
		if (assigned.origin === 'kept' && before !== undefined) {
			if (actorChanged(before, fields)) plan.updateActors.push(write);
		} else {
			plan.insertActors.push(write);
			if (restored !== undefined) plan.restored.push(restored);
		}
		for (const id of clusters[c]!) {
			if (actorOf.get(id) !== assigned.actorId)
				plan.recordActor.push({ id, actor_id: assigned.actorId });
		}
	});
	for (const r of result.reviews) {
		const a = recordOf(result.records[r.a]!).id;
		const b = recordOf(result.records[r.b]!).id;
		plan.reviews.push({
			record_a: a < b ? a : b,
			record_b: a < b ? b : a,
			score: Math.round(r.score * 100) / 100,
			comparisons: r.comparisons
		});
	}
	return plan;
}
