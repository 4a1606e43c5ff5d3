/**
 * Figures on a network graph: degrees, communities, how the worlds connect, the actors that
 * bridge worlds, and the worlds that never meet. Each takes the graph as built (and filtered) by
 * build.ts; the page's wording of each is in NETWORK_METHOD_KEYS (summary.ts).
 *
 * A « tie » below is a pair of actors joined by at least one edge, whatever its kinds and
 * weights: two actors who are partners and met at three events are one tie.
 */
import louvain from 'graphology-communities-louvain';
import type { NetworkGraph } from './types';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** French order for labels, then code units so that the order is total. */
export function compareFr(a: string, b: string): number {
	return collator.compare(a, b) || byCodeUnits(a, b);
}

/** Degree: the number of distinct actors an actor is tied to (parallel edges count once). */
export function degrees(graph: NetworkGraph): Map<string, number> {
	const out = new Map<string, number>();
	graph.forEachNode((id) => out.set(id, graph.neighbors(id).length));
	return out;
}

/**
 * mulberry32: a tiny seeded source in [0, 1) so that Louvain's random walk, and so the
 * communities, are the same for the same graph and seed.
 */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const DEFAULT_SEED = 7;

export interface CommunityOptions {
	seed?: number;
	/** Louvain's resolution: above 1, more and smaller communities. */
	resolution?: number;
}

/**
 * Communities by Louvain (graphology-communities-louvain, edge weights used, random walk driven
 * by `seed`). Actors with no tie belong to none (null): Louvain would give each its own
 * community of one, which says nothing. Communities are numbered 0, 1, 2… from the largest;
 * equal sizes by their smallest actor id, so the numbers are stable for the same partition.
 */
export function communities(
	graph: NetworkGraph,
	options: CommunityOptions = {}
): Map<string, number | null> {
	const out = new Map<string, number | null>();
	if (graph.order === 0) return out;
	const mapping = louvain(graph, {
		getEdgeWeight: 'weight',
		resolution: options.resolution ?? 1,
		rng: seededRandom(options.seed ?? DEFAULT_SEED)
	});
	const groups = new Map<number, string[]>();
	graph.forEachNode((id) => {
		if (graph.degree(id) === 0) {
			out.set(id, null);
			return;
		}
		const community = mapping[id]!;
		const members = groups.get(community);
		if (members) members.push(id);
		else groups.set(community, [id]);
	});
	const ordered = [...groups.values()]
		.map((members) => members.sort(byCodeUnits))
		.sort((a, b) => b.length - a.length || byCodeUnits(a[0]!, b[0]!));
	ordered.forEach((members, index) => {
		for (const id of members) out.set(id, index);
	});
	return out;
}

/**
 * The worlds × worlds matrix. `ties[i][j]` (symmetric): the ties between an actor carrying
 * world i and an actor carrying world j. An actor with several worlds counts for each, but a tie
 * counts at most once per pair of worlds. `ties[i][i]`: ties inside world i.
 */
export interface WorldMatrix {
	/** The worlds carried by at least one actor of the graph, in display order. */
	worlds: string[];
	/** Actors carrying each world. */
	actors: number[];
	ties: number[][];
}

/** Visit each tie once (each pair of neighbours, whatever the number of edges between them). */
export function forEachTie(graph: NetworkGraph, visit: (a: string, b: string) => void): void {
	graph.forEachNode((a) => {
		graph.forEachNeighbor(a, (b) => {
			if (a < b) visit(a, b);
		});
	});
}

/**
 * `order`: worlds to list first, in that order (e.g. the pairs of DESIGN.md side by side); the
 * others follow in French alphabetical order.
 */
export function worldMatrix(graph: NetworkGraph, order: readonly string[] = []): WorldMatrix {
	const carried = new Map<string, number>();
	graph.forEachNode((_, attributes) => {
		for (const world of attributes.worlds) carried.set(world, (carried.get(world) ?? 0) + 1);
	});
	const rank = new Map(order.map((world, i) => [world, i]));
	const worlds = [...carried.keys()].sort((a, b) => {
		const ra = rank.get(a);
		const rb = rank.get(b);
		if (ra !== undefined && rb !== undefined) return ra - rb;
		if (ra !== undefined || rb !== undefined) return ra !== undefined ? -1 : 1;
		return compareFr(a, b);
	});
	const index = new Map(worlds.map((world, i) => [world, i]));
	const ties = worlds.map(() => worlds.map(() => 0));
	forEachTie(graph, (a, b) => {
		const wa = graph.getNodeAttribute(a, 'worlds').map((w) => index.get(w)!);
		const wb = graph.getNodeAttribute(b, 'worlds').map((w) => index.get(w)!);
		const seen = new Set<number>();
		for (const i of wa) {
			for (const j of wb) {
				const [lo, hi] = i <= j ? [i, j] : [j, i];
				const key = lo * worlds.length + hi;
				if (seen.has(key)) continue;
				seen.add(key);
				ties[lo]![hi]! += 1;
				if (lo !== hi) ties[hi]![lo]! += 1;
			}
		}
	});
	return { worlds, actors: worlds.map((w) => carried.get(w)!), ties };
}

