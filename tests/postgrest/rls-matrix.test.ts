/**
 * The RLS matrix (issue #8) as a Supabase project serves it: the same callers, seed, probes and
 * expectations as tests/db/rls-matrix.test.ts (from tests/db/rls-matrix.ts), but every attempt is
 * an unmodified @supabase/supabase-js call through PostgREST 12 → PostgreSQL 15, with the JWT of
 * the caller (the anon key for anon, a service_role JWT for service). Run with
 * `scripts/test-postgrest.sh tests/postgrest/rls-matrix.test.ts`; skipped without it.
 *
 *   select  `.from(table).select(<scope column>).in(<scope column>, <values of T>)`: rows
 *           returned (which rows one sees; which columns, e.g. actor's contacts, is checked apart).
 *   insert  `.insert(row)`: is the row stored? (looked up with the superuser)
 *   update  `.update(change).in(…)`: how many rows of T now carry the change? (superuser)
 *   delete  `.delete().in(…)`: how many rows of T are gone? (superuser)
 *
 * Graded as the SQL runner grades: a refusal (row-level security, permission denied, 42501) is
 * `deny`, and so is a write PostgREST answers 2xx without changing a row. PostgREST commits, so
 * a write that went through is undone before the next cell: territory T is deleted (everything of
 * T cascades) and seeded again with the same ids, and what an insert created elsewhere (a new
 * territory) is deleted.
 */
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import type { Database } from '../../src/lib/supabase/database.types';
import {
	CALLERS,
	CONTACT_VALUES,
	OPERATIONS,
	TABLES,
	TERRITORY_KEYS,
	expectedContactLines,
	readableContact,
	seedContext,
	apiExpectationFor,
	formatLine,
	type Caller,
	type ContactValue,
	type Operation,
	type Row,
	type SeedContext,
	type TableSpec,
	type TerritoryKey
} from '../db/rls-matrix';
import { clientFor, createUser, serviceDb, TEST_POSTGREST_URL } from './helpers';

/** How a refused request shows: an RLS check failure, or no privilege at all (no grant). */
const DENIED = /row-level security|permission denied/;

