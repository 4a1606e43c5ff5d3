/**
 * The dossier's figures on a small hand-made territory; every expected value is worked out by
 * hand in the comments next to it.
 *
 * Communes: Alpha 30001 (2,000 inh.), Bravo 30002 (500), Charlie 30003 (unknown), Delta 30004
 * (1,000). "EPCI" below = { Alpha, Bravo }.
 *
 *   actor kind            commune  sectors                  worlds
 *   a1    association     Alpha    culture, social          amateur, non-lucratif
 *   a2    association     Alpha    culture                  amateur
 *   a3    business        Alpha    economie                 professionnel, lucratif
 *   a4    public_body     Alpha    social                   elu
 *   a5    association     Bravo    sport                    amateur, non-lucratif
 *   a6    cooperative     Bravo    economie, environnement  professionnel
 *   a7    association     Charlie  culture                  non-lucratif
 *   a8    business        Charlie  —                        —
 *   a9    elected_body    Delta    social                   elu
 *   a10   association     Delta    environnement            non-lucratif
 *   a11   informal_group  Delta    culture                  amateur
 *   a12   association     —        social                   non-lucratif
 *
 * Listings: L1 r1 a1, r2 a2, r3 a5, r4 a7, r5 a10
 *           L2 r6 a1, r7 a3, r8 a6, r9 a1, r10 a9, r11 a4 (gone)
 *           L3 r12 a2, r13 a5, r14 (no actor), r15 a11
 * Decisions: r1–r6 same, r2–r12 same, r4–r8 different.
 * Places: p1 Alpha, p2 Alpha, p3 Delta, p4 no commune.
 * Events (now = 2026-03-01T12:00Z, window from 2025-03-01T12:00Z):
 *   e1 2025-06-15 Alpha [a1, a2]   e2 2025-11-20 Bravo [a5, a1]   e3 2026-02-10 Alpha [a3]
 *   e4 2025-03-01T11:59:59Z Delta [a9]  (one second too old)
 *   e5 2026-04-01 Charlie [a7]          (not yet)
 * Offers: o1 offer a3 (Alpha) room « Salle de réunion », always valid
 *         o2 offer a10 (Delta) equipment « Sono portable », valid until 2026-01-31 (expired)
 *         o3 request a5 (Bravo) room « Salle pour répétitions »   → met by o1 (room ↔ room)
 *         o4 request a1 (Alpha) equipment « Sono pour le forum » → only o2, expired: not met
 */
import { describe, expect, it } from 'vitest';
import type { ActorKind } from '../actor-kinds';
import {
	actorsByKind,
	actorsBySector,
	actorsPerThousand,
	commonPlaces,
	dossierFigures,
	eventGaps,
	eventsLastYear,
	kindGaps,
	lastTwelveMonths,
	listingsMerged,
	METHOD_KEYS,
	offersAndRequests,
	worldsPresent
} from './figures';
import type {
	DossierActor,
	DossierInput,
	DossierOffer,
	DossierRecord,
	DossierScope
} from './types';

const ALPHA = '30001';
const BRAVO = '30002';
const CHARLIE = '30003';
const DELTA = '30004';

function actor(
	id: string,
	kind: ActorKind,
	communeCode: string | null,
	sectors: string[],
	worlds: string[]
): DossierActor {
	return { id, kind, communeCode, sectors, worlds };
}

function record(
	id: string,
	listingId: string,
	actorId: string | null,
	gone = false
): DossierRecord {
	return { id, listingId, actorId, gone };
}

function offer(
	id: string,
	direction: 'offer' | 'request',
	actorId: string,
	communeCode: string,
	category: DossierOffer['category'],
	title: string,
	validUntil: string | null = null
): DossierOffer {
	return {
		id,
		direction,
		actorId,
		actorName: actorId,
		communeCode,
		position: null,
		category,
		title,
		description: null,
		conditions: null,
		validFrom: null,
		validUntil
	};
}

