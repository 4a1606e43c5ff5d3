/** The network graph (#7): build from rows, filter, measure, summarise for the page. */
export * from './types';
export {
	buildNetwork,
	filterNetwork,
	edgeKey,
	DEFAULT_MAX_CLIQUE,
	type BuildOptions,
	type NetworkFilter
} from './build';
export {
	bridgeScores,
	communities,
	compareFr,
	degrees,
	forEachTie,
	neverMeet,
	seededRandom,
	worldMatrix,
	DEFAULT_SEED,
	DEFAULT_WEAK_TIES,
	type BridgedPair,
	type BridgeScore,
	type CommunityOptions,
	type NeverMeet,
	type WorldMatrix
} from './metrics';
export { communityLayout, discRadius, type LayoutNode, type Point } from './layout';
export {
	networkSummary,
	summariseNetwork,
	NETWORK_METHOD_KEYS,
	sameEventThreshold,
	DEFAULT_MAX_BRIDGES,
	DEFAULT_MAX_EDGES,
	type NetworkBridge,
	type NetworkCommunity,
	type NetworkEdge,
	type NetworkMethodKey,
	type NetworkNode,
	type NetworkSummary,
	type SummaryOptions
} from './summary';
export { WORLD_ORDER } from './worlds';
