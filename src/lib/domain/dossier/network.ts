/**
 * The dossier's part of the network (#7, « les mondes présents et comment ils se rencontrent »):
 * what a ten-minute presentation needs of the network summary — the figures, the main groups, the
 * worlds matrix, the actors that bridge worlds and the pairs of worlds that never meet — without
 * the graph's nodes and edges (the network page draws those).
 */
import type {
	NetworkBridge,
	NetworkCommunity,
	NetworkMethod,
	NetworkMethodKey,
	NetworkNode,
	NetworkSummary,
	NeverMeet,
	WorldMatrix
} from '../network';

/** The method notes the dossier's network section refers to, in its order. */
export const DOSSIER_NETWORK_METHODS = [
	'world_matrix',
	'bridges',
	'never_meet',
	'communities'
] as const satisfies readonly NetworkMethodKey[];

export type DossierNetworkMethodKey = (typeof DOSSIER_NETWORK_METHODS)[number];

export interface DossierNetwork {
	totals: NetworkSummary['totals'];
	/** Number of groups found (all of them, not only those listed). */
	communityCount: number;
	/** The largest groups, largest first. */
	communities: NetworkCommunity[];
	worldMatrix: WorldMatrix;
	bridges: NetworkBridge[];
	/**
	 * When no actor bridges weakly connected worlds: those whose neighbours carry the most worlds
	 * they do not (as the network page's BridgesList shows them).
	 */
	openers: Pick<NetworkNode, 'id' | 'label' | 'worldReach' | 'degree'>[];
	neverMeet: NeverMeet[];
	methods: Record<DossierNetworkMethodKey, NetworkMethod<NetworkMethodKey>>;
}

export interface DossierNetworkOptions {
	/** Groups listed (default 5). */
	communities?: number;
	/** Bridges or openers listed (default 5). */
	bridges?: number;
}

/** Keeps of a network summary what the dossier shows. */
export function dossierNetwork(
	summary: NetworkSummary,
	options: DossierNetworkOptions = {}
): DossierNetwork {
	const communityLimit = options.communities ?? 5;
	const bridgeLimit = options.bridges ?? 5;
	const bridges = summary.bridges.slice(0, bridgeLimit);
	const openers =
		bridges.length > 0
			? []
			: summary.nodes
					.filter((n) => n.worldReach > 0)
					.sort(
						(a, b) =>
							b.worldReach - a.worldReach ||
							b.degree - a.degree ||
							a.label.localeCompare(b.label, 'fr') ||
							a.id.localeCompare(b.id)
					)
					.slice(0, bridgeLimit)
					.map(({ id, label, worldReach, degree }) => ({ id, label, worldReach, degree }));
	const methods = Object.fromEntries(
		DOSSIER_NETWORK_METHODS.map((key) => [key, summary.methods[key]])
	) as DossierNetwork['methods'];
	return {
		totals: summary.totals,
		communityCount: summary.communities.length,
		communities: [...summary.communities]
			.sort((a, b) => b.size - a.size || a.id - b.id)
			.slice(0, communityLimit),
		worldMatrix: summary.worldMatrix,
		bridges,
		openers,
		neverMeet: summary.neverMeet,
		methods
	};
}
