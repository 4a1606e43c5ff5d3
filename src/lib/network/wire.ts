/**
 * The network summary as the page receives it. Edges dominate the payload (up to
 * DEFAULT_MAX_EDGES, each naming two actor ids of 36 characters): they travel as a flat list of
 * numbers, four per edge — the two actors' indexes in `nodes`, the kind's index in EDGE_KINDS,
 * the weight — about five times smaller than objects.
 */
import {
	EDGE_KINDS,
	type NetworkEdge,
	type NetworkNode,
	type NetworkSummary
} from '$lib/domain/network';

export const EDGE_STRIDE = 4;

export interface PackedNetwork extends Omit<NetworkSummary, 'edges'> {
	/** [source, target, kind, weight] per edge: see EDGE_STRIDE. */
	edges: number[];
}

export function packNetwork(summary: NetworkSummary): PackedNetwork {
	const index = new Map(summary.nodes.map((n, i) => [n.id, i]));
	const edges: number[] = [];
	for (const e of summary.edges) {
		const source = index.get(e.source);
		const target = index.get(e.target);
		// The summary's edges join its own nodes; a stray one would draw nowhere.
		if (source === undefined || target === undefined) continue;
		edges.push(source, target, EDGE_KINDS.indexOf(e.kind), e.weight);
	}
	return { ...summary, edges };
}

export function unpackEdges(network: {
	nodes: readonly Pick<NetworkNode, 'id'>[];
	edges: readonly number[];
}): NetworkEdge[] {
	const out: NetworkEdge[] = [];
	for (let i = 0; i + EDGE_STRIDE <= network.edges.length; i += EDGE_STRIDE) {
		const source = network.nodes[network.edges[i]!];
		const target = network.nodes[network.edges[i + 1]!];
		const kind = EDGE_KINDS[network.edges[i + 2]!];
		if (!source || !target || !kind) continue;
		out.push({ source: source.id, target: target.id, kind, weight: network.edges[i + 3]! });
	}
	return out;
}

/** Edges drawn: the figure next to `edgesLeftOut`. */
export function drawnEdgeCount(network: { edges: readonly number[] }): number {
	return Math.floor(network.edges.length / EDGE_STRIDE);
}