export interface NeverMeet {
	a: string;
	b: string;
	/** Actors carrying a (b). */
	actorsA: number;
	actorsB: number;
	/** Actors carrying both: they bring the two worlds together without any tie. */
	actorsBoth: number;
}

/** The pairs of worlds present in the graph with no tie between them, in matrix order. */
export function neverMeet(graph: NetworkGraph, matrix: WorldMatrix): NeverMeet[] {
	const out: NeverMeet[] = [];
	const { worlds } = matrix;
	for (let i = 0; i < worlds.length; i++) {
		for (let j = i + 1; j < worlds.length; j++) {
			if (matrix.ties[i]![j] !== 0) continue;
			const a = worlds[i]!;
			const b = worlds[j]!;
			let actorsBoth = 0;
			graph.forEachNode((_, attributes) => {
				if (attributes.worlds.includes(a) && attributes.worlds.includes(b)) actorsBoth += 1;
			});
			out.push({ a, b, actorsA: matrix.actors[i]!, actorsB: matrix.actors[j]!, actorsBoth });
		}
	}
	return out;
}

export const DEFAULT_WEAK_TIES = 2;

export interface BridgedPair {
	a: string;
	b: string;
	/** Ties between the two worlds that do not involve the actor. */
	otherTies: number;
}

export interface BridgeScore {
	id: string;
	/** Sum over `pairs` of 1 / (1 + otherTies). */
	score: number;
	/** The weakly connected pairs of worlds the actor joins, weakest first. */
	pairs: BridgedPair[];
	/** Worlds among its neighbours that it does not carry itself. */
	foreignWorlds: string[];
}

/**
 * Bridges between worlds. An actor joins two worlds x and y when it and one of its neighbours,
 * or two of its neighbours, carry x and y (two different actors: one actor carrying both is not
 * a tie). The pair is weakly connected without it when the ties between x and y that do not
 * involve the actor number at most `weakTies`. The actor's score adds, for each such pair,
 * 1 when it alone joins them, 1/2 with one other tie, 1/3 with two… Only « other ties » are
 * direct ones: a longer path between the two worlds through other actors does not count.
 *
 * Every actor of the graph gets a score (0 when it joins no weak pair).
 */
export function bridgeScores(
	graph: NetworkGraph,
	matrix: WorldMatrix,
	options: { weakTies?: number } = {}
): Map<string, BridgeScore> {
	const weakTies = options.weakTies ?? DEFAULT_WEAK_TIES;
	const index = new Map(matrix.worlds.map((world, i) => [world, i]));
	const n = matrix.worlds.length;
	const out = new Map<string, BridgeScore>();
	graph.forEachNode((v, attributes) => {
		const own = new Set(attributes.worlds.map((w) => index.get(w)!));
		// Per world: neighbours carrying it, and the one actor (v included) when it is the only one.
		const neighboursWith = new Array<number>(n).fill(0);
		const onlyCarrier = new Array<string | null>(n).fill(null);
		const neighbours = graph.neighbors(v);
		for (const u of neighbours) {
			for (const w of graph.getNodeAttribute(u, 'worlds')) {
				const i = index.get(w)!;
				neighboursWith[i]! += 1;
				onlyCarrier[i] = u;
			}
		}
		for (const i of own) onlyCarrier[i] = v;
		const carriers = (i: number) => neighboursWith[i]! + (own.has(i) ? 1 : 0);

		const pairs: BridgedPair[] = [];
		for (let i = 0; i < n; i++) {
			if (carriers(i) === 0) continue;
			for (let j = i + 1; j < n; j++) {
				if (carriers(j) === 0) continue;
				if (carriers(i) === 1 && carriers(j) === 1 && onlyCarrier[i] === onlyCarrier[j]) continue;
				// The actor's own ties counted in ties[i][j]: to a neighbour carrying the other world.
				let mine = 0;
				if (own.has(i) && own.has(j)) {
					for (const u of neighbours) {
						const wu = graph.getNodeAttribute(u, 'worlds');
						if (wu.includes(matrix.worlds[i]!) || wu.includes(matrix.worlds[j]!)) mine += 1;
					}
				} else if (own.has(i)) mine = neighboursWith[j]!;
				else if (own.has(j)) mine = neighboursWith[i]!;
				const otherTies = matrix.ties[i]![j]! - mine;
				if (otherTies <= weakTies) {
					pairs.push({ a: matrix.worlds[i]!, b: matrix.worlds[j]!, otherTies });
				}
			}
		}
		pairs.sort((p, q) => p.otherTies - q.otherTies);
		const foreignWorlds = matrix.worlds.filter((_, i) => neighboursWith[i]! > 0 && !own.has(i));
		const score = pairs.reduce((sum, p) => sum + 1 / (1 + p.otherTies), 0);
		out.set(v, { id: v, score, pairs, foreignWorlds });
	});
	return out;
}