const INPUT: DossierInput = {
	audience: 'members',
	communes: [
		{ code: DELTA, name: 'Delta', population: 1000 },
		{ code: ALPHA, name: 'Alpha', population: 2000 },
		{ code: CHARLIE, name: 'Charlie', population: null },
		{ code: BRAVO, name: 'Bravo', population: 500 }
	],
	actors: [
		actor('a1', 'association', ALPHA, ['culture', 'social'], ['amateur', 'non-lucratif']),
		actor('a2', 'association', ALPHA, ['culture'], ['amateur']),
		actor('a3', 'business', ALPHA, ['economie'], ['professionnel', 'lucratif']),
		actor('a4', 'public_body', ALPHA, ['social'], ['elu']),
		actor('a5', 'association', BRAVO, ['sport'], ['amateur', 'non-lucratif']),
		actor('a6', 'cooperative', BRAVO, ['economie', 'environnement'], ['professionnel']),
		actor('a7', 'association', CHARLIE, ['culture'], ['non-lucratif']),
		actor('a8', 'business', CHARLIE, [], []),
		actor('a9', 'elected_body', DELTA, ['social'], ['elu']),
		actor('a10', 'association', DELTA, ['environnement'], ['non-lucratif']),
		actor('a11', 'informal_group', DELTA, ['culture'], ['amateur']),
		actor('a12', 'association', null, ['social'], ['non-lucratif'])
	],
	census: {
		listings: [
			{ id: 'L1', name: 'Registre RNA' },
			{ id: 'L2', name: 'Annuaire du réseau' },
			{ id: 'L3', name: 'Forum 2025' }
		],
		records: [
			record('r1', 'L1', 'a1'),
			record('r2', 'L1', 'a2'),
			record('r3', 'L1', 'a5'),
			record('r4', 'L1', 'a7'),
			record('r5', 'L1', 'a10'),
			record('r6', 'L2', 'a1'),
			record('r7', 'L2', 'a3'),
			record('r8', 'L2', 'a6'),
			record('r9', 'L2', 'a1'),
			record('r10', 'L2', 'a9'),
			record('r11', 'L2', 'a4', true),
			record('r12', 'L3', 'a2'),
			record('r13', 'L3', 'a5'),
			record('r14', 'L3', null),
			record('r15', 'L3', 'a11')
		],
		decisions: [
			{ recordA: 'r1', recordB: 'r6', decision: 'same' },
			{ recordA: 'r12', recordB: 'r2', decision: 'same' },
			{ recordA: 'r4', recordB: 'r8', decision: 'different' }
		]
	},
	places: [
		{ id: 'p1', communeCode: ALPHA },
		{ id: 'p2', communeCode: ALPHA },
		{ id: 'p3', communeCode: DELTA },
		{ id: 'p4', communeCode: null }
	],
	events: [
		{ id: 'e1', startsAt: '2025-06-15T18:00:00Z', communeCode: ALPHA, actorIds: ['a1', 'a2'] },
		{ id: 'e2', startsAt: '2025-11-20T18:00:00Z', communeCode: BRAVO, actorIds: ['a5', 'a1'] },
		{ id: 'e3', startsAt: '2026-02-10T09:00:00Z', communeCode: ALPHA, actorIds: ['a3'] },
		{ id: 'e4', startsAt: '2025-03-01T11:59:59Z', communeCode: DELTA, actorIds: ['a9'] },
		{ id: 'e5', startsAt: '2026-04-01T18:00:00Z', communeCode: CHARLIE, actorIds: ['a7'] }
	],
	offers: [
		offer('o1', 'offer', 'a3', ALPHA, 'room', 'Salle de réunion'),
		offer('o2', 'offer', 'a10', DELTA, 'equipment', 'Sono portable', '2026-01-31'),
		offer('o3', 'request', 'a5', BRAVO, 'room', 'Salle pour répétitions'),
		offer('o4', 'request', 'a1', ALPHA, 'equipment', 'Sono pour le forum')
	]
};

const NOW = new Date('2026-03-01T12:00:00Z');
const TERRITORY: DossierScope = { kind: 'territory' };
const EPCI: DossierScope = { kind: 'epci', code: '200000001', communeCodes: [ALPHA, BRAVO] };
const IN_ALPHA: DossierScope = { kind: 'commune', code: ALPHA };
const IN_CHARLIE: DossierScope = { kind: 'commune', code: CHARLIE };

const PUBLIC: DossierInput = { ...INPUT, audience: 'public', census: null, offers: null };

