import { describe, expect, it } from 'vitest';
import {
	bestPlace,
	kindFits,
	placeFamily,
	seriesChoices,
	travelPlan,
	type TravelActor,
	type TravelCommune,
	type TravelEvent,
	type TravelInput,
	type TravelPlace
} from './travel';

const NOW = new Date('2026-06-01T12:00:00Z');

// Four villages on a line, about 8 km apart (0.1° of longitude at 44° N ≈ 8 km).
const communes: TravelCommune[] = [
	{ code: '30001', name: 'Aigaliers', centre: [4.3, 44.0] },
	{ code: '30002', name: 'Blauzac', centre: [4.4, 44.0] },
	{ code: '30003', name: 'Cabrières', centre: [4.5, 44.0] },
	{ code: '30004', name: 'Écoles', centre: [4.6, 44.0] },
	{ code: '30005', name: 'Durfort', centre: [4.7, 44.0] }
];

const place = (
	over: Partial<TravelPlace> & Pick<TravelPlace, 'id' | 'communeCode'>
): TravelPlace => ({
	name: `Salle ${over.id}`,
	capacity: 100,
	equipment: [],
	kind: 'salle',
	location: null,
	...over
});

const event = (over: Partial<TravelEvent> & Pick<TravelEvent, 'id' | 'startsAt'>): TravelEvent => ({
	title: `Fête ${over.id}`,
	communeCode: null,
	placeId: null,
	format: 'fête',
	theme: 'social',
	...over
});

const actor = (over: Partial<TravelActor> & Pick<TravelActor, 'id' | 'name'>): TravelActor => ({
	communeCode: null,
	location: null,
	sectors: [],
	...over
});

const input = (over: Partial<TravelInput> = {}): TravelInput => ({
	communes,
	events: [],
	places: [],
	actors: [],
	series: { format: 'fête', theme: null },
	now: NOW,
	...over
});

describe('travelPlan: history', () => {
	it('orders the timeline by date and counts visits per commune, planned apart', () => {
		const result = travelPlan(
			input({
				events: [
					event({ id: 'c', startsAt: '2025-06-01T10:00:00Z', communeCode: '30002' }),
					event({ id: 'a', startsAt: '2023-06-01T10:00:00Z', communeCode: '30002' }),
					event({ id: 'b', startsAt: '2024-06-01T10:00:00Z', communeCode: '30001' }),
					event({ id: 'd', startsAt: '2026-09-01T10:00:00Z', communeCode: '30003' })
				]
			})
		);
		expect(result.timeline.map((v) => v.eventId)).toEqual(['a', 'b', 'c', 'd']);
		expect(result.timeline.map((v) => v.planned)).toEqual([false, false, false, true]);
		expect(result.hosts.map((h) => [h.code, h.visits, h.planned])).toEqual([
			['30003', 0, 1],
			['30002', 2, 0],
			['30001', 1, 0]
		]);
		const blauzac = result.hosts.find((h) => h.code === '30002')!;
		expect(blauzac.firstDate).toBe('2023-06-01T10:00:00.000Z');
		expect(blauzac.lastDate).toBe('2025-06-01T10:00:00.000Z');
		expect(blauzac.name).toBe('Blauzac');
	});

	it("takes the place's commune when the event has none, and counts those with neither", () => {
		const result = travelPlan(
			input({
				places: [place({ id: 'p1', communeCode: '30004' }), place({ id: 'p2', communeCode: null })],
				events: [
					event({ id: 'via-place', startsAt: '2025-01-01T10:00:00Z', placeId: 'p1' }),
					event({ id: 'nowhere', startsAt: '2025-02-01T10:00:00Z' }),
					event({ id: 'place-nowhere', startsAt: '2025-03-01T10:00:00Z', placeId: 'p2' })
				]
			})
		);
		expect(result.timeline.map((v) => [v.eventId, v.communeCode, v.placeName])).toEqual([
			['via-place', '30004', 'Salle p1']
		]);
		expect(result.ignored).toBe(2);
		expect(result.seriesEvents).toBe(3);
	});

	it('keeps only the series: format and theme compared without case or accents', () => {
		const events = [
			event({ id: 'f1', startsAt: '2025-01-01T10:00:00Z', communeCode: '30001', format: 'Fete' }),
			event({ id: 'f2', startsAt: '2025-02-01T10:00:00Z', communeCode: '30002', theme: 'sport' }),
			event({ id: 'm', startsAt: '2025-03-01T10:00:00Z', communeCode: '30003', format: 'marché' })
		];
		const ids = (series: TravelInput['series']) =>
			travelPlan(input({ events, series })).timeline.map((v) => v.eventId);
		expect(ids({ format: 'fête', theme: null })).toEqual(['f1', 'f2']);
		expect(ids({ format: 'FÊTE', theme: 'Social' })).toEqual(['f1']);
		expect(ids({ format: null, theme: null })).toEqual(['f1', 'f2', 'm']);
		expect(ids({ format: null, theme: 'sport' })).toEqual(['f2']);
	});

	it('an empty series: no history, every commune never visited, still ranked', () => {
		const result = travelPlan(
			input({
				events: [
					event({
						id: 'x',
						startsAt: '2025-01-01T10:00:00Z',
						format: 'concert',
						communeCode: '30001'
					})
				]
			})
		);
		expect(result.timeline).toEqual([]);
		expect(result.hosts).toEqual([]);
		expect(result.ignored).toBe(0);
		expect(result.seriesEvents).toBe(0);
		expect(result.suggestions.map((s) => s.name)).toEqual([
			'Aigaliers',
			'Blauzac',
			'Cabrières',
			'Durfort',
			'Écoles'
		]);
		expect(result.suggestions.every((s) => s.reasons[0]?.code === 'never-visited')).toBe(true);
	});
});