/** The tables are named by a string from the matrix, not by a literal the generated types know. */
type AnyClient = SupabaseClient<Database, 'public', any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ApiError {
	code?: string;
	message: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const table = (spec: TableSpec) => `public.${ident(spec.name)}`;

function grade(done: number, of: number): string {
	if (done === 0) return 'deny';
	if (done === of) return 'allow';
	if (done > 0 && done < of) return 'partial';
	return `error: ${done} of ${of}`;
}

function refusal(error: ApiError): string {
	return error.code === '42501' || DENIED.test(error.message)
		? 'deny'
		: `error: ${error.code ?? ''} ${error.message.split('\n')[0]}`;
}

/**
 * Functions of `public` that anon or authenticated may execute (so PostgREST serves them at
 * /rpc/<name>), keyed by signature. `writes`: volatile, so it may write. Trigger functions are
 * left out (not callable).
 */
const RPC_FUNCTIONS: Record<string, { anon: boolean; authenticated: boolean; writes: boolean }> = {
	// Executable by anon through Supabase's default privileges despite `revoke … from public`;
	// refuses anon itself (42501): see the probe below.
	// An actor's contact values as its visibilities allow the caller (see CONTACT_VISIBILITY).
	'actor_contacts(uuid,uuid)': { anon: true, authenticated: true, writes: false },
	// Pending invitations of the caller's confirmed email → memberships (migration 20261127100000).
	// Revoked from anon by name, so Supabase's default privileges do not hand it back.
	'accept_invitations()': { anon: false, authenticated: true, writes: true },
	'bump_census_version(uuid,integer)': { anon: true, authenticated: true, writes: true },
	// The visibility rule itself, from its arguments only: reads no table (migration 20261127140000).
	'contact_readable(jsonb,text,text)': { anon: true, authenticated: true, writes: false },
	// Whether a draw's pool is still open / the draw was run, read under the caller's RLS (the
	// draw policies use them): a draw the caller may not read is neither (migration 20261128090000).
	'draw_is_drawn(uuid,uuid)': { anon: true, authenticated: true, writes: false },
	'draw_is_open(uuid,uuid)': { anon: true, authenticated: true, writes: false },
	'has_territory_role(uuid,text[])': { anon: true, authenticated: true, writes: false },
	'my_territory_ids()': { anon: true, authenticated: true, writes: false },
	'public_territory_ids()': { anon: true, authenticated: true, writes: false },
	// Which listing row went into which actor (no values), for members of t; no rows for others.
	'source_record_links(uuid)': { anon: true, authenticated: true, writes: false },
	// The members of t with their email, for its owners; nothing for anybody else.
	'territory_members(uuid)': { anon: false, authenticated: true, writes: false },
	'territory_role(uuid)': { anon: true, authenticated: true, writes: false }
};

/** Arguments that would make each writing function write on territory T, were the caller allowed. */
const WRITE_PROBES: Record<string, (c: SeedContext, version: number) => Record<string, unknown>> = {
	'bump_census_version(uuid,integer)': (c, version) => ({ t: c.id('territory'), expected: version })
};

describe.skipIf(!TEST_POSTGREST_URL)('RLS matrix through supabase-js and PostgREST 12', () => {
	let sql: postgres.Sql;
	const users = new Map<string, string>();
	const contexts = {} as Record<TerritoryKey, SeedContext>;
	const clients = new Map<string, AnyClient>();
	/** Per `${territory} ${table}`: how many rows of T the seed made. */
	const seededRows = new Map<string, number>();

	const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
		sql.unsafe<T[]>(text, params as never[]);

	async function count(text: string, params: unknown[] = []): Promise<number> {
		const [row] = await q<{ n: number }>(text, params);
		return Number(row!.n);
	}

	function scopeSql(spec: TableSpec, c: SeedContext, alias = '', n = 1) {
		const { column, values } = spec.scope(c);
		return {
			where: `${alias}${ident(column)}::text in (select json_array_elements_text($${n}::text::json))`,
			param: JSON.stringify(values)
		};
	}

	const inScope = (spec: TableSpec, c: SeedContext) => {
		const scope = scopeSql(spec, c);
		return count(`select count(*)::int as n from ${table(spec)} where ${scope.where}`, [
			scope.param
		]);
	};

	/** Rows of the table (of territory T when `c` is given) whose columns equal all of `values`. */
	function matching(spec: TableSpec, values: Row, c?: SeedContext) {
		const equal = Object.keys(values)
			.map(ident)
			.map((col) => `t.${col} is not distinct from r.${col}`);
		const scope = c ? scopeSql(spec, c, 't.', 2) : undefined;
		return {
			from: `${table(spec)} as t, json_populate_record(null::${table(spec)}, $1::text::json) as r`,
			where: [...equal, ...(scope ? [scope.where] : [])].join(' and '),
			params: [JSON.stringify(values), ...(scope ? [scope.param] : [])]
		};
	}

	function countMatching(spec: TableSpec, values: Row, c?: SeedContext): Promise<number> {
		const m = matching(spec, values, c);
		return count(`select count(*)::int as n from ${m.from} where ${m.where}`, m.params);
	}

	async function deleteMatching(spec: TableSpec, values: Row): Promise<void> {
		const equal = Object.keys(values)
			.map(ident)
			.map((col) => `t.${col} is not distinct from r.${col}`);
		await q(
			`delete from ${table(spec)} as t
			  using json_populate_record(null::${table(spec)}, $1::text::json) as r
			  where ${equal.join(' and ')}`,
			[JSON.stringify(values)]
		);
	}

	/** Territory T as the seed made it: the old one deleted (cascading), every row inserted again. */
	async function reseed(c: SeedContext): Promise<void> {
		await sql.begin(async (tx) => {
			await tx.unsafe('delete from public.territory where id = $1', [c.id('territory')]);
			await tx.unsafe('delete from public.commune_shape where code = any($1::text[])', [
				[...c.territory.communeCodes]
			]);
			for (const spec of TABLES) {
				for (const row of spec.seed(c)) {
					const columns = Object.keys(row).map(ident).join(', ');
					await tx.unsafe(
						`insert into ${table(spec)} (${columns})
						 select ${columns} from json_populate_record(null::${table(spec)}, $1::text::json)`,
						[JSON.stringify(row)]
					);
				}
			}
		});
	}

	function claimsOf(caller: Caller): Claims {
		if (caller.dbRole === 'anon') return anonClaims;
		if (caller.dbRole === 'authenticated') return userClaims(users.get(caller.key)!);
		return { role: 'service_role' };
	}

	function clientOf(caller: Caller): AnyClient {
		if (!clients.has(caller.key)) clients.set(caller.key, clientFor(claimsOf(caller)) as AnyClient);
		return clients.get(caller.key)!;
	}

	/** One cell: the request, its grade, and T restored when the request may have changed it. */
	async function cell(
		api: AnyClient,
		spec: TableSpec,
		c: SeedContext,
		op: Operation
	): Promise<string> {
		const seeded = seededRows.get(`${c.key} ${spec.name}`)!;
		const { column, values } = spec.scope(c);
		switch (op) {
			case 'select': {
				const { data, error } = await api.from(spec.name).select(column).in(column, values);
				if (error) return refusal(error);
				return grade(data.length, seeded);
			}
			case 'insert': {
				const row = spec.insert(c);
				const { error } = await api.from(spec.name).insert(row);
				if (error) return refusal(error);
				const outcome = grade(await countMatching(spec, row), 1);
				await deleteMatching(spec, row);
				await reseed(c);
				return outcome;
			}
			case 'update': {
				const patch = spec.update(c);
				const { error, count: changed } = await api
					.from(spec.name)
					.update(patch, { count: 'exact' })
					.in(column, values);
				if (error) return refusal(error);
				const outcome = grade(await countMatching(spec, patch, c), seeded);
				if (changed !== 0 || outcome !== 'deny') await reseed(c);
				return outcome;
			}
			case 'delete': {
				const { error, count: removed } = await api
					.from(spec.name)
					.delete({ count: 'exact' })
					.in(column, values);
				if (error) return refusal(error);
				const outcome = grade(seeded - (await inScope(spec, c)), seeded);
				if (removed !== 0 || outcome !== 'deny') await reseed(c);
				return outcome;
			}
		}
	}

	beforeAll(async () => {
		sql = serviceDb();
		for (const caller of CALLERS) {
			if (caller.dbRole === 'authenticated') users.set(caller.key, await createUser(sql));
		}
		users.set('newcomer', await createUser(sql));
		for (const key of TERRITORY_KEYS) {
			contexts[key] = seedContext(key, users);
			await reseed(contexts[key]);
		}
		// The cells grade against these counts: the scope must find exactly the seed, and no seeded
		// row may already look like a probe's result.
		for (const spec of TABLES) {
			for (const key of TERRITORY_KEYS) {
				const c = contexts[key];
				const scoped = await inScope(spec, c);
				expect(scoped, `${key} ${spec.name}`).toBe(spec.seed(c).length);
				expect(await countMatching(spec, spec.insert(c)), `${key} ${spec.name}`).toBe(0);
				expect(await countMatching(spec, spec.update(c), c), `${key} ${spec.name}`).toBe(0);
				seededRows.set(`${key} ${spec.name}`, scoped);
			}
		}
	});

	afterAll(async () => {
		if (!sql) return;
		for (const key of TERRITORY_KEYS) {
			const c = contexts[key];
			if (!c) continue;
			await q('delete from public.territory where id = $1', [c.id('territory')]);
			await q('delete from public.commune_shape where code = any($1::text[])', [
				[...c.territory.communeCodes]
			]);
		}
		const ids = [...users.values()];
		if (ids.length) await q('delete from auth.users where id = any($1::uuid[])', [ids]);
		await sql.end();
	});

	describe('/rpc: the functions of public the API roles may call', () => {
		it('are these, and nothing new is callable unnoticed', async () => {
			const rows = await q<{ fn: string; anon: boolean; authenticated: boolean; writes: boolean }>(
				`select p.oid::regprocedure::text as fn,
				        has_function_privilege('anon', p.oid, 'execute') as anon,
				        has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
				        p.provolatile = 'v' as writes
				   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				  where n.nspname = 'public' and p.prokind = 'f'
				    and p.prorettype <> 'trigger'::regtype
				    and (has_function_privilege('anon', p.oid, 'execute')
				      or has_function_privilege('authenticated', p.oid, 'execute'))
				  order by 1`
			);
			expect(Object.fromEntries(rows.map(({ fn, ...rest }) => [fn, rest]))).toEqual(RPC_FUNCTIONS);
		});

		it('every volatile one anon may execute has a probe here', () => {
			const volatileForAnon = Object.entries(RPC_FUNCTIONS)
				.filter(([, f]) => f.anon && f.writes)
				.map(([fn]) => fn)
				.sort();
			expect(volatileForAnon).toEqual(Object.keys(WRITE_PROBES).sort());
		});

		// On Supabase, `alter default privileges … grant all on functions to anon` hands anon every
		// new function of public, so `revoke … from public` in the migration does not take
		// bump_census_version away from anon: the function itself must refuse, and does.
		it('bump_census_version refuses anon and non-editors; an editor bumps', async () => {
			const version = async (c: SeedContext) =>
				count('select census_version as n from public.territory where id = $1', [
					c.id('territory')
				]);
			const callerOf = (key: string) => CALLERS.find((c) => c.key === key)!;
			const seen: string[] = [];
			for (const who of ['anon', 'outsider', 'viewerB', 'memberB', 'editorA']) {
				for (const key of TERRITORY_KEYS) {
					const c = contexts[key];
					const before = await version(c);
					const { error } = await clientOf(callerOf(who)).rpc(
						'bump_census_version',
						WRITE_PROBES['bump_census_version(uuid,integer)']!(c, before)
					);
					const after = await version(c);
					seen.push(
						`${who} ${key} ${error ? refusal(error) : 'no error'} version +${after - before}`
					);
				}
			}
			expect(seen).toEqual([
				'anon A deny version +0',
				'anon B deny version +0',
				'outsider A deny version +0',
				'outsider B deny version +0',
				'viewerB A deny version +0',
				'viewerB B deny version +0',
				'memberB A deny version +0',
				'memberB B deny version +0',
				// The editor of A bumps A (the probe can succeed), not B.
				'editorA A no error version +1',
				'editorA B deny version +0'
			]);
			await reseed(contexts.A);
		});

		// Members may not read source_record (raw values: G2); this gives them its links only.
		it('source_record_links gives members of T the rows of T, without values; others nothing', async () => {
			const seen: string[] = [];
			for (const caller of CALLERS) {
				for (const key of TERRITORY_KEYS) {
					const { data, error } = await clientOf(caller).rpc('source_record_links', {
						t: contexts[key].id('territory')
					});
					const rows = (data ?? []) as Record<string, unknown>[];
					const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort().join(',');
					seen.push(
						`${caller.key} ${key} ${error ? refusal(error) : `${rows.length} rows ${columns}`}`
					);
				}
			}
			const columns = 'actor_id,gone,id,row_number,source_id,territory_id';
			expect(seen).toEqual(
				CALLERS.flatMap((caller) =>
					TERRITORY_KEYS.map((key) => {
						return caller.membership?.territory === key
							? `${caller.key} ${key} 3 rows ${columns}`
							: `${caller.key} ${key} 0 rows `;
					})
				)
			);
		});
	});

	describe('contacts', () => {
		it('select=* on actor is refused to the API roles: contacts are not columns they may read', async () => {
			for (const caller of CALLERS.filter((c) => c.dbRole !== 'service_role')) {
				const { error } = await clientOf(caller)
					.from('actor')
					.select('*')
					.eq('id', contexts.B.id('actor1'));
				expect(error?.code, caller.key).toBe('42501');
			}
		});

		it('each caller reads through actor_contact the values their role may see', async () => {
			const seen: string[] = [];
			for (const caller of CALLERS) {
				for (const key of TERRITORY_KEYS) {
					const { data, error } = await clientOf(caller)
						.from('actor_contact')
						.select(CONTACT_VALUES.join(','))
						.eq('actor_id', contexts[key].id('actor3'));
					if (error) throw new Error(`${caller.key} ${key}: ${error.message}`);
					const rows = (data ?? []) as unknown as Record<ContactValue, unknown>[];
					const values =
						rows.length === 0
							? 'none'
							: CONTACT_VALUES.filter((v) => readableContact(rows[0]![v])).join(' ');
					seen.push(`${caller.key} ${key} ${values}`);
				}
			}
			expect(seen).toEqual(expectedContactLines());
		});
	});

	describe('every cell', () => {
		for (const caller of CALLERS) {
			it(`${caller.key}: ${caller.description}`, { timeout: 120_000 }, async () => {
				const api = clientOf(caller);
				const actual: string[] = [];
				for (const key of TERRITORY_KEYS) {
					for (const spec of TABLES) {
						const cells = {} as Record<Operation, string>;
						for (const op of OPERATIONS) cells[op] = await cell(api, spec, contexts[key], op);
						actual.push(formatLine(caller.key, key, spec.name, cells));
					}
				}
				const expected = TERRITORY_KEYS.flatMap((key) =>
					TABLES.map((spec) => {
						const e = apiExpectationFor(caller.key, key, spec.name);
						return formatLine(e.caller, e.territory, e.table, e.cells);
					})
				);
				expect(actual).toEqual(expected);
			});
		}
	});
});
