/**
 * The network as the page receives it: plain JSON (nodes with a first position, edges,
 * communities, the worlds matrix, bridges, worlds that never meet) and, for each figure, how it
 * was computed as a method key the page translates (`network_method_<key>`, see
 * NETWORK_METHOD_KEYS for the wording each key stands for).
 */
import type { ActorKind } from '../actor-kinds';
import { buildNetwork, filterNetwork, type BuildOptions, type NetworkFilter } from './build';
import { communityLayout } from './layout';
import {
	bridgeScores,
	communities as detectCommunities,
	compareFr,
	DEFAULT_SEED,
	DEFAULT_WEAK_TIES,
	degrees,
	forEachTie,
	neverMeet,
	worldMatrix,
	type BridgedPair,
	type NeverMeet,
	type WorldMatrix
} from './metrics';
import {
	EDGE_KINDS,
	type EdgeKind,
	type LargeEvent,
	type NetworkGraph,
	type NetworkInput,
	type NetworkMethod
} from './types';

/**
 * The method keys and the French sentence each stands for (parameters in braces). The page
 * adds them as Paraglide messages `network_method_<key>` in messages/fr.json and en.json.
 */
export const NETWORK_METHOD_KEYS = {
	degree: 'Nombre d’acteurs distincts auxquels l’acteur est relié, tous types de liens confondus.',
	world_reach: 'Nombre de mondes que portent ses voisins et que l’acteur ne porte pas lui-même.',
	same_event:
		'Deux acteurs ayant pris part au même événement sont reliés ; le poids est le nombre ' +
		'd’événements partagés. Au-delà de {maxClique} acteurs, un événement ne relie chaque ' +
		'participant qu’à ses organisateurs ({largeEvents} événements concernés).',
	communities:
		'Groupes détectés par la méthode de Louvain sur les liens pondérés, avec une graine fixe ' +
		'({seed}) : le même réseau donne toujours les mêmes groupes. Les acteurs sans lien ne ' +
		'font partie d’aucun groupe.',
	world_matrix:
		'Pour deux mondes, nombre de paires d’acteurs reliés dont l’un porte le premier monde et ' +
		'l’autre le second ; un acteur de plusieurs mondes compte pour chacun.',
	bridges:
		'Un acteur relie deux mondes quand lui et un voisin, ou deux de ses voisins, les portent. ' +
		'Pour chaque paire de mondes qu’il relie et qui n’ont pas plus de {weakTies} liens directs ' +
		'sans lui : 1 s’il est seul à les relier, 1/2 s’il existe un autre lien, 1/3 s’il en ' +
		'existe deux… Le score est la somme.',
	never_meet:
		'Paires de mondes présents (au moins un acteur chacun) sans aucun lien entre un acteur ' +
		'de l’un et un acteur de l’autre.',
	edges_drawn:
		'Pour rester lisible, le dessin montre au plus {maxEdges} liens : tous les liens déclarés, ' +
		'et les liens « même événement » à partir de {minWeight} événements partagés ' +
		'({leftOut} liens non dessinés). Les chiffres portent sur tous les liens.'
} as const;

export type NetworkMethodKey = keyof typeof NETWORK_METHOD_KEYS;

export interface NetworkNode {
	id: string;
	label: string;
	kind: ActorKind;
	worlds: readonly string[];
	communeCode: string | null;
	degree: number;
	/** null: no tie. */
	community: number | null;
	/** See `bridgeScores`; 0 when the actor joins no weakly connected worlds. */
	bridgeScore: number;
	/**
	 * Worlds among its neighbours that it does not carry itself: who opens onto the most other
	 * worlds, still telling when every pair of worlds is well connected (no bridge at all).
	 */
	worldReach: number;
	x: number;
	y: number;
}

export interface NetworkEdge {
	/** For member_of: the member. */
	source: string;
	/** For member_of: the network it belongs to. */
	target: string;
	kind: EdgeKind;
	weight: number;
}

export interface NetworkCommunity {
	id: number;
	size: number;
	/** Up to three worlds carried by the most members, most first. */
	mainWorlds: { world: string; actors: number }[];
	/** Its most connected actor (in the whole graph), to name it « autour de … ». */
	hub: { id: string; label: string };
}

