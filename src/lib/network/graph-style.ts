/**
 * Colours and sizes of the network graph, in one place so that the graph, its legends and the
 * tests read the same values. Actor kinds keep the map's colours (KIND_COLOURS, Okabe & Ito);
 * worlds get Tableau 10 (Maureen Stone, 2016), a categorical palette made to stay apart on a
 * white background — its grey is kept for « other worlds ».
 */
import type { ActorKind } from '$lib/domain/actor-kinds';
import type { EdgeKind, NetworkNode, WorldMatrix } from '$lib/domain/network';
import { KIND_COLOURS } from '$lib/map/style';

export { KIND_COLOURS };

export const WORLD_PALETTE = [
	'#4E79A7',
	'#F28E2B',
	'#E15759',
	'#76B7B2',
	'#59A14F',
	'#EDC948',
	'#B07AA1',
	'#FF9DA7',
	'#9C755F'
] as const;
export const OTHER_WORLDS_COLOUR = '#79706E';
export const NO_WORLD_COLOUR = '#D3D3D3';

/** Declared ties in strong colours, « same event » ties in a light grey behind them. */
export const EDGE_COLOURS: Record<EdgeKind, string> = {
	member_of: '#6A4C93',
	partner: '#1B998B',
	co_organised: '#C8553D',
	same_event: '#C5CBD3'
};

export interface WorldColour {
	/** null: the « other worlds » entry. */
	world: string | null;
	colour: string;
	actors: number;
}

/**
 * Each world's colour: the most carried worlds first take the palette, the rest share
 * OTHER_WORLDS_COLOUR (one legend entry, `world: null`, with the actors carrying any of them).
 */
export function worldColours(matrix: WorldMatrix): {
	byWorld: Map<string, string>;
	legend: WorldColour[];
} {
	const ranked = matrix.worlds
		.map((world, i) => ({ world, actors: matrix.actors[i] ?? 0, i }))
		.sort((a, b) => b.actors - a.actors || a.i - b.i);
	const byWorld = new Map<string, string>();
	const legend: WorldColour[] = [];
	let others = 0;
	ranked.forEach(({ world, actors }, rank) => {
		const colour = WORLD_PALETTE[rank] ?? OTHER_WORLDS_COLOUR;
		byWorld.set(world, colour);
		if (rank < WORLD_PALETTE.length) legend.push({ world, colour, actors });
		else others += 1;
	});
	// Matrix order in the legend, as in the table beside it.
	const order = new Map(matrix.worlds.map((w, i) => [w, i]));
	legend.sort((a, b) => order.get(a.world!)! - order.get(b.world!)!);
	if (others > 0) legend.push({ world: null, colour: OTHER_WORLDS_COLOUR, actors: others });
	return { byWorld, legend };
}

/**
 * The world an actor is drawn with: the least common of its worlds (the most telling: an
 * elected body among many associations), equal counts in matrix order; null without a world.
 */
export function nodeWorld(worlds: readonly string[], matrix: WorldMatrix): string | null {
	let best: string | null = null;
	let bestActors = Infinity;
	let bestRank = Infinity;
	for (const world of worlds) {
		const rank = matrix.worlds.indexOf(world);
		if (rank < 0) continue;
		const actors = matrix.actors[rank] ?? 0;
		if (actors < bestActors || (actors === bestActors && rank < bestRank)) {
			best = world;
			bestActors = actors;
			bestRank = rank;
		}
	}
	return best;
}

export type NodeColouring = 'kind' | 'world';

export function nodeColour(
	node: Pick<NetworkNode, 'kind' | 'worlds'>,
	colouring: NodeColouring,
	matrix: WorldMatrix,
	byWorld: Map<string, string>
): string {
	if (colouring === 'kind') return KIND_COLOURS[node.kind as ActorKind] ?? KIND_COLOURS.other;
	const world = nodeWorld(node.worlds, matrix);
	return world === null ? NO_WORLD_COLOUR : (byWorld.get(world) ?? OTHER_WORLDS_COLOUR);
}

/** Pixels at the first zoom: area grows with the degree, so a hub of 100 is not 30 times wider. */
export function nodeSize(degree: number): number {
	return Math.min(18, 3 + 1.5 * Math.sqrt(Math.max(0, degree)));
}

/** Declared ties a little thicker; « same event » ones by the number of events shared. */
export function edgeSize(kind: EdgeKind, weight: number): number {
	if (kind !== 'same_event') return 1.5;
	return Math.min(4, 0.6 + 0.6 * Math.log2(Math.max(1, weight)));
}
