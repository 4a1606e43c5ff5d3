import { describe, expect, it } from 'vitest';
import { EDGE_KINDS, networkSummary, type WorldMatrix } from '$lib/domain/network';
import { fixtureInput } from '$lib/domain/network/test-fixtures';
import {
	EDGE_COLOURS,
	KIND_COLOURS,
	NO_WORLD_COLOUR,
	OTHER_WORLDS_COLOUR,
	WORLD_PALETTE,
	edgeSize,
	nodeColour,
	nodeSize,
	nodeWorld,
	worldColours
} from './graph-style';
import { matrixHeat } from './matrix-heat';
import { METHOD_ORDER, methodText } from './methods';
import { allKinds, parseNetworkQuery } from './query';
import { drawnEdgeCount, packNetwork, unpackEdges } from './wire';

const q = (search: string) => parseNetworkQuery(new URLSearchParams(search));

describe('parseNetworkQuery', () => {
	it('defaults to the whole territory, coloured by kind, every kind of edge', () => {
		expect(q('')).toEqual({ commune: null, color: 'kind', kinds: [...EDGE_KINDS] });
		expect(allKinds(q('').kinds)).toBe(true);
	});

	it('reads an INSEE code (Corsica included) and drops anything else', () => {
		expect(q('commune=30334').commune).toBe('30334');
		expect(q('commune=2a004').commune).toBe('2A004');
		expect(q('commune=3033').commune).toBeNull();
		expect(q('commune=Uz%C3%A8s').commune).toBeNull();
		expect(q('commune=').commune).toBeNull();
	});

	it('reads the colouring, kind being the fallback', () => {
		expect(q('color=world').color).toBe('world');
		expect(q('color=rainbow').color).toBe('kind');
	});

	it('keeps the ticked edge kinds in EDGE_KINDS order; the empty marker alone means none', () => {
		expect(q('edge=&edge=same_event&edge=partner&edge=partner&edge=nope').kinds).toEqual([
			'partner',
			'same_event'
		]);
		expect(q('edge=').kinds).toEqual([]);
		expect(allKinds(q('edge=').kinds)).toBe(false);
		expect(allKinds(q(EDGE_KINDS.map((k) => `edge=${k}`).join('&')).kinds)).toBe(true);
	});
});

describe('packNetwork / unpackEdges', () => {
	it('carries the same edges as numbers, four per edge', () => {
		const summary = networkSummary(fixtureInput());
		const packed = packNetwork(summary);
		expect(packed.edges.length).toBe(summary.edges.length * 4);
		expect(drawnEdgeCount(packed)).toBe(summary.edges.length);
		expect(packed.edges.every((n) => Number.isFinite(n))).toBe(true);
		expect(unpackEdges(packed)).toEqual(summary.edges);
		// Everything else travels as it is.
		expect(packed.nodes).toBe(summary.nodes);
		expect(packed.worldMatrix).toBe(summary.worldMatrix);
	});

	it('drops an edge naming an actor the summary does not have', () => {
		const summary = networkSummary(fixtureInput());
		const stray = { ...summary, edges: [...summary.edges, { ...summary.edges[0]!, target: 'zz' }] };
		expect(drawnEdgeCount(packNetwork(stray))).toBe(summary.edges.length);
		expect(unpackEdges({ nodes: [{ id: 'a' }], edges: [0, 5, 0, 1, 0, 0, 9, 1] })).toEqual([]);
	});
});

