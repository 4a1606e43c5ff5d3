/**
 * Postgres driver: the `postgres` package (https://github.com/porsager/postgres) on a connection
 * string — a Supabase project (direct or through its pooler) or any Postgres >= 15 with PostGIS.
 */
import postgres from 'postgres';
import { roleOf } from './claims';
import type { Claims, Database, Tx } from './types';

export interface PostgresOptions {
	url: string;
	/** Connections in the pool. */
	max?: number;
	/**
	 * Transaction poolers (Supabase's on port 6543, PgBouncer) cannot keep prepared statements
	 * across transactions. Guessed from the URL when not given.
	 */
	pooled?: boolean;
}

export function looksPooled(url: string): boolean {
	try {
		const u = new URL(url);
		return (
			u.port === '6543' ||
			u.hostname.includes('pooler.supabase.com') ||
			u.searchParams.get('pgbouncer') === 'true'
		);
	} catch {
		return false;
	}
}

type Sql = postgres.Sql<Record<string, never>>;
type PgTx = postgres.TransactionSql<Record<string, never>>;

export function connect(options: PostgresOptions): Sql {
	const pooled = options.pooled ?? looksPooled(options.url);
	return postgres(options.url, {
		max: options.max ?? 10,
		prepare: !pooled,
		idle_timeout: 30,
		onnotice: () => {},
		// PGlite returns int8 (count(*)) as a number; do the same so both drivers give equal rows.
		types: {
			int8: {
				to: 20,
				from: [20],
				serialize: (value: unknown) => String(value),
				parse: (value: string) => Number(value)
			}
		} as unknown as Record<string, never>
	}) as unknown as Sql;
}

export class PostgresDatabase implements Database {
	readonly kind = 'postgres';
	readonly #sql: Sql;
	#closed = false;

	constructor(options: PostgresOptions) {
		this.#sql = connect(options);
	}

	async asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
		const role = roleOf(claims);
		return this.#begin(async (tx) => {
			await tx.unsafe(`set local role ${role}`);
			// maillage.writer: see embedded.ts.
			await tx.unsafe(
				"select set_config('request.jwt.claims', $1, true), set_config('maillage.writer', 'app', true)",
				[JSON.stringify(claims)]
			);
			return fn(wrap(tx));
		});
	}

	asAdmin<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		return this.#begin((tx) => fn(wrap(tx)));
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#sql.end({ timeout: 5 });
	}

	async #begin<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
		if (this.#closed) throw new Error('Database is closed');
		// sql.begin's typing wraps the result in UnwrapPromiseArray; T is what fn resolves to.
		return (await this.#sql.begin((tx) => fn(tx))) as T;
	}
}

function wrap(tx: PgTx): Tx {
	return {
		async query<R>(sql: string, params: unknown[] = []) {
			// prepare: true defers to the connection option, which is off behind a pooler.
			const rows = await tx.unsafe(sql, params as postgres.ParameterOrJSON<never>[], {
				prepare: true
			});
			return [...rows] as R[];
		},
		async exec(sql: string) {
			// No parameters: postgres.js sends it with the simple protocol, several statements allowed.
			await tx.unsafe(sql);
		},
		// postgres.js's own savepoint scope: an error in it is not held against the transaction.
		async savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
			return (await tx.savepoint((sub) => fn(wrap(sub)))) as T;
		}
	};
}
