import { describe, expect, it } from 'vitest';
import { buildNetwork, edgeKey, filterNetwork } from './build';
import {
	ACTORS,
	C_MONTAREN,
	C_SAINT_QUENTIN,
	C_UZES,
	fixtureInput,
	shuffledFixtureInput
} from './test-fixtures';
import type { NetworkActor, NetworkGraph, NetworkInput, NetworkParticipation } from './types';

const edgeList = (graph: NetworkGraph) =>
	graph.mapEdges((key, a, source, target) => `${key} ${source}→${target} ${a.weight}`);

const actor = (id: string, communeCode: string | null = C_UZES): NetworkActor => ({
	id,
	name: id.toUpperCase(),
	kind: 'association',
	worlds: [],
	communeCode
});

const took = (
	eventId: string,
	organisers: string[],
	participants: string[]
): NetworkParticipation[] => [
	...organisers.map((actorId) => ({ eventId, actorId, role: 'organiser' as const })),
	...participants.map((actorId) => ({ eventId, actorId, role: 'participant' as const }))
];

describe('buildNetwork', () => {
	it('makes one weighted edge per pair and kind, from links and events', () => {
		const graph = buildNetwork(fixtureInput());
		expect(graph.order).toBe(6);
		expect(edgeList(graph).sort()).toEqual([
			// the declared co-organisation and E1 are the same one: 1, not 2
			'co_organised|a|b a→b 1',
			// the member first
			'member_of|b|e b→e 1',
			// declared both ways: one edge
			'partner|a|b a→b 1',
			'partner|c|d c→d 1',
			'same_event|a|e a→e 1',
			// E1 and E3
			'same_event|b|e b→e 2',
			'same_event|c|d c→d 1',
			'same_event|c|e c→e 1',
			'same_event|d|e d→e 1'
		]);
		// two organisers of E1 are co-organisers, not « same event »
		expect(graph.hasEdge('same_event|a|b')).toBe(false);
		expect(graph.getNodeAttributes('d')).toEqual({
			label: 'Troupe des Garrigues',
			kind: 'association',
			worlds: ['amateur', 'associatif'],
			communeCode: C_UZES
		});
		expect(graph.getAttributes()).toEqual({ maxClique: 60, largeEvents: [] });
	});

	it('does not depend on the order of the rows', () => {
		const a = buildNetwork(fixtureInput());
		const b = buildNetwork(shuffledFixtureInput());
		expect(b.nodes()).toEqual(a.nodes());
		expect(edgeList(b)).toEqual(edgeList(a));
	});

	it('counts co-organised events, a declaration adding nothing to them', () => {
		const input: NetworkInput = {
			actors: [actor('x'), actor('y'), actor('z')],
			links: [
				{ from: 'x', to: 'y', kind: 'co_organised' },
				{ from: 'y', to: 'z', kind: 'co_organised' }
			],
			participations: [...took('E1', ['x', 'y'], []), ...took('E2', ['y', 'x'], ['z'])]
		};
		const graph = buildNetwork(input);
		expect(graph.getEdgeAttribute(edgeKey('co_organised', 'x', 'y'), 'weight')).toBe(2);
		expect(graph.getEdgeAttribute(edgeKey('co_organised', 'z', 'y'), 'weight')).toBe(1);
		expect(graph.getEdgeAttribute(edgeKey('same_event', 'z', 'x'), 'weight')).toBe(1);
	});

	it('keeps member_of one-way: A member of B and B member of A are two edges', () => {
		const graph = buildNetwork({
			actors: [actor('p'), actor('q')],
			links: [
				{ from: 'q', to: 'p', kind: 'member_of' },
				{ from: 'p', to: 'q', kind: 'member_of' },
				{ from: 'p', to: 'p', kind: 'partner' }
			],
			participations: []
		});
		expect(edgeList(graph).sort()).toEqual(['member_of|p|q p→q 1', 'member_of|q|p q→p 1']);
	});

	it('takes an actor listed as organiser and participant as an organiser', () => {
		const graph = buildNetwork({
			actors: [actor('x'), actor('y'), actor('z')],
			links: [],
			participations: [...took('E', ['x', 'y'], ['x', 'z'])]
		});
		expect(graph.hasEdge(edgeKey('co_organised', 'x', 'y'))).toBe(true);
		expect(graph.hasEdge(edgeKey('same_event', 'x', 'y'))).toBe(false);
		expect(graph.size).toBe(3);
	});

	it('draws an event above maxClique as a star on its organisers, or leaves it out', () => {
		const ids = ['o1', 'o2', 'p1', 'p2', 'p3'];
		const graph = buildNetwork(
			{
				actors: ids.map((id) => actor(id)),
				links: [],
				participations: [
					...took('big', ['o1', 'o2'], ['p1', 'p2', 'p3']),
					// four actors, two unknown: still above 3, and no known organiser
					...took('crowd', ['ghost'], ['p1', 'p2', 'ghost2']),
					...took('small', ['p1'], ['p2', 'p3'])
				]
			},
			{ maxClique: 3 }
		);
		expect(graph.getAttribute('largeEvents')).toEqual([
			{ eventId: 'big', actors: 5, drawnAs: 'star' },
			{ eventId: 'crowd', actors: 4, drawnAs: 'left_out' }
		]);
		const sameEvent = graph
			.filterEdges((_, a) => a.kind === 'same_event')
			.map((key) => `${key} ${graph.getEdgeAttribute(key, 'weight')}`)
			.sort();
		expect(sameEvent).toEqual([
			'same_event|o1|p1 1',
			'same_event|o1|p2 1',
			'same_event|o1|p3 1',
			'same_event|o2|p1 1',
			'same_event|o2|p2 1',
			'same_event|o2|p3 1',
			// only from « small »: big and crowd tie no two participants
			'same_event|p1|p2 1',
			'same_event|p1|p3 1',
			'same_event|p2|p3 1'
		]);
		expect(graph.hasEdge(edgeKey('co_organised', 'o1', 'o2'))).toBe(true);
	});
});

