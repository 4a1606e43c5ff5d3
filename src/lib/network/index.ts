/**
 * The network graph's UI pieces (#7), shared by the network page and the dossier: the graph
 * itself, the worlds matrix table, the bridges, the worlds that never meet, the method notes,
 * and the helpers they read (colours, wire format, method wording, URL filters).
 */
export { default as NetworkGraph } from './NetworkGraph.svelte';
export { default as WorldMatrixTable } from './WorldMatrixTable.svelte';
export { default as BridgesList } from './BridgesList.svelte';
export { default as NeverMeetList } from './NeverMeetList.svelte';
export { default as NetworkMethodNotes } from './NetworkMethodNotes.svelte';
export {
	EDGE_COLOURS,
	KIND_COLOURS,
	NO_WORLD_COLOUR,
	OTHER_WORLDS_COLOUR,
	WORLD_PALETTE,
	edgeSize,
	nodeColour,
	nodeSize,
	nodeWorld,
	worldColours,
	type NodeColouring,
	type WorldColour
} from './graph-style';
export { edgeKindLabel } from './labels';
export { matrixHeat } from './matrix-heat';
export { METHOD_ORDER, methodText } from './methods';
export {
	NETWORK_COLOURINGS,
	allKinds,
	parseNetworkQuery,
	type NetworkColouring,
	type NetworkQuery
} from './query';
export { EDGE_STRIDE, drawnEdgeCount, packNetwork, unpackEdges, type PackedNetwork } from './wire';
