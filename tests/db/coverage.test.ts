/**
 * Coverage gaps (« zones blanches ») against the real schema and the demo territory: the query's
 * counts agree with the tables, a commune with a common place is never « sans lieu commun », the
 * public sees public events only, the list page's filters, and the map layer's endpoint.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoverageMapData } from '../../src/lib/map/coverage-layer';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { GEO_GARD_FILE, geoGardPresent } from '../../src/lib/server/geo/test-helpers';
import { loadCoverage } from '../../src/lib/server/queries/coverage';
import { createTerritory, demoWithRoles, type TestDatabase, httpStatus as status } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
// Outlines from the recorded geo-gard file when it is there; offline otherwise (no network).
vi.mock('$env/dynamic/private', async () => {
	const helpers = await import('../../src/lib/server/geo/test-helpers');
	return {
		env: helpers.geoGardPresent
			? { MAILLAGE_COMMUNE_SHAPES_FILE: helpers.GEO_GARD_FILE }
			: { MAILLAGE_GEO: 'offline' }
	};
});
const page = await import('../../src/routes/t/[territory]/coverage/+page.server');
const endpoint = await import('../../src/routes/t/[territory]/map/coverage.geojson/+server');

const SLUG = 'pays-d-uzes';
const NOW = new Date('2026-03-01T10:00:00Z');
let db: TestDatabase;
let owner: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

interface Row {
	code: string;
	name: string;
	places: number;
	events: number;
	noPlace: boolean;
	noEvent: boolean;
	missingKinds: string[];
	missingSectors: string[];
	score: number;
}
interface PageData {
	filters: { kind: string | null; sector: string | null; noPlace: boolean; noEvent: boolean };
	total: number;
	withGaps: number;
	absentChoice: boolean;
	options: { kinds: string[]; sectors: string[] };
	publicView: boolean;
	rows: Row[];
}

async function load(query = '', claims: Claims = viewer, slug = SLUG): Promise<PageData> {
	return (await page.load({
		params: { territory: slug },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${slug}/coverage${query ? `?${query}` : ''}`)
	} as never)) as PageData;
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: NOW }));
	current.db = db;
}, 120_000);

afterAll(async () => {
	await db?.close();
});

describe('loadCoverage on the demo territory', () => {
	it('covers the 35 communes, with gaps somewhere, counts matching the tables', async () => {
		const data = (await loadCoverage(db, viewer, SLUG, { now: NOW }))!;
		expect(data.audience).toBe('members');
		const { communes } = data.report;
		expect(communes).toHaveLength(35);
		expect(communes.some((c) => c.score > 0)).toBe(true);
		expect(data.report.maxScore).toBe(communes[0]!.score);

		const [places] = await db.asAdmin((tx) =>
			tx.query<{ n: number; communes: number }>(
				`select count(*)::int as n, count(distinct commune_code)::int as communes
				   from public.place where territory_id = $1`,
				[territoryId]
			)
		);
		expect(communes.reduce((sum, c) => sum + c.places, 0)).toBe(places!.n);
		// Every commune with a common place is not « sans lieu commun », and the others are.
		expect(communes.filter((c) => !c.noPlace)).toHaveLength(places!.communes);
		for (const c of communes) expect(c.noPlace).toBe(c.places === 0);
		expect(communes.filter((c) => c.noPlace).length).toBeGreaterThan(0);

		const [actors] = await db.asAdmin((tx) =>
			tx.query<{ n: number }>(
				`select count(*)::int as n from public.actor
				  where territory_id = $1
				    and commune_code in (select unnest(commune_codes) from public.territory where id = $1)`,
				[territoryId]
			)
		);
		expect(communes.reduce((sum, c) => sum + c.actors, 0)).toBe(actors!.n);
	});

	it('never calls a kind absent from the whole territory a local gap', async () => {
		const { report } = (await loadCoverage(db, viewer, SLUG, { now: NOW }))!;
		const present = new Set(report.kinds.map((k) => k.kind));
		for (const c of report.communes) {
			for (const kind of c.missingKinds) expect(present.has(kind)).toBe(true);
		}
		for (const kind of report.absentKinds) expect(present.has(kind)).toBe(false);
		// Town halls are everywhere in the demo: no commune lacks a public body.
		expect(report.communes.some((c) => c.missingKinds.includes('public_body'))).toBe(false);
	});

	it('counts the events of the last twelve months and upcoming, public ones only for the public', async () => {
		const members = (await loadCoverage(db, viewer, SLUG, { now: NOW }))!;
		const [expected] = await db.asAdmin((tx) =>
			tx.query<{ all: number; public: number }>(
				`select count(*)::int as all,
				        count(*) filter (where e.visibility = 'public')::int as public
				   from public.event e
				   left join public.place p on p.id = e.place_id
				  where e.territory_id = $1
				    and coalesce(e.ends_at, e.starts_at) >= $2::timestamptz
				    and coalesce(e.commune_code, p.commune_code) is not null`,
				[territoryId, '2025-03-01T10:00:00Z']
			)
		);
		const sum = (d: typeof members) => d.report.communes.reduce((s, c) => s + c.events, 0);
		expect(sum(members)).toBe(expected!.all);
		expect(expected!.all).toBeGreaterThan(0);

		const anon = (await loadCoverage(db, anonClaims, SLUG, { now: NOW }))!;
		expect(anon.audience).toBe('public');
		expect(sum(anon)).toBe(expected!.public);

		// Ten years later, nothing is recent: every commune is « sans événement ».
		const later = (await loadCoverage(db, viewer, SLUG, { now: new Date('2036-03-01') }))!;
		expect(later.report.communes.every((c) => c.noEvent)).toBe(true);
	});

	it('is null for a territory the user may not read', async () => {
		const hidden = await createTerritory(db, owner, 'cache', 'Caché');
		expect(hidden).toBeTruthy();
		expect(await loadCoverage(db, outsider, 'cache', { now: NOW })).toBeNull();
		expect(await loadCoverage(db, viewer, 'nulle-part', { now: NOW })).toBeNull();
	});
});

describe('the coverage page (load)', () => {
	it('lists the communes with a gap, most first', async () => {
		const data = await load();
		expect(data.total).toBe(35);
		expect(data.rows.length).toBe(data.withGaps);
		expect(data.rows.length).toBeGreaterThan(0);
		const scores = data.rows.map((r) => r.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		expect(scores.every((s) => s > 0)).toBe(true);
		const asc = await load('sort=asc');
		expect(asc.rows.map((r) => r.score)).toEqual([...scores].reverse());
	});

	it('filters « sans lieu commun »: no commune with a place in it', async () => {
		const data = await load('noplace=1');
		expect(data.filters.noPlace).toBe(true);
		expect(data.rows.length).toBeGreaterThan(0);
		expect(data.rows.every((r) => r.noPlace && r.places === 0)).toBe(true);
		const [withPlace] = await db.asAdmin((tx) =>
			tx.query<{ code: string }>(
				`select commune_code as code from public.place
				  where territory_id = $1 and commune_code is not null limit 1`,
				[territoryId]
			)
		);
		expect(data.rows.map((r) => r.code)).not.toContain(withPlace!.code);
	});

	it('filters by a kind or a sector lacking, and says when nobody has it', async () => {
		const all = await load();
		const kind = all.options.kinds.find((k) => all.rows.some((r) => r.missingKinds.includes(k)))!;
		const byKind = await load(`kind=${kind}`);
		expect(byKind.rows.length).toBeGreaterThan(0);
		expect(byKind.rows.every((r) => r.missingKinds.includes(kind))).toBe(true);

		const sector = all.options.sectors[0]!;
		const bySector = await load(`sector=${encodeURIComponent(sector)}`);
		expect(bySector.rows.every((r) => r.missingSectors.includes(sector))).toBe(true);

		const nobody = await load('sector=astronautique');
		expect(nobody.rows).toEqual([]);
		expect(nobody.absentChoice).toBe(true);
		// A made-up kind is no filter at all.
		expect((await load('kind=martians')).filters.kind).toBeNull();
	});

	it('is open to the public on the public demo, 404 elsewhere', async () => {
		const anon = await load('', anonClaims);
		expect(anon.publicView).toBe(true);
		expect(anon.total).toBe(35);
		expect(await status(() => load('', outsider, 'cache'))).toBe(404);
		expect(await status(() => load('', viewer, 'nulle-part'))).toBe(404);
	});
});

describe('GET map/coverage.geojson', () => {
	const get = async (claims: Claims, slug = SLUG): Promise<Response> =>
		endpoint.GET({ params: { territory: slug }, locals: { claims, locale: 'fr' } } as never);

	it('gives each outlined commune its gaps, and the choices', async () => {
		const response = await get(viewer);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-cache');
		const data = (await response.json()) as CoverageMapData;
		expect(data.type).toBe('FeatureCollection');
		expect(data.communeCount).toBe(35);
		expect(data.kinds.length).toBeGreaterThan(0);
		expect(data.sectors.length).toBeGreaterThan(0);
		if (!geoGardPresent) {
			expect(data.features).toEqual([]);
			return;
		}
		expect(GEO_GARD_FILE).toBeTruthy();
		expect(data.features).toHaveLength(35);
		const report = (await loadCoverage(db, viewer, SLUG))!.report;
		for (const f of data.features) {
			const c = report.communes.find((x) => x.code === f.properties.code)!;
			expect(f.properties.score).toBe(c.score);
			expect(f.properties.noPlace).toBe(c.noPlace);
			expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
		}
	});

	it('answers 404 for a territory the user may not read', async () => {
		expect(await status(() => get(outsider, 'cache'))).toBe(404);
	});
});
