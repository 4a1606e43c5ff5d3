/**
 * The RLS matrix (issue #8): every caller of tests/db/rls-matrix.ts × territory A (private) and
 * B (public) × every table of `public` × select / insert / update / delete, run in SQL the way
 * PostgREST runs a request (`db.asUser`: `set local role` + request.jwt.claims), compared with the
 * expectations written there.
 *
 * One transaction per caller; each cell runs inside a savepoint that is rolled back, so cells
 * never see each other's writes. A write's effect is measured inside that savepoint with the
 * connection's own rights (`reset role`): rows changed or removed, whatever the caller may see.
 * The savepoint rollback puts the caller's role back.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userClaims, type Claims, type Tx } from '../../src/lib/server/db/types';
import { createUser, freshDatabase, type TestDatabase } from './helpers';
import {
	ANON_ACTOR_COLUMNS,
	CALLERS,
	CONTACT_VALUES,
	DOC_PATH,
	EXPECTATIONS,
	FORGED_AUTHORSHIP,
	OPERATIONS,
	SELF_PROMOTION,
	TABLES,
	TERRITORY_KEYS,
	expectedContactLines,
	readableContact,
	seedContext,
	VIEWS,
	expectationFor,
	formatLine,
	renderSecurityMatrix,
	type Caller,
	type CallerKey,
	type ContactValue,
	type Operation,
	type Row,
	type SeedContext,
	type TableSpec,
	type TerritoryKey
} from './rls-matrix';

/** How a refused write shows: an RLS check failure, or no privilege at all (no grant). */
const DENIED = /row-level security|permission denied/;

let db: TestDatabase;
const users = new Map<string, string>();
const contexts = {} as Record<TerritoryKey, SeedContext>;
/** Per `${territory} ${table}`: how many rows of T the seed made. */
const seededRows = new Map<string, number>();

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const table = (spec: TableSpec) => `public.${ident(spec.name)}`;

const callerOf = (key: CallerKey): Caller => CALLERS.find((c) => c.key === key)!;

function claimsOf(caller: Caller): Claims {
	if (caller.dbRole === 'authenticated') return userClaims(users.get(caller.key)!);
	return { role: caller.dbRole };
}

/** `<alias.>column` is one of the scope values (parameter $n: a JSON array of strings). */
function scopeSql(spec: TableSpec, c: SeedContext, alias = '', n = 1) {
	const { column, values } = spec.scope(c);
	return {
		where: `${alias}${ident(column)}::text in (select json_array_elements_text($${n}::text::json))`,
		param: JSON.stringify(values)
	};
}

/**
 * `insert … select` from json_populate_record: one JSON parameter whatever the column types, the
 * same on PGlite and postgres.js, and the columns left out keep their defaults.
 */
function insertSql(spec: TableSpec, row: Row): string {
	const columns = Object.keys(row).map(ident).join(', ');
	return `insert into ${table(spec)} (${columns})
	        select ${columns} from json_populate_record(null::${table(spec)}, $1::text::json)`;
}

async function insertRow(tx: Tx, spec: TableSpec, row: Row): Promise<void> {
	await tx.query(insertSql(spec, row), [JSON.stringify(row)]);
}

async function count(tx: Tx, sql: string, params: unknown[] = []): Promise<number> {
	const [row] = await tx.query<{ n: number }>(sql, params);
	return Number(row!.n);
}

/** Rows of the table (of territory T when `c` is given) whose columns equal all of `values`. */
function countMatching(tx: Tx, spec: TableSpec, values: Row, c?: SeedContext): Promise<number> {
	const equal = Object.keys(values)
		.map(ident)
		.map((col) => `t.${col} is not distinct from r.${col}`);
	const scope = c ? scopeSql(spec, c, 't.', 2) : undefined;
	return count(
		tx,
		`select count(*)::int as n
		   from ${table(spec)} as t, json_populate_record(null::${table(spec)}, $1::text::json) as r
		  where ${[...equal, ...(scope ? [scope.where] : [])].join(' and ')}`,
		[JSON.stringify(values), ...(scope ? [scope.param] : [])]
	);
}

