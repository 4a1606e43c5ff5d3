/**
 * Test databases.
 *
 * Embedded (default): creating a PGlite cluster and installing PostGIS takes 15 s or more, so the
 * first test to need a database migrates one in memory and caches it as a `dumpDataDir()` tarball
 * in the OS temp dir, keyed by a hash of the migrations, compat.sql and the PGlite versions. Every
 * `freshDatabase()` then loads that tarball into a new in-memory PGlite. A lock file keeps
 * parallel Vitest workers from building it twice.
 *
 * Real Postgres: with TEST_DATABASE_URL set (a superuser URL on a server with PostGIS), each
 * `freshDatabase()` creates a new database on that server, migrates it, and drops it on close.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
	closeSync,
	existsSync,
	openSync,
	readFileSync,
	renameSync,
	statSync,
	unlinkSync
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { isHttpError } from '@sveltejs/kit';
import type { Extensions, PGlite } from '@electric-sql/pglite';
import { DEMO_SLUG } from '../../src/lib/domain/demo/generate';
import { openEmbedded, openPostgres } from '../../src/lib/server/db/index';
import { readCompatSql, readMigrations } from '../../src/lib/server/db/migrate';
import {
	userClaims,
	type Claims,
	type OpenedDatabase,
	type Tx
} from '../../src/lib/server/db/types';
import { loadDemo } from '../../src/lib/server/demo/seed';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export type TestDatabase = OpenedDatabase & {
	/** The PGlite instance in embedded mode; undefined on a real Postgres. */
	readonly pglite?: PGlite;
	/** Connection string of this database on a real Postgres; undefined in embedded mode. */
	readonly url?: string;
};

