import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_KINDS } from '../../src/lib/domain/actor-kinds';
import { openEmbedded, openPostgres } from '../../src/lib/server/db/index';
import { migrate, readMigrations } from '../../src/lib/server/db/migrate';
import { LOCAL_OPERATOR, type OpenedDatabase } from '../../src/lib/server/db/types';
import { TEST_DATABASE_URL, freshDatabase, migratedTemplate, type TestDatabase } from './helpers';

const files = readMigrations();

describe('migrations', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('records every migration file, in order', async () => {
		expect(files.length).toBeGreaterThan(0);
		const rows = await db.asAdmin((tx) =>
			tx.query<{ version: string; name: string }>(
				'select version, name from supabase_migrations.schema_migrations order by version'
			)
		);
		expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files.map((f) => f.fileName));
	});

	it('applies nothing when run again', async () => {
		const again = await migrate(db);
		expect(again).toEqual({ fresh: false, compatApplied: false, applied: [] });
	});

	it('creates the tables of the schema contract', async () => {
		const rows = await db.asAdmin((tx) =>
			tx.query<{ table_name: string }>(
				"select table_name from information_schema.tables where table_schema = 'public' order by 1"
			)
		);
		expect(rows.map((r) => r.table_name)).toEqual(
			expect.arrayContaining([
				'actor',
				'event',
				'event_actor',
				'link',
				'match_decision',
				'membership',
				'offer',
				'place',
				'source',
				'source_record',
				'territory'
			])
		);
	});

	it('allows exactly the actor kinds the app knows (ACTOR_KINDS)', async () => {
		const rows = await db.asAdmin((tx) =>
			tx.query<{ def: string }>(
				`select pg_get_constraintdef(c.oid) as def from pg_constraint c
				 where c.conrelid = 'public.actor'::regclass and c.contype = 'c'
				   and pg_get_constraintdef(c.oid) like '%kind%'`
			)
		);
		expect(rows).toHaveLength(1);
		const allowed = [...rows[0]!.def.matchAll(/'([a-z_]+)'::text/g)].map((match) => match[1]);
		expect([...allowed].sort()).toEqual([...ACTOR_KINDS].sort());
	});

	it.runIf(!TEST_DATABASE_URL)('has the local operator in auth.users (embedded mode)', async () => {
		const rows = await db.asAdmin((tx) =>
			tx.query<{ email: string }>('select email from auth.users where id = $1', [LOCAL_OPERATOR.id])
		);
		expect(rows).toEqual([{ email: LOCAL_OPERATOR.email }]);
	});
});

describe('extensions', () => {
	let db: TestDatabase;
	let territoryId: string;
	beforeAll(async () => {
		db = await freshDatabase();
		territoryId = await db.asAdmin(async (tx) => {
			const [t] = await tx.query<{ id: string }>(
				"insert into territory (slug, name) values ('geo', 'Géo') returning id"
			);
			// Tours (47.394, 0.684); Joué-lès-Tours about 5 km away; Amboise about 23 km away.
			await tx.query(
				`insert into actor (territory_id, name, location) values
					($1, 'Maison des associations', ST_SetSRID(ST_MakePoint(0.6848, 47.3941), 4326)::geography),
					($1, 'Comité des fêtes de Joué', ST_SetSRID(ST_MakePoint(0.6636, 47.3522), 4326)::geography),
					($1, 'Élan sportif amboisien', ST_SetSRID(ST_MakePoint(0.9826, 47.4125), 4326)::geography)`,
				[t!.id]
			);
			return t!.id;
		});
	});
	afterAll(async () => {
		await db?.close();
	});

	it('finds actors within a radius with ST_DWithin (PostGIS)', async () => {
		const near = async (metres: number) =>
			db.asAdmin((tx) =>
				tx.query<{ name: string }>(
					`select name from actor
					 where territory_id = $1
					   and ST_DWithin(location, ST_SetSRID(ST_MakePoint(0.6848, 47.3941), 4326)::geography, $2)
					 order by name`,
					[territoryId, metres]
				)
			);
		expect((await near(1000)).map((r) => r.name)).toEqual(['Maison des associations']);
		expect((await near(6000)).map((r) => r.name)).toEqual([
			'Comité des fêtes de Joué',
			'Maison des associations'
		]);
		expect(await near(30_000)).toHaveLength(3);
	});

	it('reads coordinates back as lng/lat', async () => {
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ lng: number; lat: number }>(
				"select ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat from actor where name = 'Maison des associations'"
			)
		);
		expect(row!.lng).toBeCloseTo(0.6848, 6);
		expect(row!.lat).toBeCloseTo(47.3941, 6);
	});

	it('ranks names by trigram similarity (pg_trgm)', async () => {
		const rows = await db.asAdmin((tx) =>
			tx.query<{ name: string; score: number }>(
				`select name, similarity(name, $1) as score from actor
				 where name % $1 order by score desc`,
				['Maison des asociations']
			)
		);
		expect(rows[0]?.name).toBe('Maison des associations');
		expect(rows[0]!.score).toBeGreaterThan(0.5);
		expect(rows.map((r) => r.name)).not.toContain('Élan sportif amboisien');
	});

	it('strips accents (unaccent)', async () => {
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ plain: string }>("select unaccent('Élan sportif à Joué-lès-Tours') as plain")
		);
		expect(row!.plain).toBe('Elan sportif a Joue-les-Tours');
	});
});

