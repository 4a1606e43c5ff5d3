/**
 * Territory isolation of references: row level security only checks a row's own territory_id, so
 * the composite foreign keys must refuse every row of territory A that points at a row of B, even
 * from an editor of A, while references inside one territory keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userClaims } from '../../src/lib/server/db/types';
import { createUser, freshDatabase, type TestDatabase } from './helpers';

const FK_ERROR = /violates foreign key constraint/;

interface Fixture {
	territory: string;
	actor: string;
	actor2: string;
	source: string;
	record: string;
	record2: string;
	place: string;
	event: string;
}

let db: TestDatabase;
let editor: string;
let A: Fixture;
let B: Fixture;

const asEditor = <T = Record<string, unknown>>(sql: string, params: unknown[]) =>
	db.asUser(userClaims(editor), (tx) => tx.query<T>(sql, params));

async function fixture(slug: string): Promise<Fixture> {
	return db.asAdmin(async (tx) => {
		const one = async (sql: string, params: unknown[]) => {
			const [row] = await tx.query<{ id: string }>(sql, params);
			return row!.id;
		};
		const territory = await one(
			"insert into territory (slug, name, visibility) values ($1, $1, 'public') returning id",
			[slug]
		);
		const actor = await one(
			"insert into actor (territory_id, name) values ($1, 'Un') returning id",
			[territory]
		);
		const actor2 = await one(
			"insert into actor (territory_id, name) values ($1, 'Deux') returning id",
			[territory]
		);
		const source = await one(
			"insert into source (territory_id, name) values ($1, 'RNA') returning id",
			[territory]
		);
		const record = async (n: number) =>
			one(
				`insert into source_record (territory_id, source_id, row_number, raw, content_hash)
				 values ($1, $2, $3, '{}', $4) returning id`,
				[territory, source, n, `h${n}`]
			);
		const place = await one(
			"insert into place (territory_id, name) values ($1, 'Salle') returning id",
			[territory]
		);
		const event = await one(
			"insert into event (territory_id, title, starts_at, visibility) values ($1, 'Forum', now(), 'public') returning id",
			[territory]
		);
		return {
			territory,
			actor,
			actor2,
			source,
			record: await record(1),
			record2: await record(2),
			place,
			event
		};
	});
}

beforeAll(async () => {
	db = await freshDatabase();
	editor = await createUser(db, 'editeur@example.org');
	A = await fixture('a');
	B = await fixture('b');
	await db.asAdmin((tx) =>
		tx.query("insert into membership (territory_id, user_id, role) values ($1, $2, 'editor')", [
			A.territory,
			editor
		])
	);
	// The pair B already holds, so that a unique or primary key check, were it reached first,
	// would tell the editor of A it exists.
	await db.asAdmin((tx) =>
		tx.query('insert into event_actor (territory_id, event_id, actor_id) values ($1, $2, $3)', [
			B.territory,
			B.event,
			B.actor
		])
	);
});

afterAll(async () => {
	await db?.close();
});

/**
 * Each reference, as an insert into A built from a fixture. `own` is A itself (must succeed),
 * `foreign` swaps in B's row for the referenced one (must be refused).
 */
const references: {
	name: string;
	sql: string;
	params: (t: string, own: Fixture, ref: Fixture) => unknown[];
	/** Probes a key B already holds: run across territories only (in A it is a plain duplicate). */
	probe?: true;
}[] = [
	{
		name: 'offer.actor_id',
		sql: "insert into offer (territory_id, actor_id, direction, category, title) values ($1, $2, 'offer', 'room', 'Salle')",
		params: (t, _own, ref) => [t, ref.actor]
	},
	{
		name: 'event_actor.event_id',
		sql: 'insert into event_actor (territory_id, event_id, actor_id) values ($1, $2, $3)',
		params: (t, own, ref) => [t, ref.event, own.actor2]
	},
	{
		name: 'event_actor.actor_id',
		sql: 'insert into event_actor (territory_id, event_id, actor_id) values ($1, $2, $3)',
		params: (t, own, ref) => [t, own.event, ref.actor]
	},
	{
		name: 'event_actor with the event and actor of B (an existing pair of B)',
		sql: 'insert into event_actor (territory_id, event_id, actor_id) values ($1, $2, $3)',
		params: (t, _own, ref) => [t, ref.event, ref.actor],
		probe: true
	},
	{
		name: 'source_record.source_id (with a content hash B already holds)',
		sql: `insert into source_record (territory_id, source_id, row_number, raw, content_hash)
			values ($1, $2, 9, '{}', 'h1')`,
		params: (t, _own, ref) => [t, ref.source],
		probe: true
	},
	{
		name: 'source_record.source_id',
		sql: `insert into source_record (territory_id, source_id, row_number, raw, content_hash)
			values ($1, $2, 9, '{}', $3)`,
		params: (t, _own, ref) => [t, ref.source, `x-${crypto.randomUUID()}`]
	},
	{
		name: 'source_record.actor_id',
		sql: `insert into source_record (territory_id, source_id, row_number, raw, content_hash, actor_id)
			values ($1, $2, 9, '{}', $3, $4)`,
		params: (t, own, ref) => [t, own.source, `x-${crypto.randomUUID()}`, ref.actor]
	},
	{
		name: 'link.from_actor',
		sql: "insert into link (territory_id, from_actor, to_actor, kind) values ($1, $2, $3, 'partner')",
		params: (t, own, ref) => [t, ref.actor, own.actor2]
	},
	{
		name: 'link.to_actor',
		sql: "insert into link (territory_id, from_actor, to_actor, kind) values ($1, $2, $3, 'partner')",
		params: (t, own, ref) => [t, own.actor2, ref.actor]
	},
	{
		name: 'place.run_by',
		sql: "insert into place (territory_id, name, run_by) values ($1, 'Local', $2)",
		params: (t, _own, ref) => [t, ref.actor]
	},
	{
		name: 'event.place_id',
		sql: "insert into event (territory_id, title, starts_at, place_id) values ($1, 'Atelier', now(), $2)",
		params: (t, _own, ref) => [t, ref.place]
	},
	{
		name: 'match_decision.record_a',
		sql: "insert into match_decision (territory_id, record_a, record_b, decision) values ($1, $2, $3, 'same')",
		params: (t, own, ref) => [t, ref.record, own.record2]
	},
	{
		name: 'match_decision.record_b',
		sql: "insert into match_decision (territory_id, record_a, record_b, decision) values ($1, $2, $3, 'different')",
		params: (t, own, ref) => [t, own.record2, ref.record]
	}
];

