import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { d3Winding } from './winding';

// Counterclockwise (RFC 7946) unit square, and a clockwise hole inside it.
const ccw = [
	[0, 0],
	[1, 0],
	[1, 1],
	[0, 1],
	[0, 0]
];
const cwHole = [
	[0.2, 0.2],
	[0.2, 0.8],
	[0.8, 0.8],
	[0.8, 0.2],
	[0.2, 0.2]
];

describe('d3Winding', () => {
	it('turns a counterclockwise exterior clockwise and its clockwise hole counterclockwise', () => {
		const out = d3Winding<Polygon>({ type: 'Polygon', coordinates: [ccw, cwHole] });
		expect(out.coordinates[0]).toEqual([...ccw].reverse());
		expect(out.coordinates[1]).toEqual([...cwHole].reverse());
	});

	it('leaves rings already in d3 order alone, in every part of a multipolygon', () => {
		const cw = [...ccw].reverse();
		const input: MultiPolygon = {
			type: 'MultiPolygon',
			coordinates: [[cw], [ccw.map(([x, y]) => [x! + 5, y!])]]
		};
		const out = d3Winding(input);
		expect(out.coordinates[0]![0]).toEqual(cw);
		expect(out.coordinates[1]![0]).toEqual(ccw.map(([x, y]) => [x! + 5, y!]).reverse());
		// Twice is once.
		expect(d3Winding(out)).toEqual(out);
	});
});
