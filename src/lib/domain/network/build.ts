/**
 * From rows to a graphology graph (https://graphology.github.io/), and its filters.
 *
 * The graph is an undirected multigraph: at most one edge per pair of actors and kind, with a
 * `weight`, so a partner who also co-organised three events with the same actor is two edges
 * (partner 1, co_organised 3). Edge keys are `kind|a|b` with a < b, except `member_of`, which
 * keeps its direction (`member_of|member|network`, and source = the member).
 *
 * Events make two kinds of edges:
 * - `co_organised` between every two organisers of an event (weight: the number of such events;
 *   a `co_organised` link counts as one when no event backs it, so declaring a co-organisation
 *   that events also show does not count it twice);
 * - `same_event` between every two actors who took part in it, organisers included, except two
 *   organisers (already tied by co_organised). Weight: the number of events shared.
 *
 * Big events: an event with n actors would add n·(n−1)/2 edges, and a forum of 200 associations
 * would bury every other tie under 20,000 edges that say little (being in the same hall as
 * everyone). Above `maxClique` actors (default 60) an event is drawn as a star instead: each
 * participant is tied to each organiser only, the ties that do say something (they came to
 * that organiser's event), n·o edges. An event that big with no known organiser makes no
 * same_event edge. No sampling: the graph stays a function of the rows, and no event node:
 * every node is an actor, so degrees and the worlds matrix count actors only. Both choices are
 * recorded in the graph's `largeEvents` attribute so the page can say so.
 *
 * The size of an event counts every actor that took part, even those missing from
 * `input.actors`, so that building from a commune's actors gives the same graph as building
 * from the whole territory and then keeping that commune (`filterNetwork`).
 */
import { MultiUndirectedGraph } from 'graphology';
import {
	EDGE_KINDS,
	type EdgeKind,
	type LargeEvent,
	type NetworkEdgeAttributes,
	type NetworkGraph,
	type NetworkInput
} from './types';

export const DEFAULT_MAX_CLIQUE = 60;

export interface BuildOptions {
	/** Events with more actors than this are drawn as a star on their organisers. */
	maxClique?: number;
}

interface PendingEdge {
	kind: EdgeKind;
	source: string;
	target: string;
	weight: number;
	/** co_organised: declared by a link. */
	declared: boolean;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function edgeKey(kind: EdgeKind, a: string, b: string): string {
	if (kind === 'member_of') return `${kind}|${a}|${b}`;
	return a < b ? `${kind}|${a}|${b}` : `${kind}|${b}|${a}`;
}

export function buildNetwork(input: NetworkInput, options: BuildOptions = {}): NetworkGraph {
	const maxClique = options.maxClique ?? DEFAULT_MAX_CLIQUE;
	const largeEvents: LargeEvent[] = [];
	const graph: NetworkGraph = new MultiUndirectedGraph({ allowSelfLoops: false });
	graph.replaceAttributes({ maxClique, largeEvents });

	// Sorted, so the graph (and Louvain's walk over it) does not depend on the rows' order.
	const actors = [...input.actors].sort((a, b) => byCodeUnits(a.id, b.id));
	for (const actor of actors) {
		if (graph.hasNode(actor.id)) continue;
		graph.addNode(actor.id, {
			label: actor.name,
			kind: actor.kind,
			worlds: [...new Set(actor.worlds)].sort(byCodeUnits),
			communeCode: actor.communeCode
		});
	}

	const pending = new Map<string, PendingEdge>();
	const add = (kind: EdgeKind, a: string, b: string, declared = false) => {
		if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) return;
		const key = edgeKey(kind, a, b);
		const edge = pending.get(key);
		if (edge) {
			if (declared) edge.declared = true;
			else if (kind === 'co_organised' || kind === 'same_event') edge.weight += 1;
			return;
		}
		const [source, target] = kind === 'member_of' || a < b ? [a, b] : [b, a];
		pending.set(key, { kind, source, target, weight: declared ? 0 : 1, declared });
	};

	// Edges are added in the order first met, so links and events are walked in a fixed order.
	const links = [...input.links].sort(
		(x, y) => byCodeUnits(x.kind, y.kind) || byCodeUnits(x.from, y.from) || byCodeUnits(x.to, y.to)
	);
	for (const link of links) {
		// A declared tie weighs 1; a co_organised one is topped up by the events below.
		add(link.kind, link.from, link.to, link.kind === 'co_organised');
	}

	const events = new Map<string, Map<string, 'organiser' | 'participant'>>();
	for (const p of input.participations) {
		let roles = events.get(p.eventId);
		if (!roles) events.set(p.eventId, (roles = new Map()));
		// Listed twice with both roles: an organiser.
		if (roles.get(p.actorId) !== 'organiser') roles.set(p.actorId, p.role);
	}
	for (const eventId of [...events.keys()].sort(byCodeUnits)) {
		const roles = events.get(eventId)!;
		const known = [...roles.keys()].filter((id) => graph.hasNode(id)).sort(byCodeUnits);
		const organisers = known.filter((id) => roles.get(id) === 'organiser');
		const participants = known.filter((id) => roles.get(id) !== 'organiser');
		for (let i = 0; i < organisers.length; i++) {
			for (let j = i + 1; j < organisers.length; j++) {
				add('co_organised', organisers[i]!, organisers[j]!);
			}
		}
		if (roles.size > maxClique) {
			largeEvents.push({
				eventId,
				actors: roles.size,
				drawnAs: organisers.length > 0 ? 'star' : 'left_out'
			});
			for (const p of participants) for (const o of organisers) add('same_event', p, o);
			continue;
		}
		for (let i = 0; i < participants.length; i++) {
			for (const o of organisers) add('same_event', participants[i]!, o);
			for (let j = i + 1; j < participants.length; j++) {
				add('same_event', participants[i]!, participants[j]!);
			}
		}
	}

	for (const [key, edge] of pending) {
		graph.addUndirectedEdgeWithKey(key, edge.source, edge.target, {
			kind: edge.kind,
			weight: Math.max(edge.weight, edge.declared ? 1 : 0)
		} satisfies NetworkEdgeAttributes);
	}
	return graph;
}

export interface NetworkFilter {
	/** Keep the actors of these communes (INSEE codes) and the edges between them. */
	communes?: readonly string[];
	/** Keep these kinds of edges (every actor stays, tied or not). */
	kinds?: readonly EdgeKind[];
}

/** A new graph with the actors and edges the filter keeps; the given graph is left as it is. */
export function filterNetwork(graph: NetworkGraph, filter: NetworkFilter): NetworkGraph {
	const communes = filter.communes ? new Set(filter.communes) : null;
	const kinds = new Set(filter.kinds ?? EDGE_KINDS);
	const kept: NetworkGraph = new MultiUndirectedGraph({ allowSelfLoops: false });
	kept.replaceAttributes({ ...graph.getAttributes() });
	graph.forEachNode((id, attributes) => {
		if (communes && (attributes.communeCode === null || !communes.has(attributes.communeCode))) {
			return;
		}
		kept.addNode(id, { ...attributes });
	});
	graph.forEachEdge((key, attributes, source, target) => {
		if (kinds.has(attributes.kind) && kept.hasNode(source) && kept.hasNode(target)) {
			kept.addUndirectedEdgeWithKey(key, source, target, { ...attributes });
		}
	});
	return kept;
}
