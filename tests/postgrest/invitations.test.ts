/**
 * Invitations as a Supabase project serves them (migration 20261127100000): the invited person's
 * own JWT, through supabase-js and PostgREST, accepts with `rpc('accept_invitations')`; the
 * invitation rows stay the owners'. Run with scripts/test-postgrest.sh; skipped without it.
 */
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import { clientFor, createUser, serviceDb, TEST_POSTGREST_URL } from './helpers';

/** accept_invitations is newer than the generated types (the lead regenerates them). */
type AnyClient = SupabaseClient<any, 'public', any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const api = (claims: Claims) => clientFor(claims) as unknown as AnyClient;

describe.skipIf(!TEST_POSTGREST_URL)('invitations through supabase-js and PostgREST 12', () => {
	let sql: postgres.Sql;
	const tag = randomBytes(4).toString('hex');
	const inviteeEmail = `invitee-${tag}@example.org`;
	let owner: string;
	let invitee: string;
	let stranger: string;
	let territory: string;

	beforeAll(async () => {
		sql = serviceDb();
		owner = await createUser(sql, `owner-${tag}@example.org`);
		invitee = await createUser(sql, inviteeEmail);
		stranger = await createUser(sql, `stranger-${tag}@example.org`);
		const [row] = await sql<{ id: string }[]>`
			insert into public.territory (slug, name, created_by)
			values (${`invitations-${tag}`}, 'Invitations', ${owner}) returning id`;
		territory = row!.id;
		await sql`insert into public.membership (territory_id, user_id, role)
			values (${territory}, ${owner}, 'owner')`;
	});

	afterAll(async () => {
		if (!sql) return;
		await sql`delete from public.territory where id = ${territory}`;
		await sql`delete from auth.users where id = any(${[owner, invitee, stranger]}::uuid[])`;
		await sql.end();
	});

	it('the owner invites; only the invited address accepts, once', async () => {
		const asOwner = api(userClaims(owner, `owner-${tag}@example.org`));
		const { error: inviteError } = await asOwner
			.from('invitation')
			.insert({ territory_id: territory, email: inviteeEmail, role: 'editor' });
		expect(inviteError).toBeNull();

		// Nobody else reads it; anon may not even ask.
		const seen = await api(userClaims(invitee, inviteeEmail))
			.from('invitation')
			.select('id')
			.eq('territory_id', territory);
		expect(seen.data).toEqual([]);
		const anonymous = await api(anonClaims).from('invitation').select('id');
		expect(anonymous.error?.code).toBe('42501');
		const anonAccept = await api(anonClaims).rpc('accept_invitations');
		expect(anonAccept.error?.code).toBe('42501');

		// Another account claiming the invited address in its token gets nothing.
		const forged = await api(userClaims(stranger, inviteeEmail)).rpc('accept_invitations');
		expect(forged.error).toBeNull();
		expect(forged.data).toEqual([]);

		const accepted = await api(userClaims(invitee, inviteeEmail)).rpc('accept_invitations');
		expect(accepted.error).toBeNull();
		expect(accepted.data).toEqual([
			{ territory_id: territory, slug: `invitations-${tag}`, name: 'Invitations', role: 'editor' }
		]);
		const [membership] = await sql<{ role: string }[]>`
			select role from public.membership where territory_id = ${territory} and user_id = ${invitee}`;
		expect(membership?.role).toBe('editor');
		const again = await api(userClaims(invitee, inviteeEmail)).rpc('accept_invitations');
		expect(again.data).toEqual([]);
	});

	it('the last owner cannot be removed through the API', async () => {
		const { error } = await api(userClaims(owner, `owner-${tag}@example.org`))
			.from('membership')
			.delete()
			.eq('territory_id', territory)
			.eq('user_id', owner);
		expect(error?.code).toBe('42501');
		expect(error?.message).toContain('au moins un propriétaire');
	});
});
