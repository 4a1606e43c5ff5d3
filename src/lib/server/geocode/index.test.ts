import { describe, expect, it } from 'vitest';
import { BanGeocoder, CommuneCentreGeocoder, geocoderFromEnv } from './index';
import { fakeBan } from './test-helpers';

describe('geocoderFromEnv', () => {
	it('defaults to the BAN on the Géoplateforme', () => {
		for (const env of [{}, { MAILLAGE_GEOCODER: '' }, { MAILLAGE_GEOCODER: ' BAN ' }]) {
			const g = geocoderFromEnv(env);
			expect(g).toBeInstanceOf(BanGeocoder);
			expect(g.name).toBe('ban');
			expect((g as BanGeocoder).endpoint).toBe('https://data.geopf.fr/geocodage/search/csv/');
		}
	});

	it('is offline when asked', () => {
		const g = geocoderFromEnv({ MAILLAGE_GEOCODER: 'offline' });
		expect(g).toBeInstanceOf(CommuneCentreGeocoder);
		expect(g.name).toBe('commune-centre');
	});

	it('takes another endpoint base from MAILLAGE_BAN_URL', () => {
		const g = geocoderFromEnv({ MAILLAGE_BAN_URL: 'https://api-adresse.data.gouv.fr/' });
		expect((g as BanGeocoder).endpoint).toBe('https://api-adresse.data.gouv.fr/search/csv/');
		const local = geocoderFromEnv({ MAILLAGE_BAN_URL: 'http://localhost:7878' });
		expect((local as BanGeocoder).endpoint).toBe('http://localhost:7878/search/csv/');
	});

	it('refuses a misspelt mode or URL', () => {
		expect(() => geocoderFromEnv({ MAILLAGE_GEOCODER: 'google' })).toThrow(/MAILLAGE_GEOCODER/);
		expect(() => geocoderFromEnv({ MAILLAGE_BAN_URL: 'data.geopf.fr' })).toThrow(
			/MAILLAGE_BAN_URL/
		);
		expect(() => geocoderFromEnv({ MAILLAGE_BAN_URL: 'ftp://x.fr' })).toThrow(/MAILLAGE_BAN_URL/);
	});

	it('uses the fetch it is given', async () => {
		const ban = fakeBan(
			(call) =>
				new Response(
					`${Object.keys(call.rows[0]!).join(',')},latitude,longitude,result_score,result_type,result_label,result_citycode,result_status\n` +
						`${Object.values(call.rows[0]!).join(',')},44.0123,4.4197,0.91,housenumber,12 Place aux Herbes 30700 Uzès,30334,ok\n`
				)
		);
		const g = geocoderFromEnv({}, ban.fetch);
		const { results, warnings } = await g.geocode([
			{
				id: 'x',
				address: '12 Place aux Herbes',
				postcode: '30700',
				communeCode: null,
				communeName: 'Uzès'
			}
		]);
		expect(ban.calls).toHaveLength(1);
		expect(results).toEqual([
			{
				id: 'x',
				lng: 4.4197,
				lat: 44.0123,
				quality: 'exact',
				label: '12 Place aux Herbes 30700 Uzès',
				score: 0.91,
				provider: 'ban'
			}
		]);
		expect(warnings).toEqual([]);
	});
});
