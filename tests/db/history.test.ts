/**
 * Gap G3 of docs/security-matrix.md, closed by 20261127110000_history_by_database.sql: the census
 * history is written by the database. No API role inserts into census_history; the app's entries
 * go through `maillage_app.write_history`, which signs them; a change made to an actor
 * outside the app (what PostgREST would run) is logged as an `edit` by a trigger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userClaims, type Claims, type Tx } from '../../src/lib/server/db/types';
import { loadHistory } from '../../src/lib/server/queries/history';
import {
	addMember,
	asApiCaller,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

const REFUSED = /row-level security|permission denied|éditeurs du territoire/;

let db: TestDatabase;
const ids = {} as Record<'owner' | 'editor' | 'member' | 'outsider', string>;
const claims = (key: keyof typeof ids): Claims => userClaims(ids[key]);
let territory: string;
let other: string;
let actor: string;

const asApi = <T>(who: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> => asApiCaller(db, who, fn);

interface HistoryRow {
	actor_id: string | null;
	action: string;
	detail: { op?: string; fields?: Record<string, { before: unknown; after: unknown }> };
	done_by: string | null;
}

const historyOf = (actorId: string) =>
	db.asAdmin((tx) =>
		tx.query<HistoryRow>(
			`select actor_id, action, detail, done_by from public.census_history
			  where actor_id = $1 order by id`,
			[actorId]
		)
	);

beforeAll(async () => {
	db = await freshDatabase();
	for (const key of ['owner', 'editor', 'member', 'outsider'] as const)
		ids[key] = await createUser(db, `${key}@example.org`);
	territory = await createTerritory(db, claims('owner'), 'histoire', 'Histoire');
	other = await createTerritory(db, claims('outsider'), 'ailleurs', 'Ailleurs');
	await addMember(db, claims('owner'), territory, ids.editor, 'editor');
	await addMember(db, claims('owner'), territory, ids.member, 'member');
	[{ id: actor }] = (await db.asAdmin((tx) =>
		tx.query<{ id: string }>(
			`insert into public.actor (territory_id, name, email) values ($1, 'Le Lavoir', 'a@b.fr')
			 returning id`,
			[territory]
		)
	)) as [{ id: string }];
});

afterAll(async () => {
	await db?.close();
});

describe('census history written by the database (G3)', () => {
	it('refuses a direct insert to every API role, editors and owners included', async () => {
		for (const who of ['owner', 'editor', 'member'] as const)
			await expect(
				asApi(claims(who), (tx) =>
					tx.query(
						`insert into public.census_history (territory_id, actor_id, action)
						 values ($1, $2, 'merge')`,
						[territory, actor]
					)
				)
			).rejects.toThrow(REFUSED);
	});

	it('takes entries from editors through write_history, signed with the caller and the time', async () => {
		const entries = JSON.stringify([{ actor_id: actor, action: 'override', detail: { f: 1 } }]);
		await db.asUser(claims('editor'), (tx) =>
			tx.query('select maillage_app.write_history($1, $2::text::jsonb)', [territory, entries])
		);
		const rows = await historyOf(actor);
		expect(rows.at(-1)).toMatchObject({
			action: 'override',
			detail: { f: 1 },
			done_by: ids.editor
		});
		// A member, or an editor of another territory, may not.
		for (const [who, t] of [
			['member', territory],
			['outsider', territory],
			['editor', other]
		] as const)
			await expect(
				db.asUser(claims(who), (tx) =>
					tx.query('select maillage_app.write_history($1, $2::text::jsonb)', [t, entries])
				)
			).rejects.toThrow(REFUSED);
	});

	it('logs an edit made outside the app: fields before and after, who', async () => {
		const before = (await historyOf(actor)).length;
		await asApi(claims('editor'), (tx) =>
			tx.query(
				`update public.actor set name = 'Les Amis du Lavoir', email = 'contact@lavoir.fr'
				  where id = $1`,
				[actor]
			)
		);
		const rows = await historyOf(actor);
		expect(rows).toHaveLength(before + 1);
		const edit = rows.at(-1)!;
		expect(edit.action).toBe('edit');
		expect(edit.done_by).toBe(ids.editor);
		expect(edit.detail.op).toBe('update');
		// Only what changed, and never the bookkeeping columns.
		expect(edit.detail.fields).toEqual({
			name: { before: 'Le Lavoir', after: 'Les Amis du Lavoir' },
			email: { before: 'a@b.fr', after: 'contact@lavoir.fr' }
		});
	});

	it('logs actors created and deleted outside the app', async () => {
		const [{ id }] = (await asApi(claims('owner'), (tx) =>
			tx.query<{ id: string }>(
				`insert into public.actor (territory_id, name) values ($1, 'Nouveau') returning id`,
				[territory]
			)
		)) as [{ id: string }];
		await asApi(claims('owner'), (tx) => tx.query('delete from public.actor where id = $1', [id]));
		const rows = await historyOf(id);
		expect(rows.map((r) => [r.action, r.detail.op, r.done_by])).toEqual([
			['edit', 'insert', ids.owner],
			['edit', 'delete', ids.owner]
		]);
		expect(rows[0]!.detail.fields?.name).toEqual({ before: null, after: 'Nouveau' });
		expect(rows[1]!.detail.fields?.name).toEqual({ before: 'Nouveau', after: null });
	});

	it("leaves the app's own writes to the app, which logs their meaning itself", async () => {
		const before = (await historyOf(actor)).length;
		await db.asUser(claims('editor'), (tx) =>
			tx.query(`update public.actor set description = 'Lavoir du XIXe' where id = $1`, [actor])
		);
		expect(await historyOf(actor)).toHaveLength(before);
		// Nor does an update that changes nothing log anything.
		await asApi(claims('editor'), (tx) =>
			tx.query('update public.actor set name = name where id = $1', [actor])
		);
		expect(await historyOf(actor)).toHaveLength(before);
	});

	it("reads the territory's history newest first, named and signed, a page at a time", async () => {
		const all = await db.asUser(claims('owner'), (tx) => loadHistory(tx, territory));
		expect(all.length).toBeGreaterThanOrEqual(4);
		const ids = all.map((h) => h.id);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		// The latest entries are the deletion and creation of « Nouveau », by the owner.
		expect(all.slice(0, 2)).toMatchObject([
			{ action: 'edit', op: 'delete', by: 'owner@example.org', actor: { exists: false } },
			{ action: 'edit', op: 'insert', by: 'owner@example.org', actor: { exists: false } }
		]);
		const lavoir = all.find((h) => h.action === 'edit' && h.op === 'update')!;
		expect(lavoir).toMatchObject({
			by: 'editor@example.org',
			actor: { id: actor, name: 'Les Amis du Lavoir', exists: true }
		});
		// Paging: the entries older than the third one.
		const older = await db.asUser(claims('owner'), (tx) =>
			loadHistory(tx, territory, { beforeId: all[2]!.id, limit: 2 })
		);
		expect(older.map((h) => h.id)).toEqual(ids.slice(3, 5));
		// Members read no history at all (RLS), not even through this query.
		expect(await db.asUser(claims('member'), (tx) => loadHistory(tx, territory))).toEqual([]);
	});

	it('lets an owner delete a territory with its actors (no history for the cascade)', async () => {
		const gone = await createTerritory(db, claims('owner'), 'a-effacer', 'À effacer');
		await db.asAdmin((tx) =>
			tx.query(`insert into public.actor (territory_id, name) values ($1, 'Seul')`, [gone])
		);
		await asApi(claims('owner'), (tx) =>
			tx.query('delete from public.territory where id = $1', [gone])
		);
		const [{ n }] = (await db.asAdmin((tx) =>
			tx.query<{ n: number }>('select count(*)::int as n from public.territory where id = $1', [
				gone
			])
		)) as [{ n: number }];
		expect(n).toBe(0);
	});
});
