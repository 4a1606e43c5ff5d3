/**
 * Events that travel (#9) on the demo territory and a real database: the page's load function
 * reads the events, places and actors as the user, and the travelling « Fête des associations
 * rurales » (three past editions and a planned one, each in another village) gets its history
 * and explained suggestions for the next host commune. Members only: 404 for anybody else.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SeriesChoice, TravelResult } from '../../src/lib/domain/events/travel';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { loadTravelData } from '../../src/lib/server/queries/travel';
import type { TravelMap } from '../../src/routes/t/[territory]/events/travel/travel-map';
import type { TravelQuery } from '../../src/routes/t/[territory]/events/travel/travel-query';
import { demoWithRoles, type TestDatabase, httpStatus as status } from './helpers';

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
const page = await import('../../src/routes/t/[territory]/events/travel/+page.server');

interface PageData {
	territory: { slug: string; name: string };
	query: TravelQuery;
	choices: SeriesChoice[];
	themes: string[];
	totalEvents: number;
	plan: TravelResult;
	hostCommunes: number;
	map: TravelMap | null;
}

const SLUG = 'pays-d-uzes';
const SAINT_SIFFRET = '30299';
const MOUSSAC = '30184';
const LUSSAN = '30151';
const AIGALIERS = '30001';
const BLAUZAC = '30041';
const UZES = '30334';

let db: TestDatabase;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

async function load(query = '', claims: Claims = viewer, slug = SLUG): Promise<PageData> {
	return (await page.load({
		params: { territory: slug },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${slug}/events/travel${query ? `?${query}` : ''}`)
	} as never)) as PageData;
}

beforeAll(async () => {
	// The real clock: the page splits past and planned editions with it.
	({
		db,
		territoryId,
		claims: { viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: new Date() }));
	current.db = db;
});

afterAll(async () => {
	await db?.close();
});

describe('loadTravelData', () => {
	it('reads every event, place and actor of the territory, with positions', async () => {
		const data = await db.asUser(viewer, (tx) => loadTravelData(tx, territoryId));
		const [counts] = await db.asAdmin((tx) =>
			tx.query<{ events: number; places: number; actors: number }>(
				`select (select count(*)::int from public.event where territory_id = $1) as events,
				        (select count(*)::int from public.place where territory_id = $1) as places,
				        (select count(*)::int from public.actor where territory_id = $1) as actors`,
				[territoryId]
			)
		);
		expect(data.events).toHaveLength(counts!.events);
		expect(data.places).toHaveLength(counts!.places);
		expect(data.actors).toHaveLength(counts!.actors);
		const hall = data.places.find((p) => p.name === 'Salle des fêtes de Blauzac')!;
		expect(hall).toMatchObject({ communeCode: BLAUZAC, capacity: 200, kind: 'salle' });
		expect(hall.location).toHaveLength(2);
		expect(data.actors.every((a) => a.location !== null)).toBe(true);
		const fete = data.events.filter((e) => e.title === 'Fête des associations rurales');
		expect(fete).toHaveLength(4);
		expect(fete.every((e) => e.format === 'fête' && e.theme === 'social')).toBe(true);
		expect(fete[0]!.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});
});

describe('the travel page (load)', () => {
	it('gives the history of the travelling fête, oldest first, the next edition planned', async () => {
		const data = await load('format=f%C3%AAte&theme=social');
		expect(data.plan.seriesEvents).toBe(4);
		expect(data.plan.ignored).toBe(0);
		expect(data.plan.timeline.map((v) => [v.communeCode, v.planned])).toEqual([
			[SAINT_SIFFRET, false],
			[MOUSSAC, false],
			[LUSSAN, false],
			[AIGALIERS, true]
		]);
		expect(data.plan.timeline.map((v) => v.communeName)).toEqual([
			'Saint-Siffret',
			'Moussac',
			'Lussan',
			'Aigaliers'
		]);
		expect(data.plan.timeline[2]!.placeName).toBe('Foyer de Lussan');
		expect(data.plan.hosts.map((h) => h.code)).toEqual([AIGALIERS, LUSSAN, MOUSSAC, SAINT_SIFFRET]);
		expect(data.hostCommunes).toBe(3);
		expect(data.choices.find((c) => c.format === 'fête')).toMatchObject({ events: 5, communes: 5 });
		expect(data.totalEvents).toBe(18);
	});

	it('suggests five communes that never hosted it, those with a hall first, each explained', async () => {
		const data = await load('format=f%C3%AAte&theme=social');
		const suggestions = data.plan.suggestions;
		expect(suggestions).toHaveLength(5);
		const hosts = [SAINT_SIFFRET, MOUSSAC, LUSSAN, AIGALIERS];
		for (const s of suggestions) {
			expect(hosts).not.toContain(s.code);
			expect(s.reasons[0]).toEqual({ code: 'never-visited' });
			expect(s.reasons.some((r) => r.code === 'actors' || r.code === 'no-actors')).toBe(true);
		}
		// Blauzac (its salle des fêtes) and Uzès (La Filature, the Maison des associations) have a
		// place for a fête; no other never-visited commune has one.
		expect(
			suggestions
				.slice(0, 2)
				.map((s) => s.code)
				.sort()
		).toEqual([BLAUZAC, UZES]);
		expect(suggestions.slice(0, 2).every((s) => s.place !== null)).toBe(true);
		expect(suggestions.slice(2).every((s) => s.place === null)).toBe(true);
		const blauzac = suggestions.find((s) => s.code === BLAUZAC)!;
		expect(blauzac.place?.name).toBe('Salle des fêtes de Blauzac');
		// The fête's needs that the hall's equipment lists.
		expect(blauzac.place?.equipment.sort()).toEqual(['sono', 'tables']);
		const actors = blauzac.reasons.find((r) => r.code === 'actors');
		expect(actors).toMatchObject({ theme: 'social', radiusKm: 10 });
		expect(blauzac.coOrganisers.length).toBeGreaterThan(0);
		expect(blauzac.coOrganisers.length).toBeLessThanOrEqual(3);
	});

	it('with an expected size, keeps only the places big enough', async () => {
		const data = await load('format=f%C3%AAte&theme=social&size=150');
		expect(data.query).toMatchObject({ sizeValue: 150, sizeError: false });
		expect(data.plan.expectedSize).toBe(150);
		const [first, second] = data.plan.suggestions;
		// Uzès's halls seat 80 and 45: only Blauzac's (200) will do.
		expect(first?.code).toBe(BLAUZAC);
		expect(first?.place).toMatchObject({ capacity: 200, capacityFit: 'enough' });
		expect(second?.place).toBeNull();
		// Uzès still never hosted it, but none of its five places is a hall seating 150.
		const uzes = data.plan.suggestions.find((s) => s.code === UZES);
		expect(uzes?.reasons).toContainEqual({ code: 'no-place', places: 5 });
	});

	it('says a size that is not a number is wrong, and ignores it', async () => {
		const data = await load('format=f%C3%AAte&size=beaucoup');
		expect(data.query).toMatchObject({ size: 'beaucoup', sizeValue: null, sizeError: true });
		expect(data.plan.expectedSize).toBeNull();
	});

	it('with the format only, Blauzac (the Fête du jeu) is a host and no longer suggested', async () => {
		const data = await load('format=f%C3%AAte');
		expect(data.plan.seriesEvents).toBe(5);
		expect(data.plan.hosts.map((h) => h.code)).toContain(BLAUZAC);
		expect(data.plan.suggestions.map((s) => s.code)).not.toContain(BLAUZAC);
		expect(data.plan.suggestions[0]?.code).toBe(UZES);
	});

	it('every event by default; an unknown series is empty but still suggests communes', async () => {
		const all = await load();
		expect(all.query).toMatchObject({ format: null, theme: null });
		expect(all.plan.seriesEvents).toBe(18);
		const none = await load('format=inconnu');
		expect(none.plan.seriesEvents).toBe(0);
		expect(none.plan.timeline).toEqual([]);
		expect(none.plan.suggestions).toHaveLength(5);
	});

	it('draws a map of the 35 communes', async () => {
		const data = await load('format=f%C3%AAte&theme=social');
		expect(data.map).not.toBeNull();
		expect(data.map!.dots).toHaveLength(35);
		const hosts = data.map!.dots.filter((d) => d.state === 'host').map((d) => d.code);
		expect(hosts.sort()).toEqual([LUSSAN, MOUSSAC, SAINT_SIFFRET]);
		expect(data.map!.dots.filter((d) => d.rank !== null)).toHaveLength(5);
	});

	it('is 404 for an outsider, an anonymous visitor and an unknown territory', async () => {
		expect(await status(() => load('', outsider))).toBe(404);
		expect(await status(() => load('', anonClaims))).toBe(404);
		expect(await status(() => load('', viewer, 'nulle-part'))).toBe(404);
	});
});
