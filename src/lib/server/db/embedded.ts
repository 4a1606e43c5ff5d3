/**
 * Embedded driver: PGlite (Postgres compiled to WebAssembly) in the server process, with PostGIS,
 * pg_trgm and unaccent. https://pglite.dev/docs/api
 *
 * PGlite is a single connection: every asUser/asAdmin call goes through one FIFO mutex so two
 * requests never interleave statements inside each other's transaction.
 */
import { PGlite, type Extensions, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { roleOf } from './claims';
import { Mutex } from './mutex';
import type { Claims, Database, Tx } from './types';

export interface EmbeddedOptions {
	/** Directory of the database files; `null` keeps everything in memory (tests). */
	dataDir: string | null;
	/** A `dumpDataDir()` tarball to start from instead of an empty cluster (test template). */
	loadDataDir?: Blob;
	/** More PGlite extensions to load (e.g. pgTAP in tests). */
	extraExtensions?: Extensions;
}

export const EMBEDDED_EXTENSIONS = { postgis, pg_trgm, unaccent } satisfies Extensions;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.MAILLAGE_DATA_DIR ?? './data');
}

export class EmbeddedDatabase implements Database {
	readonly kind = 'embedded';
	readonly #pg: PGlite;
	readonly #mutex = new Mutex();
	#closed = false;

	private constructor(pg: PGlite) {
		this.#pg = pg;
	}

	/** The PGlite instance, for tests and tooling (pgTAP, socket server, dumps). */
	get pglite(): PGlite {
		return this.#pg;
	}

	static async open(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
		const pg = await PGlite.create({
			...(options.dataDir ? { dataDir: options.dataDir } : {}),
			...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
			extensions: { ...EMBEDDED_EXTENSIONS, ...options.extraExtensions }
		});
		// Supabase puts `extensions` on every role's search_path; a PGlite session starts before
		// the database default set by compat.sql could apply, so set it for the session.
		await pg.exec('set search_path = "$user", public, extensions');
		return new EmbeddedDatabase(pg);
	}

	/** Whether `dataDir` already holds a database (before opening it). */
	static exists(dataDir: string): boolean {
		return existsSync(join(dataDir, 'PG_VERSION'));
	}

	async asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
		const role = roleOf(claims);
		return this.#transaction(async (tx) => {
			await tx.exec(`set local role ${role}`);
			// maillage.writer: the app logs the meaning of its census writes itself, so the
			// database's own history trigger leaves them alone (migration 20261127110000).
			await tx.query(
				"select set_config('request.jwt.claims', $1, true), set_config('maillage.writer', 'app', true)",
				[JSON.stringify(claims)]
			);
			return fn(tx);
		});
	}

	asAdmin<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		return this.#transaction(fn);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		// Queued behind any running transaction so it is not cut in half.
		await this.#mutex.run(() => this.#pg.close());
	}

	#transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('Database is closed'));
		return this.#mutex.run(() => this.#pg.transaction((pgTx) => fn(wrap(pgTx))));
	}
}

function wrap(pgTx: Transaction): Tx {
	const tx: Tx = {
		async query<R>(sql: string, params?: unknown[]) {
			const result = await pgTx.query<R>(sql, params);
			return result.rows;
		},
		async exec(sql: string) {
			await pgTx.exec(sql);
		},
		async savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
			const name = `maillage_sp_${(savepoints += 1)}`;
			await pgTx.exec(`savepoint ${name}`);
			try {
				const result = await fn(tx);
				await pgTx.exec(`release savepoint ${name}`);
				return result;
			} catch (error) {
				await pgTx.exec(`rollback to savepoint ${name}`);
				throw error;
			}
		}
	};
	return tx;
}

/** Names nested savepoints apart (one connection, one transaction at a time). */
let savepoints = 0;