describe('references across territories', () => {
	for (const ref of references) {
		it(`an editor of A cannot point ${ref.name} at B`, async () => {
			await expect(asEditor(ref.sql, ref.params(A.territory, A, B))).rejects.toThrow(FK_ERROR);
		});
	}

	it('refuses a reference to B from an admin too: it is a constraint, not a policy', async () => {
		await expect(
			db.asAdmin((tx) =>
				tx.query(
					"insert into offer (territory_id, actor_id, direction, category, title) values ($1, $2, 'offer', 'room', 'x')",
					[A.territory, B.actor]
				)
			)
		).rejects.toThrow(FK_ERROR);
	});

	it('refuses an update that points an existing row of A at B', async () => {
		const [offer] = await asEditor<{ id: string }>(
			"insert into offer (territory_id, actor_id, direction, category, title) values ($1, $2, 'request', 'time', 'Aide') returning id",
			[A.territory, A.actor]
		);
		await expect(
			asEditor('update offer set actor_id = $1 where id = $2', [B.actor, offer!.id])
		).rejects.toThrow(FK_ERROR);
		await expect(
			asEditor('update place set run_by = $1 where id = $2', [B.actor, A.place])
		).rejects.toThrow(FK_ERROR);
	});

	it('gives the same answer for a hash B holds as for one nobody holds', async () => {
		const attempt = (hash: string) =>
			asEditor(
				`insert into source_record (territory_id, source_id, row_number, raw, content_hash)
				 values ($1, $2, 9, '{}', $3)`,
				[A.territory, B.source, hash]
			).then(
				() => 'inserted',
				(e: Error) => e.message.replace(/"[^"]*"$/, '')
			);
		expect(await attempt('h1')).toBe(await attempt('absent'));
		expect(await attempt('h1')).toMatch(FK_ERROR);
	});
});

describe('references inside one territory', () => {
	for (const ref of references.filter((r) => !r.probe)) {
		it(`an editor of A can point ${ref.name} at A`, async () => {
			expect(
				await asEditor(`${ref.sql} returning territory_id`, ref.params(A.territory, A, A))
			).toEqual([{ territory_id: A.territory }]);
		});
	}

	it('clears only the reference when the referenced actor goes, and keeps the row in A', async () => {
		const [actor] = await asEditor<{ id: string }>(
			"insert into actor (territory_id, name) values ($1, 'Éphémère') returning id",
			[A.territory]
		);
		const [place] = await asEditor<{ id: string }>(
			"insert into place (territory_id, name, run_by) values ($1, 'Local', $2) returning id",
			[A.territory, actor!.id]
		);
		const [record] = await asEditor<{ id: string }>(
			`insert into source_record (territory_id, source_id, row_number, raw, content_hash, actor_id)
			 values ($1, $2, 10, '{}', 'h10', $3) returning id`,
			[A.territory, A.source, actor!.id]
		);
		await asEditor('delete from actor where id = $1', [actor!.id]);
		expect(
			await asEditor('select territory_id, run_by from place where id = $1', [place!.id])
		).toEqual([{ territory_id: A.territory, run_by: null }]);
		expect(
			await asEditor('select territory_id, actor_id from source_record where id = $1', [record!.id])
		).toEqual([{ territory_id: A.territory, actor_id: null }]);
	});

	it('keeps B whole when A deletes its own rows', async () => {
		const count = () =>
			db.asAdmin((tx) =>
				tx.query<{ n: number }>(
					`select (select count(*) from event_actor where territory_id = $1)
					      + (select count(*) from source_record where territory_id = $1) as n`,
					[B.territory]
				)
			);
		const before = await count();
		await asEditor('delete from source where id = $1', [A.source]);
		await asEditor('delete from actor where territory_id = $1', [A.territory]);
		expect(await count()).toEqual(before);
		expect(Number(before[0]!.n)).toBe(3);
	});
});
