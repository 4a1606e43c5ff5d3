import { describe, expect, it } from 'vitest';
import {
	buildFieldRows,
	formatDistance,
	formatWeight,
	haversineMeters,
	niceLength,
	similarityOf,
	sketchPair
} from './pair-view';

describe('buildFieldRows', () => {
	it('shows every field either row fills, in card order, with its cue', () => {
		const { rows } = buildFieldRows(
			{ name: 'Les Amis du Théâtre', commune: 'Uzès', email: 'contact@amis.fr', id: '12' },
			{ name: 'LES AMIS DU THEATRE', commune: 'Uzes', phone: '04 66 22 11 00', lat: '44.0' },
			[]
		);
		expect(rows.map((r) => [r.role, r.cue])).toEqual([
			['name', 'equal'],
			['commune', 'equal'],
			['phone', 'one_side'],
			['email', 'one_side']
		]);
		expect(rows[2]).toMatchObject({ a: '', b: '04 66 22 11 00' });
	});

	it('follows the engine where it compared the field, the text where it did not', () => {
		const { rows } = buildFieldRows(
			{
				name: 'Amis du Moulin',
				phone: '04 66 22 11 00',
				email: 'a@x.fr',
				address: '4 chemin du Moulin'
			},
			{
				name: 'Les Amis du Vieux Moulin',
				phone: '0466221100',
				email: 'b@y.fr',
				address: '4 ch. du Moulin'
			},
			[
				{ field: 'name', weight: 2.33, detail: 'amis du moulin ~ les amis du vieux moulin (0.80)' },
				{ field: 'phone', weight: 5, detail: '0466221100' },
				{ field: 'email', weight: -0.5, detail: 'a@x.fr ≠ b@y.fr' }
			]
		);
		const cue = Object.fromEntries(rows.map((r) => [r.role, r.cue]));
		expect(cue).toEqual({
			name: 'similar',
			phone: 'similar',
			email: 'different',
			address: 'similar'
		});
		expect(rows[0]!.comparisons).toEqual([
			{
				field: 'name',
				weight: 2.33,
				detail: 'amis du moulin ~ les amis du vieux moulin (0.80)',
				similarity: 0.8
			}
		]);
	});

	it('calls unlike texts different when the engine is silent', () => {
		const { rows } = buildFieldRows({ website: 'amis.fr' }, { website: 'garage-martin.com' }, []);
		expect(rows[0]!.cue).toBe('different');
		const close = buildFieldRows(
			{ contact_person: 'Jean Dupont' },
			{ contact_person: 'J. Dupont' },
			[]
		);
		expect(close.rows[0]!.cue).toBe('similar');
		const apart = buildFieldRows(
			{ address: '4 rue du Four' },
			{ address: '4 chemin du Moulin' },
			[]
		);
		expect(apart.rows[0]!.cue).toBe('different');
	});

	it('places each comparison on the best row present, the rest apart', () => {
		const { rows, others, distance } = buildFieldRows(
			{ name: 'A', commune: 'Uzès', siret: '123' },
			{ name: 'B', commune: 'Uzès', siret: '456' },
			[
				{ field: 'commune', weight: 2.5, detail: '30334' },
				{ field: 'siren', weight: -6, detail: '123 ≠ 456' },
				{ field: 'birth_date', weight: 2, detail: '19800101' },
				{ field: 'distance', weight: 2, detail: '12 m' },
				{ field: 'something_new', weight: 1, detail: '?' }
			]
		);
		expect(rows.find((r) => r.role === 'commune')!.comparisons.map((c) => c.field)).toEqual([
			'commune'
		]);
		expect(rows.find((r) => r.role === 'siret')!.comparisons.map((c) => c.field)).toEqual([
			'siren'
		]);
		expect(rows.find((r) => r.role === 'siret')!.cue).toBe('different');
		expect(others.map((c) => c.field)).toEqual(['birth_date', 'something_new']);
		expect(distance).toMatchObject({ field: 'distance', weight: 2 });
	});

	it('never renders HTML: values come back as the text given', () => {
		const { rows } = buildFieldRows({ name: '<b>x</b>' }, { name: '<img src=x onerror=1>' }, []);
		expect(rows[0]).toMatchObject({ a: '<b>x</b>', b: '<img src=x onerror=1>' });
	});
});