describe('actorsByKind', () => {
	it('counts the territory’s actors by kind, largest first, empty kinds set apart', () => {
		const { value, method } = actorsByKind(INPUT, TERRITORY);
		// association a1 a2 a5 a7 a10 a12 = 6; business a3 a8 = 2; the other four kinds 1 each,
		// in the legend's order; nobody is 'other'. 6 + 2 + 4 × 1 = 12.
		expect(value).toEqual({
			total: 12,
			kinds: [
				{ kind: 'association', count: 6 },
				{ kind: 'business', count: 2 },
				{ kind: 'cooperative', count: 1 },
				{ kind: 'public_body', count: 1 },
				{ kind: 'informal_group', count: 1 },
				{ kind: 'elected_body', count: 1 }
			],
			absent: ['other']
		});
		expect(method).toEqual({
			key: 'actors_by_kind',
			params: { scope: 'territory', scopeCode: null, total: 12 }
		});
	});

	it('keeps only the actors of a commune or an EPCI (the unplaced a12 is out)', () => {
		// Alpha: a1 a2 (association), a3 (business), a4 (public_body).
		const alpha = actorsByKind(INPUT, IN_ALPHA);
		expect(alpha.value.total).toBe(4);
		expect(alpha.value.kinds).toEqual([
			{ kind: 'association', count: 2 },
			{ kind: 'business', count: 1 },
			{ kind: 'public_body', count: 1 }
		]);
		expect(alpha.method.params).toMatchObject({ scope: 'commune', scopeCode: ALPHA });
		// Alpha + Bravo: the 4 above + a5 (association) + a6 (cooperative) = 6.
		const epci = actorsByKind(INPUT, EPCI);
		expect(epci.value.total).toBe(6);
		expect(epci.value.kinds[0]).toEqual({ kind: 'association', count: 3 });
		expect(epci.method.params).toMatchObject({ scope: 'epci', scopeCode: '200000001' });
	});
});

describe('actorsBySector', () => {
	it('counts an actor once in each of its sectors', () => {
		const { value, method } = actorsBySector(INPUT, TERRITORY);
		// culture a1 a2 a7 a11 = 4, social a1 a4 a9 a12 = 4, economie a3 a6 = 2,
		// environnement a6 a10 = 2, sport a5 = 1; a8 has none. Ties in French order.
		expect(value).toEqual({
			total: 12,
			sectors: [
				{ sector: 'culture', count: 4 },
				{ sector: 'social', count: 4 },
				{ sector: 'economie', count: 2 },
				{ sector: 'environnement', count: 2 },
				{ sector: 'sport', count: 1 }
			],
			withoutSector: 1
		});
		expect(method.params).toMatchObject({ withoutSector: 1 });
	});

	it('follows the scope', () => {
		// Charlie: a7 culture, a8 nothing.
		expect(actorsBySector(INPUT, IN_CHARLIE).value).toEqual({
			total: 2,
			sectors: [{ sector: 'culture', count: 1 }],
			withoutSector: 1
		});
	});
});

describe('worldsPresent', () => {
	it('counts the actors of each world', () => {
		const { value } = worldsPresent(INPUT, TERRITORY);
		// non-lucratif a1 a5 a7 a10 a12 = 5, amateur a1 a2 a5 a11 = 4, elu a4 a9 = 2,
		// professionnel a3 a6 = 2, lucratif a3 = 1; a8 none.
		expect(value).toEqual({
			total: 12,
			worlds: [
				{ world: 'non-lucratif', count: 5 },
				{ world: 'amateur', count: 4 },
				{ world: 'elu', count: 2 },
				{ world: 'professionnel', count: 2 },
				{ world: 'lucratif', count: 1 }
			],
			withoutWorld: 1
		});
	});
});

