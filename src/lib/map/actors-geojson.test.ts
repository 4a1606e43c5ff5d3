import { describe, expect, it } from 'vitest';
import { buildActorFeatureCollection, type ActorPointRow } from './actors-geojson';

const row = (over: Partial<ActorPointRow>): ActorPointRow => ({
	id: 'a1',
	name: 'Les Amis du Lavoir',
	kind: 'association',
	lng: 4.4196,
	lat: 44.0122,
	...over
});

describe('buildActorFeatureCollection', () => {
	it('emits [lng, lat] points with id, name and kind only', () => {
		const fc = buildActorFeatureCollection([row({})]);
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features).toHaveLength(1);
		const [feature] = fc.features;
		expect(feature?.geometry).toEqual({ type: 'Point', coordinates: [4.4196, 44.0122] });
		expect(feature?.properties).toEqual({
			id: 'a1',
			name: 'Les Amis du Lavoir',
			kind: 'association'
		});
	});

	it('accepts numeric strings from the driver and rounds to 7 decimals', () => {
		const fc = buildActorFeatureCollection([row({ lng: '4.123456789', lat: '44.987654321' })]);
		expect(fc.features[0]?.geometry.coordinates).toEqual([4.1234568, 44.9876543]);
	});

	it('leaves out actors without a usable location', () => {
		const fc = buildActorFeatureCollection([
			row({ id: 'none', lng: null, lat: null }),
			row({ id: 'half', lat: null }),
			row({ id: 'text', lng: 'abc' }),
			row({ id: 'empty', lng: '' }),
			row({ id: 'range', lat: 91 }),
			row({ id: 'ok' })
		]);
		expect(fc.features.map((f) => f.properties.id)).toEqual(['ok']);
	});

	it('maps unknown or missing kinds to "other"', () => {
		const fc = buildActorFeatureCollection([
			row({ id: 'x', kind: 'spaceship' }),
			row({ id: 'y', kind: null }),
			row({ id: 'z', kind: 'cooperative' })
		]);
		expect(fc.features.map((f) => f.properties.kind)).toEqual(['other', 'other', 'cooperative']);
	});

	it('keeps the input order and every located row', () => {
		const rows = Array.from({ length: 50 }, (_, i) =>
			row({ id: `a${i}`, lng: 4 + i / 100, lat: 44 - i / 100 })
		);
		const fc = buildActorFeatureCollection(rows);
		expect(fc.features.map((f) => f.properties.id)).toEqual(rows.map((r) => r.id));
	});

	it('is valid JSON that round-trips', () => {
		const fc = buildActorFeatureCollection([row({ name: 'Café "Le Lien" <b>' })]);
		expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
	});
});
