/**
 * The dossier's map picture (#7): actors and common places on a 0.005° grid, read from the demo
 * territory as its members and as the public see it, checked against direct SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import {
	GRID_DEGREES,
	loadDossierPoints,
	type DossierPoint,
	type DossierPoints,
	type LoadDossierPointsOptions
} from '../../src/lib/server/queries/dossier-map';
import { createTerritory, demoWithRoles, type TestDatabase } from './helpers';

const NOW = new Date('2026-03-01T10:00:00Z');
const UZES = '30334';
// Float noise of avg(): a member exactly one cell side away would still be a bug.
const EPS = 1e-9;

let db: TestDatabase;
let owner: Claims;
let outsider: Claims;
let territoryId: string;
let privateId: string;

interface Located {
	kind: string;
	lng: number;
	lat: number;
	commune_code: string | null;
}

function load(
	claims: Claims,
	codes: string[] | null = null,
	options: LoadDossierPointsOptions = {},
	id = territoryId
): Promise<DossierPoints> {
	return db.asUser(claims, (tx) => loadDossierPoints(tx, id, codes, 'members', options));
}

async function located(table: 'actor' | 'place', id = territoryId): Promise<Located[]> {
	return db.asAdmin((tx) =>
		tx.query<Located>(
			`select ${table === 'actor' ? 'kind' : `'place' as kind`}, commune_code,
			        st_x(location::geometry) as lng, st_y(location::geometry) as lat
			   from public.${table} where territory_id = $1 and location is not null`,
			[id]
		)
	);
}

const total = (points: readonly DossierPoint[]) => points.reduce((sum, p) => sum + p.count, 0);
const near = (p: DossierPoint, r: Located) =>
	Math.abs(p.lng - r.lng) <= GRID_DEGREES + EPS && Math.abs(p.lat - r.lat) <= GRID_DEGREES + EPS;

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, outsider }
	} = await demoWithRoles({ now: NOW }));
	// The demo places every actor: three lose their location, as an address the geocoder missed.
	await db.asAdmin((tx) =>
		tx.query(
			`update public.actor set location = null, location_quality = null
			  where id in (select id from public.actor where territory_id = $1 order by id limit 3)`,
			[territoryId]
		)
	);
	privateId = await createTerritory(db, owner, 'grille', 'Territoire de la grille');
});

afterAll(async () => {
	await db?.close();
});

describe('loadDossierPoints', () => {
	it('counts every located actor and place of the territory once, by kind', async () => {
		const points = await load(owner);
		const actors = await located('actor');
		const places = await located('place');
		expect(actors.length).toBeGreaterThan(50);
		expect(places.length).toBeGreaterThan(0);

		expect(points.capped).toBe(false);
		expect(points.actorsPlaced).toBe(actors.length);
		expect(total(points.actors)).toBe(actors.length);
		expect(points.actorsUnplaced).toBe(3);
		expect(points.placesPlaced).toBe(places.length);
		expect(total(points.places)).toBe(places.length);
		expect(points.places.every((p) => p.kind === 'place')).toBe(true);

		const byKind = (rows: readonly { kind: string; count?: number }[]) => {
			const out: Record<string, number> = {};
			for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + (r.count ?? 1);
			return out;
		};
		expect(byKind(points.actors)).toEqual(byKind(actors));
		// Grouped: fewer cells than actors (the demo's actors cluster around commune centres).
		expect(points.actors.length).toBeLessThan(actors.length);
		// Most populated first.
		const counts = points.actors.map((p) => p.count);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
	});

	it('puts each cell less than one cell side from each of its members', async () => {
		const points = await load(owner);
		const actors = await located('actor');
		for (const actor of actors) {
			// Every actor has a cell of its kind at most one side away…
			expect(points.actors.some((p) => p.kind === actor.kind && near(p, actor))).toBe(true);
		}
		for (const cell of points.actors) {
			// …and no cell holds more actors than there are of its kind around it.
			const around = actors.filter((a) => a.kind === cell.kind && near(cell, a)).length;
			expect(cell.count).toBeLessThanOrEqual(around);
		}
	});

	it('groups on the grid, the cell at the mean of its members', async () => {
		const pts = [
			['association', 4.4, 44.0],
			['association', 4.401, 44.001],
			['association', 4.399, 43.999],
			['association', 4.41, 44.0], // the next cell east but one
			['business', 4.4, 44.0] // same cell, another kind
		] as const;
		await db.asAdmin(async (tx) => {
			for (const [i, [kind, lng, lat]] of pts.entries()) {
				await tx.query(
					`insert into public.actor (territory_id, name, kind, commune_code, location)
					 values ($1, $2, $3, '30334', st_point($4, $5, 4326)::geography)`,
					[privateId, `Acteur ${i}`, kind, lng, lat]
				);
			}
			await tx.query(
				`insert into public.actor (territory_id, name, kind) values ($1, 'Sans adresse', 'other')`,
				[privateId]
			);
			await tx.query(
				`insert into public.place (territory_id, name, commune_code, location)
				 values ($1, 'Halle', '30334', st_point(4.4, 44.0, 4326)::geography),
				        ($1, 'Jardin', '30334', st_point(4.4004, 44.0004, 4326)::geography)`,
				[privateId]
			);
		});
		const points = await load(owner, null, {}, privateId);
		const round = (p: DossierPoint) => ({
			...p,
			lng: Number(p.lng.toFixed(6)),
			lat: Number(p.lat.toFixed(6))
		});
		expect(points.actors.map(round)).toEqual([
			{ kind: 'association', count: 3, lng: 4.4, lat: 44.0 },
			{ kind: 'association', count: 1, lng: 4.41, lat: 44.0 },
			{ kind: 'business', count: 1, lng: 4.4, lat: 44.0 }
		]);
		expect(points.places.map(round)).toEqual([
			{ kind: 'place', count: 2, lng: 4.4002, lat: 44.0002 }
		]);
		expect(points).toMatchObject({
			actorsPlaced: 5,
			actorsUnplaced: 1,
			placesPlaced: 2,
			capped: false
		});
		// The private territory is nobody else's.
		expect(await load(outsider, null, {}, privateId)).toEqual({
			actors: [],
			places: [],
			actorsPlaced: 0,
			actorsUnplaced: 0,
			placesPlaced: 0,
			capped: false
		});
	});

	it('returns only the points of the scope’s communes', async () => {
		const points = await load(owner, [UZES]);
		const all = await located('actor');
		const uzes = all.filter((a) => a.commune_code === UZES);
		const others = all.filter((a) => a.commune_code !== UZES);
		expect(uzes.length).toBeGreaterThan(0);
		expect(others.length).toBeGreaterThan(0);
		expect(points.actorsPlaced).toBe(uzes.length);
		expect(total(points.actors)).toBe(uzes.length);
		for (const cell of points.actors) {
			const around = uzes.filter((a) => a.kind === cell.kind && near(cell, a)).length;
			expect(cell.count).toBeLessThanOrEqual(around);
		}
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ unplaced: number; places: number }>(
				`select (select count(*)::int from public.actor
				          where territory_id = $1 and commune_code = $2 and location is null) as unplaced,
				        (select count(*)::int from public.place
				          where territory_id = $1 and commune_code = $2 and location is not null) as places`,
				[territoryId, UZES]
			)
		);
		expect(points.actorsUnplaced).toBe(row!.unplaced);
		expect(points.placesPlaced).toBe(row!.places);
		expect(total(points.places)).toBe(row!.places);
		const uzesPlaces = (await located('place')).filter((p) => p.commune_code === UZES);
		for (const cell of points.places) expect(uzesPlaces.some((p) => near(cell, p))).toBe(true);

		// Two communes: the sum of each alone.
		const other = others[0]!.commune_code!;
		const both = await load(owner, [UZES, other]);
		const alone = await load(owner, [other]);
		expect(both.actorsPlaced).toBe(points.actorsPlaced + alone.actorsPlaced);
		expect(total(both.actors)).toBe(both.actorsPlaced);
		// A commune of nobody: nothing.
		expect(await load(owner, ['99999'])).toMatchObject({ actors: [], places: [], capped: false });
	});

	it('stops at maxPoints, places first, then the most populated cells', async () => {
		const full = await load(owner);
		const cap = full.places.length + 4;
		const capped = await load(owner, null, { maxPoints: cap });
		expect(capped.capped).toBe(true);
		expect(capped.places).toEqual(full.places);
		expect(capped.actors).toHaveLength(4);
		expect(capped.actors.map((p) => p.count)).toEqual(full.actors.slice(0, 4).map((p) => p.count));
		// The totals still count everybody: the picture says what it leaves out.
		expect(capped.actorsPlaced).toBe(full.actorsPlaced);

		const tiny = await load(owner, null, { maxPoints: 1 });
		expect(tiny.actors.length + tiny.places.length).toBe(1);
		expect(tiny.capped).toBe(true);
		expect((await load(owner, null, { maxPoints: 0 })).capped).toBe(true);
		// Exactly enough: not capped.
		const exact = await load(owner, null, {
			maxPoints: full.places.length + full.actors.length
		});
		expect(exact.capped).toBe(false);
		expect(exact).toEqual(full);
	});

	it('gives the public of a public territory the same picture as its members', async () => {
		const members = await load(owner);
		const anon = await db.asUser(anonClaims, (tx) =>
			loadDossierPoints(tx, territoryId, null, 'public')
		);
		expect(anon).toEqual(members);
		const preview = await db.asUser(owner, (tx) =>
			loadDossierPoints(tx, territoryId, null, 'public')
		);
		expect(preview).toEqual(members);
	});
});