describe('similarityOf', () => {
	it('reads the similarity the engine printed last', () => {
		expect(similarityOf('a ~ b (0.92)')).toBe(0.92);
		expect(similarityOf('a (b) ~ c (1)')).toBe(1);
		expect(similarityOf('même domaine')).toBeNull();
		expect(similarityOf('x (7.5)')).toBeNull();
	});
});

describe('distance', () => {
	it('measures a known distance (Uzès – Nîmes, about 25 km)', () => {
		const uzes = { lng: 4.4197, lat: 44.0123 };
		const nimes = { lng: 4.3601, lat: 43.8367 };
		const d = haversineMeters(uzes, nimes);
		expect(d).toBeGreaterThan(19_500);
		expect(d).toBeLessThan(20_500);
		expect(haversineMeters(uzes, uzes)).toBe(0);
		expect(haversineMeters(uzes, nimes)).toBeCloseTo(haversineMeters(nimes, uzes), 6);
	});

	it('formats metres and kilometres for the reader', () => {
		expect(formatDistance(0, 'fr')).toBe('0 m');
		expect(formatDistance(47.4, 'fr')).toBe('47 m');
		expect(formatDistance(853, 'fr')).toBe('850 m');
		expect(formatDistance(1234, 'fr')).toBe('1,2 km');
		expect(formatDistance(1234, 'en')).toBe('1.2 km');
		expect(formatDistance(34_567, 'fr')).toBe('35 km');
		expect(formatWeight(2.5, 'fr')).toBe('+2,5');
		expect(formatWeight(-6, 'fr')).toBe('−6');
		expect(formatWeight(0, 'fr')).toBe('0');
	});

	it('picks round scale lengths', () => {
		expect(niceLength(740)).toBe(500);
		expect(niceLength(260)).toBe(200);
		expect(niceLength(1.3)).toBe(1);
		expect(niceLength(10_000)).toBe(10_000);
		expect(niceLength(0)).toBe(0);
	});
});

describe('sketchPair', () => {
	const w = 280;
	const h = 160;
	it('keeps both points inside the box, north up, east right', () => {
		const a = { lng: 4.4197, lat: 44.0123 };
		const b = { lng: 4.3601, lat: 43.8367 };
		const s = sketchPair(a, b, { width: w, height: h, padding: 20 });
		for (const p of [s.a, s.b]) {
			expect(p.x).toBeGreaterThanOrEqual(20);
			expect(p.x).toBeLessThanOrEqual(w - 20);
			expect(p.y).toBeGreaterThanOrEqual(20);
			expect(p.y).toBeLessThanOrEqual(h - 20);
		}
		// a is north-east of b
		expect(s.a.y).toBeLessThan(s.b.y);
		expect(s.a.x).toBeGreaterThan(s.b.x);
		// the scale bar is true to the drawing: pixels per metre as between the two points
		const pxPerM = Math.hypot(s.a.x - s.b.x, s.a.y - s.b.y) / haversineMeters(a, b);
		expect(s.scale.px / s.scale.meters).toBeCloseTo(pxPerM, 3);
		expect([1, 2, 5]).toContain(s.scale.meters / 10 ** Math.floor(Math.log10(s.scale.meters)));
	});

	it('draws one point twice when both are at the same place, with a readable scale', () => {
		const p = { lng: 4.4162, lat: 44.01334 };
		const s = sketchPair(p, p);
		expect(s.a).toEqual(s.b);
		expect(s.scale.meters).toBeGreaterThan(0);
		expect(s.scale.px).toBeGreaterThan(10);
	});
});
