import { describe, expect, it } from 'vitest';
import { toGeoJson } from './geojson';
import { exportRow, meta } from './test-fixtures';
import { PROVENANCE_FIELDS, provenanceColumn } from './types';

/** The RFC 7946 rules this export relies on, checked on the serialised text. */
function assertValidGeoJson(text: string): void {
	const fc = JSON.parse(text) as Record<string, unknown>;
	expect(fc.type).toBe('FeatureCollection');
	expect(Array.isArray(fc.features)).toBe(true);
	for (const f of fc.features as Record<string, unknown>[]) {
		expect(f.type).toBe('Feature');
		expect(typeof f.properties).toBe('object');
		expect(['string', 'number']).toContain(typeof f.id);
		const g = f.geometry as { type: string; coordinates: unknown } | null;
		if (g === null) continue;
		expect(g.type).toBe('Point');
		const [lng, lat, ...rest] = g.coordinates as number[];
		expect(rest).toEqual([]);
		expect(lng).toBeGreaterThanOrEqual(-180);
		expect(lng).toBeLessThanOrEqual(180);
		expect(lat).toBeGreaterThanOrEqual(-90);
		expect(lat).toBeLessThanOrEqual(90);
	}
}

describe('toGeoJson', () => {
	it('is a valid FeatureCollection with licence, name and generation time on top', () => {
		const fc = toGeoJson([exportRow()], meta);
		const text = JSON.stringify(fc);
		assertValidGeoJson(text);
		const parsed = JSON.parse(text);
		expect(parsed).toMatchObject({
			name: 'Pays d’Uzès',
			licence: 'ODbL-1.0',
			licence_url: 'https://opendatacommons.org/licenses/odbl/1-0/',
			generated_at: '2026-11-24T09:30:00.000Z'
		});
		expect(parsed.features[0].geometry).toEqual({ type: 'Point', coordinates: [4.4196, 44.0122] });
	});

	it('puts the fields and every provenance column in the properties', () => {
		const [feature] = toGeoJson(
			[exportRow({ email_source: 'Adhérents 2025 ligne 3' })],
			meta
		).features;
		expect(feature?.id).toBe(exportRow().id);
		const props = feature!.properties;
		expect(props).toMatchObject({
			name: 'Les Amis du Lavoir',
			commune_name: 'Uzès',
			sectors: ['culture', 'patrimoine'],
			sources: ['RNA Gard'],
			name_source: 'RNA Gard ligne 12',
			email_source: 'Adhérents 2025 ligne 3'
		});
		for (const field of PROVENANCE_FIELDS) expect(props).toHaveProperty(provenanceColumn(field));
		expect(props).not.toHaveProperty('lng');
		expect(props).not.toHaveProperty('licence');
	});

	it('keeps unplaced actors with a null geometry', () => {
		const fc = toGeoJson(
			[
				exportRow({ id: 'none', lng: null, lat: null }),
				exportRow({ id: 'range', lng: 4.4, lat: 95 }),
				exportRow({ id: 'ok', lng: 4.123456789, lat: 44.987654321 })
			],
			meta
		);
		assertValidGeoJson(JSON.stringify(fc));
		expect(fc.features.map((f) => [f.id, f.geometry])).toEqual([
			['none', null],
			['range', null],
			['ok', { type: 'Point', coordinates: [4.1234568, 44.9876543] }]
		]);
	});

	it('writes values as stored: no neutralisation, E.164 phones, accents', () => {
		const [feature] = toGeoJson(
			[exportRow({ name: '=Œuvre « été »', phone: '+33466123456' })],
			meta
		).features;
		expect(feature?.properties.name).toBe('=Œuvre « été »');
		expect(feature?.properties.phone).toBe('+33466123456');
	});

	it('gives a null licence_url for a licence it does not know', () => {
		expect(toGeoJson([], { ...meta, licence: 'Maison' }).licence_url).toBeNull();
		expect(toGeoJson([], meta).features).toEqual([]);
	});
});