export interface NetworkBridge {
	id: string;
	label: string;
	score: number;
	degree: number;
	pairs: BridgedPair[];
	foreignWorlds: string[];
}

export interface NetworkSummary {
	totals: {
		actors: number;
		/** Pairs of actors tied by at least one edge. */
		ties: number;
		/** Actors with no tie. */
		isolated: number;
		edges: Record<EdgeKind, number>;
	};
	nodes: NetworkNode[];
	/**
	 * The edges to draw: every declared one, and the same_event ones of weight
	 * `sameEventMinWeight` or more (see `maxEdges`). The figures count every edge.
	 */
	edges: NetworkEdge[];
	/** 1: every same_event edge is drawn; null: none is (the declared ones fill the budget). */
	sameEventMinWeight: number | null;
	/** Edges of the graph not in `edges`. */
	edgesLeftOut: number;
	communities: NetworkCommunity[];
	worldMatrix: WorldMatrix;
	/** The strongest bridges first, at most `maxBridges`. */
	bridges: NetworkBridge[];
	neverMeet: NeverMeet[];
	maxClique: number;
	largeEvents: readonly LargeEvent[];
	methods: Record<NetworkMethodKey, NetworkMethod<NetworkMethodKey>>;
}

export interface SummaryOptions {
	/** Louvain's seed. */
	seed?: number;
	resolution?: number;
	/** Worlds to list first in the matrix (e.g. the pairs that rarely meet, side by side). */
	worldOrder?: readonly string[];
	/** A pair of worlds with at most this many other ties is weakly connected. */
	weakTies?: number;
	maxBridges?: number;
	/**
	 * At most this many edges to draw (default DEFAULT_MAX_EDGES), all declared edges being
	 * kept: the same_event ones are kept by whole weight classes from the heaviest down, so
	 * the page can say « à partir de N événements partagés ».
	 */
	maxEdges?: number;
}

export const DEFAULT_MAX_BRIDGES = 20;
/** Tens of thousands of edges are slow to send and unreadable once drawn. */
export const DEFAULT_MAX_EDGES = 10_000;

/**
 * The smallest weight w such that the same_event edges of weight ≥ w number at most `budget`;
 * null when even the heaviest class is over it.
 */
