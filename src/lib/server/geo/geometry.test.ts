// Turf directly, only to compare with the naive way of simplifying.
import simplify from '@turf/simplify';
import union from '@turf/union';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES } from '$lib/domain/demo/communes';
import {
	SIMPLIFY_TOLERANCE,
	asOutline,
	ringAreaKm2,
	roundOutline,
	simplifyOutlines,
	unionOutlines,
	type Outline
} from './geometry';
import { geoGardPresent, readGeoGard } from './test-helpers';

/** A wiggly line from a to b: `n` points off the straight line by less than the tolerance. */
function wiggle(a: Position, b: Position, n: number, amplitude: number): Position[] {
	const out: Position[] = [];
	for (let i = 0; i <= n; i++) {
		const t = i / n;
		const off = i === 0 || i === n ? 0 : ((i % 2 === 0 ? 1 : -1) * amplitude * ((i * 7) % 5)) / 4;
		out.push([a[0]! + t * (b[0]! - a[0]!) + off, a[1]! + t * (b[1]! - a[1]!) + off / 2]);
	}
	return out;
}

const ringOf = (...parts: Position[][]): Position[] => {
	const ring = parts.flatMap((p, i) => (i === 0 ? p : p.slice(1)));
	return ring;
};

/** Two communes sharing a wiggly border, and a third one enclosed in the first. */
function neighbours(): Map<string, Outline> {
	const border = wiggle([4.1, 44.0], [4.1, 44.1], 40, SIMPLIFY_TOLERANCE * 0.6);
	const hole = [
		[4.03, 44.03],
		[4.05, 44.03],
		[4.05, 44.05],
		[4.03, 44.05],
		[4.03, 44.03]
	];
	const west: Polygon = {
		type: 'Polygon',
		coordinates: [
			ringOf(
				[
					[4.0, 44.0],
					[4.1, 44.0]
				],
				border,
				[
					[4.1, 44.1],
					[4.0, 44.1],
					[4.0, 44.0]
				]
			),
			[...hole].reverse()
		]
	};
	const east: Polygon = {
		type: 'Polygon',
		coordinates: [
			ringOf(
				[
					[4.1, 44.0],
					[4.2, 44.0],
					[4.2, 44.1],
					[4.1, 44.1]
				],
				[...border].reverse()
			)
		]
	};
	const enclave: Polygon = { type: 'Polygon', coordinates: [hole] };
	return new Map<string, Outline>([
		['west', west],
		['east', east],
		['enclave', enclave]
	]);
}

const vertexKeys = (ring: Position[]) => new Set(ring.map((p) => `${p[0]},${p[1]}`));

describe('simplifyOutlines', () => {
	it('simplifies a shared border once, the same way for both communes', () => {
		const out = simplifyOutlines(neighbours());
		const west = out.get('west') as Polygon;
		const east = out.get('east') as Polygon;
		const onBorder = (ring: Position[]) =>
			[...vertexKeys(ring)].filter((k) => Math.abs(Number(k.split(',')[0]) - 4.1) < 0.001).sort();
		// The 41-point wiggle is gone…
		expect(onBorder(west.coordinates[0]!).length).toBeLessThan(10);
		// …and both sides kept exactly the same points of it.
		expect(onBorder(west.coordinates[0]!)).toEqual(onBorder(east.coordinates[0]!));
	});

	it('keeps an enclave and the hole around it identical', () => {
		const out = simplifyOutlines(neighbours());
		const hole = (out.get('west') as Polygon).coordinates[1]!;
		const enclave = (out.get('enclave') as Polygon).coordinates[0]!;
		expect(vertexKeys(hole)).toEqual(vertexKeys(enclave));
	});

	it('joins neighbours into one ring', () => {
		const joined = unionOutlines([...simplifyOutlines(neighbours()).values()]);
		expect(joined?.type).toBe('Polygon');
		expect((joined as Polygon).coordinates).toHaveLength(1);
	});

	it('never drops a tiny commune below a triangle', () => {
		const tiny: Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[4.0, 44.0],
					[4.0001, 44.0],
					[4.0001, 44.0001],
					[4.0, 44.0001],
					[4.0, 44.0]
				]
			]
		};
		const out = simplifyOutlines(new Map([['tiny', tiny]]));
		expect((out.get('tiny') as Polygon).coordinates[0]!.length).toBeGreaterThanOrEqual(4);
	});
});

