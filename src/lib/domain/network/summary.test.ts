import { describe, expect, it } from 'vitest';
import { buildNetwork } from './build';
import {
	NETWORK_METHOD_KEYS,
	networkSummary,
	sameEventThreshold,
	summariseNetwork
} from './summary';
import { C_MONTAREN, fixtureInput } from './test-fixtures';
import type { NetworkInput } from './types';

describe('summariseNetwork', () => {
	const summary = summariseNetwork(buildNetwork(fixtureInput()));

	it('gives the totals, the nodes with their figures and every edge', () => {
		expect(summary.totals).toEqual({
			actors: 6,
			ties: 6,
			isolated: 1,
			edges: { member_of: 1, partner: 2, co_organised: 1, same_event: 5 }
		});
		const e = summary.nodes.find((n) => n.id === 'e')!;
		expect(e).toMatchObject({
			label: 'Tiers-lieu La Fabrique',
			kind: 'cooperative',
			worlds: ['associatif', 'professionnel'],
			communeCode: C_MONTAREN,
			degree: 4,
			community: 0,
			bridgeScore: 4,
			worldReach: 2
		});
		expect(summary.nodes.find((n) => n.id === 'f')).toMatchObject({ degree: 0, community: null });
		for (const node of summary.nodes) {
			expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
		}
		expect(summary.edges).toContainEqual({
			source: 'b',
			target: 'e',
			kind: 'member_of',
			weight: 1
		});
		expect(summary.edges).toContainEqual({
			source: 'b',
			target: 'e',
			kind: 'same_event',
			weight: 2
		});
		expect(summary.edges).toHaveLength(9);
		expect(summary.sameEventMinWeight).toBe(1);
		expect(summary.edgesLeftOut).toBe(0);
	});

	it('describes the communities by size, main worlds and best-connected actor', () => {
		expect(summary.communities).toEqual([
			{
				id: 0,
				size: 3,
				// associatif: b, e; then one each, in matrix order
				mainWorlds: [
					{ world: 'associatif', actors: 2 },
					{ world: 'amateur', actors: 1 },
					{ world: 'elu', actors: 1 }
				],
				hub: { id: 'e', label: 'Tiers-lieu La Fabrique' }
			},
			{
				id: 1,
				size: 2,
				mainWorlds: [
					{ world: 'amateur', actors: 1 },
					{ world: 'associatif', actors: 1 },
					{ world: 'professionnel', actors: 1 }
				],
				// c and d both have degree 2: the first by name
				hub: { id: 'c', label: 'Compagnie du Sud' }
			}
		]);
	});

	it('ranks the bridges and lists the worlds that never meet', () => {
		expect(summary.bridges.map((b) => [b.id, b.score])).toEqual([
			['e', 4],
			['a', 3.333],
			['b', 2.833],
			['d', 1.333],
			['c', 1]
		]);
		expect(summariseNetwork(buildNetwork(fixtureInput()), { maxBridges: 2 }).bridges).toHaveLength(
			2
		);
		expect(summary.neverMeet.map((p) => `${p.a}–${p.b}`)).toEqual([
			'amateur–lucratif',
			'associatif–lucratif',
			'elu–lucratif',
			'lucratif–professionnel'
		]);
	});

	it('says how each figure was computed with a documented key', () => {
		for (const [name, method] of Object.entries(summary.methods)) {
			expect(method.key).toBe(name);
			expect(NETWORK_METHOD_KEYS[method.key]).toBeTruthy();
			// every {parameter} of the wording is given
			for (const [, param] of NETWORK_METHOD_KEYS[method.key].matchAll(/\{(\w+)\}/g)) {
				expect(method.params).toHaveProperty(param!);
			}
		}
		expect(summary.methods.communities.params).toEqual({ seed: 7 });
		expect(summary.methods.bridges.params).toEqual({ weakTies: 2 });
	});

	it('is plain JSON and the same on every run', () => {
		expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
		expect(summariseNetwork(buildNetwork(fixtureInput()))).toEqual(summary);
	});
});

describe('drawing budget', () => {
	it('keeps whole weight classes of same_event edges, heaviest first', () => {
		expect(sameEventThreshold([1, 1, 2, 3], 4)).toBe(1);
		expect(sameEventThreshold([1, 1, 2, 3], 3)).toBe(2);
		expect(sameEventThreshold([1, 2, 2, 3], 2)).toBe(3);
		expect(sameEventThreshold([3, 3], 1)).toBeNull();
		expect(sameEventThreshold([], 0)).toBe(1);
	});

	it('draws every declared edge and the heaviest same_event ones, figures unchanged', () => {
		const full = networkSummary(fixtureInput());
		// 4 declared edges + budget 2: only b–e (2 shared events) fits as a whole class
		const drawn = networkSummary(fixtureInput(), { maxEdges: 6 });
		expect(drawn.sameEventMinWeight).toBe(2);
		expect(drawn.edgesLeftOut).toBe(4);
		expect(drawn.edges.filter((e) => e.kind === 'same_event')).toEqual([
			{ source: 'b', target: 'e', kind: 'same_event', weight: 2 }
		]);
		expect(drawn.edges.filter((e) => e.kind !== 'same_event')).toHaveLength(4);
		expect(drawn.nodes).toEqual(full.nodes);
		expect(drawn.totals).toEqual(full.totals);
		expect(drawn.methods.edges_drawn.params).toEqual({ maxEdges: 6, minWeight: 2, leftOut: 4 });
		expect(networkSummary(fixtureInput(), { maxEdges: 4 }).sameEventMinWeight).toBeNull();
	});
});

describe('networkSummary', () => {
	it('filters before measuring', () => {
		const summary = networkSummary(fixtureInput(), {
			filter: { communes: [C_MONTAREN], kinds: ['partner', 'member_of', 'co_organised'] }
		});
		expect(summary.nodes.map((n) => [n.id, n.degree])).toEqual([
			['a', 1],
			['b', 2],
			['e', 1]
		]);
		expect(summary.worldMatrix.worlds).toEqual(['amateur', 'associatif', 'elu', 'professionnel']);
		// amateur–professionnel only through b–e
		expect(summary.worldMatrix.ties[0]![3]).toBe(1);
	});

	it('records the big events and how they were drawn', () => {
		const input: NetworkInput = {
			...fixtureInput(),
			participations: [
				...fixtureInput().participations,
				...['a', 'b', 'c', 'd'].map((actorId) => ({
					eventId: 'forum',
					actorId,
					role: 'participant' as const
				}))
			]
		};
		const summary = networkSummary(input, { maxClique: 3 });
		expect(summary.largeEvents).toEqual([{ eventId: 'forum', actors: 4, drawnAs: 'left_out' }]);
		expect(summary.methods.same_event.params).toEqual({ maxClique: 3, largeEvents: 1 });
		expect(summary.totals.edges.same_event).toBe(5);
	});
});