describe('driver behaviour', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('returns the same JavaScript types in both drivers', async () => {
		const [row] = await db.asAdmin((tx) =>
			tx.query<Record<string, unknown>>(
				'select count(*) as n, $1::jsonb as doc, $2::text[] as list, now() as at, true as yes',
				[{ siret: '12345678900012' }, ['culture', 'sport']]
			)
		);
		expect(row).toEqual({
			n: 1,
			doc: { siret: '12345678900012' },
			list: ['culture', 'sport'],
			at: expect.any(Date),
			yes: true
		});
	});

	it('rolls back when the callback throws', async () => {
		await expect(
			db.asAdmin(async (tx) => {
				await tx.query("insert into territory (slug, name) values ('rollback', 'Annulé')");
				throw new Error('stop');
			})
		).rejects.toThrow('stop');
		const rows = await db.asAdmin((tx) =>
			tx.query("select 1 from territory where slug = 'rollback'")
		);
		expect(rows).toHaveLength(0);
	});

	it('never lets a concurrent request see or join another transaction', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow = db.asAdmin(async (tx) => {
			await tx.query("insert into territory (slug, name) values ('pending', 'En cours')");
			await gate;
			throw new Error('abandon');
		});
		// Started while `slow` holds its transaction open.
		const reader = db.asAdmin((tx) => tx.query("select 1 from territory where slug = 'pending'"));
		await new Promise((r) => setTimeout(r, 50));
		release();
		await expect(slow).rejects.toThrow('abandon');
		expect(await reader).toHaveLength(0);
	});

	it('resets role and claims after each transaction', async () => {
		await db.asUser({ role: 'anon' }, (tx) => tx.query('select 1'));
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ who: string; claims: string | null }>(
				"select current_user as who, nullif(current_setting('request.jwt.claims', true), '') as claims"
			)
		);
		expect(row!.who).not.toBe('anon');
		expect(row!.claims).toBeNull();
	});

	it('refuses a role outside the three API roles', async () => {
		await expect(
			db.asUser({ role: 'postgres' as 'anon' }, (tx) => tx.query('select 1'))
		).rejects.toThrow(/Unknown database role/);
	});
});

describe('reopening an existing database', () => {
	const created: string[] = [];
	afterAll(() => {
		for (const dir of created) rmSync(dir, { recursive: true, force: true });
	});

	it.runIf(!TEST_DATABASE_URL)(
		'keeps its data and applies no migration twice (file-backed PGlite)',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'maillage-reopen-'));
			created.push(dir);
			const dataDir = join(dir, 'pgdata');
			const first = await openEmbedded({ dataDir, loadDataDir: await migratedTemplate() });
			expect(first.appliedMigrations).toEqual([]);
			await first.asAdmin((tx) =>
				tx.query("insert into territory (slug, name) values ('kept', 'Conservé')")
			);
			await first.close();

			const second = await openEmbedded({ dataDir });
			try {
				expect(second.fresh).toBe(false);
				expect(second.appliedMigrations).toEqual([]);
				const rows = await second.asAdmin((tx) =>
					tx.query<{ name: string }>("select name from territory where slug = 'kept'")
				);
				expect(rows).toEqual([{ name: 'Conservé' }]);
				const history = await second.asAdmin((tx) =>
					tx.query<{ n: number }>('select count(*) as n from supabase_migrations.schema_migrations')
				);
				expect(history[0]!.n).toBe(files.length);
			} finally {
				await second.close();
			}
		}
	);

	it.runIf(!!TEST_DATABASE_URL)(
		'keeps its data and applies no migration twice (Postgres)',
		async () => {
			const db = await freshDatabase();
			try {
				await db.asAdmin((tx) =>
					tx.query("insert into territory (slug, name) values ('kept', 'Conservé')")
				);
				const name = await db.asAdmin(async (tx) => {
					const [r] = await tx.query<{ db: string }>('select current_database() as db');
					return r!.db;
				});
				const url = new URL(TEST_DATABASE_URL!);
				url.pathname = `/${name}`;
				const again: OpenedDatabase = await openPostgres({ url: url.toString() });
				try {
					expect(again.fresh).toBe(false);
					expect(again.appliedMigrations).toEqual([]);
					const rows = await again.asAdmin((tx) =>
						tx.query<{ name: string }>("select name from territory where slug = 'kept'")
					);
					expect(rows).toEqual([{ name: 'Conservé' }]);
				} finally {
					await again.close();
				}
			} finally {
				await db.close();
			}
		}
	);
});
