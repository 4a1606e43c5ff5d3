import { describe, expect, it } from 'vitest';
import { coverageReport, type CoverageCommuneInput } from '$lib/domain/coverage/coverage';
import {
	buildCoverageMapData,
	coverageShading,
	gapClasses,
	lacks,
	LACKING_COLOUR,
	NO_GAP_COLOUR,
	outlineBounds,
	parseCoverageChoice
} from './coverage-layer';
import { coverageLayers, SOURCES } from './layers';
import type { CommuneFeature, CommuneMapData } from './types';
import { parseMapUrl, writeMapUrl } from './url-state';

function square(code: string, role: 'commune' | 'boundary' = 'commune'): CommuneFeature {
	return {
		type: 'Feature',
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[1, 0],
					[1, 1],
					[0, 0]
				]
			]
		},
		properties: { role, code, name: code, population: 100 }
	};
}

const input = (
	code: string,
	f: Partial<Omit<CoverageCommuneInput, 'code' | 'name' | 'population'>>
): CoverageCommuneInput => ({
	code,
	name: code,
	population: 100,
	actorsByKind: f.actorsByKind ?? {},
	actorsBySector: f.actorsBySector ?? {},
	actors: f.actors ?? 0,
	places: f.places ?? 0,
	events: f.events ?? 0
});

const report = coverageReport([
	input('A', {
		actorsByKind: { association: 2, business: 1 },
		actorsBySector: { culture: 2, sport: 1 },
		actors: 3,
		places: 1,
		events: 1
	}),
	input('B', { actorsByKind: { association: 1 }, actorsBySector: { culture: 1 }, actors: 1 }),
	input('C', {}),
	// In the report, not outlined: counted, not drawn.
	input('D', { places: 1 })
]);
const outlines: CommuneMapData = {
	type: 'FeatureCollection',
	features: [square('A'), square('B'), square('C'), square('territoire', 'boundary')]
};
const data = buildCoverageMapData(outlines, report, '2025-03-01T00:00:00.000Z');

describe('parseCoverageChoice', () => {
	it('reads the choices and nothing else', () => {
		expect(parseCoverageChoice('gaps')).toBe('gaps');
		expect(parseCoverageChoice('no_place')).toBe('no_place');
		expect(parseCoverageChoice('kind:cooperative')).toBe('kind:cooperative');
		expect(parseCoverageChoice('sector:culture')).toBe('sector:culture');
		for (const bad of [null, undefined, '', 'kind:martians', 'sector:', 'sector: x', 'all']) {
			expect(parseCoverageChoice(bad)).toBeUndefined();
		}
		expect(parseCoverageChoice(`sector:${'x'.repeat(101)}`)).toBeUndefined();
	});

	it('travels in the map link as zones=', () => {
		const state = parseMapUrl(new URLSearchParams('commune=30334&zones=sector%3Aculture'));
		expect(state.coverage).toBe('sector:culture');
		expect(writeMapUrl(state).toString()).toBe('commune=30334&zones=sector%3Aculture');
		expect(parseMapUrl(new URLSearchParams('zones=nope')).coverage).toBeUndefined();
	});
});

describe('buildCoverageMapData', () => {
	it('keeps the outlined communes with their gaps, not the boundary', () => {
		expect(data.features.map((f) => f.properties.code)).toEqual(['A', 'B', 'C']);
		expect(data.communeCount).toBe(4);
		expect(data.kinds).toEqual(['association', 'business']);
		expect(data.sectors).toEqual(['culture', 'sport']);
		const b = data.features.find((f) => f.properties.code === 'B')!.properties;
		expect(b).toMatchObject({
			missingKinds: ['business'],
			missingSectors: ['sport'],
			noPlace: true,
			noEvent: true,
			score: 4
		});
	});
});

describe('shading', () => {
	it('splits 1…max gaps into at most four classes after « none »', () => {
		expect(gapClasses(0)).toEqual([{ from: 0, to: 0, colour: NO_GAP_COLOUR }]);
		expect(gapClasses(3).map((c) => [c.from, c.to])).toEqual([
			[0, 0],
			[1, 1],
			[2, 2],
			[3, 3]
		]);
		expect(gapClasses(10).map((c) => [c.from, c.to])).toEqual([
			[0, 0],
			[1, 2],
			[3, 5],
			[6, 7],
			[8, 10]
		]);
		// Darker with more gaps, every class its own colour.
		expect(new Set(gapClasses(10).map((c) => c.colour)).size).toBe(5);
	});

	it('shades by the number of gaps, or 1/0 for one absence', () => {
		const gaps = coverageShading(data, 'gaps');
		expect(gaps.collection.features.map((f) => f.properties.shade)).toEqual([0, 4, 6]);
		expect(gaps.lacking).toBe(2);
		expect(gaps.legend[0]).toEqual({ type: 'range', from: 0, to: 0, colour: NO_GAP_COLOUR });
		expect(gaps.fill[0]).toBe('step');

		const business = coverageShading(data, 'kind:business');
		expect(business.collection.features.map((f) => f.properties.shade)).toEqual([0, 1, 1]);
		expect(business.legend.map((l) => l.type)).toEqual(['lacking', 'present']);
		expect(business.legend[0]!.colour).toBe(LACKING_COLOUR);

		const sport = coverageShading(data, 'sector:Sport');
		expect(sport.collection.features.map((f) => f.properties.shade)).toEqual([0, 1, 1]);
		const place = coverageShading(data, 'no_place');
		expect(place.collection.features.map((f) => f.properties.shade)).toEqual([0, 1, 1]);
		expect(lacks(data.features[0]!.properties, 'no_event')).toBe(false);
	});

	it('draws the layer under the outlines with a selection line filtered by code', () => {
		const layers = coverageLayers(SOURCES.coverage, '#fff', 0.7);
		expect(layers.fill.source).toBe('coverage');
		expect(layers.fill.paint?.['fill-opacity']).toBe(0.7);
		expect(layers.selected.filter).toEqual(['==', ['get', 'code'], '']);
	});
});

describe('outlineBounds', () => {
	it('frames a polygon or a multipolygon, and nothing else', () => {
		expect(
			outlineBounds({
				type: 'Polygon',
				coordinates: [
					[
						[4.4, 44.0],
						[4.5, 44.0],
						[4.45, 44.1],
						[4.4, 44.0]
					]
				]
			})
		).toEqual([4.4, 44.0, 4.5, 44.1]);
		expect(
			outlineBounds({
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[4.4, 44.0],
							[4.41, 44.01],
							[4.4, 44.0]
						]
					],
					[
						[
							[4.6, 43.9],
							[4.61, 43.95],
							[4.6, 43.9]
						]
					]
				]
			})
		).toEqual([4.4, 43.9, 4.61, 44.01]);
		expect(outlineBounds({ type: 'Point', coordinates: [4.4, 44] })).toBeNull();
		expect(outlineBounds({ type: 'Polygon', coordinates: [] })).toBeNull();
		expect(outlineBounds(null)).toBeNull();
	});
});
