/**
 * Row level security, seen from each kind of caller: two territories, A private and B public,
 * with an owner, an editor, a member and a viewer in A, an owner of B, an outsider and anon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import { createUser, freshDatabase, type TestDatabase } from './helpers';

const RLS_ERROR = /row-level security/;

let db: TestDatabase;
const ids = {} as Record<
	'owner' | 'editor' | 'member' | 'viewer' | 'ownerB' | 'outsider' | 'newcomer',
	string
>;
let territoryA: string;
let territoryB: string;
let actorA: string;
let actorB: string;

const as = (claims: Claims) => ({
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) =>
		db.asUser(claims, (tx) => tx.query<T>(sql, params)),
	count: async (sql: string, params?: unknown[]) =>
		(await db.asUser(claims, (tx) => tx.query(sql, params))).length,
	/** Runs an `insert … returning id` and gives the id. */
	id: async (sql: string, params?: unknown[]) => {
		const [row] = await db.asUser(claims, (tx) => tx.query<{ id: string }>(sql, params));
		if (!row) throw new Error(`No row returned by: ${sql}`);
		return row.id;
	}
});
const user = (key: keyof typeof ids) => as(userClaims(ids[key]));
const anon = as(anonClaims);
const service = as({ role: 'service_role' });

beforeAll(async () => {
	db = await freshDatabase();
	for (const key of Object.keys({
		owner: 0,
		editor: 0,
		member: 0,
		viewer: 0,
		ownerB: 0,
		outsider: 0,
		newcomer: 0
	}) as (keyof typeof ids)[]) {
		ids[key] = await createUser(db, `${key}@example.org`);
	}

	// Created through the API path, as users: the trigger must make each creator owner.
	territoryA = await user('owner').id(
		"insert into territory (slug, name) values ('a', 'Territoire A') returning id"
	);
	territoryB = await user('ownerB').id(
		"insert into territory (slug, name, visibility) values ('b', 'Territoire B', 'public') returning id"
	);
	for (const [key, role] of [
		['editor', 'editor'],
		['member', 'member'],
		['viewer', 'viewer']
	] as const) {
		await user('owner').query(
			'insert into membership (territory_id, user_id, role) values ($1, $2, $3)',
			[territoryA, ids[key], role]
		);
	}

	actorA = await user('editor').id(
		"insert into actor (territory_id, name, email) values ($1, 'Acteur A', 'a@example.org') returning id",
		[territoryA]
	);
	actorB = await user('ownerB').id(
		"insert into actor (territory_id, name) values ($1, 'Acteur B') returning id",
		[territoryB]
	);
	await db.asAdmin(async (tx) => {
		for (const t of [territoryA, territoryB]) {
			const [src] = await tx.query<{ id: string }>(
				"insert into source (territory_id, name) values ($1, 'RNA') returning id",
				[t]
			);
			await tx.query(
				`insert into source_record (territory_id, source_id, row_number, raw, content_hash)
				 values ($1, $2, 1, '{"titre": "x"}', 'h1')`,
				[t, src!.id]
			);
			await tx.query("insert into place (territory_id, name) values ($1, 'Salle')", [t]);
			await tx.query(
				`insert into event (territory_id, title, starts_at, visibility) values
				 ($1, 'Forum public', now(), 'public'), ($1, 'Réunion interne', now(), 'members')`,
				[t]
			);
		}
	});
});

afterAll(async () => {
	await db?.close();
});

describe('territory creation', () => {
	it('makes the creator owner', async () => {
		const rows = await user('owner').query<{ role: string }>(
			'select public.territory_role($1) as role',
			[territoryA]
		);
		expect(rows).toEqual([{ role: 'owner' }]);
	});

	it('lets any signed-in user create a territory, not anon', async () => {
		expect(
			await user('outsider').count(
				"insert into territory (slug, name) values ('c', 'Territoire C') returning id"
			)
		).toBe(1);
		await expect(
			anon.query("insert into territory (slug, name) values ('d', 'Territoire D')")
		).rejects.toThrow(RLS_ERROR);
	});

	it('refuses a territory created on behalf of someone else', async () => {
		await expect(
			user('outsider').query(
				"insert into territory (slug, name, created_by) values ('e', 'Territoire E', $1)",
				[ids.owner]
			)
		).rejects.toThrow(RLS_ERROR);
	});
});

