import distance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '$lib/domain/partners/nearby';
import {
	centreCollection,
	circleBounds,
	circleCollection,
	NUMBERED_RANKS,
	partnerCollection,
	partnerLayers,
	PARTNER_SOURCES,
	radiusCircle
} from './partner-map';
import type { PartnerRow } from './types';

const AT: LngLat = [4.42, 44.01];

const row = (rank: number): PartnerRow => ({
	rank,
	id: `id-${rank}`,
	name: `Acteur ${rank}`,
	kind: 'association',
	communeName: null,
	km: rank,
	reasons: [],
	position: [AT[0], AT[1] + rank / 111]
});

describe('radiusCircle', () => {
	it('is a closed ring whose every vertex lies at the radius from the centre', () => {
		const ring = radiusCircle(AT, 10).geometry.coordinates[0]!;
		expect(ring.length).toBeGreaterThan(64);
		expect(ring[0]).toEqual(ring.at(-1));
		for (const vertex of ring) {
			expect(distance(AT, vertex, { units: 'kilometers' })).toBeCloseTo(10, 3);
		}
	});

	it('frames the circle: bounds about 2 × radius tall, centred on the point', () => {
		const [w, s, e, n] = circleBounds(AT, 10);
		expect(distance([AT[0], s], [AT[0], n], { units: 'kilometers' })).toBeCloseTo(20, 0);
		expect((w + e) / 2).toBeCloseTo(AT[0], 6);
		expect(w).toBeLessThan(AT[0]);
		expect(n).toBeGreaterThan(AT[1]);
	});

	it('gives empty collections without a centre', () => {
		expect(circleCollection(null, 10).features).toEqual([]);
		expect(centreCollection(null).features).toEqual([]);
		expect(circleCollection(AT, 5).features).toHaveLength(1);
		expect(centreCollection(AT).features[0]!.geometry.coordinates).toEqual(AT);
	});
});

describe('partnerCollection', () => {
	it('numbers the first ranks, draws the best last (on top)', () => {
		const rows = Array.from({ length: NUMBERED_RANKS + 2 }, (_, i) => row(i + 1));
		const fc = partnerCollection(rows);
		expect(fc.features).toHaveLength(rows.length);
		expect(fc.features.at(-1)!.properties).toEqual({
			id: 'id-1',
			name: 'Acteur 1',
			rank: 1,
			label: '1'
		});
		expect(fc.features[0]!.properties.label).toBe('');
		expect(fc.features[0]!.geometry.coordinates).toEqual(rows.at(-1)!.position);
	});
});

describe('partnerLayers', () => {
	it('draws circle fill and outline, the proposals and the centre from their sources', () => {
		const layers = partnerLayers(['Noto Sans Regular']);
		expect(layers.map((l) => [l.type, 'source' in l ? l.source : null])).toEqual([
			['fill', PARTNER_SOURCES.circle],
			['line', PARTNER_SOURCES.circle],
			['circle', PARTNER_SOURCES.partners],
			['symbol', PARTNER_SOURCES.partners],
			['circle', PARTNER_SOURCES.centre]
		]);
	});
});
