/**
 * A small hand-made network for the tests (not imported by application code), the expected
 * figures computed by hand in network.test.ts's comments.
 *
 *   Montaren (30179)              Uzès (30334)
 *   a Mairie [elu] ── partner, co_organised ── b Comité [amateur, associatif]
 *     \                                          │ member_of (b → e), same_event ×2
 *      same_event ── e Tiers-lieu [associatif, professionnel] ── same_event ── c Compagnie [professionnel]
 *                                     └── same_event ── d Troupe [amateur, associatif] ── partner, same_event ── c
 *   f Brasserie [lucratif, professionnel] (Saint-Quentin-la-Poterie, 30259): no tie
 *
 * Events: E1 organised by a and b, e takes part; E2 organised by c, d and e take part; E3
 * organised by e, b takes part.
 */
import type { NetworkActor, NetworkInput } from './types';

export const C_MONTAREN = '30179';
export const C_UZES = '30334';
export const C_SAINT_QUENTIN = '30259';

export const ACTORS: NetworkActor[] = [
	{
		id: 'a',
		name: 'Mairie de Montaren',
		kind: 'elected_body',
		worlds: ['elu'],
		communeCode: C_MONTAREN
	},
	{
		id: 'b',
		name: 'Comité des fêtes',
		kind: 'association',
		worlds: ['associatif', 'amateur'],
		communeCode: C_MONTAREN
	},
	{
		id: 'c',
		name: 'Compagnie du Sud',
		kind: 'business',
		worlds: ['professionnel'],
		communeCode: C_UZES
	},
	{
		id: 'd',
		name: 'Troupe des Garrigues',
		kind: 'association',
		worlds: ['amateur', 'associatif', 'amateur'],
		communeCode: C_UZES
	},
	{
		id: 'e',
		name: 'Tiers-lieu La Fabrique',
		kind: 'cooperative',
		worlds: ['professionnel', 'associatif'],
		communeCode: C_MONTAREN
	},
	{
		id: 'f',
		name: 'Brasserie du Duché',
		kind: 'business',
		worlds: ['lucratif', 'professionnel'],
		communeCode: C_SAINT_QUENTIN
	}
];

export function fixtureInput(): NetworkInput {
	return {
		actors: ACTORS,
		links: [
			{ from: 'a', to: 'b', kind: 'partner' },
			{ from: 'b', to: 'a', kind: 'partner' },
			{ from: 'b', to: 'a', kind: 'co_organised' },
			{ from: 'b', to: 'e', kind: 'member_of' },
			{ from: 'd', to: 'c', kind: 'partner' },
			// unknown actor: dropped
			{ from: 'a', to: 'zz', kind: 'partner' }
		],
		participations: [
			{ eventId: 'E1', actorId: 'a', role: 'organiser' },
			{ eventId: 'E1', actorId: 'b', role: 'organiser' },
			{ eventId: 'E1', actorId: 'e', role: 'participant' },
			{ eventId: 'E2', actorId: 'c', role: 'organiser' },
			{ eventId: 'E2', actorId: 'd', role: 'participant' },
			{ eventId: 'E2', actorId: 'e', role: 'participant' },
			{ eventId: 'E3', actorId: 'e', role: 'organiser' },
			{ eventId: 'E3', actorId: 'b', role: 'participant' }
		]
	};
}

/** The same rows in another order. */
export function shuffledFixtureInput(): NetworkInput {
	const input = fixtureInput();
	return {
		actors: [...input.actors].reverse(),
		links: [...input.links].reverse(),
		participations: [...input.participations].reverse()
	};
}
