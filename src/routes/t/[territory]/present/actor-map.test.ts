import { describe, expect, it } from 'vitest';
import {
	DOT_RADIUS,
	MARGIN_SHARE,
	MIN_SPAN_DEGREES,
	PLACE_MIN_RADIUS,
	dotRadius,
	frameSize,
	kindTotals,
	mercatorAspect,
	pointsDomain,
	positionsBounds,
	totalCount,
	vertices
} from './actor-map';

describe('pointsDomain', () => {
	it('is null without a usable point', () => {
		expect(pointsDomain([])).toBeNull();
		expect(pointsDomain([{ lng: Number.NaN, lat: 44 }])).toBeNull();
	});

	it('widens a single point to the minimum span around it, a square on the map', () => {
		const domain = pointsDomain([{ lng: 4.42, lat: 44.01 }])!;
		const [[w, s], [e, n]] = domain.coordinates as [[number, number], [number, number]];
		const side = MIN_SPAN_DEGREES * (1 + 2 * MARGIN_SHARE);
		expect(n - s).toBeCloseTo(side, 12);
		expect(e - w).toBeCloseTo(side / Math.cos((44.01 * Math.PI) / 180), 12);
		expect(mercatorAspect([w, s, e, n])).toBeCloseTo(1, 3);
		expect((w + e) / 2).toBeCloseTo(4.42, 12);
		expect((s + n) / 2).toBeCloseTo(44.01, 12);
	});

	it('covers every point with a margin when they spread wider than the minimum', () => {
		const points = [
			{ lng: 4.3, lat: 43.9 },
			{ lng: 4.6, lat: 44.0 },
			{ lng: 4.45, lat: 44.2 },
			{ lng: Number.POSITIVE_INFINITY, lat: 10 }
		];
		const [[w, s], [e, n]] = pointsDomain(points)!.coordinates as [
			[number, number],
			[number, number]
		];
		expect(w).toBeCloseTo(4.3 - 0.3 * MARGIN_SHARE, 12);
		expect(e).toBeCloseTo(4.6 + 0.3 * MARGIN_SHARE, 12);
		expect(s).toBeCloseTo(43.9 - 0.3 * MARGIN_SHARE, 12);
		expect(n).toBeCloseTo(44.2 + 0.3 * MARGIN_SHARE, 12);
	});
});

describe('dotRadius', () => {
	it('grows with the square root of the count, from the minimum to the maximum', () => {
		expect(dotRadius(100, 100)).toBe(DOT_RADIUS.max);
		expect(dotRadius(25, 100)).toBeCloseTo(DOT_RADIUS.max / 2, 12);
		expect(dotRadius(1, 10_000)).toBe(DOT_RADIUS.min);
		expect(dotRadius(4, 9)).toBeGreaterThan(dotRadius(3, 9));
		// Places keep a larger floor.
		expect(dotRadius(1, 10_000, PLACE_MIN_RADIUS)).toBe(PLACE_MIN_RADIUS);
		expect(dotRadius(10_000, 10_000, PLACE_MIN_RADIUS)).toBe(DOT_RADIUS.max);
	});

	it('stays within bounds on odd input', () => {
		for (const [count, max] of [
			[0, 10],
			[5, 0],
			[Number.NaN, 3],
			[50, 10]
		] as const) {
			const r = dotRadius(count, max);
			expect(r).toBeGreaterThanOrEqual(DOT_RADIUS.min);
			expect(r).toBeLessThanOrEqual(DOT_RADIUS.max);
		}
	});
});

describe('kindTotals', () => {
	it('sums the cells per kind in the legend’s order, leaving absent kinds out', () => {
		const totals = kindTotals([
			{ kind: 'business', count: 2 },
			{ kind: 'association', count: 3 },
			{ kind: 'business', count: 1 },
			{ kind: 'other', count: 4 }
		]);
		expect(totals).toEqual([
			{ kind: 'association', count: 3 },
			{ kind: 'business', count: 3 },
			{ kind: 'other', count: 4 }
		]);
		expect(totalCount([{ count: 3 }, { count: 4 }])).toBe(7);
	});
});

describe('bounds and frame', () => {
	it('finds the bounds of every vertex of polygons, multipolygons and points', () => {
		const square = (x: number, y: number) => [
			[
				[x, y],
				[x + 1, y],
				[x + 1, y + 1],
				[x, y]
			]
		];
		const bounds = positionsBounds(
			vertices([
				{ type: 'Polygon', coordinates: square(4, 44) },
				{ type: 'MultiPolygon', coordinates: [square(2, 43), square(6, 45)] },
				{
					type: 'MultiPoint',
					coordinates: [
						[3, 46.5],
						[Number.NaN, 0]
					]
				}
			])
		);
		expect(bounds).toEqual([2, 43, 7, 46.5]);
		expect(positionsBounds([])).toBeNull();
	});

	it('measures the mercator aspect: taller than wide away from the equator', () => {
		expect(mercatorAspect([0, -1, 2, 1])).toBeCloseTo(1, 3);
		// One degree of latitude at 44° N is drawn 1/cos(44°) times a degree of longitude.
		expect(mercatorAspect([4, 43.5, 5, 44.5])).toBeCloseTo(1 / Math.cos((44 * Math.PI) / 180), 3);
		expect(mercatorAspect([4, 44, 4, 44])).toBe(1);
	});

	it('fills the width, or keeps the shape narrower when it would be too tall', () => {
		// 700 × 350 inside, plus the inset on each side.
		expect(frameSize(0.5, 720, { maxHeight: 600, inset: 10 })).toEqual({ width: 720, height: 370 });
		// 700 × 2 inside would be 1 400 high: 290 × 580 inside instead.
		expect(frameSize(2, 720, { maxHeight: 600, inset: 10 })).toEqual({ width: 310, height: 600 });
		expect(frameSize(Number.NaN, 320, { inset: 0 })).toEqual({ width: 320, height: 320 });
	});
});