function grade(done: number, of: number): string {
	if (done === 0) return 'deny';
	if (done === of) return 'allow';
	if (done > 0 && done < of) return 'partial';
	return `error: ${done} of ${of}`;
}

/**
 * One attempt, inside a savepoint rolled back whatever happens. `run` is the caller's statement:
 * refused → 'deny' (any other error is reported as such). When it goes through, `measure` sees
 * its effect with the connection's own rights (`reset role`, which the rollback to the savepoint
 * undoes like the rest).
 */
async function probe(
	tx: Tx,
	run: () => Promise<unknown>,
	measure: () => Promise<string>
): Promise<string> {
	await tx.exec('savepoint matrix_probe');
	try {
		try {
			await run();
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			// 42501 as the PostgREST runner grades it: a refusal the database words itself (the
			// last owner of a territory, migration 20261127100000).
			const refused = DENIED.test(message) || (error as { code?: unknown }).code === '42501';
			return refused ? 'deny' : `error: ${message.split('\n')[0]}`;
		}
		await tx.exec('reset role');
		return await measure();
	} finally {
		await tx.exec('rollback to savepoint matrix_probe');
	}
}

function cell(tx: Tx, spec: TableSpec, c: SeedContext, op: Operation): Promise<string> {
	const seeded = seededRows.get(`${c.key} ${spec.name}`)!;
	const scope = scopeSql(spec, c);
	const inScope = () =>
		count(tx, `select count(*)::int as n from ${table(spec)} where ${scope.where}`, [scope.param]);
	switch (op) {
		case 'select': {
			let seen = 0;
			return probe(
				tx,
				async () => (seen = await inScope()),
				async () => grade(seen, seeded)
			);
		}
		case 'insert': {
			const row = spec.insert(c);
			return probe(
				tx,
				() => insertRow(tx, spec, row),
				async () => grade(await countMatching(tx, spec, row), 1)
			);
		}
		case 'update': {
			const patch = spec.update(c);
			const set = Object.keys(patch)
				.map(ident)
				.map((col) => `${col} = r.${col}`);
			return probe(
				tx,
				() =>
					tx.query(
						`update ${table(spec)} as t set ${set.join(', ')}
						   from json_populate_record(null::${table(spec)}, $2::text::json) as r
						  where ${scopeSql(spec, c, 't.').where}`,
						[scope.param, JSON.stringify(patch)]
					),
				async () => grade(await countMatching(tx, spec, patch, c), seeded)
			);
		}
		case 'delete':
			return probe(
				tx,
				() => tx.query(`delete from ${table(spec)} where ${scope.where}`, [scope.param]),
				async () => grade(seeded - (await inScope()), seeded)
			);
	}
}

class Rollback extends Error {}

/** Runs `fn` as `claims` in one transaction that is always rolled back; gives fn's result. */
async function rolledBack<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
	let result: { value: T } | undefined;
	try {
		await db.asUser(claims, async (tx) => {
			result = { value: await fn(tx) };
			throw new Rollback();
		});
	} catch (error) {
		if (!(error instanceof Rollback)) throw error;
	}
	return result!.value;
}

/** After the savepoint games: still the caller's role and identity? */
async function assertStillCaller(tx: Tx, caller: Caller, claims: Claims): Promise<void> {
	const [who] = await tx.query<{ role: string; uid: string | null }>(
		'select current_user::text as role, auth.uid()::text as uid'
	);
	expect(who).toEqual({ role: caller.dbRole, uid: claims.sub ?? null });
}

