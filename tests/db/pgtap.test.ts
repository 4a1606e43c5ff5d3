/**
 * Runs every supabase/tests/*.sql pgTAP file on a migrated database and fails on any `not ok`,
 * on a plan that does not match the assertions run, or on a file that errors.
 * Embedded: pgTAP from @electric-sql/pglite-pgtap. Real Postgres: the server's pgtap extension.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, freshDatabase, type TestDatabase } from './helpers';

const dir = resolve(process.cwd(), 'supabase/tests');
const files = readdirSync(dir)
	.filter((f) => f.endsWith('.sql'))
	.sort();

/** All text cells of all result sets: pgTAP prints one TAP line per row. */
async function runFile(db: TestDatabase, sql: string): Promise<string[]> {
	if (db.pglite) {
		const results = await db.pglite.exec(sql);
		return results.flatMap((r) => r.rows.flatMap((row) => Object.values(row).map(String)));
	}
	const conn = postgres(db.url!, { max: 1, onnotice: () => {} });
	try {
		const results = (await conn.unsafe(sql).simple()) as unknown as unknown[];
		// One statement gives a row list; several give a list of row lists.
		const sets = (
			Array.isArray(results[0]) || results.length === 0 ? results : [results]
		) as Record<string, unknown>[][];
		return sets.flatMap((rows) => rows.flatMap((row) => Object.values(row).map(String)));
	} finally {
		await conn.end();
	}
}

export function parseTap(lines: string[]) {
	const tap = lines.flatMap((l) => l.split('\n'));
	const plan = tap.map((l) => /^1\.\.(\d+)$/.exec(l)).find(Boolean);
	return {
		planned: plan ? Number(plan[1]) : undefined,
		passed: tap.filter((l) => /^ok \d+/.test(l)),
		failed: tap.filter((l) => /^not ok \d+/.test(l)),
		diagnostics: tap.filter((l) => l.startsWith('#'))
	};
}

describe('pgTAP (supabase/tests)', () => {
	it('finds test files', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	for (const file of files) {
		it(file, async () => {
			const db = await freshDatabase({ pgtap: true });
			try {
				const result = parseTap(await runFile(db, readFileSync(join(dir, file), 'utf8')));
				expect(result.failed, result.diagnostics.join('\n')).toEqual([]);
				expect(result.planned).toBeGreaterThan(0);
				expect(result.passed).toHaveLength(result.planned!);
			} finally {
				await db.close();
			}
		});
	}
});

it('parseTap reports failures and plan mismatches', () => {
	const r = parseTap(['1..3', 'ok 1 - a', 'not ok 2 - b\n# Failed test 2', 'ok 3']);
	expect(r.planned).toBe(3);
	expect(r.passed).toHaveLength(2);
	expect(r.failed).toEqual(['not ok 2 - b']);
	expect(TEST_DATABASE_URL === undefined || typeof TEST_DATABASE_URL === 'string').toBe(true);
});
