/**
 * Commune outlines on the real database: the cache table and its policies, the providers feeding
 * it (a file, a recorded Geo API, offline), and what `communes.geojson` answers for a territory.
 * The outlines are the Gard's of ../shared/data/geo-gard (not shipped with the product); the Geo
 * API is a fake serving them in the service's shape, never the network.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES } from '../../src/lib/domain/demo/communes';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import {
	MAX_MAP_COMMUNES,
	buildCommuneMapData,
	territoryCommunes
} from '../../src/lib/server/geo/commune-map';
import {
	FAILURE_MEMO_MS,
	FileProvider,
	GeoApiProvider,
	OfflineProvider,
	loadCommuneShapes
} from '../../src/lib/server/geo/commune-shapes';
import { loadCommuneFacts } from '../../src/lib/server/geo/populations';
import {
	GEO_GARD_FILE,
	fakeGeoApi,
	geoGardPresent,
	readGeoGard,
	squareCommune,
	type CommuneCollection
} from '../../src/lib/server/geo/test-helpers';
import { createTerritory, createUser, freshDatabase, type TestDatabase } from './helpers';

const UZES = '30334';
const NIMES = '30189';
const ALES = '30007';
const AJACCIO = '2A004';

const quiet = { log: () => {} };

/** The recorded answers: the Gard from the geo-gard file, Corse-du-Sud made up (one commune). */
function recordedAnswers(): Record<string, CommuneCollection> {
	return {
		'30': readGeoGard(),
		'2A': {
			type: 'FeatureCollection',
			features: [squareCommune(AJACCIO, 'Ajaccio', 8.74, 41.93)]
		}
	};
}

async function cachedRows(db: TestDatabase) {
	return db.asAdmin((tx) =>
		tx.query<{ code: string; name: string; source: string; kind: string }>(
			`select code, name, source, jsonb_typeof(geometry) as kind
			   from public.commune_shape order by code`
		)
	);
}