describe('listingsMerged', () => {
	it('tells how many rows became how many actors on the territory', () => {
		const figure = listingsMerged(INPUT, TERRITORY);
		if (!figure.available) throw new Error('expected the figure');
		// 15 rows − r11 (gone) = 14 current rows, in L1 L2 L3. 13 of them have an actor (r14 has
		// none), merged into 9 actors: a1 a2 a3 a5 a6 a7 a9 a10 a11. 13 − 9 = 4 duplicates
		// (a1: 3 rows → 2, a2: 2 → 1, a5: 2 → 1). Three decisions, two "same".
		expect(figure.value).toEqual({
			listings: 3,
			rows: 14,
			actors: 9,
			duplicatesResolved: 4,
			unattachedRows: 1,
			decisions: { total: 3, same: 2, different: 1 }
		});
		expect(figure.method).toEqual({
			key: 'listings_merged',
			params: {
				scope: 'territory',
				scopeCode: null,
				listings: 3,
				rows: 14,
				actors: 9,
				duplicatesResolved: 4,
				decisions: 3,
				gone: 1
			}
		});
	});

	it('counts a commune’s rows through the actors they were merged into', () => {
		const figure = listingsMerged(INPUT, IN_ALPHA);
		if (!figure.available) throw new Error('expected the figure');
		// Alpha's actors a1 a2 a3 a4: r1 r6 r9 (a1), r2 r12 (a2), r7 (a3); r11 (a4) is gone and
		// r14 has no actor. 6 rows from L1 L2 L3 → 3 actors: 3 duplicates. Decisions touching
		// those rows: r1–r6 and r12–r2; r4–r8 is Charlie–Bravo.
		expect(figure.value).toEqual({
			listings: 3,
			rows: 6,
			actors: 3,
			duplicatesResolved: 3,
			unattachedRows: 0,
			decisions: { total: 2, same: 2, different: 0 }
		});
		expect(figure.method.params).toMatchObject({ gone: 1 });
		// Bravo: r3 r13 (a5), r8 (a6): L1 L3 L2 → 3 rows, 2 actors, 1 duplicate; r4–r8 touches r8.
		const bravo = listingsMerged(INPUT, { kind: 'commune', code: BRAVO });
		expect(bravo.available && bravo.value).toMatchObject({
			listings: 3,
			rows: 3,
			actors: 2,
			duplicatesResolved: 1,
			decisions: { total: 1, same: 0, different: 1 }
		});
	});

	it('is not available to the public', () => {
		expect(listingsMerged(PUBLIC, TERRITORY)).toEqual({
			available: false,
			method: { key: 'not_available', params: { scope: 'territory', scopeCode: null } }
		});
	});
});

describe('commonPlaces', () => {
	it('counts places by commune', () => {
		// p1 p2 Alpha, p3 Delta, p4 nowhere: 4 in all.
		expect(commonPlaces(INPUT, TERRITORY).value).toEqual({
			total: 4,
			byCommune: [
				{ code: ALPHA, name: 'Alpha', count: 2 },
				{ code: DELTA, name: 'Delta', count: 1 }
			],
			withoutCommune: 1
		});
		expect(commonPlaces(INPUT, EPCI).value).toEqual({
			total: 2,
			byCommune: [{ code: ALPHA, name: 'Alpha', count: 2 }],
			withoutCommune: 0
		});
		expect(commonPlaces(INPUT, IN_CHARLIE).value.total).toBe(0);
	});
});

describe('eventsLastYear', () => {
	it('takes the past 12 months only, bounds included', () => {
		const { from, to } = lastTwelveMonths(NOW);
		expect(from.toISOString()).toBe('2025-03-01T12:00:00.000Z');
		expect(to.toISOString()).toBe('2026-03-01T12:00:00.000Z');
		const { value, method } = eventsLastYear(INPUT, TERRITORY, NOW);
		// e1 e2 e3; e4 is one second before the window, e5 is in April 2026. Alpha hosted e1 e3,
		// Bravo e2. Actors: a1 a2 (e1), a5 (e2), a3 (e3) = 4.
		expect(value).toEqual({
			count: 3,
			from: '2025-03-01T12:00:00.000Z',
			to: '2026-03-01T12:00:00.000Z',
			communes: [
				{ code: ALPHA, name: 'Alpha', count: 2 },
				{ code: BRAVO, name: 'Bravo', count: 1 }
			],
			withoutCommune: 0,
			actorsInvolved: 4
		});
		expect(method.key).toBe('events_last_12_months');
		expect(method.params).toMatchObject({ count: 3, communes: 2 });
		// An event exactly at the window's start counts.
		const edge = {
			...INPUT,
			events: [{ id: 'e', startsAt: '2025-03-01T12:00:00Z', communeCode: DELTA, actorIds: [] }]
		};
		expect(eventsLastYear(edge, TERRITORY, NOW).value.count).toBe(1);
	});

	it('follows the scope', () => {
		// Alpha: e1 e3, actors a1 a2 a3.
		expect(eventsLastYear(INPUT, IN_ALPHA, NOW).value).toMatchObject({
			count: 2,
			actorsInvolved: 3
		});
		// Charlie's only event (e5) has not happened yet.
		expect(eventsLastYear(INPUT, IN_CHARLIE, NOW).value.count).toBe(0);
	});

	it('does not count the actors involved when they are hidden from the audience', () => {
		const hidden = { ...INPUT, events: INPUT.events.map((e) => ({ ...e, actorIds: null })) };
		expect(eventsLastYear(hidden, TERRITORY, NOW).value).toMatchObject({
			count: 3,
			actorsInvolved: null
		});
	});
});