beforeAll(async () => {
	db = await freshDatabase();
	for (const caller of CALLERS) {
		if (caller.dbRole === 'authenticated') {
			users.set(caller.key, await createUser(db, `${caller.key}@matrice.example.org`));
		}
	}
	users.set('newcomer', await createUser(db, 'newcomer@matrice.example.org'));
	for (const key of TERRITORY_KEYS) contexts[key] = seedContext(key, users);

	// Seeded as the service role, as a PostgREST runner would with the service key.
	await db.asUser({ role: 'service_role' }, async (tx) => {
		for (const spec of TABLES) {
			for (const key of TERRITORY_KEYS) {
				for (const row of spec.seed(contexts[key])) await insertRow(tx, spec, row);
			}
		}
	});
	// The cells grade against these counts: the scope must find exactly the seed, and no seeded
	// row may already look like a probe's result.
	await db.asAdmin(async (tx) => {
		for (const spec of TABLES) {
			for (const key of TERRITORY_KEYS) {
				const c = contexts[key];
				const scope = scopeSql(spec, c);
				const scoped = await count(
					tx,
					`select count(*)::int as n from ${table(spec)} where ${scope.where}`,
					[scope.param]
				);
				expect(scoped, `${key} ${spec.name}`).toBe(spec.seed(c).length);
				expect(await countMatching(tx, spec, spec.insert(c)), `${key} ${spec.name}`).toBe(0);
				expect(await countMatching(tx, spec, spec.update(c), c), `${key} ${spec.name}`).toBe(0);
				seededRows.set(`${key} ${spec.name}`, scoped);
			}
		}
	});
});

afterAll(async () => {
	await db?.close();
});

describe('the matrix covers the schema', () => {
	it('has a line for every table of public, and RLS is on for each', async () => {
		const relations = await db.asAdmin((tx) =>
			tx.query<{ name: string; kind: string; rls: boolean }>(
				`select c.relname::text as name, c.relkind::text as kind, c.relrowsecurity as rls
				   from pg_class c join pg_namespace n on n.oid = c.relnamespace
				  where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
				  order by 1`
			)
		);
		// A view, foreign table or new table served by PostgREST needs its own expectation lines.
		expect(relations.map((r) => r.name).sort()).toEqual(
			[...TABLES.map((t) => t.name), ...VIEWS].sort()
		);
		expect(relations.filter((r) => (r.kind === 'r' || r.kind === 'p') && !r.rls)).toEqual([]);
	});

	it('has one expectation per caller, territory and table', () => {
		expect(EXPECTATIONS).toHaveLength(CALLERS.length * TERRITORY_KEYS.length * TABLES.length);
	});

	it('docs/security-matrix.md is up to date (node --import tsx tests/db/rls-matrix-doc.ts)', () => {
		const doc = readFileSync(new URL(`../../${DOC_PATH}`, import.meta.url), 'utf8');
		expect(doc).toBe(renderSecurityMatrix());
	});
});

describe('RLS matrix', () => {
	for (const caller of CALLERS) {
		it(`${caller.key}: ${caller.description}`, async () => {
			const claims = claimsOf(caller);
			const actual = await rolledBack(claims, async (tx) => {
				const lines: string[] = [];
				for (const key of TERRITORY_KEYS) {
					for (const spec of TABLES) {
						const cells = {} as Record<Operation, string>;
						for (const op of OPERATIONS) cells[op] = await cell(tx, spec, contexts[key], op);
						lines.push(formatLine(caller.key, key, spec.name, cells));
					}
				}
				await assertStillCaller(tx, caller, claims);
				return lines;
			});
			const expected = TERRITORY_KEYS.flatMap((key) =>
				TABLES.map((spec) => {
					const e = expectationFor(caller.key, key, spec.name);
					return formatLine(e.caller, e.territory, e.table, e.cells);
				})
			);
			expect(actual).toEqual(expected);
		});
	}
});

