import type {
	HumanDecision,
	NormalizedRecord,
	PairOutcome,
	SourceListing,
	SourceRecord
} from './types';
import { recordRef } from './types';
import { normalizeRecord, type CommunePlace } from './normalize';
import { candidatePairs } from './blocking';
import { scorePair, TokenWeights, type Comparison } from './score';
import { ConstrainedClusters } from './cluster';
import { mergeActor, type MergedActor } from './merge';
import { departmentOfCode, type CommuneIndex } from './communes';

export interface Thresholds {
	/** At or above: the same actor, merged automatically. */
	same: number;
	/** At or above (and below `same`): left for a person. Below: different. */
	review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { same: 7, review: 3 };

export interface CensusOptions {
	communes?: CommuneIndex | null;
	decisions?: readonly HumanDecision[];
	thresholds?: Thresholds;
	maxBlock?: number;
	/** Called between stages, e.g. to sample memory in a benchmark. */
	onStage?: (stage: Stage) => void;
}

export type Stage = 'normalise' | 'block' | 'score' | 'cluster' | 'merge';

export interface ReviewPair {
	a: number;
	b: number;
	score: number;
	comparisons: Comparison[];
}

export interface CensusStats {
	records: number;
	actors: number;
	candidatePairs: number;
	automaticMerges: number;
	humanMerges: number;
	blockedByIdentifier: number;
	reviewPairs: number;
	skippedBlocks: number;
	timings: Record<Stage, number>;
}

export interface CensusResult {
	records: NormalizedRecord[];
	/** Record index → actor index. */
	actorOf: Int32Array;
	actors: MergedActor[];
	reviews: ReviewPair[];
	stats: CensusStats;
}

export function classify(score: number, conflict: boolean, t: Thresholds): PairOutcome {
	if (score >= t.same && !conflict) return 'same';
	if (score >= t.review) return 'review';
	return 'different';
}

export function normalizeListings(
	listings: readonly SourceListing[],
	communes: CommuneIndex | null
): NormalizedRecord[] {
	const records: NormalizedRecord[] = [];
	const sources: { rec: SourceRecord; listing: SourceListing }[] = [];
	const placeCache = new Map<string, CommunePlace>();
	for (const listing of listings) {
		for (const rec of listing.records) {
			records.push(
				normalizeRecord(rec, listing.roles, records.length, {
					communes,
					priority: listing.priority ?? 0,
					placeCache
				})
			);
			sources.push({ rec, listing });
		}
	}
	if (communes === null) return records;
	// A commune name shared by several departments ("Rousson" in the Gard and in the Yonne)
	// is read in the departments where the listings' other communes lie.
	const perDepartment = new Map<string, number>();
	let resolved = 0;
	for (const r of records) {
		if (r.communeCode === null) continue;
		const d = departmentOfCode(r.communeCode);
		perDepartment.set(d, (perDepartment.get(d) ?? 0) + 1);
		resolved++;
	}
	const departments = [...perDepartment].filter(([, n]) => n >= resolved * 0.1).map(([d]) => d);
	if (departments.length === 0) return records;
	const territoryCache = new Map<string, CommunePlace>();
	for (let i = 0; i < records.length; i++) {
		const r = records[i]!;
		if (r.communeCode !== null || r.display.commune === undefined) continue;
		const { rec, listing } = sources[i]!;
		records[i] = normalizeRecord(rec, listing.roles, i, {
			communes,
			priority: listing.priority ?? 0,
			departments,
			placeCache: territoryCache
		});
	}
	return records;
}

/**
 * The census: normalise every record, compare the candidate pairs from blocking, join the
 * pairs scored "same" (best first, never across conflicting identifiers or a person's "not the
 * same"), leave the uncertain ones for review, and merge each cluster into an actor.
 */
export function runCensus(
	listings: readonly SourceListing[],
	options: CensusOptions = {}
): CensusResult {
	const t = options.thresholds ?? DEFAULT_THRESHOLDS;
	const timings: Record<Stage, number> = { normalise: 0, block: 0, score: 0, cluster: 0, merge: 0 };
	let t0 = performance.now();
	const lap = (stage: Stage): void => {
		const now = performance.now();
		timings[stage] = now - t0;
		options.onStage?.(stage);
		t0 = performance.now();
	};

	const records = normalizeListings(listings, options.communes ?? null);
	const weights = new TokenWeights();
	for (const r of records) weights.add(r.name.tokens);
	lap('normalise');

	const pairs = candidatePairs(records, options.maxBlock);
	lap('block');

	const scores = new Float64Array(pairs.count);
	const conflicts = new Uint8Array(pairs.count);
	for (let k = 0; k < pairs.count; k++) {
		const s = scorePair(records[pairs.a[k]!]!, records[pairs.b[k]!]!, weights);
		scores[k] = s.score;
		conflicts[k] = s.conflict ? 1 : 0;
	}
	lap('score');

	const clusters = new ConstrainedClusters(records);
	const byRef = new Map<string, number>();
	for (const r of records) byRef.set(recordRef(r.file, r.row), r.index);
	let humanMerges = 0;
	for (const d of options.decisions ?? []) {
		const i = byRef.get(d.a);
		const j = byRef.get(d.b);
		if (i === undefined || j === undefined || i === j) continue;
		if (d.decision === 'different') clusters.forbid(i, j);
	}
	for (const d of options.decisions ?? []) {
		const i = byRef.get(d.a);
		const j = byRef.get(d.b);
		if (i === undefined || j === undefined || d.decision !== 'same') continue;
		if (clusters.union(i, j, true)) humanMerges++;
	}
	const order: number[] = [];
	for (let k = 0; k < pairs.count; k++) if (scores[k]! >= t.review) order.push(k);
	order.sort((x, y) => scores[y]! - scores[x]!);
	let automaticMerges = 0;
	let blockedByIdentifier = 0;
	const reviewCandidates: number[] = [];
	for (const k of order) {
		const i = pairs.a[k]!;
		const j = pairs.b[k]!;
		const outcome = classify(scores[k]!, conflicts[k] === 1, t);
		if (outcome === 'same') {
			const obstacle = clusters.obstacle(i, j);
			if (obstacle === null) {
				if (clusters.union(i, j)) automaticMerges++;
			} else if (obstacle === 'identifier') {
				blockedByIdentifier++;
				reviewCandidates.push(k);
			}
		} else if (outcome === 'review') reviewCandidates.push(k);
	}
	// One review per pair of clusters: the strongest link between them.
	const reviews: ReviewPair[] = [];
	const seen = new Set<string>();
	const decided = new Set<string>();
	for (const d of options.decisions ?? []) {
		decided.add(`${d.a}|${d.b}`);
		decided.add(`${d.b}|${d.a}`);
	}
	for (const k of reviewCandidates) {
		const i = pairs.a[k]!;
		const j = pairs.b[k]!;
		const ci = clusters.find(i);
		const cj = clusters.find(j);
		if (ci === cj || clusters.obstacle(i, j) === 'decision') continue;
		const key = ci < cj ? `${ci}:${cj}` : `${cj}:${ci}`;
		if (seen.has(key)) continue;
		const ra = records[i]!;
		const rb = records[j]!;
		if (decided.has(`${recordRef(ra.file, ra.row)}|${recordRef(rb.file, rb.row)}`)) continue;
		seen.add(key);
		const comparisons: Comparison[] = [];
		scorePair(ra, rb, weights, comparisons);
		reviews.push({ a: i, b: j, score: scores[k]!, comparisons });
	}
	lap('cluster');

	const actorOf = new Int32Array(records.length).fill(-1);
	const members: number[][] = [];
	const rootActor = new Map<number, number>();
	for (let i = 0; i < records.length; i++) {
		const root = clusters.find(i);
		let a = rootActor.get(root);
		if (a === undefined) {
			a = members.length;
			rootActor.set(root, a);
			members.push([]);
		}
		members[a]!.push(i);
		actorOf[i] = a;
	}
	const width = String(members.length).length;
	const actors = members.map((m, a) =>
		mergeActor(
			'A' + String(a + 1).padStart(Math.max(5, width), '0'),
			m.map((i) => records[i]!)
		)
	);
	lap('merge');

	return {
		records,
		actorOf,
		actors,
		reviews,
		stats: {
			records: records.length,
			actors: actors.length,
			candidatePairs: pairs.count,
			automaticMerges,
			humanMerges,
			blockedByIdentifier,
			reviewPairs: reviews.length,
			skippedBlocks: pairs.skippedBlocks.length,
			timings
		}
	};
}

/** Explains one pair, for a person or a test. */
export function explainPair(
	result: CensusResult,
	i: number,
	j: number
): { score: number; comparisons: Comparison[] } {
	const weights = new TokenWeights();
	for (const r of result.records) weights.add(r.name.tokens);
	const comparisons: Comparison[] = [];
	const s = scorePair(result.records[i]!, result.records[j]!, weights, comparisons);
	return { score: s.score, comparisons };
}
