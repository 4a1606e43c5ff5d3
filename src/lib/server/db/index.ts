/**
 * Entry point of the database layer.
 *
 *   const db = await getDatabase();
 *   const rows = await db.asUser(claims, (tx) => tx.query('select … where id = $1', [id]));
 *
 * `DATABASE_URL` set → Postgres driver (Supabase or any Postgres with PostGIS); otherwise the
 * embedded PGlite in `MAILLAGE_DATA_DIR` (default `./data`, `memory://` for a throwaway one).
 * Opening runs compat.sql when the `auth` schema is missing, then pending migrations.
 */
import { EmbeddedDatabase, defaultDataDir, type EmbeddedOptions } from './embedded';
import { migrate, type MigrateResult } from './migrate';
import { PostgresDatabase, type PostgresOptions } from './postgres';
import { LOCAL_OPERATOR, type Database, type OpenedDatabase } from './types';

export * from './types';

export type OpenOptions =
	| ({
			kind: 'embedded';
			migrationsDir?: string;
			log?: (message: string) => void;
	  } & EmbeddedOptions)
	| ({
			kind: 'postgres';
			migrationsDir?: string;
			log?: (message: string) => void;
	  } & PostgresOptions);

type Opened<D extends Database> = D & OpenedDatabase;

function decorate<D extends Database>(db: D, result: MigrateResult): Opened<D> {
	return Object.assign(db, { fresh: result.fresh, appliedMigrations: result.applied });
}

export async function openEmbedded(
	options: Omit<Extract<OpenOptions, { kind: 'embedded' }>, 'kind'>
): Promise<Opened<EmbeddedDatabase>> {
	const db = await EmbeddedDatabase.open(options);
	try {
		const result = await migrate(db, { dir: options.migrationsDir, log: options.log });
		await ensureLocalOperator(db);
		return decorate(db, result);
	} catch (error) {
		await db.close();
		throw error;
	}
}

/**
 * Without Supabase Auth there is no sign-in: the single local operator must exist in auth.users
 * before it owns anything (embedded database, or a plain Postgres used in local mode).
 */
export async function ensureLocalOperator(db: Database): Promise<void> {
	await db.asAdmin((tx) =>
		tx.query('insert into auth.users (id, email) values ($1, $2) on conflict (id) do nothing', [
			LOCAL_OPERATOR.id,
			LOCAL_OPERATOR.email
		])
	);
}

export async function openPostgres(
	options: Omit<Extract<OpenOptions, { kind: 'postgres' }>, 'kind'>
): Promise<Opened<PostgresDatabase>> {
	// Migrate on a connection of its own: sessions opened afterwards pick up the search_path that
	// compat.sql sets as the database default.
	const migrator = new PostgresDatabase({ ...options, max: 1 });
	let result: MigrateResult;
	try {
		result = await migrate(migrator, { dir: options.migrationsDir, log: options.log });
	} finally {
		await migrator.close();
	}
	return decorate(new PostgresDatabase(options), result);
}

export function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
	const { kind, ...rest } = options;
	return kind === 'embedded'
		? openEmbedded(rest as EmbeddedOptions)
		: openPostgres(rest as PostgresOptions);
}

/** What the environment asks for: Postgres when DATABASE_URL is set, else the embedded database. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
	const log = (message: string) => console.info(`[maillage db] ${message}`);
	if (env.DATABASE_URL) {
		return {
			kind: 'postgres',
			url: env.DATABASE_URL,
			...(env.DATABASE_POOLED ? { pooled: env.DATABASE_POOLED === 'true' } : {}),
			log
		};
	}
	const dir = env.MAILLAGE_DATA_DIR;
	return {
		kind: 'embedded',
		dataDir: dir?.startsWith('memory://') ? null : defaultDataDir(env),
		log
	};
}

// The one piece of module state: this module is server-only and the connection is process-wide.
let singleton: Promise<OpenedDatabase> | undefined;
// Once the process is stopping, a late request must not open a second PGlite on the same files.
let shuttingDown = false;

export function getDatabase(): Promise<OpenedDatabase> {
	if (shuttingDown) return Promise.reject(new Error('Maillage is shutting down'));
	if (!singleton) {
		const opening = openDatabase(optionsFromEnv());
		singleton = opening;
		opening.then(closeOnExit, () => {
			// Let the next request try again instead of caching the failure forever.
			if (singleton === opening) singleton = undefined;
		});
	}
	return singleton;
}

/** Closes the process-wide database (tests, CLI commands that must exit cleanly). */
export async function closeDatabase(): Promise<void> {
	const current = singleton;
	singleton = undefined;
	if (current) await (await current).close();
}

function closeOnExit(db: Database): void {
	// adapter-node emits this after it stopped accepting requests on SIGINT/SIGTERM.
	process.once('sveltekit:shutdown', () => {
		shuttingDown = true;
		void db.close();
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			shuttingDown = true;
			void closeDatabase().finally(() => {
				// Someone else (adapter-node) handles the signal: let it decide when to exit.
				if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143);
			});
		});
	}
}