describe('graph style', () => {
	const matrix: WorldMatrix = {
		worlds: ['professionnel', 'amateur', 'rural', 'elu'],
		actors: [10, 8, 12, 2],
		ties: []
	};

	it('gives the palette to the most carried worlds first and lists them in matrix order', () => {
		const { byWorld, legend } = worldColours(matrix);
		expect(byWorld.get('rural')).toBe(WORLD_PALETTE[0]);
		expect(byWorld.get('professionnel')).toBe(WORLD_PALETTE[1]);
		expect(byWorld.get('elu')).toBe(WORLD_PALETTE[3]);
		expect(legend.map((l) => l.world)).toEqual(['professionnel', 'amateur', 'rural', 'elu']);
	});

	it('gathers the worlds beyond the palette under one « other worlds » entry', () => {
		const many = Array.from({ length: WORLD_PALETTE.length + 2 }, (_, i) => `monde ${i}`);
		const { byWorld, legend } = worldColours({
			worlds: many,
			actors: many.map((_, i) => 100 - i),
			ties: []
		});
		expect(legend).toHaveLength(WORLD_PALETTE.length + 1);
		expect(legend.at(-1)).toEqual({ world: null, colour: OTHER_WORLDS_COLOUR, actors: 2 });
		expect(byWorld.get(many.at(-1)!)).toBe(OTHER_WORLDS_COLOUR);
	});

	it('draws an actor with the least common of its worlds', () => {
		expect(nodeWorld(['rural', 'elu', 'professionnel'], matrix)).toBe('elu');
		expect(nodeWorld(['rural', 'professionnel'], matrix)).toBe('professionnel');
		expect(nodeWorld(['inconnu'], matrix)).toBeNull();
		expect(nodeWorld([], matrix)).toBeNull();
		const { byWorld } = worldColours(matrix);
		const node = { kind: 'elected_body' as const, worlds: ['rural', 'elu'] };
		expect(nodeColour(node, 'kind', matrix, byWorld)).toBe(KIND_COLOURS.elected_body);
		expect(nodeColour(node, 'world', matrix, byWorld)).toBe(byWorld.get('elu'));
		expect(nodeColour({ ...node, worlds: [] }, 'world', matrix, byWorld)).toBe(NO_WORLD_COLOUR);
	});

	it('grows nodes with the degree, bounded, and weights « same event » edges', () => {
		expect(nodeSize(0)).toBe(3);
		expect(nodeSize(4)).toBeGreaterThan(nodeSize(1));
		expect(nodeSize(10_000)).toBe(18);
		expect(edgeSize('partner', 7)).toBe(edgeSize('member_of', 1));
		expect(edgeSize('same_event', 4)).toBeGreaterThan(edgeSize('same_event', 1));
		expect(edgeSize('same_event', 1_000_000)).toBe(4);
		expect(new Set(Object.values(EDGE_COLOURS)).size).toBe(EDGE_KINDS.length);
	});
});

describe('matrixHeat', () => {
	it('measures cells between worlds and the diagonal each against their own largest', () => {
		expect(
			matrixHeat({
				ties: [
					[40, 4, 1],
					[4, 10, 0],
					[1, 0, 0]
				]
			})
		).toEqual([
			[1, 1, 0.25],
			[1, 0.25, 0],
			[0.25, 0, 0]
		]);
		expect(matrixHeat({ ties: [[0]] })).toEqual([[0]]);
	});
});

describe('methodText', () => {
	it('words every method key of a summary, with its parameters', () => {
		const summary = networkSummary(fixtureInput(), { maxEdges: 10_000 });
		expect([...METHOD_ORDER].sort()).toEqual(Object.keys(summary.methods).sort());
		for (const key of METHOD_ORDER) {
			const text = methodText(summary.methods[key]);
			expect(text.length).toBeGreaterThan(20);
			expect(text).not.toMatch(/[{}]|undefined|null/);
		}
		expect(methodText(summary.methods.communities)).toContain('graine fixe (7)');
		expect(summary.edgesLeftOut).toBe(0);
		expect(methodText(summary.methods.edges_drawn)).toMatch(
			/^Tous les liens sont dessinés \(le dessin en montre au plus 10\s000 ;/
		);
	});

	it('says from how many shared events « same event » ties are drawn when some are left out', () => {
		const summary = networkSummary(fixtureInput(), { maxEdges: 5 });
		expect(summary.edgesLeftOut).toBeGreaterThan(0);
		expect(summary.sameEventMinWeight).toBe(2);
		expect(methodText(summary.methods.edges_drawn)).toContain(
			`au plus 5 liens : tous les liens déclarés, et les liens « même événement » à partir de 2 ` +
				`événements partagés (${summary.edgesLeftOut} liens non dessinés)`
		);
	});

	it('says no « same event » tie is drawn when the declared ones fill the budget', () => {
		const text = methodText({
			key: 'edges_drawn',
			params: { maxEdges: 5, minWeight: null, leftOut: 12 }
		});
		expect(text).toContain('aucun lien « même événement » n’est dessiné (12 liens non dessinés)');
	});
});
