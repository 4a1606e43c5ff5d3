/**
 * Territory settings in the database (migration 20261127100000_territory_settings.sql): the
 * licence a new territory gets, invitations (who sees, adds and cancels them), accepting them on
 * sign-in, the last owner a territory keeps, who may reorder the listings, who reads the
 * members' addresses, and the settings page's `remove` action (it asks before removing).
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

// The settings page's actions read the database through getDatabase(): this test's database.
const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));

const settingsPage = await import('../../src/routes/t/[territory]/settings/+page.server');

const REFUSED = /row-level security|permission denied/;

type Who = 'owner' | 'editor' | 'member' | 'viewer' | 'outsider';
const WHO: readonly Who[] = ['owner', 'editor', 'member', 'viewer', 'outsider'];

let db: TestDatabase;
const ids = {} as Record<Who, string>;
const emails = (who: Who) => `${who}@settings.example.org`;
const claims = (who: Who): Claims => userClaims(ids[who], emails(who));
let territory: string;

async function invitationsSeen(who: Claims): Promise<number> {
	const [row] = await db.asUser(who, (tx) =>
		tx.query<{ n: number }>(
			'select count(*)::int as n from public.invitation where territory_id = $1',
			[territory]
		)
	);
	return Number(row!.n);
}

async function invite(who: Claims, email: string, role = 'member'): Promise<string> {
	const [row] = await db.asUser(who, (tx) =>
		tx.query<{ id: string }>(
			'insert into public.invitation (territory_id, email, role) values ($1, $2, $3) returning id',
			[territory, email, role]
		)
	);
	return row!.id;
}

async function roleOf(userId: string, t = territory): Promise<string | null> {
	const [row] = await db.asAdmin((tx) =>
		tx.query<{ role: string }>(
			'select role from public.membership where territory_id = $1 and user_id = $2',
			[t, userId]
		)
	);
	return row?.role ?? null;
}

beforeAll(async () => {
	db = await freshDatabase();
	current.db = db;
	for (const who of WHO) ids[who] = await createUser(db, emails(who));
	territory = await createTerritory(db, claims('owner'), 'reglages', 'Réglages');
	for (const role of ['editor', 'member', 'viewer'] as const)
		await addMember(db, claims('owner'), territory, ids[role], role);
});

afterAll(async () => {
	await db?.close();
});

describe('licence', () => {
	it('a new territory is CC BY-SA 4.0 unless its owners choose otherwise', async () => {
		const [row] = await db.asUser(claims('owner'), (tx) =>
			tx.query<{ licence: string }>('select licence from public.territory where id = $1', [
				territory
			])
		);
		expect(row!.licence).toBe('CC-BY-SA-4.0');
	});
});

describe('invitations', () => {
	it('the owner invites: stored pending, signed with the owner, seen by the owners only', async () => {
		const id = await invite(claims('owner'), 'camille@example.org', 'editor');
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ invited_by: string; accepted_at: string | null; role: string }>(
				'select invited_by, accepted_at, role from public.invitation where id = $1',
				[id]
			)
		);
		expect(row).toEqual({ invited_by: ids.owner, accepted_at: null, role: 'editor' });
		const seen: Record<string, number> = {};
		for (const who of WHO) seen[who] = await invitationsSeen(claims(who));
		expect(seen).toEqual({ owner: 1, editor: 0, member: 0, viewer: 0, outsider: 0 });
		await expect(invitationsSeen(anonClaims)).rejects.toThrow(REFUSED);
		await db.asAdmin((tx) => tx.query('delete from public.invitation where id = $1', [id]));
	});

	it('nobody but an owner of the territory invites', async () => {
		for (const who of ['editor', 'member', 'viewer', 'outsider'] as const) {
			await expect(invite(claims(who), `par-${who}@example.org`), who).rejects.toThrow(REFUSED);
		}
		await expect(invite(anonClaims, 'anonyme@example.org')).rejects.toThrow(REFUSED);
	});

	it('an owner cannot name another owner as the inviter, nor create an accepted invitation', async () => {
		const second = await createUser(db, 'second-owner@example.org');
		await addMember(db, claims('owner'), territory, second, 'owner');
		try {
			await expect(
				db.asUser(claims('owner'), (tx) =>
					tx.query(
						`insert into public.invitation (territory_id, email, role, invited_by)
						 values ($1, 'forge@example.org', 'viewer', $2)`,
						[territory, second]
					)
				)
			).rejects.toThrow(REFUSED);
			await expect(
				db.asUser(claims('owner'), (tx) =>
					tx.query(
						`insert into public.invitation (territory_id, email, role, accepted_at, accepted_by)
						 values ($1, 'deja@example.org', 'viewer', now(), $2)`,
						[territory, ids.owner]
					)
				)
			).rejects.toThrow(REFUSED);
		} finally {
			await db.asAdmin((tx) =>
				tx.query('delete from public.membership where territory_id = $1 and user_id = $2', [
					territory,
					second
				])
			);
		}
	});

	it('one pending invitation per address; addresses are stored lower-cased', async () => {
		const id = await invite(claims('owner'), 'dominique@example.org');
		await expect(invite(claims('owner'), 'dominique@example.org', 'viewer')).rejects.toThrow(
			/invitation_pending_key|duplicate key/
		);
		await expect(invite(claims('owner'), 'Dominique@Example.org')).rejects.toThrow(
			/invitation_email_check|check constraint/
		);
		await db.asAdmin((tx) => tx.query('delete from public.invitation where id = $1', [id]));
	});

	it('only the owner cancels; nobody updates an invitation through the API', async () => {
		const id = await invite(claims('owner'), 'eden@example.org');
		const exists = async () =>
			(await db.asAdmin((tx) => tx.query('select 1 from public.invitation where id = $1', [id])))
				.length === 1;
		for (const who of ['editor', 'member', 'viewer', 'outsider'] as const) {
			await db.asUser(claims(who), (tx) =>
				tx.query('delete from public.invitation where id = $1', [id])
			);
			expect(await exists(), who).toBe(true);
		}
		await expect(
			db.asUser(claims('owner'), (tx) =>
				tx.query("update public.invitation set role = 'owner' where id = $1", [id])
			)
		).rejects.toThrow(REFUSED);
		await db.asUser(claims('owner'), (tx) =>
			tx.query('delete from public.invitation where id = $1', [id])
		);
		expect(await exists()).toBe(false);
	});
});

describe('accept_invitations()', () => {
	async function accept(who: Claims) {
		return db.asUser(who, (tx) =>
			tx.query<{ territory_id: string; slug: string; name: string; role: string }>(
				'select * from public.accept_invitations()'
			)
		);
	}

	it('gives the invited address its role, once; another address gets nothing', async () => {
		const invitee = await createUser(db, 'frederique@example.org');
		const stranger = await createUser(db, 'gaspard@example.org');
		const id = await invite(claims('owner'), 'frederique@example.org', 'editor');

		expect(await accept(userClaims(stranger, 'gaspard@example.org'))).toEqual([]);
		// A token claiming the invited address for another account is not that account's address.
		expect(await accept(userClaims(stranger, 'frederique@example.org'))).toEqual([]);
		expect(await roleOf(stranger)).toBeNull();
		await expect(accept(anonClaims)).rejects.toThrow(REFUSED);

		// The token's address may differ in case from the stored one.
		const joined = await accept(userClaims(invitee, 'Frederique@Example.org'));
		expect(joined).toEqual([
			{ territory_id: territory, slug: 'reglages', name: 'Réglages', role: 'editor' }
		]);
		expect(await roleOf(invitee)).toBe('editor');
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ accepted_by: string; accepted: boolean }>(
				'select accepted_by, accepted_at is not null as accepted from public.invitation where id = $1',
				[id]
			)
		);
		expect(row).toEqual({ accepted_by: invitee, accepted: true });
		// Accepted once: a second sign-in changes nothing, and the address may be invited again.
		expect(await accept(userClaims(invitee, 'frederique@example.org'))).toEqual([]);
		await expect(invite(claims('owner'), 'frederique@example.org', 'viewer')).resolves.toBeTruthy();
	});

	it('never lowers a role already held, raises a lower one', async () => {
		await invite(claims('owner'), emails('editor'), 'viewer');
		await invite(claims('owner'), emails('viewer'), 'member');
		expect((await accept(claims('editor'))).map((r) => r.role)).toEqual(['editor']);
		expect(await roleOf(ids.editor)).toBe('editor');
		expect((await accept(claims('viewer'))).map((r) => r.role)).toEqual(['member']);
		expect(await roleOf(ids.viewer)).toBe('member');
		await db.asUser(claims('owner'), (tx) =>
			tx.query("update public.membership set role = 'viewer' where user_id = $1", [ids.viewer])
		);
	});

	it('waits for Supabase Auth to confirm the address (auth.users.email_confirmed_at)', async () => {
		const other = await freshDatabase();
		try {
			await other.asAdmin((tx) =>
				tx.exec('alter table auth.users add column email_confirmed_at timestamptz')
			);
			const owner = await createUser(other, 'proprio@example.org');
			const invitee = await createUser(other, 'hugo@example.org');
			const t = await createTerritory(other, userClaims(owner), 'confirme', 'Confirmé');
			await other.asUser(userClaims(owner), (tx) =>
				tx.query(
					"insert into public.invitation (territory_id, email, role) values ($1, 'hugo@example.org', 'member')",
					[t]
				)
			);
			const acceptAsInvitee = () =>
				other.asUser(userClaims(invitee, 'hugo@example.org'), (tx) =>
					tx.query<{ role: string }>('select role from public.accept_invitations()')
				);
			expect(await acceptAsInvitee()).toEqual([]);
			await other.asAdmin((tx) =>
				tx.query('update auth.users set email_confirmed_at = now() where id = $1', [invitee])
			);
			expect(await acceptAsInvitee()).toEqual([{ role: 'member' }]);
		} finally {
			await other.close();
		}
	});
});

describe('the last owner', () => {
	const LAST_OWNER = /au moins un propriétaire/;

	it('cannot be demoted nor removed; can once another owner exists', async () => {
		const t = await createTerritory(db, claims('owner'), 'dernier', 'Dernier propriétaire');
		const demote = (who: Claims, user: string) =>
			db.asUser(who, (tx) =>
				tx.query(
					"update public.membership set role = 'editor' where territory_id = $1 and user_id = $2",
					[t, user]
				)
			);
		const remove = (who: Claims, user: string) =>
			db.asUser(who, (tx) =>
				tx.query('delete from public.membership where territory_id = $1 and user_id = $2', [
					t,
					user
				])
			);
		await expect(demote(claims('owner'), ids.owner)).rejects.toThrow(LAST_OWNER);
		await expect(remove(claims('owner'), ids.owner)).rejects.toThrow(LAST_OWNER);
		expect(await roleOf(ids.owner, t)).toBe('owner');
		// An update that leaves the owner an owner is fine.
		await db.asUser(claims('owner'), (tx) =>
			tx.query("update public.membership set role = 'owner' where territory_id = $1", [t])
		);

		await addMember(db, claims('owner'), t, ids.editor, 'owner');
		await demote(claims('owner'), ids.owner);
		expect(await roleOf(ids.owner, t)).toBe('editor');
		// Now the other one is the last.
		await expect(remove(claims('editor'), ids.editor)).rejects.toThrow(LAST_OWNER);
		await remove(claims('editor'), ids.owner);
		expect(await roleOf(ids.owner, t)).toBeNull();

		// Deleting the territory takes its last owner's membership with it.
		await db.asUser(claims('editor'), (tx) =>
			tx.query('delete from public.territory where id = $1', [t])
		);
		const [left] = await db.asAdmin((tx) =>
			tx.query<{ n: number }>(
				'select count(*)::int as n from public.membership where territory_id = $1',
				[t]
			)
		);
		expect(left!.n).toBe(0);
	});

	it('the service role and maintenance are not held back', async () => {
		const t = await createTerritory(db, claims('outsider'), 'maintenance', 'Maintenance');
		await db.asUser({ role: 'service_role' }, (tx) =>
			tx.query("update public.membership set role = 'editor' where territory_id = $1", [t])
		);
		expect(await roleOf(ids.outsider, t)).toBe('editor');
		await db.asAdmin((tx) => tx.query('delete from public.territory where id = $1', [t]));
	});
});

describe('listing priorities', () => {
	it('owners and editors reorder the listings; members and viewers do not', async () => {
		const [source] = await db.asUser(claims('editor'), (tx) =>
			tx.query<{ id: string }>(
				"insert into public.source (territory_id, name) values ($1, 'Annuaire') returning id",
				[territory]
			)
		);
		const priority = async () =>
			Number(
				(
					await db.asAdmin((tx) =>
						tx.query<{ priority: number }>('select priority from public.source where id = $1', [
							source!.id
						])
					)
				)[0]!.priority
			);
		const setPriority = (who: Who, value: number) =>
			db.asUser(claims(who), (tx) =>
				tx.query('update public.source set priority = $2 where id = $1', [source!.id, value])
			);
		const seen: Record<string, number> = {};
		for (const [i, who] of (
			['member', 'viewer', 'outsider', 'editor', 'owner'] as const
		).entries()) {
			await setPriority(who, 10 + i);
			seen[who] = await priority();
		}
		expect(seen).toEqual({ member: 0, viewer: 0, outsider: 0, editor: 13, owner: 14 });
	});
});

describe('territory_members()', () => {
	it('gives the members and their addresses to owners only', async () => {
		const read = (who: Claims) =>
			db.asUser(who, (tx) =>
				tx.query<{ email: string; role: string }>(
					'select email, role from public.territory_members($1)',
					[territory]
				)
			);
		const members = await read(claims('owner'));
		expect(members.map((m) => `${m.role} ${m.email}`)).toEqual([
			`owner ${emails('owner')}`,
			`editor ${emails('editor')}`,
			'editor frederique@example.org',
			`member ${emails('member')}`,
			`viewer ${emails('viewer')}`
		]);
		for (const who of ['editor', 'member', 'viewer', 'outsider'] as const)
			expect(await read(claims(who)), who).toEqual([]);
		await expect(read(anonClaims)).rejects.toThrow(REFUSED);
	});
});

describe('the settings page’s remove action', () => {
	const SLUG = 'retrait';
	let t: string;

	type Outcome =
		| { kind: 'data'; data: unknown }
		| { kind: 'fail'; status: number; data: unknown }
		| { kind: 'redirect'; location: string }
		| { kind: 'error'; status: number };

	/** Posts ?/remove as `who` (null: a visitor), naming `user`, with `confirm` when given. */
	async function postRemove(who: Who | null, user: string, confirm?: string): Promise<Outcome> {
		const form = new FormData();
		form.set('user', user);
		if (confirm !== undefined) form.set('confirm', confirm);
		const url = new URL(`http://maillage.test/t/${SLUG}/settings?/remove`);
		const event = {
			params: { territory: SLUG },
			locals: {
				user: who ? { id: ids[who], email: emails(who) } : null,
				claims: who ? claims(who) : anonClaims,
				locale: 'fr'
			},
			url,
			request: new Request(url, { method: 'POST', body: form })
		} as never;
		try {
			const result = (await settingsPage.actions.remove!(event)) as unknown;
			if (result && typeof result === 'object' && 'status' in result && 'data' in result)
				return { kind: 'fail', status: result.status as number, data: result.data };
			return { kind: 'data', data: result };
		} catch (thrown) {
			if (isRedirect(thrown)) return { kind: 'redirect', location: thrown.location };
			if (isHttpError(thrown)) return { kind: 'error', status: thrown.status };
			throw thrown;
		}
	}

	beforeAll(async () => {
		t = await createTerritory(db, claims('owner'), SLUG, 'Retrait');
		for (const role of ['editor', 'member', 'viewer'] as const)
			await addMember(db, claims('owner'), t, ids[role], role);
	});

	it('without confirm=1 it only asks, and removes nobody', async () => {
		for (const confirm of [undefined, '', '0', 'oui'])
			expect(await postRemove('owner', ids.member, confirm), String(confirm)).toEqual({
				kind: 'data',
				data: { action: 'members', confirmRemove: ids.member }
			});
		expect(await roleOf(ids.member, t)).toBe('member');
		// A malformed id is refused before any question.
		expect(await postRemove('owner', 'nobody')).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { action: 'members', error: 'invalid' }
		});
	});

	it('refuses anyone but an owner, asked or confirmed, and removes nobody', async () => {
		for (const confirm of [undefined, '1']) {
			for (const who of ['editor', 'member', 'viewer'] as const)
				expect(await postRemove(who, ids.member, confirm), `${who} ${confirm}`).toEqual({
					kind: 'error',
					status: 403
				});
			// The territory is private: an outsider does not even learn it exists.
			expect(await postRemove('outsider', ids.member, confirm)).toEqual({
				kind: 'error',
				status: 404
			});
			expect(await postRemove(null, ids.member, confirm)).toMatchObject({
				kind: 'redirect',
				location: expect.stringMatching(/^\/login\?next=/)
			});
		}
		expect(await roleOf(ids.member, t)).toBe('member');
		expect(await roleOf(ids.viewer, t)).toBe('viewer');
	});

	it('with confirm=1 the owner removes the member; the last owner is still refused', async () => {
		expect(await postRemove('owner', ids.member, '1')).toEqual({
			kind: 'data',
			data: { action: 'members', removed: ids.member }
		});
		expect(await roleOf(ids.member, t)).toBeNull();
		expect(await roleOf(ids.viewer, t)).toBe('viewer');

		// Removing oneself as the only owner: asked first, then refused as before.
		expect(await postRemove('owner', ids.owner)).toEqual({
			kind: 'data',
			data: { action: 'members', confirmRemove: ids.owner }
		});
		expect(await postRemove('owner', ids.owner, '1')).toEqual({
			kind: 'fail',
			status: 409,
			data: { action: 'members', error: 'last_owner', userId: ids.owner }
		});
		expect(await roleOf(ids.owner, t)).toBe('owner');
	});
});
