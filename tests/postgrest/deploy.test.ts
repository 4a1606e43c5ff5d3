/**
 * README « Deploy on Supabase », steps 7 and 8, on the database as a Supabase project serves it:
 * a new account creates its territory through supabase-js and becomes its owner; the README's SQL
 * snippet (read from the README itself, so the two cannot drift apart) makes another account
 * owner; what the anon key exposes is what step 8 says. Run with scripts/test-postgrest.sh;
 * skipped without it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims } from '../../src/lib/server/db/types';
import { clientFor, createUser, serviceDb, TEST_POSTGREST_URL } from './helpers';

/** The SQL block of the README's « First owner » step. */
function readmeFirstOwnerSql(): string {
	const readme = readFileSync('README.md', 'utf8');
	const step = readme.slice(readme.indexOf('**First owner.**'));
	const block = /```sql\n([\s\S]*?)```/.exec(step);
	if (!block) throw new Error('README: no SQL block after « First owner »');
	return block[1]!;
}

describe.skipIf(!TEST_POSTGREST_URL)('README: deploy on Supabase, first owner', () => {
	let sql: postgres.Sql;
	const tag = randomBytes(4).toString('hex');
	const slug = `premier-${tag}`;
	let founder: string;
	let second: string;
	const secondEmail = `second-${tag}@example.org`;
	let territory: string;

	beforeAll(async () => {
		sql = serviceDb();
		founder = await createUser(sql, `founder-${tag}@example.org`);
		second = await createUser(sql, secondEmail);
	});

	afterAll(async () => {
		if (!sql) return;
		await sql`delete from public.territory where slug = ${slug}`;
		await sql`delete from auth.users where id = any(${[founder, second]}::uuid[])`;
		await sql.end();
	});

	it('a new account creates a territory and is its owner, with the default licence', async () => {
		const api = clientFor(userClaims(founder));
		const { data, error } = await api
			.from('territory')
			.insert({ slug, name: 'Premier territoire' })
			.select('id, licence, visibility')
			.single();
		expect(error).toBeNull();
		territory = data!.id;
		expect(data).toMatchObject({ licence: 'CC-BY-SA-4.0', visibility: 'private' });
		const { data: roles } = await api
			.from('membership')
			.select('user_id, role')
			.eq('territory_id', territory);
		expect(roles).toEqual([{ user_id: founder, role: 'owner' }]);
	});

	it("the README's SQL makes another account owner, who may then change the territory", async () => {
		const asSecond = clientFor(userClaims(second, secondEmail));
		const before = await asSecond
			.from('territory')
			.update({ name: 'Renommé' })
			.eq('id', territory)
			.select('id');
		expect(before.data).toEqual([]);

		const statement = readmeFirstOwnerSql()
			.replace("'mon-territoire'", `'${slug}'`)
			.replace("'personne@example.org'", `'${secondEmail}'`);
		expect(statement).toContain(slug);
		await sql.unsafe(statement);

		const after = await asSecond
			.from('territory')
			.update({ name: 'Renommé' })
			.eq('id', territory)
			.select('name');
		expect(after.data).toEqual([{ name: 'Renommé' }]);
	});

	it('the anon key reads no actor row whole and no raw listing row (step 8)', async () => {
		const anon = clientFor(anonClaims);
		const actors = await anon.from('actor').select('*');
		expect(actors.error?.code).toBe('42501');
		const raw = await anon.from('source_record').select('id');
		expect(raw.error === null ? raw.data : []).toEqual([]);
	});
});