export function sameEventThreshold(weights: readonly number[], budget: number): number | null {
	if (weights.length <= budget) return 1;
	const byWeight = new Map<number, number>();
	for (const w of weights) byWeight.set(w, (byWeight.get(w) ?? 0) + 1);
	let kept = 0;
	let threshold: number | null = null;
	for (const w of [...byWeight.keys()].sort((a, b) => b - a)) {
		kept += byWeight.get(w)!;
		if (kept > budget) break;
		threshold = w;
	}
	return threshold;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function summariseNetwork(
	graph: NetworkGraph,
	options: SummaryOptions = {}
): NetworkSummary {
	const seed = options.seed ?? DEFAULT_SEED;
	const weakTies = options.weakTies ?? DEFAULT_WEAK_TIES;
	const degree = degrees(graph);
	const community = detectCommunities(graph, { seed, resolution: options.resolution });
	const matrix = worldMatrix(graph, options.worldOrder);
	const scores = bridgeScores(graph, matrix, { weakTies });
	const positions = communityLayout(
		graph.mapNodes((id) => ({ id, community: community.get(id)!, degree: degree.get(id)! }))
	);

	const nodes: NetworkNode[] = graph.mapNodes((id, a) => ({
		id,
		label: a.label,
		kind: a.kind,
		worlds: a.worlds,
		communeCode: a.communeCode,
		degree: degree.get(id)!,
		community: community.get(id)!,
		bridgeScore: round3(scores.get(id)!.score),
		worldReach: scores.get(id)!.foreignWorlds.length,
		...positions.get(id)!
	}));

	const edgeCounts = Object.fromEntries(EDGE_KINDS.map((k) => [k, 0])) as Record<EdgeKind, number>;
	const allEdges: NetworkEdge[] = graph.mapEdges((_, a, source, target) => {
		edgeCounts[a.kind] += 1;
		return { source, target, kind: a.kind, weight: a.weight };
	});
	const maxEdges = options.maxEdges ?? DEFAULT_MAX_EDGES;
	const sameEventMinWeight = sameEventThreshold(
		allEdges.filter((e) => e.kind === 'same_event').map((e) => e.weight),
		Math.max(0, maxEdges - (allEdges.length - edgeCounts.same_event))
	);
	const edges = allEdges.filter(
		(e) =>
			e.kind !== 'same_event' || (sameEventMinWeight !== null && e.weight >= sameEventMinWeight)
	);
	let ties = 0;
	forEachTie(graph, () => (ties += 1));

	const members = new Map<number, NetworkNode[]>();
	for (const node of nodes) {
		if (node.community === null) continue;
		const list = members.get(node.community);
		if (list) list.push(node);
		else members.set(node.community, [node]);
	}
	const communities: NetworkCommunity[] = [...members.entries()]
		.sort(([a], [b]) => a - b)
		.map(([id, list]) => {
			const carried = new Map<string, number>();
			for (const node of list) {
				for (const world of node.worlds) carried.set(world, (carried.get(world) ?? 0) + 1);
			}
			const matrixRank = new Map(matrix.worlds.map((w, i) => [w, i]));
			const mainWorlds = [...carried.entries()]
				.sort(([wa, na], [wb, nb]) => nb - na || matrixRank.get(wa)! - matrixRank.get(wb)!)
				.slice(0, 3)
				.map(([world, actors]) => ({ world, actors }));
			const hub = [...list].sort(
				(a, b) => b.degree - a.degree || compareFr(a.label, b.label) || compareFr(a.id, b.id)
			)[0]!;
			return { id, size: list.length, mainWorlds, hub: { id: hub.id, label: hub.label } };
		});

	const bridges: NetworkBridge[] = [...scores.values()]
		.filter((s) => s.score > 0)
		.map((s) => ({
			id: s.id,
			label: graph.getNodeAttribute(s.id, 'label'),
			score: round3(s.score),
			degree: degree.get(s.id)!,
			pairs: s.pairs,
			foreignWorlds: s.foreignWorlds
		}))
		.sort(
			(a, b) =>
				b.score - a.score ||
				b.foreignWorlds.length - a.foreignWorlds.length ||
				b.degree - a.degree ||
				compareFr(a.label, b.label) ||
				compareFr(a.id, b.id)
		)
		.slice(0, options.maxBridges ?? DEFAULT_MAX_BRIDGES);

	const { maxClique, largeEvents } = graph.getAttributes();
	return {
		totals: {
			actors: graph.order,
			ties,
			isolated: nodes.filter((n) => n.degree === 0).length,
			edges: edgeCounts
		},
		nodes,
		edges,
		sameEventMinWeight,
		edgesLeftOut: allEdges.length - edges.length,
		communities,
		worldMatrix: matrix,
		bridges,
		neverMeet: neverMeet(graph, matrix),
		maxClique,
		largeEvents,
		methods: {
			degree: { key: 'degree', params: {} },
			world_reach: { key: 'world_reach', params: {} },
			same_event: { key: 'same_event', params: { maxClique, largeEvents: largeEvents.length } },
			communities: { key: 'communities', params: { seed } },
			world_matrix: { key: 'world_matrix', params: {} },
			bridges: { key: 'bridges', params: { weakTies } },
			never_meet: { key: 'never_meet', params: {} },
			edges_drawn: {
				key: 'edges_drawn',
				params: {
					maxEdges,
					minWeight: sameEventMinWeight,
					leftOut: allEdges.length - edges.length
				}
			}
		}
	};
}

/** Build, filter and summarise in one call: what a page load needs. */
export function networkSummary(
	input: NetworkInput,
	options: SummaryOptions & BuildOptions & { filter?: NetworkFilter } = {}
): NetworkSummary {
	const graph = buildNetwork(input, { maxClique: options.maxClique });
	return summariseNetwork(options.filter ? filterNetwork(graph, options.filter) : graph, options);
}
