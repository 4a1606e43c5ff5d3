/**
 * The dossier page (`/t/[territory]/present`, #7) through its load function on the demo
 * territory: the whole territory, a commune and the EPCI for members; the public audience
 * (anonymous visitors, and members with `?public=1`) never carries listing names, contacts,
 * offers or member-only events; 404 for a scope outside the territory and for a private territory
 * seen from outside.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI } from '../../src/lib/domain/demo/communes';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { geoGardPresent } from '../../src/lib/server/geo/test-helpers';
import type { DossierPageData } from '../../src/routes/t/[territory]/present/types';
import { createTerritory, demoWithRoles, type TestDatabase, httpStatus as status } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
// Outlines from the Gard file when the shared data is there, else none: never the network.
vi.mock('$env/dynamic/private', async () => {
	const helpers = await import('../../src/lib/server/geo/test-helpers');
	return {
		env: helpers.geoGardPresent
			? { MAILLAGE_COMMUNE_SHAPES_FILE: helpers.GEO_GARD_FILE }
			: { MAILLAGE_GEO: 'offline' }
	};
});
const page = await import('../../src/routes/t/[territory]/present/+page.server');

const SLUG = 'pays-d-uzes';
const UZES = '30334';
/** Nîmes: in the Gard, not in the Pays d'Uzès. */
const NIMES = '30189';
/** Nîmes Métropole: an EPCI with no commune in the territory. */
const NIMES_METROPOLE = '243000643';
const LISTING = 'Annuaire secret des membres';

let db: TestDatabase;
let owner: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

function load(claims: Claims, query = '', slug = SLUG): Promise<DossierPageData> {
	return page.load({
		params: { territory: slug },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${slug}/present${query ? `?${query}` : ''}`)
	} as never) as Promise<DossierPageData>;
}

async function count(sql: string, params: unknown[] = [territoryId]): Promise<number> {
	const [row] = await db.asAdmin((tx) => tx.query<{ n: number }>(sql, params));
	return Number(row!.n);
}

async function strings(sql: string): Promise<string[]> {
	const rows = await db.asAdmin((tx) => tx.query<{ s: string | null }>(sql, [territoryId]));
	return rows.map((r) => r.s).filter((s): s is string => s !== null && s.length >= 4);
}

beforeAll(async () => {
	// Demo events are placed around the real date: the page computes at `new Date()` too.
	({
		db,
		territoryId,
		claims: { owner, viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: new Date() }));
	current.db = db;
	await createTerritory(db, owner, 'prive', 'Territoire privé');
	// One imported listing (the demo has none), its name for members' eyes only.
	await db.asAdmin(async (tx) => {
		const [actor] = await tx.query<{ id: string }>(
			'select id from public.actor where territory_id = $1 and commune_code = $2 order by id limit 1',
			[territoryId, UZES]
		);
		const [source] = await tx.query<{ id: string }>(
			'insert into public.source (territory_id, name) values ($1, $2) returning id',
			[territoryId, LISTING]
		);
		await tx.query(
			`insert into public.source_record (territory_id, source_id, row_number, raw, content_hash, actor_id)
			 values ($1, $2, 1, '{}', 'h1', $3), ($1, $2, 2, '{}', 'h2', $3)`,
			[territoryId, source!.id, actor!.id]
		);
	});
});

afterAll(async () => {
	await db?.close();
});

describe('dossier page, members', () => {
	it('shows the whole territory with every figure, the listings as sources and a public link', async () => {
		const data = await load(viewer);
		expect(data.audience).toBe('members');
		expect(data.isMember).toBe(true);
		expect(data.scope).toEqual({
			kind: 'territory',
			code: null,
			name: "Communauté de communes du Pays d'Uzès"
		});
		expect(data.figures.actorsByKind.value.total).toBe(
			await count('select count(*)::int as n from public.actor where territory_id = $1')
		);
		expect(data.figures.listingsMerged).toMatchObject({
			available: true,
			value: { listings: 1, rows: 2, actors: 1, duplicatesResolved: 1 }
		});
		expect(data.figures.offersAndRequests.available).toBe(true);
		expect(data.figures.eventsLastYear.value.actorsInvolved).not.toBeNull();
		expect(data.sources).toEqual([LISTING]);
		// The demo's licence; the default only when a territory has none.
		expect(data.licence).toBe('ODbL-1.0');
		expect(data.publicUrl).toBe(`http://maillage.test/t/${SLUG}/present?public=1`);
		expect(data.choices.communes).toHaveLength(PAYS_D_UZES_COMMUNES.length);
		expect(data.choices.epcis).toEqual([{ code: PAYS_D_UZES_EPCI, name: "CC Pays d'Uzès" }]);
		expect(Date.parse(data.computedAt)).not.toBeNaN();
		if (geoGardPresent) {
			expect(data.shapes?.features.map((f) => f.properties.code).sort()).toEqual(
				PAYS_D_UZES_COMMUNES.map((c) => c.code).sort()
			);
		} else {
			expect(data.shapes).toBeNull();
		}
	});

	it('narrows to one commune of the territory', async () => {
		const data = await load(viewer, `commune=${UZES}`);
		expect(data.scope).toEqual({ kind: 'commune', code: UZES, name: 'Uzès' });
		const actors = await count(
			'select count(*)::int as n from public.actor where territory_id = $1 and commune_code = $2',
			[territoryId, UZES]
		);
		expect(actors).toBeGreaterThan(0);
		expect(data.figures.actorsByKind.value.total).toBe(actors);
		expect(data.figures.actorsPerThousand.value.communes.map((c) => c.code)).toEqual([UZES]);
		expect(data.publicUrl).toBe(`http://maillage.test/t/${SLUG}/present?commune=${UZES}&public=1`);
		if (geoGardPresent) expect(data.shapes?.features).toHaveLength(1);
	});

	it('takes an EPCI by SIREN: its member communes within the territory', async () => {
		const data = await load(owner, `epci=${PAYS_D_UZES_EPCI}`);
		expect(data.scope).toEqual({ kind: 'epci', code: PAYS_D_UZES_EPCI, name: "CC Pays d'Uzès" });
		expect(data.figures.actorsPerThousand.value.communes).toHaveLength(PAYS_D_UZES_COMMUNES.length);
		// Every demo actor is in one of the EPCI's communes.
		expect(data.figures.actorsByKind.value.total).toBe(
			(await load(owner)).figures.actorsByKind.value.total
		);
	});

	it('answers 404 for a commune or an EPCI outside the territory, 400 for both at once', async () => {
		expect(await status(() => load(viewer, `commune=${NIMES}`))).toBe(404);
		expect(await status(() => load(viewer, 'commune=nimes'))).toBe(404);
		expect(await status(() => load(viewer, `epci=${NIMES_METROPOLE}`))).toBe(404);
		expect(await status(() => load(viewer, 'epci=999999999'))).toBe(404);
		expect(await status(() => load(viewer, `commune=${UZES}&epci=${PAYS_D_UZES_EPCI}`))).toBe(400);
	});
});