describe('reading', () => {
	it('anon sees only the public territory and its actors, places and public events', async () => {
		expect(await anon.query('select slug from territory order by slug')).toEqual([{ slug: 'b' }]);
		expect(await anon.query('select id from actor')).toEqual([{ id: actorB }]);
		expect(await anon.count('select id from place')).toBe(1);
		expect(await anon.query('select title from event')).toEqual([{ title: 'Forum public' }]);
		expect(await anon.count('select id from source')).toBe(0);
		expect(await anon.count('select id from source_record')).toBe(0);
		expect(await anon.count('select 1 from membership')).toBe(0);
	});

	it('an outsider sees what anon sees of the territories, and nothing of A', async () => {
		expect(
			await user('outsider').count('select 1 from actor where territory_id = $1', [territoryA])
		).toBe(0);
		expect(
			await user('outsider').count('select 1 from event where territory_id = $1', [territoryA])
		).toBe(0);
		expect(
			await user('outsider').query('select id from actor where territory_id = $1', [territoryB])
		).toEqual([{ id: actorB }]);
	});

	for (const role of ['viewer', 'member', 'editor', 'owner'] as const) {
		it(`a ${role} of A reads everything of A (raw rows: editors and owners only)`, async () => {
			const u = user(role);
			expect(await u.count('select 1 from territory where id = $1', [territoryA])).toBe(1);
			expect(await u.query('select id from actor where territory_id = $1', [territoryA])).toEqual([
				{ id: actorA }
			]);
			expect(await u.count('select 1 from source where territory_id = $1', [territoryA])).toBe(1);
			const editing = role === 'editor' || role === 'owner';
			expect(
				await u.count('select 1 from source_record where territory_id = $1', [territoryA])
			).toBe(editing ? 1 : 0);
			// Which row went into which actor, never its values: for every member.
			expect(
				await u.count('select 1 from source_record_links($1) where actor_id is null', [territoryA])
			).toBe(1);
			expect(await u.count('select 1 from event where territory_id = $1', [territoryA])).toBe(2);
			expect(await u.count('select 1 from membership where territory_id = $1', [territoryA])).toBe(
				4
			);
		});
	}

	it('a member of A does not see the sources or memberships of B', async () => {
		expect(
			await user('member').count('select 1 from source where territory_id = $1', [territoryB])
		).toBe(0);
		expect(
			await user('member').count('select 1 from membership where territory_id = $1', [territoryB])
		).toBe(0);
		expect(
			await user('member').count('select 1 from event where territory_id = $1', [territoryB])
		).toBe(1);
	});
});

describe('writing census tables', () => {
	for (const role of ['viewer', 'member'] as const) {
		it(`a ${role} cannot write`, async () => {
			const u = user(role);
			await expect(
				u.query("insert into actor (territory_id, name) values ($1, 'Refusé')", [territoryA])
			).rejects.toThrow(RLS_ERROR);
			expect(
				await u.count("update actor set name = 'Modifié' where id = $1 returning id", [actorA])
			).toBe(0);
			expect(await u.count('delete from actor where id = $1 returning id', [actorA])).toBe(0);
			const [row] = await db.asAdmin((tx) =>
				tx.query<{ name: string }>('select name from actor where id = $1', [actorA])
			);
			expect(row!.name).toBe('Acteur A');
		});
	}

	for (const role of ['editor', 'owner'] as const) {
		it(`an ${role} inserts, updates and deletes in A`, async () => {
			const u = user(role);
			const id = await u.id(
				"insert into actor (territory_id, name) values ($1, 'Nouveau') returning id",
				[territoryA]
			);
			expect(
				await u.count("update actor set name = 'Renommé' where id = $1 returning id", [id])
			).toBe(1);
			await u.query(
				"insert into offer (territory_id, actor_id, direction, category, title) values ($1, $2, 'offer', 'room', 'Salle')",
				[territoryA, id]
			);
			expect(await u.count('delete from actor where id = $1 returning id', [id])).toBe(1);
		});
	}

	it('an editor of A cannot write in B, nor move a row of A into B', async () => {
		await expect(
			user('editor').query("insert into actor (territory_id, name) values ($1, 'Intrus')", [
				territoryB
			])
		).rejects.toThrow(RLS_ERROR);
		expect(
			await user('editor').count("update actor set name = 'x' where id = $1 returning id", [actorB])
		).toBe(0);
		await expect(
			user('editor').query('update actor set territory_id = $1 where id = $2', [territoryB, actorA])
		).rejects.toThrow(RLS_ERROR);
	});

	it('anon cannot write even in the public territory', async () => {
		await expect(
			anon.query("insert into actor (territory_id, name) values ($1, 'Anonyme')", [territoryB])
		).rejects.toThrow(RLS_ERROR);
		expect(await anon.count('delete from actor where id = $1 returning id', [actorB])).toBe(0);
	});
});

