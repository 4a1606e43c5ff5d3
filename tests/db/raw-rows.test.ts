/**
 * Gaps G2 and G4 of docs/security-matrix.md, closed by 20261126100000_raw_rows_editors.sql,
 * beyond what the RLS matrix grid checks: what `source_record_links` gives each caller, and that
 * an update cannot rewrite who imported a listing, decided a pair or did a change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

const REFUSED = /row-level security|permission denied|names its author/;

let db: TestDatabase;
const ids = {} as Record<'owner' | 'editor' | 'member' | 'viewer' | 'outsider', string>;
const claims = (key: keyof typeof ids): Claims => userClaims(ids[key]);
let territory: string;
let other: string;
let source: string;
let actor: string;
const records: string[] = [];
let decision: string;
let history: number;

beforeAll(async () => {
	db = await freshDatabase();
	for (const key of ['owner', 'editor', 'member', 'viewer', 'outsider'] as const)
		ids[key] = await createUser(db, `${key}@example.org`);
	territory = await createTerritory(db, claims('owner'), 'lignes', 'Lignes brutes');
	// Public: its actors are everybody's, its listing rows must still not be.
	await db.asUser(claims('owner'), (tx) =>
		tx.query("update public.territory set visibility = 'public' where id = $1", [territory])
	);
	other = await createTerritory(db, claims('outsider'), 'ailleurs', 'Ailleurs');
	for (const role of ['editor', 'member', 'viewer'] as const)
		await addMember(db, claims('owner'), territory, ids[role], role);

	// As the editor, through the policies, the way an import writes (defaults for the authors).
	await db.asUser(claims('editor'), async (tx) => {
		[{ id: source }] = (await tx.query<{ id: string }>(
			"insert into public.source (territory_id, name) values ($1, 'Registre RNA') returning id",
			[territory]
		)) as [{ id: string }];
		[{ id: actor }] = (await tx.query<{ id: string }>(
			"insert into public.actor (territory_id, name) values ($1, 'Les Jardins') returning id",
			[territory]
		)) as [{ id: string }];
		for (const n of [1, 2]) {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.source_record
				   (territory_id, source_id, row_number, raw, content_hash, actor_id, gone)
				 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
				[
					territory,
					source,
					n,
					JSON.stringify({ titre: `Ligne ${n}`, courriel: `marie.dupont${n}@example.fr` }),
					`h${n}`,
					n === 1 ? actor : null,
					n === 2
				]
			);
			records.push(row!.id);
		}
		const [a, b] = [...records].sort() as [string, string];
		[{ id: decision }] = (await tx.query<{ id: string }>(
			`insert into public.match_decision (territory_id, record_a, record_b, decision)
			 values ($1, $2, $3, 'different') returning id`,
			[territory, a, b]
		)) as [{ id: string }];
		// History rows come only from the database's own function (G3), signed by the caller.
		await tx.query(
			`select maillage_app.write_history($1, jsonb_build_array(
			   jsonb_build_object('actor_id', $2::uuid, 'action', 'import')))`,
			[territory, actor]
		);
		[{ id: history }] = (await tx.query<{ id: number }>(
			'select max(id) as id from public.census_history where territory_id = $1',
			[territory]
		)) as [{ id: number }];
	});
});

afterAll(async () => {
	await db?.close();
});

describe('source_record_links (G2)', () => {
	const links = (who: Claims, t: string) =>
		db.asUser(who, (tx) =>
			tx.query<Record<string, unknown>>(
				'select * from public.source_record_links($1) order by row_number',
				[t]
			)
		);

	for (const role of ['viewer', 'member', 'editor', 'owner'] as const) {
		it(`gives a ${role} which row went into which actor, and no value of the rows`, async () => {
			expect(await links(claims(role), territory)).toEqual([
				{
					id: records[0],
					territory_id: territory,
					source_id: source,
					row_number: 1,
					actor_id: actor,
					gone: false
				},
				{
					id: records[1],
					territory_id: territory,
					source_id: source,
					row_number: 2,
					actor_id: null,
					gone: true
				}
			]);
		});
	}

	it('gives nothing of a public territory to a non-member, nor another territory to a member', async () => {
		expect(await links(claims('outsider'), territory)).toEqual([]);
		expect(await links(claims('member'), other)).toEqual([]);
	});

	it('gives nothing to anon (no error: it stands in for a table under RLS)', async () => {
		expect(await links(anonClaims, territory)).toEqual([]);
	});

	it('leaves the raw rows to owners and editors', async () => {
		const raw = (who: Claims) =>
			db.asUser(who, (tx) =>
				tx.query('select raw from public.source_record where territory_id = $1', [territory])
			);
		expect(await raw(claims('member'))).toEqual([]);
		expect(await raw(claims('viewer'))).toEqual([]);
		expect(await raw(claims('editor'))).toHaveLength(2);
	});
});

describe('authorship columns (G4)', () => {
	const authors = () =>
		db.asAdmin(async (tx) => {
			const [row] = await tx.query<{ s: string; d: string; h: string }>(
				`select (select imported_by from public.source where id = $1) as s,
				        (select decided_by from public.match_decision where id = $2) as d,
				        (select done_by from public.census_history where id = $3) as h`,
				[source, decision, history]
			);
			return row!;
		});

	it('are the inserting user by default', async () => {
		expect(await authors()).toEqual({ s: ids.editor, d: ids.editor, h: ids.editor });
	});

	it('refuse an insert naming somebody else, or nobody', async () => {
		for (const author of [ids.owner, null]) {
			for (const sql of [
				`insert into public.source (territory_id, name, imported_by) values ($1, 'Autre', $2)`,
				// No API role inserts history at all any more (G3), whoever it names.
				`insert into public.census_history (territory_id, action, done_by)
				 values ($1, 'import', $2)`
			])
				await expect(
					db.asUser(claims('editor'), (tx) => tx.query(sql, [territory, author]))
				).rejects.toThrow(REFUSED);
		}
	});

	it('cannot be rewritten to somebody else by an update, by an owner either', async () => {
		for (const who of ['editor', 'owner'] as const) {
			for (const [sql, id] of [
				['update public.source set imported_by = $2 where id = $1', source],
				['update public.match_decision set decided_by = $2 where id = $1', decision]
			] as const) {
				for (const author of [ids.viewer, null])
					await expect(db.asUser(claims(who), (tx) => tx.query(sql, [id, author]))).rejects.toThrow(
						REFUSED
					);
			}
		}
		expect(await authors()).toEqual({ s: ids.editor, d: ids.editor, h: ids.editor });
	});

	it('stay when another column changes, and become the caller when it writes itself there', async () => {
		await db.asUser(claims('owner'), (tx) =>
			tx.query("update public.source set name = 'Registre RNA 2026' where id = $1", [source])
		);
		expect((await authors()).s).toBe(ids.editor);
		await db.asUser(claims('owner'), async (tx) => {
			// A re-import (src/lib/server/census/import.ts) credits whoever made it.
			await tx.query('update public.source set imported_by = auth.uid() where id = $1', [source]);
			await tx.query(
				`update public.match_decision set decision = 'same', decided_by = auth.uid()
				  where id = $1`,
				[decision]
			);
		});
		expect(await authors()).toMatchObject({ s: ids.owner, d: ids.owner });
	});

	it('are free for the server’s own admin connection (demo seed, maintenance)', async () => {
		await db.asAdmin((tx) =>
			tx.query('update public.source set imported_by = $2 where id = $1', [source, ids.viewer])
		);
		expect((await authors()).s).toBe(ids.viewer);
	});
});
