import { describe, expect, it } from 'vitest';
import {
	formatCoordinate,
	parseCoordinate,
	parsePoint,
	placementLayers,
	pointCollection,
	zoomFor
} from './placement';

describe('typed coordinates', () => {
	it('reads French and English decimals, and the typographic minus', () => {
		expect(parseCoordinate('4,4191', 180)).toBe(4.4191);
		expect(parseCoordinate(' 44.0123 ', 90)).toBe(44.0123);
		expect(parseCoordinate('−0,5', 180)).toBe(-0.5);
		expect(parseCoordinate('-61', 180)).toBe(-61);
	});

	it('refuses what is not a coordinate', () => {
		for (const bad of ['', 'abc', '4.4.1', '1e3', '4,42,1', 'Infinity', '0x10', '200'])
			expect(parseCoordinate(bad, 180)).toBeNull();
		expect(parseCoordinate('91', 90)).toBeNull();
		expect(parseCoordinate('90', 90)).toBe(90);
	});

	it('needs both halves of a point', () => {
		expect(parsePoint('4,42', '44,01')).toEqual({ lng: 4.42, lat: 44.01 });
		expect(parsePoint('4,42', '')).toBeNull();
		// Latitude and longitude swapped beyond range are caught.
		expect(parsePoint('44', '120')).toBeNull();
	});

	it('rounds to six decimals for display', () => {
		expect(formatCoordinate(4.123456789)).toBe('4.123457');
		expect(formatCoordinate(-0.5)).toBe('-0.5');
	});
});

describe('map content', () => {
	it('builds an empty or one-point collection in [lng, lat] order', () => {
		expect(pointCollection(null).features).toEqual([]);
		expect(pointCollection({ lng: 4.42, lat: 44.01 }).features[0]!.geometry.coordinates).toEqual([
			4.42, 44.01
		]);
	});

	it('frames precise points closer than commune centres', () => {
		expect(zoomFor('manual')).toBeGreaterThan(zoomFor('street'));
		expect(zoomFor('street')).toBeGreaterThan(zoomFor('commune'));
	});

	it('draws the saved point in the kind colour, the pending one above it', () => {
		const layers = placementLayers('#0072B2');
		expect(layers.map((l) => l.id)).toEqual(['actor-position', 'actor-pending']);
		expect(layers[0]!.paint!['circle-color']).toBe('#0072B2');
	});
});
