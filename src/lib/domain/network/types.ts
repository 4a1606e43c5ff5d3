/**
 * The network graph (#7): who is tied to whom among a territory's actors. Plain rows in
 * (`NetworkInput`, as `loadNetworkInput` in src/lib/server/queries/network.ts reads them), a
 * graphology graph in the middle (build.ts), a serialisable summary out (summary.ts) for the page.
 *
 * Domain code does not translate: every figure says how it was computed through a stable method
 * key and its parameters, which the page resolves with the Paraglide message
 * `network_method_<key>` (the wording of each key is in NETWORK_METHOD_KEYS, summary.ts).
 */
import type { MultiUndirectedGraph } from 'graphology';
import type { ActorKind } from '../actor-kinds';

/** Declared relations between actors (`link.kind`). */
export const LINK_KINDS = ['member_of', 'partner', 'co_organised'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Edge kinds: the declared ones plus `same_event` (took part in the same event). */
export const EDGE_KINDS = [...LINK_KINDS, 'same_event'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export function isEdgeKind(value: unknown): value is EdgeKind {
	return typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);
}

export interface NetworkActor {
	id: string;
	name: string;
	kind: ActorKind;
	/** Free labels (`actor.worlds`): professionnel, amateur, urbain, rural, élu, associatif… */
	worlds: readonly string[];
	/** INSEE code; null when the actor is not placed in a commune. */
	communeCode: string | null;
}

/** A row of `link`. `member_of` reads « from is a member of to »; the other kinds go both ways. */
export interface NetworkLink {
	from: string;
	to: string;
	kind: LinkKind;
}

/** A row of `event_actor`. */
export interface NetworkParticipation {
	eventId: string;
	actorId: string;
	role: 'organiser' | 'participant';
}

/**
 * What the graph is built from. Links and participations may name actors missing from `actors`
 * (another commune, not readable): they count for an event's size but make no edge.
 */
export interface NetworkInput {
	actors: readonly NetworkActor[];
	links: readonly NetworkLink[];
	participations: readonly NetworkParticipation[];
}

export interface ActorNodeAttributes {
	label: string;
	kind: ActorKind;
	/** Sorted, without duplicates. */
	worlds: readonly string[];
	communeCode: string | null;
}

/**
 * One edge per pair of actors and kind (parallel edges of different kinds between the same two
 * actors are kept apart: the graph is a multigraph).
 */
export interface NetworkEdgeAttributes {
	kind: EdgeKind;
	/**
	 * member_of, partner: 1. co_organised: the number of events the two organised together, at
	 * least 1 when a link declares it. same_event: the number of events both took part in.
	 */
	weight: number;
}

/** What building the graph decided, kept on the graph so that filtering carries it along. */
export interface NetworkGraphAttributes {
	/** Events with more actors than this were not drawn as a clique (see LargeEvent). */
	maxClique: number;
	largeEvents: readonly LargeEvent[];
}

export type NetworkGraph = MultiUndirectedGraph<
	ActorNodeAttributes,
	NetworkEdgeAttributes,
	NetworkGraphAttributes
>;

export type MethodParam = string | number | boolean | null;

/** How a figure was computed: a message key (`network_method_<key>`) and its parameters. */
export interface NetworkMethod<K extends string = string> {
	key: K;
	params: Record<string, MethodParam>;
}

/** An event too big to tie every pair of its actors: how it was drawn instead. */
export interface LargeEvent {
	eventId: string;
	/** Distinct actors that took part (organisers included), known or not. */
	actors: number;
	/**
	 * `star`: each participant is tied to each organiser; `left_out`: no organiser among the
	 * known actors, so the event makes no same_event edge.
	 */
	drawnAs: 'star' | 'left_out';
}
