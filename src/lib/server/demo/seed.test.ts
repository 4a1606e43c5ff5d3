import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, freshDatabase, type TestDatabase } from '../../../../tests/db/helpers';
import { generateDemo } from '../../domain/demo/generate';
import { anonClaims, LOCAL_OPERATOR, userClaims } from '../db/types';
import { loadDemo } from './seed';

const NOW = new Date('2025-06-15T10:00:00Z');
const expected = generateDemo({ now: NOW });

async function count(db: TestDatabase, table: string, territoryId: string): Promise<number> {
	const [row] = await db.asAdmin((tx) =>
		tx.query<{ n: number }>(
			`select count(*)::int as n from public.${table} where territory_id = $1`,
			[territoryId]
		)
	);
	return row?.n ?? -1;
}

describe('loadDemo', () => {
	let db: TestDatabase;
	let territoryId: string;

	beforeAll(async () => {
		db = await freshDatabase();
		// Only the embedded mode creates its operator; on a real Postgres the test does.
		await db.asAdmin((tx) =>
			tx.query('insert into auth.users (id, email) values ($1, $2) on conflict (id) do nothing', [
				LOCAL_OPERATOR.id,
				LOCAL_OPERATOR.email
			])
		);
		const result = await loadDemo(db, { now: NOW });
		expect(result.loaded).toBe(true);
		territoryId = result.territoryId;
	});

	afterAll(async () => {
		await db?.close();
	});

	it('inserts every generated row', async () => {
		expect(await count(db, 'actor', territoryId)).toBe(expected.actors.length);
		expect(await count(db, 'place', territoryId)).toBe(expected.places.length);
		expect(await count(db, 'event', territoryId)).toBe(expected.events.length);
		expect(await count(db, 'offer', territoryId)).toBe(expected.offers.length);
		expect(await count(db, 'link', territoryId)).toBe(expected.links.length);
		const roles = expected.events.reduce(
			(sum, e) => sum + e.organisers.length + e.participants.length,
			0
		);
		expect(await count(db, 'event_actor', territoryId)).toBe(roles);
	});

	it('stores the territory and makes the local operator its owner', async () => {
		const [territory] = await db.asAdmin((tx) =>
			tx.query<{ slug: string; epci_code: string; visibility: string; n: number; role: string }>(
				`select t.slug, t.epci_code, t.visibility, cardinality(t.commune_codes) as n, m.role
				from public.territory t join public.membership m on m.territory_id = t.id
				where t.id = $1 and m.user_id = $2`,
				[territoryId, LOCAL_OPERATOR.id]
			)
		);
		expect(territory).toEqual({
			slug: 'pays-d-uzes',
			epci_code: '200034379',
			visibility: 'public',
			n: 35,
			role: 'owner'
		});
	});

	it('stores points as lng/lat and keeps references whole', async () => {
		const mairie = expected.actors.find((a) => a.name === "Mairie d'Uzès");
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ lng: number; lat: number }>(
				`select ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat
				from public.actor where territory_id = $1 and name = $2`,
				[territoryId, "Mairie d'Uzès"]
			)
		);
		expect(row?.lng).toBeCloseTo(mairie?.location[0] ?? 0, 6);
		expect(row?.lat).toBeCloseTo(mairie?.location[1] ?? 0, 6);

		const [orphans] = await db.asAdmin((tx) =>
			tx.query<{ places: number; events: number; unlocated: number }>(
				`select
					(select count(*)::int from public.place where territory_id = $1 and run_by is null) as places,
					(select count(*)::int from public.event e where territory_id = $1
						and not exists (select 1 from public.event_actor ea
							where ea.event_id = e.id and ea.role = 'organiser')) as events,
					(select count(*)::int from public.actor where territory_id = $1
						and (location is null or commune_code <> all (
							(select commune_codes from public.territory where id = $1)::text[]))) as unlocated`,
				[territoryId]
			)
		);
		expect(orphans).toEqual({ places: 0, events: 0, unlocated: 0 });
	});

	it('does nothing the second time', async () => {
		const again = await loadDemo(db, { now: NOW });
		expect(again).toEqual({ loaded: false, territoryId });
		expect(await count(db, 'actor', territoryId)).toBe(expected.actors.length);
		const [territories] = await db.asAdmin((tx) =>
			tx.query<{ n: number }>('select count(*)::int as n from public.territory')
		);
		expect(territories?.n).toBe(1);
	});

	it('lets the owner read everything under RLS', async () => {
		const seen = await db.asUser(userClaims(LOCAL_OPERATOR.id), (tx) =>
			tx.query<{ actors: number; links: number; offers: number }>(
				`select (select count(*)::int from public.actor) as actors,
					(select count(*)::int from public.link) as links,
					(select count(*)::int from public.offer) as offers`
			)
		);
		expect(seen[0]).toEqual({
			actors: expected.actors.length,
			links: expected.links.length,
			offers: expected.offers.length
		});
	});

	it('shows actors to an outsider only while the territory is public', async () => {
		const outsider = await createUser(db, 'voisin@example.org');
		const read = (claims: Parameters<typeof db.asUser>[0]) =>
			db.asUser(claims, (tx) =>
				tx.query<{ actors: number; events: number; links: number }>(
					`select (select count(*)::int from public.actor) as actors,
						(select count(*)::int from public.event) as events,
						(select count(*)::int from public.link) as links`
				)
			);
		const publicEvents = expected.events.filter((e) => e.visibility === 'public').length;
		expect(publicEvents).toBeLessThan(expected.events.length);

		expect((await read(userClaims(outsider)))[0]).toEqual({
			actors: expected.actors.length,
			events: publicEvents,
			links: 0
		});
		expect((await read(anonClaims))[0]?.actors).toBe(expected.actors.length);

		await db.asAdmin((tx) =>
			tx.query(`update public.territory set visibility = 'private' where id = $1`, [territoryId])
		);
		try {
			expect((await read(userClaims(outsider)))[0]).toEqual({ actors: 0, events: 0, links: 0 });
			expect((await read(userClaims(LOCAL_OPERATOR.id)))[0]?.actors).toBe(expected.actors.length);
		} finally {
			await db.asAdmin((tx) =>
				tx.query(`update public.territory set visibility = 'public' where id = $1`, [territoryId])
			);
		}
	});
});

describe('loadDemo with another owner', () => {
	let db: TestDatabase;

	beforeAll(async () => {
		db = await freshDatabase();
	});

	afterAll(async () => {
		await db?.close();
	});

	it('makes that user the owner, and only that user', async () => {
		const owner = await createUser(db, 'coordinatrice@example.org');
		const { loaded, territoryId } = await loadDemo(db, { ownerId: owner });
		expect(loaded).toBe(true);
		const members = await db.asAdmin((tx) =>
			tx.query<{ user_id: string; role: string }>(
				'select user_id, role from public.membership where territory_id = $1',
				[territoryId]
			)
		);
		expect(members).toEqual([{ user_id: owner, role: 'owner' }]);
		const [canWrite] = await db.asUser(userClaims(owner), (tx) =>
			tx.query<{ ok: boolean }>(`select public.has_territory_role($1, array['owner']) as ok`, [
				territoryId
			])
		);
		expect(canWrite?.ok).toBe(true);
	});
});
