/**
 * The one interface every part of Maillage uses to reach the database.
 *
 * Two drivers implement it: the embedded PGlite (default, file-backed) and a Postgres connection
 * (`DATABASE_URL`: a Supabase project or any Postgres >= 15 with PostGIS). Every query a user
 * triggers runs inside a transaction "as" that user, the way PostgREST does it
 * (`set local role …` + `set_config('request.jwt.claims', …, true)`), so the row level security
 * policies written once in `supabase/migrations/` apply in both modes.
 */

export type DbRole = 'anon' | 'authenticated' | 'service_role';

/** JWT claims as Supabase puts them in `request.jwt.claims`. */
export interface Claims {
	role: DbRole;
	/** auth.users.id of the user; absent for anon. */
	sub?: string;
	email?: string;
	[claim: string]: unknown;
}

export interface Tx {
	/** Parameterised query ($1, $2…); returns the rows. */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Several statements without parameters (DDL, scripts). */
	exec(sql: string): Promise<void>;
	/**
	 * Runs `fn` inside a savepoint: when it throws, what it did is rolled back to the savepoint,
	 * the error is rethrown, and the transaction stays usable (and committable) for the caller who
	 * catches it. (A failed statement caught without a savepoint still aborts the transaction:
	 * postgres.js rethrows it when the transaction ends.)
	 */
	savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Database {
	readonly kind: 'embedded' | 'postgres';
	/** Runs `fn` in one transaction as the user described by `claims`; rolls back on throw. */
	asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T>;
	/** Runs `fn` in one transaction with the connection's own (owner) rights: migrations, seeding. */
	asAdmin<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** The single operator of the embedded mode: owns the local workspace. */
export const LOCAL_OPERATOR = {
	id: '00000000-0000-4000-8000-000000000001',
	email: 'operateur@maillage.local'
} as const;

// Frozen: every anonymous request shares this object, so no code may change it for the others.
export const anonClaims: Claims = Object.freeze({ role: 'anon' });

export function userClaims(id: string, email?: string): Claims {
	return { role: 'authenticated', sub: id, ...(email ? { email } : {}) };
}

/** A database as `openDatabase` returns it: migrated, with what opening it did. */
export interface OpenedDatabase extends Database {
	/** True when no migration had ever been applied before this open (a brand-new database). */
	readonly fresh: boolean;
	/** Migration file names applied by this open, in order (empty when already up to date). */
	readonly appliedMigrations: readonly string[];
}