describe('membership', () => {
	it('only an owner adds, changes and removes members', async () => {
		await expect(
			user('editor').query(
				"insert into membership (territory_id, user_id, role) values ($1, $2, 'viewer')",
				[territoryA, ids.newcomer]
			)
		).rejects.toThrow(RLS_ERROR);
		await user('owner').query(
			"insert into membership (territory_id, user_id, role) values ($1, $2, 'viewer')",
			[territoryA, ids.newcomer]
		);
		expect(
			await user('owner').count(
				"update membership set role = 'member' where territory_id = $1 and user_id = $2 returning role",
				[territoryA, ids.newcomer]
			)
		).toBe(1);
		expect(
			await user('owner').count(
				'delete from membership where territory_id = $1 and user_id = $2 returning user_id',
				[territoryA, ids.newcomer]
			)
		).toBe(1);
	});

	it('a member cannot promote themselves', async () => {
		expect(
			await user('member').count(
				"update membership set role = 'owner' where territory_id = $1 and user_id = $2 returning role",
				[territoryA, ids.member]
			)
		).toBe(0);
		const rows = await user('member').query<{ role: string }>(
			'select public.territory_role($1) as role',
			[territoryA]
		);
		expect(rows).toEqual([{ role: 'member' }]);
	});

	it('an owner of A cannot manage the members of B', async () => {
		await expect(
			user('owner').query(
				"insert into membership (territory_id, user_id, role) values ($1, $2, 'owner')",
				[territoryB, ids.owner]
			)
		).rejects.toThrow(RLS_ERROR);
	});
});

describe('territory settings', () => {
	it('only an owner updates or deletes the territory', async () => {
		expect(
			await user('editor').count("update territory set name = 'x' where id = $1 returning id", [
				territoryA
			])
		).toBe(0);
		expect(
			await user('owner').count(
				"update territory set name = 'Territoire A bis' where id = $1 returning id",
				[territoryA]
			)
		).toBe(1);
		expect(
			await user('editor').count('delete from territory where id = $1 returning id', [territoryA])
		).toBe(0);
	});

	it('helper functions answer for the current user only', async () => {
		const [row] = await user('editor').query<Record<string, unknown>>(
			`select public.has_territory_role($1, array['owner', 'editor']) as can_write,
			        public.has_territory_role($1, array['owner']) as is_owner,
			        public.territory_role($2) as role_b`,
			[territoryA, territoryB]
		);
		expect(row).toEqual({ can_write: true, is_owner: false, role_b: null });
		const [anonRow] = await anon.query(
			"select public.has_territory_role($1, array['viewer']) as r",
			[territoryA]
		);
		expect(anonRow).toEqual({ r: false });
	});
});

describe('service_role', () => {
	it('bypasses row level security', async () => {
		expect(
			await service.count('select 1 from territory where id in ($1, $2)', [territoryA, territoryB])
		).toBe(2);
		expect(await service.count('select 1 from source_record')).toBe(2);
		expect(
			await service.count(
				"insert into actor (territory_id, name) values ($1, 'Service') returning id",
				[territoryB]
			)
		).toBe(1);
		expect(await service.count('select 1 from membership')).toBeGreaterThanOrEqual(5);
	});
});