describe('beyond rows', () => {
	it('anon reads these columns of an actor of the public territory', async () => {
		const c = contexts.B;
		const seeded = TABLES.find((t) => t.name === 'actor')!.seed(c)[0]!;
		const columns = await db.asAdmin((tx) =>
			tx.query<{ name: string }>(
				`select column_name::text as name from information_schema.columns
				  where table_schema = 'public' and table_name = 'actor' order by ordinal_position`
			)
		);
		const actual = await rolledBack(claimsOf(callerOf('anon')), async (tx) => {
			const seen: Record<string, string> = {};
			for (const { name } of columns) {
				let rows: { v: unknown }[] = [];
				const outcome = await probe(
					tx,
					async () =>
						(rows = await tx.query(`select ${ident(name)} as v from public.actor where id = $1`, [
							c.id('actor1')
						])),
					// A seeded value must come back as such: a view or policy could hand out the row
					// with the column emptied.
					async () =>
						rows.length === 1 && (seeded[name] == null || rows[0]!.v != null)
							? 'readable'
							: 'hidden'
				);
				seen[name] = outcome === 'deny' ? 'hidden' : outcome;
			}
			return seen;
		});
		expect(actual).toEqual(Object.fromEntries(ANON_ACTOR_COLUMNS.map((e) => [e.name, e.value])));
	});

	it('each caller reads through actor_contact the contact values their role may see', async () => {
		const actual: string[] = [];
		for (const caller of CALLERS) {
			const lines = await rolledBack(claimsOf(caller), async (tx) => {
				const out: string[] = [];
				for (const key of TERRITORY_KEYS) {
					const rows = await tx.query<Record<ContactValue, unknown>>(
						`select ${CONTACT_VALUES.join(', ')} from public.actor_contact where actor_id = $1`,
						[contexts[key].id('actor3')]
					);
					const values =
						rows.length === 0
							? 'none'
							: CONTACT_VALUES.filter((v) => readableContact(rows[0]![v])).join(' ');
					out.push(`${caller.key} ${key} ${values}`);
				}
				return out;
			});
			actual.push(...lines);
		}
		expect(actual).toEqual(expectedContactLines());
	});

	it('authorship columns: the editor of A names the owner of A as author', async () => {
		const c = contexts.A;
		const actual = await rolledBack(claimsOf(callerOf('editorA')), async (tx) => {
			const seen: Record<string, string> = {};
			for (const { name } of FORGED_AUTHORSHIP) {
				const [tableName, column] = name.split('.') as [string, string];
				const spec = TABLES.find((t) => t.name === tableName)!;
				const row = { ...spec.insert(c), [column]: c.user('owner') };
				seen[name] = await probe(
					tx,
					() => insertRow(tx, spec, row),
					async () => grade(await countMatching(tx, spec, row), 1)
				);
			}
			return seen;
		});
		expect(actual).toEqual(Object.fromEntries(FORGED_AUTHORSHIP.map((e) => [e.name, e.value])));
	});

	it('nobody makes itself owner of a territory it does not own', async () => {
		const seen: string[] = [];
		for (const who of CALLERS.filter((k) => k.dbRole === 'authenticated')) {
			const self = users.get(who.key)!;
			const lines = await rolledBack(claimsOf(who), async (tx) => {
				const out: string[] = [];
				for (const key of TERRITORY_KEYS) {
					if (who.membership?.territory === key && who.membership.role === 'owner') continue;
					const territory = contexts[key].id('territory');
					const isOwner = async () =>
						(await count(
							tx,
							`select count(*)::int as n from public.membership
							  where territory_id = $1 and user_id = $2 and role = 'owner'`,
							[territory, self]
						))
							? 'allow'
							: 'deny';
					const insert = await probe(
						tx,
						() =>
							tx.query(
								`insert into public.membership (territory_id, user_id, role)
								 values ($1, $2, 'owner')`,
								[territory, self]
							),
						isOwner
					);
					const update = await probe(
						tx,
						() =>
							tx.query(
								`update public.membership set role = 'owner'
								  where territory_id = $1 and user_id = $2`,
								[territory, self]
							),
						isOwner
					);
					out.push(`${who.key} ${key} insert ${insert}`, `${who.key} ${key} update ${update}`);
				}
				return out;
			});
			seen.push(...lines);
		}
		// Every signed-in caller on every territory it does not own, two ways each.
		const signedIn = CALLERS.filter((k) => k.dbRole === 'authenticated');
		const owners = signedIn.filter((k) => k.membership?.role === 'owner');
		expect(seen).toHaveLength((signedIn.length * TERRITORY_KEYS.length - owners.length) * 2);
		expect(seen.filter((line) => !line.endsWith(` ${SELF_PROMOTION}`))).toEqual([]);
	});
});
