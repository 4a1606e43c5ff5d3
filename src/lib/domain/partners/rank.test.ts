import { describe, expect, it } from 'vitest';
import { NearbyIndex, type LngLat } from './nearby';
import { PartnerFinder, type PartnerCandidate } from './rank';

/** A point `km` north (negative: south) of the event, on its meridian. */
const AT: LngLat = [4.42, 44.0];
const KM_PER_DEGREE = (6371 * Math.PI) / 180;
const north = (km: number): LngLat => [AT[0], AT[1] + km / KM_PER_DEGREE];

function actor(p: Partial<PartnerCandidate> & Pick<PartnerCandidate, 'id' | 'name' | 'position'>) {
	return {
		kind: 'association',
		sectors: [],
		worlds: [],
		tags: [],
		offers: [],
		eventsAttended: 1,
		...p
	} satisfies PartnerCandidate;
}

// A hand-made territory around one event point (radius 10 km unless said otherwise).
const territory: PartnerCandidate[] = [
	actor({ id: 'b', name: 'Bravo', position: north(2), sectors: ['culture'], eventsAttended: 1 }),
	actor({ id: 'a', name: 'Alpha', position: north(2), sectors: ['culture'], eventsAttended: 3 }),
	actor({ id: 'c', name: 'Charlie', position: north(5), tags: ['santé'], eventsAttended: 2 }),
	actor({
		id: 'd',
		name: 'Delta',
		position: north(8),
		offers: ['Salle', 'sono'],
		eventsAttended: 0,
		worlds: ['rural']
	}),
	actor({ id: 'e', name: 'Echo', position: north(12), offers: ['salle'], eventsAttended: 0 }),
	actor({ id: 'f', name: 'Foxtrot', position: north(-1), kind: 'business', eventsAttended: 0 })
];
const finder = new PartnerFinder(territory);
const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('NearbyIndex', () => {
	it('finds the points within the radius, nearest first, with their distance', () => {
		const index = new NearbyIndex(territory.map((t) => t.position));
		const hits = index.within(AT, 10);
		expect(hits.map((h) => territory[h.index]!.id)).toEqual(['f', 'b', 'a', 'c', 'd']);
		expect(hits[0]!.km).toBeCloseTo(1, 6);
		expect(hits.at(-1)!.km).toBeCloseTo(8, 6);
		expect(index.within(AT, 0.5)).toEqual([]);
		expect(new NearbyIndex([]).within(AT, 100)).toEqual([]);
	});
});

describe('PartnerFinder', () => {
	it('orders by proximity alone when the event has no theme nor needs; ties by name', () => {
		// Alpha and Bravo stand at the same point: same score, same distance → French name order.
		expect(ids(finder.find({ at: AT, radiusKm: 10 }))).toEqual(['f', 'a', 'b', 'c', 'd']);
	});

	it('puts a fit with the theme and the needs before mere proximity', () => {
		const ranked = finder.find({ at: AT, radiusKm: 10, theme: 'Sante', needs: ['salle', 'sono'] });
		// Delta 0.2 + 1.5 (both needs) = 1.7; Charlie 0.5 + 1 (tag « santé ») = 1.5; Foxtrot 0.9;
		// Alpha and Bravo 0.8.
		expect(ids(ranked)).toEqual(['d', 'c', 'f', 'a', 'b']);
		expect(ranked[0]!.score).toBeCloseTo(1.7, 6);
		expect(ranked[0]!.reasons).toEqual([
			{ kind: 'distance', km: expect.closeTo(8, 6) },
			{ kind: 'offers', needs: ['salle', 'sono'] },
			{ kind: 'newcomer' }
		]);
		expect(ranked[1]!.reasons).toContainEqual({ kind: 'theme', theme: 'Sante' });
	});

	it('counts a need half met as half the weight', () => {
		const ranked = finder.find({ at: AT, radiusKm: 10, needs: ['salle', 'cuisine'] });
		const delta = ranked.find((p) => p.id === 'd')!;
		expect(delta.score).toBeCloseTo(0.2 + 0.75, 6);
		expect(delta.reasons).toContainEqual({ kind: 'offers', needs: ['salle'] });
	});

	it('quotes the needs as the event wrote them, accents included, once each', () => {
		const finderWithAccents = new PartnerFinder([
			actor({ id: 'g', name: 'Golf', position: north(1), offers: ['Bénévoles', 'sono'] })
		]);
		const [golf] = finderWithAccents.find({
			at: AT,
			radiusKm: 10,
			needs: ['bénévoles', 'Benevoles', 'Sono ', 'cuisine']
		});
		expect(golf!.reasons).toContainEqual({ kind: 'offers', needs: ['bénévoles', 'Sono'] });
		// Three distinct needs, two met.
		expect(golf!.score).toBeCloseTo(0.9 + (1.5 * 2) / 3, 6);
	});

	it('puts newcomers first on request, each group keeping its order', () => {
		const ranked = finder.find({ at: AT, radiusKm: 10, newcomersFirst: true });
		expect(ids(ranked)).toEqual(['f', 'd', 'a', 'b', 'c']);
		expect(ranked.map((p) => p.newcomer)).toEqual([true, true, false, false, false]);
	});

	it('honours the radius, the filters and the exclusions', () => {
		expect(ids(finder.find({ at: AT, radiusKm: 3 }))).toEqual(['f', 'a', 'b']);
		expect(ids(finder.find({ at: AT, radiusKm: 15 }))).toContain('e');
		expect(ids(finder.find({ at: AT, radiusKm: 10, participation: 'never' }))).toEqual(['f', 'd']);
		expect(ids(finder.find({ at: AT, radiusKm: 10, participation: 'already' }))).toEqual([
			'a',
			'b',
			'c'
		]);
		expect(ids(finder.find({ at: AT, radiusKm: 10, kinds: ['business'] }))).toEqual(['f']);
		expect(ids(finder.find({ at: AT, radiusKm: 10, sectors: ['Culture'] }))).toEqual(['a', 'b']);
		expect(ids(finder.find({ at: AT, radiusKm: 10, worlds: ['rural'] }))).toEqual(['d']);
		expect(ids(finder.find({ at: AT, radiusKm: 10, exclude: ['a', 'f'] }))).toEqual([
			'b',
			'c',
			'd'
		]);
	});

	it('gives the same order whatever the order of the candidates', () => {
		const reversed = new PartnerFinder([...territory].reverse());
		const query = { at: AT, radiusKm: 10, theme: 'culture' };
		expect(ids(reversed.find(query))).toEqual(ids(finder.find(query)));
	});
});