describe('travelPlan: suggestions', () => {
	it('never visited first, then the least recently visited, a planned commune last', () => {
		const result = travelPlan(
			input({
				limit: 10,
				events: [
					event({ id: '1', startsAt: '2022-05-01T10:00:00Z', communeCode: '30004' }),
					event({ id: '2', startsAt: '2024-05-01T10:00:00Z', communeCode: '30001' }),
					event({ id: '3', startsAt: '2023-05-01T10:00:00Z', communeCode: '30002' }),
					event({ id: '4', startsAt: '2026-07-01T10:00:00Z', communeCode: '30003' })
				]
			})
		);
		// Durfort never hosted; Écoles 2022, Blauzac 2023, Aigaliers 2024; Cabrières has the next one.
		expect(result.suggestions.map((s) => s.code)).toEqual([
			'30005',
			'30004',
			'30002',
			'30001',
			'30003'
		]);
		expect(result.suggestions.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
		expect(result.suggestions[1]!.reasons[0]).toEqual({
			code: 'last-visit',
			date: '2022-05-01T10:00:00.000Z',
			visits: 1
		});
		expect(result.suggestions[4]!.reasons[0]).toEqual({
			code: 'planned',
			date: '2026-07-01T10:00:00.000Z'
		});
	});

	it('among never visited communes, one with a place able to host ranks before one without', () => {
		// By name Aigaliers would come first; Blauzac has the hall.
		const result = travelPlan(
			input({ places: [place({ id: 'hall', communeCode: '30002', name: 'Salle des fêtes' })] })
		);
		expect(result.suggestions[0]!.code).toBe('30002');
		expect(result.suggestions[0]!.place?.name).toBe('Salle des fêtes');
		expect(result.suggestions[1]!.code).toBe('30001');
		expect(result.suggestions[1]!.place).toBeNull();
		expect(result.suggestions[1]!.reasons).toContainEqual({ code: 'no-place', places: 0 });
	});

	it('a place never outranks a less recent visit: the visit rule comes first', () => {
		const result = travelPlan(
			input({
				communes: communes.slice(0, 2),
				places: [place({ id: 'hall', communeCode: '30002' })],
				events: [
					event({ id: 'old', startsAt: '2020-01-01T10:00:00Z', communeCode: '30001' }),
					event({ id: 'new', startsAt: '2025-01-01T10:00:00Z', communeCode: '30002' })
				]
			})
		);
		expect(result.suggestions.map((s) => s.code)).toEqual(['30001', '30002']);
	});

	it('a place too small, or of a kind that does not suit the format, does not count', () => {
		const places = [
			place({ id: 'small', communeCode: '30001', capacity: 30 }),
			place({ id: 'stade', communeCode: '30002', kind: 'équipement sportif', capacity: 500 }),
			place({ id: 'hall', communeCode: '30003', capacity: 150 })
		];
		const result = travelPlan(input({ places, expectedSize: 120 }));
		expect(result.expectedSize).toBe(120);
		expect(result.suggestions.map((s) => [s.code, s.place?.id ?? null])).toEqual([
			['30003', 'hall'],
			['30001', null],
			['30002', null],
			['30005', null],
			['30004', null]
		]);
		expect(result.suggestions[1]!.reasons).toContainEqual({ code: 'no-place', places: 1 });
		expect(result.suggestions[0]!.reasons).toContainEqual({
			code: 'place',
			placeId: 'hall',
			placeName: 'Salle hall',
			capacity: 150,
			expectedSize: 120,
			capacityFit: 'enough',
			equipment: []
		});
		// Without a size, the small room will do.
		const any = travelPlan(input({ places }));
		expect(any.expectedSize).toBeNull();
		expect(any.suggestions.find((s) => s.code === '30001')?.place?.capacityFit).toBe('not-judged');
	});

	it("takes the series' largest known size when none is given", () => {
		const result = travelPlan(
			input({
				events: [
					event({ id: '1', startsAt: '2024-01-01T10:00:00Z', communeCode: '30001', size: 80 }),
					event({ id: '2', startsAt: '2025-01-01T10:00:00Z', communeCode: '30002', size: 140 })
				]
			})
		);
		expect(result.expectedSize).toBe(140);
	});

	it('prefers nearby actors whose sectors match the theme, and names them', () => {
		const actors = [
			// Aigaliers: two actors, none of the theme.
			actor({ id: 'a1', name: 'Club de boules', communeCode: '30001', location: [4.3, 44.0] }),
			actor({ id: 'a2', name: 'Chorale', communeCode: '30001', location: [4.3, 44.0] }),
			// Durfort: one actor of the theme, without a position (same commune counts).
			actor({ id: 'd1', name: 'Centre social', communeCode: '30005', sectors: ['social'] })
		];
		const result = travelPlan(
			input({
				communes: [communes[0]!, communes[4]!],
				actors,
				series: { format: 'fête', theme: 'social' }
			})
		);
		expect(result.suggestions.map((s) => s.code)).toEqual(['30005', '30001']);
		expect(result.suggestions[0]!.reasons).toContainEqual({
			code: 'actors',
			count: 1,
			matching: 1,
			theme: 'social',
			radiusKm: 10,
			names: ['Centre social']
		});
		expect(result.suggestions[1]!.coOrganisers.map((a) => a.name)).toEqual([
			'Chorale',
			'Club de boules'
		]);
	});

	it('counts actors of a neighbouring commune within the radius, not beyond', () => {
		const actors = [
			// 0.1° east of Aigaliers' centre: about 8 km, within 10 km.
			actor({ id: 'near', name: 'Voisin', communeCode: '30002', location: [4.4, 44.0] }),
			// 0.3° east: about 24 km.
			actor({ id: 'far', name: 'Lointain', communeCode: '30004', location: [4.6, 44.0] })
		];
		const result = travelPlan(input({ communes: [communes[0]!], actors }));
		const only = result.suggestions[0]!;
		expect(only.nearbyActors).toBe(1);
		expect(only.coOrganisers[0]).toMatchObject({ id: 'near', sameCommune: false });
		expect(only.coOrganisers[0]!.distanceKm).toBeGreaterThan(7);
		expect(only.coOrganisers[0]!.distanceKm).toBeLessThan(9);
		const lonely = travelPlan(input({ communes: [communes[0]!], actors, radiusKm: 5 }));
		expect(lonely.suggestions[0]!.reasons).toContainEqual({ code: 'no-actors', radiusKm: 5 });
	});

	it('breaks ties by name with French collation (É sorts with E) and returns at most the limit', () => {
		const result = travelPlan(input({ limit: 3 }));
		expect(result.suggestions.map((s) => s.name)).toEqual(['Aigaliers', 'Blauzac', 'Cabrières']);
		const all = travelPlan(input({ limit: 10 }));
		expect(all.suggestions.map((s) => s.name).slice(3)).toEqual(['Durfort', 'Écoles']);
	});

	it('is deterministic whatever the input order', () => {
		const events = [
			event({ id: '1', startsAt: '2024-01-01T10:00:00Z', communeCode: '30001' }),
			event({ id: '2', startsAt: '2024-01-01T10:00:00Z', communeCode: '30002' })
		];
		const places = [
			place({ id: 'p', communeCode: '30004' }),
			place({ id: 'q', communeCode: '30005' })
		];
		const a = travelPlan(input({ events, places, limit: 10 }));
		const b = travelPlan(
			input({
				events: [...events].reverse(),
				places: [...places].reverse(),
				communes: [...communes].reverse(),
				limit: 10
			})
		);
		expect(b).toEqual(a);
		expect(a.suggestions.map((s) => s.code)).toEqual(['30005', '30004', '30003', '30001', '30002']);
	});
});

describe('place fit', () => {
	it('recognises the usual kinds', () => {
		expect(placeFamily('Salle des fêtes')).toBe('hall');
		expect(placeFamily('tiers-lieu')).toBe('tiers-lieu');
		expect(placeFamily('médiathèque')).toBe('library');
		expect(placeFamily('equipement-sportif')).toBe('sports');
		expect(placeFamily('jardin partagé')).toBe('garden');
		expect(placeFamily('atelier')).toBe('workshop');
		expect(placeFamily('chapelle')).toBeNull();
		expect(placeFamily(null)).toBeNull();
	});

	it('judges the kind only when both the format and the kind are known', () => {
		expect(kindFits('tournoi', 'salle')).toBe(false);
		expect(kindFits('tournoi', 'stade')).toBe(true);
		expect(kindFits('Chantier participatif', 'jardin')).toBe(true);
		expect(kindFits('chantier participatif', 'salle des fêtes')).toBe(false);
		expect(kindFits('randonnée', 'salle')).toBe(true);
		expect(kindFits('fête', 'chapelle')).toBe(true);
		expect(kindFits(null, 'stade')).toBe(true);
	});

	it('prefers a known capacity, then the equipment the series needs, then the smallest room that will do', () => {
		const places = [
			place({ id: 'big', communeCode: 'x', capacity: 400 }),
			place({ id: 'unknown', communeCode: 'x', capacity: null }),
			place({ id: 'right', communeCode: 'x', capacity: 120 })
		];
		expect(bestPlace(places, 'fête', 100)?.id).toBe('right');
		expect(bestPlace(places, 'fête', null)?.id).toBe('big');
		expect(bestPlace(places, 'fête', 500)?.id).toBe('unknown');
		expect(bestPlace(places, 'fête', 500)?.capacityFit).toBe('unknown');
		const equipped = [
			...places,
			place({ id: 'sono', communeCode: 'x', capacity: 300, equipment: ['Sono', 'tables'] })
		];
		const needs = new Map([
			['sono', 'sono'],
			['buvette', 'buvette']
		]);
		const best = bestPlace(equipped, 'fête', 100, needs);
		expect(best?.id).toBe('sono');
		expect(best?.equipment).toEqual(['Sono']);
	});
});

describe('seriesChoices', () => {
	it('lists the formats with their events, host communes and themes', () => {
		const choices = seriesChoices(
			[
				event({ id: '1', startsAt: '2024-01-01T10:00:00Z', communeCode: '30001' }),
				event({ id: '2', startsAt: '2025-01-01T10:00:00Z', placeId: 'p', format: 'Fête ' }),
				event({
					id: '3',
					startsAt: '2025-01-01T10:00:00Z',
					communeCode: '30001',
					theme: 'culture'
				}),
				event({ id: '4', startsAt: '2025-01-01T10:00:00Z', format: 'atelier', theme: null }),
				event({ id: '5', startsAt: '2025-01-01T10:00:00Z', format: null })
			],
			[place({ id: 'p', communeCode: '30002' })]
		);
		expect(choices).toEqual([
			{ format: 'atelier', events: 1, communes: 0, themes: [] },
			{
				format: 'fête',
				events: 3,
				communes: 2,
				themes: [
					{ theme: 'culture', events: 1 },
					{ theme: 'social', events: 2 }
				]
			}
		]);
	});
});