describe('offersAndRequests', () => {
	it('counts the requests a valid offer of another actor meets', () => {
		const figure = offersAndRequests(INPUT, TERRITORY, NOW);
		if (!figure.available) throw new Error('expected the figure');
		// Offers o1 o2, only o1 still valid on 2026-03-01. Requests o3 o4, both open; o3 (room)
		// is met by o1 (room), o4 (sono) only by o2, which expired on 2026-01-31: 1 matched.
		expect(figure.value).toEqual({
			offers: 2,
			validOffers: 1,
			requests: 2,
			openRequests: 2,
			matchedRequests: 1,
			today: '2026-03-01'
		});
		expect(figure.method.params).toMatchObject({ matched: 1, today: '2026-03-01' });
	});

	it('lets an offer from elsewhere in the territory meet a request of the scope', () => {
		// Bravo has no offer, but its request o3 is met by Alpha's o1.
		const bravo = offersAndRequests(INPUT, { kind: 'commune', code: BRAVO }, NOW);
		expect(bravo.available && bravo.value).toMatchObject({
			offers: 0,
			requests: 1,
			matchedRequests: 1
		});
		// Alpha: o1 offered, o4 requested and unmet.
		const alpha = offersAndRequests(INPUT, IN_ALPHA, NOW);
		expect(alpha.available && alpha.value).toMatchObject({
			offers: 1,
			requests: 1,
			matchedRequests: 0
		});
	});

	it('meets the sono request while the sono is valid, and never with the requester’s own offer', () => {
		// On 2026-01-15 o2 is still valid: both requests are met.
		const january = offersAndRequests(INPUT, TERRITORY, new Date('2026-01-15T12:00:00Z'));
		expect(january.available && january.value.matchedRequests).toBe(2);
		// If a1 itself offered the room, a1's room request would find nothing.
		const own: DossierInput = {
			...INPUT,
			offers: [
				offer('x1', 'offer', 'a1', ALPHA, 'room', 'Salle'),
				offer('x2', 'request', 'a1', ALPHA, 'room', 'Salle')
			]
		};
		const alone = offersAndRequests(own, TERRITORY, NOW);
		expect(alone.available && alone.value.matchedRequests).toBe(0);
	});

	it('is not available to the public', () => {
		expect(offersAndRequests(PUBLIC, TERRITORY, NOW).available).toBe(false);
	});
});

describe('actorsPerThousand', () => {
	it('divides each commune’s actors by its population', () => {
		const { value, method } = actorsPerThousand(INPUT, TERRITORY);
		// Bravo 2 / 500 × 1000 = 4; Delta 3 / 1000 × 1000 = 3; Alpha 4 / 2000 × 1000 = 2;
		// Charlie 2 actors, population unknown: no rate. a12 has no commune.
		expect(value.communes).toEqual([
			{ code: BRAVO, name: 'Bravo', population: 500, actors: 2, rate: 4 },
			{ code: DELTA, name: 'Delta', population: 1000, actors: 3, rate: 3 },
			{ code: ALPHA, name: 'Alpha', population: 2000, actors: 4, rate: 2 },
			{ code: CHARLIE, name: 'Charlie', population: null, actors: 2, rate: null }
		]);
		// Over the communes with a population: (2 + 3 + 4) / 3,500 × 1000 = 2.571…
		expect(value.overall.actors).toBe(9);
		expect(value.overall.population).toBe(3500);
		expect(value.overall.rate).toBeCloseTo(2.5714, 4);
		expect(value.kind).toBeNull();
		expect(method.params).toMatchObject({ kind: 'all', unknownPopulation: 1 });
	});

	it('counts one kind when asked', () => {
		const { value, method } = actorsPerThousand(INPUT, TERRITORY, 'association');
		// Associations: Bravo a5 → 1/500 = 2; Alpha a1 a2 → 2/2000 = 1; Delta a10 → 1/1000 = 1
		// (Alpha before Delta by name); Charlie a7, no rate. Overall 4 / 3500 × 1000 = 1.142…
		expect(value.communes.map((c) => [c.code, c.actors, c.rate])).toEqual([
			[BRAVO, 1, 2],
			[ALPHA, 2, 1],
			[DELTA, 1, 1],
			[CHARLIE, 1, null]
		]);
		expect(value.overall.rate).toBeCloseTo(1.142857, 5);
		expect(method.params.kind).toBe('association');
	});

	it('keeps to the scope’s communes, and has no overall rate without any population', () => {
		const epci = actorsPerThousand(INPUT, EPCI).value;
		expect(epci.communes.map((c) => c.code)).toEqual([BRAVO, ALPHA]);
		// (2 + 4) / 2,500 × 1000 = 2.4
		expect(epci.overall.rate).toBeCloseTo(2.4, 10);
		const charlie = actorsPerThousand(INPUT, IN_CHARLIE).value;
		expect(charlie.overall).toEqual({ actors: 0, population: 0, rate: null });
	});
});