// Their package.json is not in their `exports`, so it is read from node_modules directly.
function packageVersion(name: string): string {
	const file = join(process.cwd(), 'node_modules', name, 'package.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export function templateKey(): string {
	const hash = createHash('sha256');
	for (const file of readMigrations()) hash.update(file.fileName).update('\0').update(file.sql);
	hash.update(readCompatSql());
	for (const name of ['@electric-sql/pglite', '@electric-sql/pglite-postgis']) {
		hash.update(packageVersion(name));
	}
	return hash.digest('hex').slice(0, 16);
}

export function templatePath(): string {
	return join(tmpdir(), `maillage-pglite-template-${templateKey()}.tar.gz`);
}

const LOCK_STALE_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tryLock(lock: string): boolean {
	try {
		closeSync(openSync(lock, 'wx'));
		return true;
	} catch {
		// A worker killed mid-build leaves its lock behind; do not wait on it forever.
		try {
			if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
		} catch {
			/* removed meanwhile */
		}
		return false;
	}
}

let templateBlob: Promise<Blob> | undefined;

/** The migrated template tarball, built on first use by whichever worker gets the lock. */
export function migratedTemplate(): Promise<Blob> {
	templateBlob ??= (async () => {
		const path = templatePath();
		const lock = `${path}.lock`;
		for (;;) {
			if (existsSync(path)) return new Blob([readFileSync(path)]);
			if (tryLock(lock)) break;
			await sleep(250);
		}
		try {
			if (existsSync(path)) return new Blob([readFileSync(path)]);
			const db = await openEmbedded({ dataDir: null });
			try {
				// Building the template is the from-scratch run: check it really applied everything.
				const expected = readMigrations().map((f) => f.fileName);
				if (!db.fresh || db.appliedMigrations.join() !== expected.join()) {
					throw new Error(`Template migration incomplete: ${db.appliedMigrations.join(', ')}`);
				}
				const blob = await db.pglite.dumpDataDir('gzip');
				const partial = `${path}.${process.pid}.partial`;
				await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
				// Readers only ever see a complete tarball.
				renameSync(partial, path);
				return blob;
			} finally {
				await db.close();
			}
		} finally {
			unlinkSync(lock);
		}
	})();
	return templateBlob;
}

export interface FreshOptions {
	/** Load pgTAP into the embedded database (ignored on a real Postgres). */
	pgtap?: boolean;
}

/** A migrated, empty database of its own. Close it in afterAll/afterEach. */
export async function freshDatabase(options: FreshOptions = {}): Promise<TestDatabase> {
	if (TEST_DATABASE_URL) return freshPostgres(TEST_DATABASE_URL);
	const extraExtensions: Extensions = {};
	if (options.pgtap) {
		const { pgtap } = await import('@electric-sql/pglite-pgtap');
		extraExtensions.pgtap = pgtap;
	}
	return openEmbedded({ dataDir: null, loadDataDir: await migratedTemplate(), extraExtensions });
}

export function databaseUrl(serverUrl: string, database: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

async function freshPostgres(serverUrl: string): Promise<TestDatabase> {
	const name = `maillage_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = databaseUrl(serverUrl, name);
	const db = await openPostgres({ url });
	const close = db.close.bind(db);
	return Object.assign(db, {
		url,
		async close() {
			await close();
			const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
			try {
				await dropper.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await dropper.end();
			}
		}
	});
}

/**
 * A statement as PostgREST runs it for a signed-in caller: the API role and the JWT claims, and
 * none of the app's transaction settings (db.asUser also says `maillage.writer = app`, so the
 * database's history trigger leaves the app's writes to the app).
 */
export function asApiCaller<T>(
	db: OpenedDatabase,
	claims: Claims,
	fn: (tx: Tx) => Promise<T>
): Promise<T> {
	return db.asAdmin(async (tx) => {
		await tx.query('set local role authenticated');
		await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
		return fn(tx);
	});
}

/** Users to act as: inserted in auth.users by the admin connection, as Supabase Auth would. */
export async function createUser(db: OpenedDatabase, email: string): Promise<string> {
	const id = crypto.randomUUID();
	await db.asAdmin((tx) =>
		tx.query('insert into auth.users (id, email) values ($1, $2)', [id, email])
	);
	return id;
}

/** A territory created by `owner` through the API path (the trigger makes them its owner). */
export async function createTerritory(
	db: OpenedDatabase,
	owner: Claims,
	slug: string,
	name: string
): Promise<string> {
	const [row] = await db.asUser(owner, (tx) =>
		tx.query<{ id: string }>(
			'insert into public.territory (slug, name) values ($1, $2) returning id',
			[slug, name]
		)
	);
	return row!.id;
}

/** Gives `userId` a role on the territory, as its owner would. */
export async function addMember(
	db: OpenedDatabase,
	owner: Claims,
	territoryId: string,
	userId: string,
	role: 'owner' | 'editor' | 'member' | 'viewer'
): Promise<void> {
	await db.asUser(owner, (tx) =>
		tx.query('insert into public.membership (territory_id, user_id, role) values ($1, $2, $3)', [
			territoryId,
			userId,
			role
		])
	);
}

/** Roles `demoWithRoles` can give besides the owner. */
export type DemoRole = 'editor' | 'member' | 'viewer';

export interface DemoWithRolesOptions<R extends DemoRole> {
	/** Users to create and make members of the demo territory, in this order. */
	roles?: readonly R[];
	/** Passed to loadDemo as is (its default, today, when left out). */
	now?: Date;
	/** A database to load the demo into; a fresh one by default. */
	db?: TestDatabase;
}

/** Only the roles asked for are there, so using another one is a type error. */
type DemoUsers<R extends DemoRole, T> = Record<'owner' | 'outsider' | R, T>;

export interface DemoWithRoles<R extends DemoRole> {
	db: TestDatabase;
	territoryId: string;
	slug: string;
	claims: DemoUsers<R, Claims>;
	userIds: DemoUsers<R, string>;
}

const DEMO_EMAILS: Record<'owner' | 'outsider' | DemoRole, string> = {
	owner: 'proprietaire@example.org',
	editor: 'editeur@example.org',
	member: 'membre@example.org',
	viewer: 'lecteur@example.org',
	outsider: 'dehors@example.org'
};

/**
 * The demo territory loaded by an owner, with one user per role asked for (added by the owner)
 * and an outsider who belongs to nothing.
 */
export async function demoWithRoles<R extends DemoRole = never>(
	options: DemoWithRolesOptions<R> = {}
): Promise<DemoWithRoles<R>> {
	const db = options.db ?? (await freshDatabase());
	const roles = [...new Set(options.roles ?? [])];
	const userIds: Record<string, string> = {};
	for (const who of ['owner', ...roles, 'outsider'] as const) {
		userIds[who] = await createUser(db, DEMO_EMAILS[who]);
	}
	const claims: Record<string, Claims> = {};
	for (const [who, id] of Object.entries(userIds)) claims[who] = userClaims(id);
	const ownerId = userIds.owner!;
	const { loaded, territoryId } = await loadDemo(db, { ownerId, now: options.now });
	if (!loaded) {
		// Someone else owns it then, and this owner could not add the members.
		throw new Error('demoWithRoles: the demo territory was already loaded in this database');
	}
	for (const role of roles) {
		await addMember(db, userClaims(ownerId), territoryId, userIds[role]!, role);
	}
	return {
		db,
		territoryId,
		slug: DEMO_SLUG,
		claims: claims as DemoUsers<R, Claims>,
		userIds: userIds as DemoUsers<R, string>
	};
}

/** `tx` as it is, calling `onQuery` before each query it runs (tests that count round trips). */
export function countingTx(tx: Tx, onQuery: () => void): Tx {
	return {
		query: (sql, params) => (onQuery(), tx.query(sql, params)),
		exec: (sql) => tx.exec(sql),
		savepoint: (fn) => tx.savepoint(fn)
	};
}

/** 'ok' when `run` resolves, else the status of the SvelteKit HTTP error it threw (others rethrown). */
export async function httpStatus(run: () => Promise<unknown>): Promise<number | 'ok'> {
	try {
		await run();
		return 'ok';
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}