describe.skipIf(!geoGardPresent)('commune outlines in the database', () => {
	let db: TestDatabase;

	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(async () => {
		await db?.close();
	});

	describe('cache table', () => {
		let other: TestDatabase;
		beforeAll(async () => {
			other = await freshDatabase();
			await loadCommuneShapes(other, [UZES], new FileProvider(GEO_GARD_FILE), quiet);
		});
		afterAll(async () => {
			await other?.close();
		});

		it('is readable by everybody', async () => {
			const user = userClaims(await createUser(other, 'lectrice@example.org'));
			for (const claims of [anonClaims, user]) {
				const rows = await other.asUser(claims, (tx) =>
					tx.query<{ code: string }>('select code from public.commune_shape')
				);
				expect(rows).toEqual([{ code: UZES }]);
			}
		});

		it('is written by the server only', async () => {
			const user = userClaims(await createUser(other, 'ecrivain@example.org'));
			for (const claims of [anonClaims, user]) {
				await expect(
					other.asUser(claims, (tx) =>
						tx.query(
							`insert into public.commune_shape (code, name, geometry, source)
							 values ('30189', 'Nîmes', '{"type":"Polygon","coordinates":[]}', 'x')`
						)
					)
				).rejects.toThrow(/permission denied|row-level security/);
				await expect(
					other.asUser(claims, (tx) =>
						tx.query(`update public.commune_shape set name = 'x' returning code`)
					)
				).rejects.toThrow(/permission denied|row-level security/);
			}
		});
	});

	describe('loadCommuneShapes', () => {
		it('reads a file of the Geo API shape and caches what it gave', async () => {
			const shapes = await loadCommuneShapes(
				db,
				[UZES, NIMES],
				new FileProvider(GEO_GARD_FILE),
				quiet
			);
			expect([...shapes.keys()].sort()).toEqual([NIMES, UZES]);
			expect(shapes.get(UZES)!.name).toBe('Uzès');
			expect(await cachedRows(db)).toEqual([
				{ code: NIMES, name: 'Nîmes', source: 'file:communes-30-gard.geojson', kind: 'object' },
				{ code: UZES, name: 'Uzès', source: 'file:communes-30-gard.geojson', kind: 'object' }
			]);
		});

		it('asks the Geo API once per département, then answers from the cache', async () => {
			const api = fakeGeoApi(recordedAnswers());
			const provider = new GeoApiProvider(api.fetch);
			const codes = [UZES, ALES, AJACCIO, '30003'];

			const first = await loadCommuneShapes(db, codes, provider, quiet);
			expect([...first.keys()].sort()).toEqual(['2A004', '30003', ALES, UZES]);
			// Uzès was cached by the previous test: only the missing codes are asked, one request
			// for the Gard, one for Corse-du-Sud.
			expect(api.calls.map((c) => c.departement).sort()).toEqual(['2A', '30']);

			const again = await loadCommuneShapes(db, codes, provider, quiet);
			expect(api.calls).toHaveLength(2);
			expect(again).toEqual(first);

			const sources = Object.fromEntries((await cachedRows(db)).map((r) => [r.code, r.source]));
			expect(sources).toMatchObject({
				[AJACCIO]: 'geo.api.gouv.fr',
				[ALES]: 'geo.api.gouv.fr',
				[UZES]: 'file:communes-30-gard.geojson'
			});
		});

		it('keeps the simplified outline: fewer points than the file, 5 decimals', async () => {
			const raw = readGeoGard().features.find((f) => f.properties.code === ALES)!.geometry;
			const [row] = await db.asAdmin((tx) =>
				tx.query<{ geometry: Polygon }>(
					'select geometry from public.commune_shape where code = $1',
					[ALES]
				)
			);
			const points = (g: Polygon | MultiPolygon) =>
				JSON.stringify(g.coordinates).split('],[').length;
			expect(points(row!.geometry)).toBeLessThan(points(raw));
			for (const [lng, lat] of row!.geometry.coordinates[0]!) {
				expect(Number(lng!.toFixed(5))).toBe(lng);
				expect(Number(lat!.toFixed(5))).toBe(lat);
			}
		});

		it('offline: no outline, no error, and no new try for ten minutes', async () => {
			let now = 1_000_000;
			let calls = 0;
			const unreachable = (async () => {
				calls++;
				throw new TypeError('fetch failed');
			}) as typeof fetch;
			const provider = new GeoApiProvider(unreachable);
			const logged: string[] = [];
			const options = { now: () => now, log: (m: string) => logged.push(m) };

			expect((await loadCommuneShapes(db, [NIMES, '30004'], provider, options)).size).toBe(1);
			expect(calls).toBe(1);
			expect(logged.join()).toMatch(/not fetched from geo\.api\.gouv\.fr: .*unreachable/);

			now += FAILURE_MEMO_MS - 1;
			expect((await loadCommuneShapes(db, [NIMES, '30004'], provider, options)).size).toBe(1);
			expect(calls).toBe(1);

			now += 2;
			await loadCommuneShapes(db, [NIMES, '30004'], provider, options);
			expect(calls).toBe(2);
		});

		it('caches what a partly failed fetch gave and remembers only what is missing', async () => {
			const api = fakeGeoApi(recordedAnswers(), (dep) =>
				dep === '2A' ? new Response('busy', { status: 503 }) : undefined
			);
			const provider = new GeoApiProvider(api.fetch);
			const fresh = await freshDatabase();
			try {
				const got = await loadCommuneShapes(fresh, [UZES, '2A004'], provider, quiet);
				expect([...got.keys()]).toEqual([UZES]);
				expect((await cachedRows(fresh)).map((r) => r.code)).toEqual([UZES]);
				await loadCommuneShapes(fresh, [UZES, '2A004'], provider, quiet);
				expect(api.calls.map((c) => c.departement).sort()).toEqual(['2A', '30']);
			} finally {
				await fresh.close();
			}
		});

		it('with the offline provider gives what is cached and nothing else', async () => {
			const shapes = await loadCommuneShapes(db, [UZES, '30005'], new OfflineProvider(), quiet);
			expect([...shapes.keys()]).toEqual([UZES]);
		});
	});

	describe('the communes.geojson data of a territory', () => {
		let owner: Claims;
		let outsider: Claims;
		const file = new FileProvider(GEO_GARD_FILE);

		beforeAll(async () => {
			owner = userClaims(await createUser(db, 'proprietaire@example.org'));
			outsider = userClaims(await createUser(db, 'dehors@example.org'));
			const listed = await createTerritory(db, owner, 'deux-villes', 'Deux villes');
			await db.asUser(owner, (tx) =>
				tx.query('update public.territory set commune_codes = $2 where id = $1', [
					listed,
					[UZES, NIMES]
				])
			);
			const byActors = await createTerritory(db, owner, 'par-acteurs', 'Par les acteurs');
			for (const [name, code] of [
				['A', UZES],
				['B', UZES],
				['C', '30028'],
				['D', null]
			] as const) {
				await db.asUser(owner, (tx) =>
					tx.query(
						'insert into public.actor (territory_id, name, commune_code) values ($1, $2, $3)',
						[byActors, name, code]
					)
				);
			}
			const uzes = await createTerritory(db, owner, 'uzege', 'Uzège');
			await db.asUser(owner, (tx) =>
				tx.query('update public.territory set commune_codes = $2 where id = $1', [
					uzes,
					PAYS_D_UZES_COMMUNES.map((c) => c.code)
				])
			);
			await createTerritory(db, owner, 'vide', 'Vide');
		});

		it('has one feature per commune with its population, then the boundary', async () => {
			const data = await buildCommuneMapData(db, owner, 'deux-villes', {
				provider: file,
				...quiet
			});
			const facts = await loadCommuneFacts();
			expect(data!.type).toBe('FeatureCollection');
			expect(data!.features.map((f) => f.properties)).toEqual([
				{ role: 'commune', code: NIMES, name: 'Nîmes', population: facts.get(NIMES)!.population },
				{ role: 'commune', code: UZES, name: 'Uzès', population: facts.get(UZES)!.population },
				{
					role: 'boundary',
					code: 'deux-villes',
					name: 'Deux villes',
					population: facts.get(NIMES)!.population! + facts.get(UZES)!.population!
				}
			]);
			expect(facts.get(UZES)!.population).toBeGreaterThan(5000);
			// Nîmes and Uzès do not touch: two polygons.
			const boundary = data!.features[2]!.geometry as MultiPolygon;
			expect(boundary.type).toBe('MultiPolygon');
			expect(boundary.coordinates).toHaveLength(2);
		});

		it('draws the boundary of the Pays d’Uzès as one ring', async () => {
			const data = await buildCommuneMapData(db, owner, 'uzege', { provider: file, ...quiet });
			const communes = data!.features.filter((f) => f.properties.role === 'commune');
			expect(communes).toHaveLength(35);
			const boundary = data!.features.find((f) => f.properties.role === 'boundary')!;
			expect(boundary.geometry.type).toBe('Polygon');
			expect((boundary.geometry as Polygon).coordinates).toHaveLength(1);
		});

		it('uses the communes of the actors when the territory lists none', async () => {
			const found = await db.asUser(owner, (tx) => territoryCommunes(tx, 'par-acteurs'));
			// Most actors first.
			expect(found!.codes).toEqual([UZES, '30028']);
			const data = await buildCommuneMapData(db, owner, 'par-acteurs', {
				provider: file,
				...quiet
			});
			expect(data!.features.map((f) => `${f.properties.role}:${f.properties.code}`)).toEqual([
				'commune:30028',
				`commune:${UZES}`,
				'boundary:par-acteurs'
			]);
		});

		it('keeps at most MAX_MAP_COMMUNES communes', async () => {
			const many = Array.from({ length: MAX_MAP_COMMUNES + 50 }, (_, i) =>
				String(10000 + i).padStart(5, '0')
			);
			const id = await createTerritory(db, owner, 'immense', 'Immense');
			await db.asUser(owner, (tx) =>
				tx.query('update public.territory set commune_codes = $2 where id = $1', [id, many])
			);
			const found = await db.asUser(owner, (tx) => territoryCommunes(tx, 'immense'));
			expect(found!.codes).toHaveLength(MAX_MAP_COMMUNES);
		});

		it('is an empty collection when no outline is available', async () => {
			const id = await createTerritory(db, owner, 'hors-ligne', 'Hors ligne');
			// Anduze and Arpaillargues: never cached by the tests above.
			await db.asUser(owner, (tx) =>
				tx.query('update public.territory set commune_codes = $2 where id = $1', [
					id,
					['30010', '30016']
				])
			);
			for (const slug of ['hors-ligne', 'vide']) {
				const data = await buildCommuneMapData(db, owner, slug, {
					provider: new OfflineProvider(),
					...quiet
				});
				expect(data, slug).toEqual({ type: 'FeatureCollection', features: [] });
			}
		});

		it('is null for a territory the user may not read, as for an unknown one', async () => {
			for (const claims of [outsider, anonClaims]) {
				expect(
					await buildCommuneMapData(db, claims, 'deux-villes', { provider: file, ...quiet })
				).toBeNull();
			}
			expect(
				await buildCommuneMapData(db, owner, 'inconnu', { provider: file, ...quiet })
			).toBeNull();
		});
	});
});
