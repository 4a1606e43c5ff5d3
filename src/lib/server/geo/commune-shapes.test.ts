import { describe, expect, it } from 'vitest';
import {
	CommuneShapeError,
	FileProvider,
	GeoApiProvider,
	OfflineProvider,
	communeShapesFromEnv,
	communeShapesOf,
	departementOfCommune
} from './commune-shapes';
import { fakeGeoApi, squareCommune, type CommuneCollection } from './test-helpers';

const collection = (...features: CommuneCollection['features']): CommuneCollection => ({
	type: 'FeatureCollection',
	features
});

const gard = collection(
	squareCommune('30334', 'Uzès', 4.42, 44.01),
	squareCommune('30189', 'Nîmes', 4.36, 43.84),
	squareCommune('30007', 'Alès', 4.08, 44.13)
);
const corseDuSud = collection(squareCommune('2A004', 'Ajaccio', 8.74, 41.93));

async function failure(promise: Promise<unknown>): Promise<CommuneShapeError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof CommuneShapeError) return error;
		throw error;
	}
	throw new Error('expected a CommuneShapeError');
}

describe('departementOfCommune', () => {
	it('reads the département from the INSEE code, Corsica and overseas included', () => {
		expect(departementOfCommune('30189')).toBe('30');
		expect(departementOfCommune('01053')).toBe('01');
		expect(departementOfCommune('2A004')).toBe('2A');
		expect(departementOfCommune('2B033')).toBe('2B');
		expect(departementOfCommune('97101')).toBe('971');
		expect(departementOfCommune('97611')).toBe('976');
		expect(departementOfCommune('97502')).toBe('975');
		expect(departementOfCommune('98735')).toBe('987');
	});

	it('refuses what is not a commune code', () => {
		for (const bad of ['1053', '300189', '2C004', '30 189', '', 'abcde'])
			expect(departementOfCommune(bad), bad).toBeNull();
	});
});

describe('communeShapesOf', () => {
	it('keeps the communes with a code and a polygon, named by nom', () => {
		const shapes = communeShapesOf(
			collection(
				squareCommune('30334', 'Uzès', 4.42, 44.01),
				{
					type: 'Feature',
					properties: { code: 'x', nom: 'Sans code' },
					geometry: squareCommune('x', 'x', 4, 44).geometry
				},
				{
					type: 'Feature',
					properties: { code: '30189', nom: 'Nîmes' },
					geometry: { type: 'Point', coordinates: [4.36, 43.84] }
				} as never
			)
		);
		expect([...shapes.keys()]).toEqual(['30334']);
		expect(shapes.get('30334')!.name).toBe('Uzès');
		expect(shapes.get('30334')!.geometry.type).toBe('Polygon');
	});

	it('rounds coordinates to 5 decimals', () => {
		const f = squareCommune('30334', 'Uzès', 4.123456789, 44.987654321);
		const ring = communeShapesOf(collection(f)).get('30334')!.geometry.coordinates[0] as number[][];
		for (const [lng, lat] of ring) {
			expect(Math.round(lng! * 1e5) / 1e5).toBe(lng);
			expect(Math.round(lat! * 1e5) / 1e5).toBe(lat);
		}
	});

	it('throws a clear error on something that is not a FeatureCollection', () => {
		expect(() => communeShapesOf({ type: 'Feature' }, 'answer for 30')).toThrow(
			/answer for 30 is not a GeoJSON FeatureCollection/
		);
		expect(() => communeShapesOf(null)).toThrow(CommuneShapeError);
	});
});