describe('dossier page, public audience', () => {
	it('gives anonymous visitors of a public territory the public dossier, with nothing members alone may read', async () => {
		const data = await load(anonClaims);
		expect(data.audience).toBe('public');
		expect(data.isMember).toBe(false);
		expect(data.sources).toBeNull();
		expect(data.publicUrl).toBeNull();
		expect(data.figures.listingsMerged.available).toBe(false);
		expect(data.figures.offersAndRequests.available).toBe(false);
		expect(data.figures.eventsLastYear.value.actorsInvolved).toBeNull();

		// Only public events: as many as public events of the window, fewer than members see.
		const members = await load(viewer);
		const { from, to } = members.figures.eventsLastYear.value;
		const publicEvents = await count(
			`select count(*)::int as n from public.event
			  where territory_id = $1 and visibility = 'public' and starts_at between $2 and $3`,
			[territoryId, from, to]
		);
		expect(data.figures.eventsLastYear.value.count).toBe(publicEvents);
		const memberOnly = await count(
			`select count(*)::int as n from public.event
			  where territory_id = $1 and visibility <> 'public' and starts_at between $2 and $3`,
			[territoryId, from, to]
		);
		expect(memberOnly).toBeGreaterThan(0);
		expect(members.figures.eventsLastYear.value.count).toBe(publicEvents + memberOnly);

		const json = JSON.stringify(data);
		const secrets = [
			LISTING,
			...(await strings('select email as s from public.actor where territory_id = $1')),
			...(await strings('select phone as s from public.actor where territory_id = $1')),
			...(await strings('select title as s from public.offer where territory_id = $1')),
			...(await strings(
				`select title as s from public.event where territory_id = $1 and visibility <> 'public'`
			)),
			...(await strings(
				`select id::text as s from public.event where territory_id = $1 and visibility <> 'public'`
			))
		];
		expect(secrets.length).toBeGreaterThan(20);
		for (const secret of secrets) expect(json, secret).not.toContain(secret);
	});

	it('gives members the same public dossier with ?public=1', async () => {
		const visitor = await load(anonClaims, `commune=${UZES}`);
		const preview = await load(viewer, `commune=${UZES}&public=1`);
		expect(preview.audience).toBe('public');
		expect(preview.sources).toBeNull();
		expect(preview.isMember).toBe(true);
		expect(JSON.stringify(preview)).not.toContain(LISTING);
		// Same figures; only the time they were computed at may differ.
		const strip = (d: DossierPageData) => ({
			...d.figures,
			eventsLastYear: {
				...d.figures.eventsLastYear,
				method: null,
				value: { ...d.figures.eventsLastYear.value, from: '', to: '' }
			},
			eventGaps: {
				...d.figures.eventGaps,
				method: null,
				value: { ...d.figures.eventGaps.value, from: '', to: '' }
			},
			offersAndRequests: null
		});
		expect(strip(preview)).toEqual(strip(visitor));
	});

	it('hides a private territory from outsiders and anonymous visitors: 404, even with ?public=1', async () => {
		expect(await status(() => load(owner, '', 'prive'))).toBe('ok');
		expect(await status(() => load(outsider, '', 'prive'))).toBe(404);
		expect(await status(() => load(anonClaims, 'public=1', 'prive'))).toBe(404);
		expect(await status(() => load(anonClaims, '', 'nulle-part'))).toBe(404);
	});

	it('shows a private territory to its members, public preview included, without a public link', async () => {
		const data = await load(owner, 'public=1', 'prive');
		expect(data.audience).toBe('public');
		expect(data.publicUrl).toBeNull();
		// Created without a licence: the default of a new territory (20261127100000).
		expect(data.licence).toBe('CC-BY-SA-4.0');
	});
});