describe('unionOutlines', () => {
	const square = (lng: number, lat: number, d: number): Position[] => [
		[lng, lat],
		[lng, lat + d],
		[lng + d, lat + d],
		[lng + d, lat],
		[lng, lat]
	];

	it('drops sliver holes and keeps enclaves', () => {
		// About 8 × 11 km with a 0.0005° hole (≈ 0.002 km²) and a 0.02° one (≈ 3.5 km²).
		const outline: Polygon = {
			type: 'Polygon',
			coordinates: [
				[...square(4, 44, 0.1)].reverse(),
				square(4.01, 44.01, 0.0005),
				square(4.05, 44.05, 0.02)
			]
		};
		const joined = unionOutlines([outline]) as Polygon;
		expect(joined.coordinates).toHaveLength(2);
		expect(ringAreaKm2(joined.coordinates[1]!)).toBeGreaterThan(3);
	});

	it('is null for nothing, a MultiPolygon for communes that do not touch', () => {
		expect(unionOutlines([])).toBeNull();
		const apart = unionOutlines([
			{ type: 'Polygon', coordinates: [square(4, 44, 0.1)] },
			{ type: 'Polygon', coordinates: [square(5, 44, 0.1)] }
		]);
		expect(apart?.type).toBe('MultiPolygon');
	});
});

describe('asOutline and roundOutline', () => {
	it('accepts polygons and multipolygons only', () => {
		expect(asOutline({ type: 'Point', coordinates: [4, 44] })).toBeNull();
		expect(asOutline({ type: 'Polygon', coordinates: [[[4, 'x']]] })).toBeNull();
		expect(asOutline({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
		expect(asOutline(null)).toBeNull();
		expect(
			asOutline({
				type: 'Polygon',
				coordinates: [
					[
						[4, 44],
						[5, 44],
						[5, 45],
						[4, 44]
					]
				]
			})
		).not.toBeNull();
	});

	it('rounds to 5 decimals, closes rings and drops degenerate ones', () => {
		const out = roundOutline({
			type: 'MultiPolygon',
			coordinates: [
				[
					[
						[4.000001, 44.000004],
						[4.1, 44],
						[4.1, 44.1]
					]
				],
				[
					[
						[5, 45],
						[5, 45],
						[5.000001, 45]
					]
				]
			]
		});
		expect(out).toEqual({
			type: 'Polygon',
			coordinates: [
				[
					[4, 44],
					[4.1, 44],
					[4.1, 44.1],
					[4, 44]
				]
			]
		});
	});
});

describe.skipIf(!geoGardPresent)('on the Gard communes (../shared/data/geo-gard)', () => {
	const fc = geoGardPresent ? readGeoGard() : null;
	const all = new Map(fc?.features.map((f) => [f.properties.code, asOutline(f.geometry)!]));

	it('makes the outlines smaller', () => {
		const out = simplifyOutlines(all);
		expect(out.size).toBe(all.size);
		const size = (m: Map<string, Outline>) =>
			[...m.values()].reduce((n, g) => n + JSON.stringify(g).length, 0);
		// Measured: 398,893 → 306,420 characters (the file is already simplified once).
		expect(size(out)).toBeLessThan(size(all) * 0.8);
	});

	it('keeps borders shared where per-commune simplification opens gaps', () => {
		const codes = new Set(PAYS_D_UZES_COMMUNES.map((c) => c.code));
		const pick = (m: Map<string, Outline>) =>
			[...m].filter(([code]) => codes.has(code)).map(([, geometry]) => geometry);
		// The plain union (no sliver filter) shows every gap between two outlines as a hole.
		const holes = (outlines: Outline[]) => {
			const u = union({
				type: 'FeatureCollection',
				features: outlines.map((geometry) => ({ type: 'Feature', properties: {}, geometry }))
			})!.geometry;
			return (u.type === 'Polygon' ? [u.coordinates] : u.coordinates).flatMap((p) => p.slice(1))
				.length;
		};
		const naive = pick(all).map(
			(g) => simplify(g, { tolerance: SIMPLIFY_TOLERANCE, highQuality: false }) as Outline
		);
		expect(holes(pick(all))).toBe(0);
		expect(holes(naive)).toBeGreaterThan(0);
		expect(holes(pick(simplifyOutlines(all)))).toBe(0);
	});

	it('joins the 35 communes of the Pays d’Uzès into one ring', () => {
		const codes = new Set(PAYS_D_UZES_COMMUNES.map((c) => c.code));
		const out = simplifyOutlines(all);
		const joined = unionOutlines([...out].filter(([code]) => codes.has(code)).map(([, g]) => g));
		expect(joined?.type).toBe('Polygon');
		expect((joined as Polygon).coordinates).toHaveLength(1);
		const area = ringAreaKm2((joined as Polygon).coordinates[0]!);
		// CC Pays d'Uzès: about 440 km² (planar approximation, 2018 outlines).
		expect(area).toBeGreaterThan(350);
		expect(area).toBeLessThan(550);
	});
});