describe('GeoApiProvider', () => {
	it('asks once per département, for contours with code and nom only', async () => {
		const api = fakeGeoApi({ '30': gard, '2A': corseDuSud });
		const provider = new GeoApiProvider(api.fetch);
		const shapes = await provider.fetchShapes(['30334', '2A004', '30189']);
		expect(api.calls.map((c) => c.url.href)).toEqual([
			'https://geo.api.gouv.fr/departements/30/communes?format=geojson&geometry=contour&fields=code%2Cnom',
			'https://geo.api.gouv.fr/departements/2A/communes?format=geojson&geometry=contour&fields=code%2Cnom'
		]);
		// Only what was asked, though the answer holds the whole département.
		expect([...shapes.keys()].sort()).toEqual(['2A004', '30189', '30334']);
		expect(shapes.get('2A004')!.name).toBe('Ajaccio');
		expect(api.calls[0]!.signal).toBeInstanceOf(AbortSignal);
		expect(provider.name).toBe('geo.api.gouv.fr');
	});

	it('leaves out codes the service does not know, and invalid codes', async () => {
		const api = fakeGeoApi({ '30': gard });
		const shapes = await new GeoApiProvider(api.fetch).fetchShapes(['30999', 'nope', '30334']);
		expect([...shapes.keys()]).toEqual(['30334']);
		expect(api.calls).toHaveLength(1);
	});

	it('uses another base URL, named by its host', async () => {
		const api = fakeGeoApi({ '30': gard });
		const provider = new GeoApiProvider(api.fetch, 'http://api-geo.local:5000/');
		await provider.fetchShapes(['30334']);
		expect(api.calls[0]!.url.origin + api.calls[0]!.url.pathname).toBe(
			'http://api-geo.local:5000/departements/30/communes'
		);
		expect(provider.name).toBe('api-geo.local:5000');
	});

	it('reports an HTTP error with what the other départements gave', async () => {
		const api = fakeGeoApi({ '30': gard, '2A': corseDuSud }, (dep) =>
			dep === '2A' ? new Response('busy', { status: 503 }) : undefined
		);
		const error = await failure(new GeoApiProvider(api.fetch).fetchShapes(['2A004', '30334']));
		expect(error.code).toBe('http');
		expect(error.message).toMatch(/departements\/2A\/communes.* answered HTTP 503/);
		expect([...error.partial.keys()]).toEqual(['30334']);
	});

	it('reports a network failure as unreachable', async () => {
		const offline = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		const error = await failure(new GeoApiProvider(offline).fetchShapes(['30334']));
		expect(error.code).toBe('unreachable');
		expect(error.message).toMatch(/unreachable \(fetch failed\)/);
		expect(error.partial.size).toBe(0);
	});

	it('gives up after its timeout', async () => {
		// Answers only when aborted, as a server that never answers.
		const silent = ((_: unknown, init?: RequestInit) =>
			new Promise((_resolve, reject) =>
				init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
			)) as typeof fetch;
		const error = await failure(
			new GeoApiProvider(silent, undefined, { timeoutMs: 20 }).fetchShapes(['30334'])
		);
		expect(error.code).toBe('timeout');
		expect(error.message).toMatch(/within 20 ms/);
	});

	it('reports an answer that is not JSON or not GeoJSON as invalid', async () => {
		const html = (async () => new Response('<html>maintenance</html>')) as typeof fetch;
		expect((await failure(new GeoApiProvider(html).fetchShapes(['30334']))).code).toBe('invalid');
		const list = (async () => Response.json([{ code: '30334' }])) as typeof fetch;
		const error = await failure(new GeoApiProvider(list).fetchShapes(['30334']));
		expect(error.code).toBe('invalid');
		expect(error.message).toMatch(/Geo API answer for 30 is not a GeoJSON FeatureCollection/);
	});
});

describe('FileProvider and OfflineProvider', () => {
	it('reports a missing file clearly', async () => {
		const error = await failure(
			new FileProvider('/nonexistent/communes.geojson').fetchShapes(['30334'])
		);
		expect(error.code).toBe('file');
		expect(error.message).toMatch(/\/nonexistent\/communes\.geojson unreadable/);
	});

	it('offline gives nothing and never fails', async () => {
		expect((await new OfflineProvider().fetchShapes()).size).toBe(0);
	});
});

describe('communeShapesFromEnv', () => {
	it('prefers a file, then the offline mode, else the Geo API', () => {
		const file = communeShapesFromEnv({
			MAILLAGE_COMMUNE_SHAPES_FILE: '/data/communes-30-gard.geojson',
			MAILLAGE_GEO: 'offline'
		});
		expect(file).toBeInstanceOf(FileProvider);
		expect(file.name).toBe('file:communes-30-gard.geojson');
		expect(communeShapesFromEnv({ MAILLAGE_GEO: ' Offline ' })).toBeInstanceOf(OfflineProvider);
		expect(communeShapesFromEnv({})).toBeInstanceOf(GeoApiProvider);
		expect(
			communeShapesFromEnv({ MAILLAGE_GEO: 'api', MAILLAGE_COMMUNE_SHAPES_FILE: ' ' })
		).toBeInstanceOf(GeoApiProvider);
	});

	it('refuses a misspelt mode', () => {
		expect(() => communeShapesFromEnv({ MAILLAGE_GEO: 'ofline' })).toThrow(
			'MAILLAGE_GEO="ofline" is not one of: api, offline'
		);
	});
});
