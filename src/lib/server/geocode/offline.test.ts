import { describe, expect, it } from 'vitest';
import { communeCentresFrom } from '$lib/domain/geo/commune-centres';
import { m } from '$lib/i18n';
import { CommuneCentreGeocoder } from './offline';
import { testCommunes } from './test-helpers';
import type { GeocodeQuery } from './types';

const SOURCE = 'CC Pays d’Uzès (IGN Admin Express COG 2018, centroïdes)';

function q(id: string, fields: Partial<GeocodeQuery>): GeocodeQuery {
	return { id, address: null, postcode: null, communeCode: null, communeName: null, ...fields };
}

function counting() {
	let loads = 0;
	return {
		loads: () => loads,
		communes: async () => {
			loads++;
			return testCommunes();
		}
	};
}

describe('CommuneCentreGeocoder', () => {
	it('places a query at the centre of its INSEE code, without loading the commune index', async () => {
		const idx = counting();
		const g = new CommuneCentreGeocoder({ communes: idx.communes });
		const { results, warnings } = await g.geocode([
			q('1', { address: '1 rue X', communeCode: '30334' }),
			q('2', { communeCode: '30 073' })
		]);
		expect(results).toEqual([
			{
				id: '1',
				lng: 4.4162,
				lat: 44.01334,
				quality: 'commune',
				label: 'Uzès',
				score: null,
				provider: 'commune-centre'
			},
			{
				id: '2',
				lng: 4.55586,
				lat: 43.97821,
				quality: 'commune',
				label: 'Castillon-du-Gard',
				score: null,
				provider: 'commune-centre'
			}
		]);
		expect(warnings).toEqual([]);
		expect(idx.loads()).toBe(0);
		expect(g.name).toBe('commune-centre');
	});

	it('resolves names, postcodes and former codes through the commune index, loaded once', async () => {
		const idx = counting();
		const g = new CommuneCentreGeocoder({ communes: idx.communes });
		const { results } = await g.geocode([
			q('name', { communeName: 'UZES' }),
			q('name+cp', { communeName: 'St Quentin la Poterie', postcode: '30700' }),
			q('moussac', { communeName: 'Moussac', postcode: '30190' }),
			q('former', { communeCode: '30999' })
		]);
		expect(Object.fromEntries(results.map((r) => [r.id, r.label]))).toEqual({
			name: 'Uzès',
			'name+cp': 'Saint-Quentin-la-Poterie',
			moussac: 'Moussac',
			former: 'Uzès'
		});
		expect(idx.loads()).toBe(1);
	});

	it('leaves out what it cannot place, and says why', async () => {
		const g = new CommuneCentreGeocoder({ communes: counting().communes });
		const { results, warnings } = await g.geocode([
			q('nimes', { communeCode: '30189' }),
			q('paris', { communeName: 'Paris' }),
			q('shared-cp', { postcode: '30580' }),
			q('nothing', { address: '3 rue de la Gare' }),
			q('typo', { communeCode: '99999' })
		]);
		expect(results).toEqual([]);
		expect(warnings).toEqual([
			m.geocode_warning_unknown_commune({ count: 3 }),
			m.geocode_warning_no_centre({ count: 2, source: SOURCE })
		]);
	});

	it('uses a bigger table when given one', async () => {
		const centres = communeCentresFrom(
			[{ code: '30189', name: 'Nîmes', centre: [4.3601, 43.8367] }],
			'test'
		);
		const g = new CommuneCentreGeocoder({ centres, communes: counting().communes });
		const { results } = await g.geocode([q('n', { communeName: 'Nimes', postcode: '30000' })]);
		expect(results).toEqual([
			{
				id: 'n',
				lng: 4.3601,
				lat: 43.8367,
				quality: 'commune',
				label: 'Nîmes',
				score: null,
				provider: 'commune-centre'
			}
		]);
	});

	it('still places by code when the commune index cannot be loaded', async () => {
		const g = new CommuneCentreGeocoder({
			communes: () => Promise.reject(new Error('no index'))
		});
		const { results, warnings } = await g.geocode([
			q('a', { communeCode: '30334' }),
			q('b', { communeCode: '30189' }),
			q('c', { communeName: 'Uzès' })
		]);
		expect(results.map((r) => r.id)).toEqual(['a']);
		expect(warnings).toEqual([
			m.geocode_warning_unknown_commune({ count: 1 }),
			m.geocode_warning_no_centre({ count: 1, source: SOURCE })
		]);
	});

	it('resolves a commune name with the national index by default', async () => {
		const { results } = await new CommuneCentreGeocoder().geocode([
			q('u', { communeName: 'Uzes', postcode: '30700' })
		]);
		expect(results).toMatchObject([{ id: 'u', label: 'Uzès', lng: 4.4162 }]);
	});

	it('rejects when aborted before it starts', async () => {
		const c = new AbortController();
		c.abort();
		await expect(
			new CommuneCentreGeocoder().geocode([q('a', { communeCode: '30334' })], { signal: c.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});