describe('coverage gaps', () => {
	it('lists, for each kind, the communes without one', () => {
		const { value, method } = kindGaps(INPUT, TERRITORY);
		const byKind = Object.fromEntries(
			value.kinds.map((g) => [g.kind, [g.communes.map((c) => c.name), g.absentEverywhere]])
		);
		// association: in all four. business: Alpha (a3), Charlie (a8). cooperative: Bravo (a6).
		// public_body: Alpha (a4). informal_group: Delta (a11). elected_body: Delta (a9). other: none.
		expect(byKind).toEqual({
			association: [[], false],
			business: [['Bravo', 'Delta'], false],
			cooperative: [['Alpha', 'Charlie', 'Delta'], false],
			public_body: [['Bravo', 'Charlie', 'Delta'], false],
			informal_group: [['Alpha', 'Bravo', 'Charlie'], false],
			elected_body: [['Alpha', 'Bravo', 'Charlie'], false],
			other: [['Alpha', 'Bravo', 'Charlie', 'Delta'], true]
		});
		expect(method.params).toMatchObject({ communes: 4 });
	});

	it('keeps to the scope and to the kinds asked', () => {
		// In the EPCI (Alpha, Bravo): no elected body anywhere, business missing in Bravo.
		const { value } = kindGaps(INPUT, EPCI, ['business', 'elected_body']);
		expect(value.kinds).toEqual([
			{ kind: 'business', communes: [{ code: BRAVO, name: 'Bravo' }], absentEverywhere: false },
			{
				kind: 'elected_body',
				communes: [
					{ code: ALPHA, name: 'Alpha' },
					{ code: BRAVO, name: 'Bravo' }
				],
				absentEverywhere: true
			}
		]);
	});

	it('lists the communes with no event in the last 12 months', () => {
		// Alpha (e1 e3) and Bravo (e2) hosted one; Charlie's is to come, Delta's too old.
		const { value, method } = eventGaps(INPUT, TERRITORY, NOW);
		expect(value.communes).toEqual([
			{ code: CHARLIE, name: 'Charlie' },
			{ code: DELTA, name: 'Delta' }
		]);
		expect(method).toMatchObject({ key: 'event_gaps', params: { communes: 4 } });
		expect(eventGaps(INPUT, EPCI, NOW).value.communes).toEqual([]);
	});

	it('names a scope commune the territory does not list by its code', () => {
		const outside: DossierScope = { kind: 'commune', code: '30999' };
		expect(eventGaps(INPUT, outside, NOW).value.communes).toEqual([
			{ code: '30999', name: '30999' }
		]);
		expect(actorsPerThousand(INPUT, outside).value.communes).toEqual([
			{ code: '30999', name: '30999', population: null, actors: 0, rate: null }
		]);
	});
});

describe('dossierFigures', () => {
	it('gives every figure, each with a documented method key', () => {
		const all = dossierFigures(INPUT, TERRITORY, NOW);
		expect(Object.keys(all)).toHaveLength(10);
		for (const figure of Object.values(all)) {
			expect(Object.keys(METHOD_KEYS)).toContain(figure.method.key);
		}
		expect(all.actorsByKind.value.total).toBe(12);
		const pub = dossierFigures(PUBLIC, TERRITORY, NOW);
		expect(pub.listingsMerged.method.key).toBe('not_available');
		expect(pub.offersAndRequests.method.key).toBe('not_available');
		// Everything else is computed from public rows and does not change.
		expect(pub.eventsLastYear).toEqual(all.eventsLastYear);
	});
});
