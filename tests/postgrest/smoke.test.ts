/**
 * The harness works end to end: supabase-js → PostgREST 12 → Postgres 15, JWTs signed with the
 * test secret, RLS deciding. Run with scripts/test-postgrest.sh; skipped without it.
 */
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims } from '../../src/lib/server/db/types';
import { clientFor, createUser, serviceDb, TEST_POSTGREST_URL } from './helpers';

function idOf(rows: readonly { id: string }[]): string {
	if (!rows[0]) throw new Error('insert returned no row');
	return rows[0].id;
}

describe.skipIf(!TEST_POSTGREST_URL)('supabase-js through PostgREST 12', () => {
	let sql: postgres.Sql;
	const tag = randomBytes(4).toString('hex');
	let owner: string;
	let member: string;
	let stranger: string;
	let publicId: string;
	let privateId: string;
	const created: string[] = [];

	beforeAll(async () => {
		sql = serviceDb();
		owner = await createUser(sql);
		member = await createUser(sql);
		stranger = await createUser(sql);
		publicId = idOf(
			await sql<{ id: string }[]>`
				insert into public.territory (slug, name, visibility, created_by)
				values (${`smoke-public-${tag}`}, 'Réseau public', 'public', ${owner}) returning id`
		);
		privateId = idOf(
			await sql<{ id: string }[]>`
				insert into public.territory (slug, name, visibility, created_by)
				values (${`smoke-private-${tag}`}, 'Réseau privé', 'private', ${owner}) returning id`
		);
		created.push(publicId, privateId);
		await sql`
			insert into public.membership (territory_id, user_id, role) values
				(${publicId}, ${owner}, 'owner'),
				(${privateId}, ${owner}, 'owner'),
				(${privateId}, ${member}, 'member')`;
		// A raw row on the public territory: its actors are public, its source rows are not.
		const sourceId = idOf(
			await sql<{ id: string }[]>`
				insert into public.source (territory_id, name) values (${publicId}, 'Registre RNA') returning id`
		);
		await sql`
			insert into public.source_record (territory_id, source_id, row_number, raw, content_hash)
			values (${publicId}, ${sourceId}, 1,
				${sql.json({ titre: 'Les Jardins partagés', courriel: 'marie.dupont@example.fr' })},
				${`hash-${tag}`})`;
	});

	afterAll(async () => {
		if (!sql) return;
		await sql`delete from public.territory where id = any(${created}::uuid[])`;
		await sql`delete from auth.users where id = any(${[owner, member, stranger].filter(Boolean)}::uuid[])`;
		await sql.end();
	});

	it('anon reads the public territories and no other', async () => {
		const { data, error } = await clientFor(anonClaims).from('territory').select('id, visibility');
		expect(error).toBeNull();
		const ids = data!.map((t) => t.id);
		expect(ids).toContain(publicId);
		expect(ids).not.toContain(privateId);
		expect(data!.every((t) => t.visibility === 'public')).toBe(true);
	});

	it('a member reads their private territory; another signed-in user does not', async () => {
		const mine = await clientFor(userClaims(member))
			.from('territory')
			.select('id')
			.eq('id', privateId);
		expect(mine.error).toBeNull();
		expect(mine.data).toEqual([{ id: privateId }]);

		const theirs = await clientFor(userClaims(stranger))
			.from('territory')
			.select('id')
			.eq('id', privateId);
		expect(theirs.error).toBeNull();
		expect(theirs.data).toEqual([]);
	});

	it('anon cannot read source_record, even of a public territory', async () => {
		const anon = await clientFor(anonClaims)
			.from('source_record')
			.select('id, raw')
			.eq('territory_id', publicId);
		expect(anon.error).toBeNull();
		expect(anon.data).toEqual([]);

		// The row is there and the same request reaches it for a member: RLS said no, not the query.
		const own = await clientFor(userClaims(owner))
			.from('source_record')
			.select('raw')
			.eq('territory_id', publicId);
		expect(own.error).toBeNull();
		expect(own.data).toEqual([
			{ raw: { titre: 'Les Jardins partagés', courriel: 'marie.dupont@example.fr' } }
		]);
	});

	it('auth.uid() sees the sub PostgREST puts in request.jwt.claims', async () => {
		const slug = `smoke-created-${tag}`;
		const { data, error } = await clientFor(userClaims(stranger))
			.from('territory')
			.insert({ slug, name: 'Créé par l’API' })
			.select('id, created_by')
			.single();
		expect(error).toBeNull();
		created.push(data!.id);
		expect(data!.created_by).toBe(stranger);
		// The after-insert trigger made the caller its owner, also through auth.uid().
		const roles = await sql`
			select user_id, role from public.membership where territory_id = ${data!.id}`;
		expect([...roles]).toEqual([{ user_id: stranger, role: 'owner' }]);

		const anon = await clientFor(anonClaims)
			.from('territory')
			.insert({ slug: `${slug}-anon`, name: 'Anonyme' });
		expect(anon.error?.code).toBe('42501');
	});
});