describe('filterNetwork', () => {
	const graph = buildNetwork(fixtureInput());

	it('keeps the actors of the communes and the edges between them', () => {
		const kept = filterNetwork(graph, { communes: [C_MONTAREN] });
		expect(kept.nodes()).toEqual(['a', 'b', 'e']);
		expect(kept.edges().sort()).toEqual([
			'co_organised|a|b',
			'member_of|b|e',
			'partner|a|b',
			'same_event|a|e',
			'same_event|b|e'
		]);
		// the given graph is untouched
		expect(graph.order).toBe(6);
		expect(graph.size).toBe(9);
	});

	it('keeps every actor but only the edges of the given kinds', () => {
		const kept = filterNetwork(graph, { kinds: ['partner', 'member_of'] });
		expect(kept.order).toBe(6);
		expect(kept.edges().sort()).toEqual(['member_of|b|e', 'partner|a|b', 'partner|c|d']);
	});

	it('leaves out the actors with no commune when communes are asked for', () => {
		const withLost = buildNetwork({ ...fixtureInput(), actors: [...ACTORS, actor('lost', null)] });
		expect(filterNetwork(withLost, {}).order).toBe(7);
		expect(filterNetwork(withLost, { communes: [C_UZES, C_SAINT_QUENTIN] }).nodes()).toEqual([
			'c',
			'd',
			'f'
		]);
	});

	it('gives the graph built from the communes’ actors and their events’ rows', () => {
		// What loadNetworkInput reads for some communes: their actors, the links between them,
		// and every row of the events one of them took part in. E4 is above maxClique with its
		// organiser in Uzès: Montaren's three participants alone would fit in a clique.
		const base = fixtureInput();
		const input = {
			...base,
			participations: [...base.participations, ...took('E4', ['c'], ['a', 'b', 'e', 'd'])]
		};
		for (const communes of [[C_MONTAREN], [C_UZES], [C_UZES, C_SAINT_QUENTIN]]) {
			const actors = input.actors.filter((a) => communes.includes(a.communeCode!));
			const ids = new Set(actors.map((a) => a.id));
			const events = new Set(
				input.participations.filter((p) => ids.has(p.actorId)).map((p) => p.eventId)
			);
			const built = buildNetwork(
				{
					actors,
					links: input.links.filter((l) => ids.has(l.from) && ids.has(l.to)),
					participations: input.participations.filter((p) => events.has(p.eventId))
				},
				{ maxClique: 3 }
			);
			const filtered = filterNetwork(buildNetwork(input, { maxClique: 3 }), { communes });
			expect(edgeList(built)).toEqual(edgeList(filtered));
			expect(built.nodes()).toEqual(filtered.nodes());
		}
	});
});
