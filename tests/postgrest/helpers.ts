/**
 * The database as a Supabase project serves it: unmodified @supabase/supabase-js talking to a real
 * PostgREST 12 in front of PostgreSQL 15 + PostGIS, started by scripts/test-postgrest.sh, which
 * sets the three variables read here. Without them the suites skip (`describe.skipIf(!TEST_POSTGREST_URL)`).
 *
 * Tests share one database (PostgREST serves one): seed with fresh ids, assert on your own rows or
 * on properties that must hold for every row, and delete what you created.
 */
import { createHmac, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import WebSocket from 'ws';
import {
	createClient,
	type RealtimeClientOptions,
	type SupabaseClient
} from '@supabase/supabase-js';
import type { Claims } from '../../src/lib/server/db/types';
import type { Database } from '../../src/lib/supabase/database.types';

/** PostgREST's root URL (it serves the tables at /<table>, without Supabase's /rest/v1). */
export const TEST_POSTGREST_URL = process.env.TEST_POSTGREST_URL || undefined;

function required(name: 'TEST_POSTGREST_URL' | 'TEST_JWT_SECRET' | 'TEST_DATABASE_URL'): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run these tests with scripts/test-postgrest.sh`);
	return value;
}

/**
 * A JWT signed with the test secret (HS256, https://datatracker.ietf.org/doc/html/rfc7519), as
 * Supabase Auth would issue it: PostgREST switches to `claims.role` and hands every claim to the
 * database in `request.jwt.claims`. `iat`/`exp` (one hour) and, for `authenticated`,
 * `aud: 'authenticated'` are added unless given.
 */
export function jwtFor(claims: Claims, secret: string = required('TEST_JWT_SECRET')): string {
	const now = Math.floor(Date.now() / 1000);
	const payload = {
		iat: now,
		exp: now + 3600,
		...(claims.role === 'authenticated' ? { aud: 'authenticated' } : {}),
		...claims
	};
	const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
	const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
	return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * supabase-js builds every table URL as `<url>/rest/v1/<table>`; Supabase's gateway strips that
 * prefix before PostgREST. This fetch does the same, through supabase-js's documented
 * `global.fetch` option, so no proxy process is needed. Anything else (auth/v1, storage/v1) has
 * no server here and fails loudly.
 */
function gatewayFetch(root: string): typeof fetch {
	const base = root.replace(/\/+$/, '');
	const prefix = `${base}/rest/v1`;
	return (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		const rest = url.slice(prefix.length);
		if (!url.startsWith(prefix) || !/^([/?]|$)/.test(rest)) {
			return Promise.reject(new Error(`No such service in the PostgREST harness: ${url}`));
		}
		const target = `${base}${rest}`;
		return fetch(input instanceof Request ? new Request(target, input) : target, init);
	};
}

type RealtimeTransport = NonNullable<RealtimeClientOptions['transport']>;

/**
 * An unmodified supabase-js client acting with `claims` (`anonClaims`, `userClaims(id)` from
 * src/lib/server/db/types). The project's anon key is itself a JWT with role anon, as on Supabase;
 * the `accessToken` option sends the claims' token as the bearer, which is what the client does
 * for a signed-in user.
 */
export function clientFor(claims: Claims): SupabaseClient<Database> {
	const url = required('TEST_POSTGREST_URL');
	const anonKey = jwtFor({ role: 'anon', iss: 'supabase' });
	const token = jwtFor(claims);
	return createClient<Database>(url, anonKey, {
		accessToken: async () => token,
		global: { fetch: gatewayFetch(url) },
		// Built even when unused, and Node 20 has no global WebSocket (as in src/lib/server/auth).
		realtime: { transport: WebSocket as unknown as RealtimeTransport }
	});
}

/**
 * postgres.js (https://github.com/porsager/postgres) as the superuser, on the database PostgREST
 * serves: seeding and checking behind the API's back. `await sql.end()` in afterAll.
 */
export function serviceDb(): postgres.Sql {
	return postgres(required('TEST_DATABASE_URL'), { max: 2, onnotice: () => {} });
}

/** A user in auth.users, as Supabase Auth creates them on sign-up; returns its id. */
export async function createUser(sql: postgres.Sql, email?: string): Promise<string> {
	const id = randomUUID();
	await sql`insert into auth.users (id, email) values (${id}, ${email ?? `${id}@test.maillage`})`;
	return id;
}
