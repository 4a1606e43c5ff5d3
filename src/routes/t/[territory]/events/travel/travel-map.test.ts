import { describe, expect, it } from 'vitest';
import { dotRadius, stateOf, travelMap, type TravelMapCommune } from './travel-map';

const commune = (
	over: Partial<TravelMapCommune> & Pick<TravelMapCommune, 'code'>
): TravelMapCommune => ({
	name: over.code,
	centre: null,
	outline: null,
	visits: 0,
	planned: 0,
	rank: null,
	...over
});

describe('travelMap', () => {
	it('draws nothing when no commune has a centre or an outline', () => {
		expect(travelMap([])).toBeNull();
		expect(travelMap([commune({ code: 'a' })])).toBeNull();
	});

	it('places west on the left and north at the top, inside the frame', () => {
		const map = travelMap([
			commune({ code: 'w', centre: [4.3, 44.0], visits: 1 }),
			commune({ code: 'e', centre: [4.5, 44.0] }),
			commune({ code: 'n', centre: [4.4, 44.1], rank: 1 })
		])!;
		const at = (code: string) => map.dots.find((d) => d.code === code)!;
		expect(at('w').x).toBeLessThan(at('e').x);
		expect(at('n').y).toBeLessThan(at('w').y);
		for (const d of map.dots) {
			expect(d.x).toBeGreaterThanOrEqual(0);
			expect(d.x).toBeLessThanOrEqual(map.width);
			expect(d.y).toBeGreaterThanOrEqual(0);
			expect(d.y).toBeLessThanOrEqual(map.height);
		}
		// 0.2° of longitude at 44° N is shorter than 0.1° of latitude doubled: wider than tall.
		expect(map.width).toBeGreaterThan(map.height);
		expect(at('w').state).toBe('host');
		expect(at('n').state).toBe('suggested');
		expect(at('e').r).toBe(0);
	});

	it('turns outlines into closed paths and keeps their state', () => {
		const map = travelMap([
			commune({
				code: 'sq',
				planned: 1,
				outline: {
					type: 'Polygon',
					coordinates: [
						[
							[4.0, 44.0],
							[4.1, 44.0],
							[4.1, 44.1],
							[4.0, 44.0]
						]
					]
				}
			})
		])!;
		expect(map.shapes).toHaveLength(1);
		expect(map.shapes[0]!.d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}Z$/);
		expect(map.shapes[0]!.state).toBe('planned');
		expect(map.dots).toEqual([]);
	});

	it('sizes the circles by visits, the most visited biggest and drawn first', () => {
		expect(dotRadius(0, 4)).toBe(0);
		expect(dotRadius(1, 1)).toBe(6);
		expect(dotRadius(1, 4)).toBe(6);
		expect(dotRadius(4, 4)).toBe(18);
		expect(dotRadius(2, 4)).toBeGreaterThan(6);
		const map = travelMap([
			commune({ code: 'a', centre: [4.3, 44.0], visits: 1 }),
			commune({ code: 'b', centre: [4.4, 44.0], visits: 3 })
		])!;
		expect(map.dots.map((d) => d.code)).toEqual(['b', 'a']);
	});

	it('a commune visited before and planned again is a host', () => {
		expect(stateOf({ visits: 1, planned: 1, rank: 5 })).toBe('host');
		expect(stateOf({ visits: 0, planned: 0, rank: null })).toBe('other');
	});
});
