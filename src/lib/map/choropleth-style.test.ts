// The style specification package MapLibre itself depends on: it parses and evaluates the
// expressions exactly as the map will.
import { createExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { StylePropertySpecification } from 'maplibre-gl';
import {
	CHOROPLETH_NO_DATA,
	CHOROPLETH_PALETTE,
	choroplethFillColor,
	choroplethLegend,
	classColours,
	withRates
} from './choropleth-style';
import type { CommuneMapData } from './types';

/** The colour MapLibre paints a commune whose `rate` property is `rate`, as #rrggbb. */
function paint(breaks: number[], rate: unknown): string {
	const spec = (latest as unknown as { paint_fill: Record<string, StylePropertySpecification> })
		.paint_fill['fill-color'];
	const parsed = createExpression(choroplethFillColor(breaks), 'fill-color', spec);
	if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
	const colour = parsed.value.evaluate(
		{ zoom: 10 } as never,
		{
			type: 3,
			properties: { rate }
		} as never
	) as { r: number; g: number; b: number };
	const hex = (c: number) =>
		Math.round(c * 255)
			.toString(16)
			.padStart(2, '0');
	return `#${hex(colour.r)}${hex(colour.g)}${hex(colour.b)}`;
}

describe('palette', () => {
	it('is ColorBrewer YlGnBu 5, lightest first', () => {
		expect(CHOROPLETH_PALETTE).toEqual(['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494']);
	});

	it('spreads fewer classes from the lightest to the darkest colour', () => {
		expect(classColours(5)).toEqual([...CHOROPLETH_PALETTE]);
		// indexes round(i × 4 / 2) = 0, 2, 4
		expect(classColours(3)).toEqual(['#ffffcc', '#41b6c4', '#253494']);
		expect(classColours(2)).toEqual(['#ffffcc', '#253494']);
		expect(classColours(1)).toEqual(['#41b6c4']);
		expect(classColours(0)).toEqual([]);
	});

	it('keeps "no data" outside the scale', () => {
		expect(CHOROPLETH_PALETTE).not.toContain(CHOROPLETH_NO_DATA);
	});
});

describe('choroplethFillColor', () => {
	it('is a step on the rate through the inner bounds, grey when there is no rate', () => {
		const breaks = [0, 1, 2, 4, 8, 16];
		expect(choroplethFillColor(breaks)).toEqual([
			'case',
			['==', ['typeof', ['get', 'rate']], 'number'],
			[
				'step',
				['to-number', ['get', 'rate']],
				'#ffffcc',
				1,
				'#a1dab4',
				2,
				'#41b6c4',
				4,
				'#2c7fb8',
				8,
				'#253494'
			],
			CHOROPLETH_NO_DATA
		]);
	});

	it('paints each class its colour as MapLibre evaluates it', () => {
		const breaks = [0, 1, 2, 4];
		expect([0, 0.99, 1, 1.5, 2, 3.9, 4].map((r) => paint(breaks, r))).toEqual([
			'#ffffcc',
			'#ffffcc',
			'#41b6c4',
			'#41b6c4',
			'#253494',
			'#253494',
			'#253494'
		]);
		expect(paint(breaks, null)).toBe(CHOROPLETH_NO_DATA);
		expect(paint(breaks, undefined)).toBe(CHOROPLETH_NO_DATA);
	});

	it('paints a single class its middle colour, and everything grey with no class', () => {
		expect(paint([2.5], 2.5)).toBe('#41b6c4');
		expect(paint([2.5], null)).toBe(CHOROPLETH_NO_DATA);
		expect(paint([], 3)).toBe(CHOROPLETH_NO_DATA);
	});
});

describe('choroplethLegend', () => {
	it('lists each class from its bound to the next, lightest first', () => {
		expect(choroplethLegend([0, 1, 2, 4])).toEqual([
			{ from: 0, to: 1, colour: '#ffffcc' },
			{ from: 1, to: 2, colour: '#41b6c4' },
			{ from: 2, to: 4, colour: '#253494' }
		]);
	});

	it('has one entry for a single value and none without values', () => {
		expect(choroplethLegend([3])).toEqual([{ from: 3, to: 3, colour: '#41b6c4' }]);
		expect(choroplethLegend([])).toEqual([]);
	});

	it('agrees with the fill expression', () => {
		const breaks = [0, 0.5, 1.25, 3, 7, 12];
		for (const entry of choroplethLegend(breaks))
			expect(paint(breaks, entry.from)).toBe(entry.colour);
	});
});

describe('withRates', () => {
	const square = {
		type: 'Polygon' as const,
		coordinates: [
			[
				[4, 44],
				[4.1, 44],
				[4.1, 44.1],
				[4, 44]
			]
		]
	};
	const data: CommuneMapData = {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				geometry: square,
				properties: { role: 'commune', code: '30334', name: 'Uzès', population: 8519 }
			},
			{
				type: 'Feature',
				geometry: square,
				properties: { role: 'commune', code: '30001', name: 'Aigaliers', population: null }
			},
			{
				type: 'Feature',
				geometry: square,
				properties: { role: 'boundary', code: 'pays-d-uzes', name: 'Pays d’Uzès', population: null }
			}
		]
	};

	it('adds count and rate to the communes and leaves the boundary out', () => {
		const out = withRates(data, [
			{ code: '30334', count: 17, population: 8519, rate: 2 },
			{ code: '30001', count: 1, population: null, rate: null }
		]);
		expect(out.features.map((f) => f.properties)).toEqual([
			{ role: 'commune', code: '30334', name: 'Uzès', population: 8519, count: 17, rate: 2 },
			{ role: 'commune', code: '30001', name: 'Aigaliers', population: null, count: 1, rate: null }
		]);
		expect(data.features[0]!.properties).not.toHaveProperty('rate');
	});
});
