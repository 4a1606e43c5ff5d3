/**
 * Migrations runner shared by both drivers.
 *
 * History is kept in `supabase_migrations.schema_migrations`, the table the Supabase CLI uses
 * (`version` = the timestamp prefix of the file name, `name` = the rest, `statements` = the file).
 * A project migrated with `supabase db push` is therefore seen as up to date here, and the other
 * way round. Each file runs in its own transaction under an advisory lock, so two app instances
 * starting against the same Postgres never apply a file twice.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './types';

export interface MigrationFile {
	version: string;
	name: string;
	fileName: string;
	sql: string;
}

export interface MigrateResult {
	/** No migration was recorded before this run. */
	fresh: boolean;
	/** Whether the compatibility script (roles, auth schema) had to be run. */
	compatApplied: boolean;
	applied: string[];
}

const FILE_PATTERN = /^(\d+)_(.+)\.sql$/;
// Arbitrary constant shared by every Maillage process: pg_advisory_xact_lock key.
const LOCK_KEY = 727_001_001;

export function migrationsDir(): string {
	return resolve(
		process.env.MAILLAGE_MIGRATIONS_DIR ?? resolve(process.cwd(), 'supabase/migrations')
	);
}

export function readMigrations(dir: string = migrationsDir()): MigrationFile[] {
	if (!existsSync(dir)) {
		throw new Error(`Migrations directory not found: ${dir} (set MAILLAGE_MIGRATIONS_DIR)`);
	}
	return readdirSync(dir)
		.map((fileName) => ({ fileName, match: FILE_PATTERN.exec(fileName) }))
		.filter((f): f is { fileName: string; match: RegExpExecArray } => f.match !== null)
		.map(({ fileName, match }) => ({
			version: match[1] as string,
			name: match[2] as string,
			fileName,
			sql: readFileSync(resolve(dir, fileName), 'utf8')
		}))
		.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/**
 * The compatibility script sits beside this module in the sources; a bundled build runs from the
 * repository root, hence the cwd fallback.
 */
export function readCompatSql(): string {
	const candidates = [
		process.env.MAILLAGE_COMPAT_SQL,
		fileURLToPath(new URL('./compat.sql', import.meta.url)),
		resolve(process.cwd(), 'src/lib/server/db/compat.sql')
	];
	for (const path of candidates) {
		if (path && existsSync(path)) return readFileSync(path, 'utf8');
	}
	throw new Error('compat.sql not found (set MAILLAGE_COMPAT_SQL)');
}

export async function migrate(
	db: Database,
	options: { dir?: string; log?: (message: string) => void } = {}
): Promise<MigrateResult> {
	const files = readMigrations(options.dir);
	const log = options.log ?? (() => {});

	// Every step takes the lock first: two instances starting at once must not both find `auth`
	// missing and run compat.sql side by side, nor race on creating the history table.
	const compatApplied = await db.asAdmin(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
		// Checked under the lock: whoever held it before may just have created the schema.
		const [row] = await tx.query<{ present: boolean }>(
			"select exists (select 1 from pg_namespace where nspname = 'auth') as present"
		);
		if (row?.present) return false;
		await tx.exec(readCompatSql());
		return true;
	});
	if (compatApplied) log('compat: roles and auth schema created');

	const done = await db.asAdmin(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
		await tx.exec(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
			alter table supabase_migrations.schema_migrations add column if not exists statements text[];
			alter table supabase_migrations.schema_migrations add column if not exists name text;
		`);
		const rows = await tx.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations'
		);
		return new Set(rows.map((r) => r.version));
	});

	const fresh = done.size === 0;
	const applied: string[] = [];
	for (const file of files) {
		if (done.has(file.version)) continue;
		const ran = await db.asAdmin(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
			const already = await tx.query(
				'select 1 from supabase_migrations.schema_migrations where version = $1',
				[file.version]
			);
			if (already.length > 0) return false;
			// Type and function names in migrations resolve in public, then extensions (Supabase's
			// layout); set here so the very first run works before any role default applies.
			await tx.exec('set local search_path = public, extensions');
			await tx.exec(file.sql);
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[file.version, file.name, [file.sql]]
			);
			return true;
		});
		if (ran) {
			applied.push(file.fileName);
			log(`migration applied: ${file.fileName}`);
		}
	}
	return { fresh, compatApplied, applied };
}
