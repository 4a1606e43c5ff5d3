/**
 * Territory settings, members and invitations, and what the account page shows. Every function
 * takes the transaction of `db.asUser(...)`: row level security decides, these only ask (the
 * policies and functions are in supabase/migrations/20261127100000_territory_settings.sql).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { getDatabase } from '$lib/server/db';
import { userClaims, type Tx } from '$lib/server/db/types';
import type { TerritoryRole } from './territories';

export const ROLES: readonly TerritoryRole[] = ['owner', 'editor', 'member', 'viewer'];

export function isRole(value: unknown): value is TerritoryRole {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface TerritorySettings {
	id: string;
	slug: string;
	name: string;
	communeCodes: string[];
	epciCode: string | null;
	licence: string;
	visibility: 'private' | 'public';
}

export async function loadTerritorySettings(
	tx: Tx,
	territoryId: string
): Promise<TerritorySettings | null> {
	const [row] = await tx.query<{
		id: string;
		slug: string;
		name: string;
		commune_codes: string[];
		epci_code: string | null;
		licence: string;
		visibility: 'private' | 'public';
	}>(
		`select id, slug, name, commune_codes, epci_code, licence, visibility
		   from public.territory where id = $1`,
		[territoryId]
	);
	if (!row) return null;
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		communeCodes: row.commune_codes,
		epciCode: row.epci_code,
		licence: row.licence,
		visibility: row.visibility
	};
}

export interface SettingsInput {
	name: string;
	communeCodes: string[];
	epciCode: string | null;
	licence: string;
	visibility: 'private' | 'public';
}

/** True when the row was updated; false when RLS left it alone (not an owner). */
export async function updateTerritorySettings(
	tx: Tx,
	territoryId: string,
	input: SettingsInput
): Promise<boolean> {
	const rows = await tx.query(
		`update public.territory
		    set name = $2, commune_codes = $3, epci_code = $4, licence = $5, visibility = $6
		  where id = $1
		returning id`,
		[territoryId, input.name, input.communeCodes, input.epciCode, input.licence, input.visibility]
	);
	return rows.length === 1;
}

export interface SourcePriority {
	id: string;
	name: string;
	fileName: string | null;
	recordCount: number;
}

/** The territory's listings, the one whose values win first (`source.priority`, highest first). */
export async function listSourcesByPriority(
	tx: Tx,
	territoryId: string
): Promise<SourcePriority[]> {
	const rows = await tx.query<{
		id: string;
		name: string;
		file_name: string | null;
		record_count: number;
	}>(
		`select id, name, file_name, record_count from public.source
		  where territory_id = $1
		  order by priority desc, created_at, id`,
		[territoryId]
	);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		fileName: r.file_name,
		recordCount: Number(r.record_count)
	}));
}

/**
 * The order after moving `id` one step up or down (null: unknown id, or already at that end).
 * The result gives each listing its new priority: the first gets the highest.
 */
export function movedOrder(
	ids: readonly string[],
	id: string,
	direction: 'up' | 'down'
): { id: string; priority: number }[] | null {
	const at = ids.indexOf(id);
	const to = direction === 'up' ? at - 1 : at + 1;
	if (at < 0 || to < 0 || to >= ids.length) return null;
	const order = [...ids];
	[order[at], order[to]] = [order[to]!, order[at]!];
	return order.map((sourceId, i) => ({ id: sourceId, priority: order.length - 1 - i }));
}

export async function writePriorities(
	tx: Tx,
	territoryId: string,
	priorities: readonly { id: string; priority: number }[]
): Promise<number> {
	const rows = await tx.query(
		`update public.source s set priority = p.priority
		   from json_to_recordset($2::text::json) as p(id uuid, priority int)
		  where s.territory_id = $1 and s.id = p.id and s.priority is distinct from p.priority
		returning s.id`,
		[territoryId, JSON.stringify(priorities)]
	);
	return rows.length;
}

export interface Member {
	userId: string;
	email: string | null;
	role: TerritoryRole;
}

/** Members with their email: for owners (`territory_members` gives nobody else a row). */
export async function listMembers(tx: Tx, territoryId: string): Promise<Member[]> {
	const rows = await tx.query<{ user_id: string; email: string | null; role: TerritoryRole }>(
		'select user_id, email, role from public.territory_members($1)',
		[territoryId]
	);
	return rows.map((r) => ({ userId: r.user_id, email: r.email, role: r.role }));
}

/** Why the database refused a membership change, when it said why. */
export type MembershipRefusal = 'last_owner' | 'forbidden';

function refusalOf(e: unknown): MembershipRefusal | null {
	const err = e as { code?: unknown; message?: unknown; hint?: unknown } | null;
	const message = typeof err?.message === 'string' ? err.message : '';
	if (err?.hint === 'last_owner' || /au moins un propriétaire/.test(message)) return 'last_owner';
	if (err?.code === '42501' || /row-level security|permission denied/.test(message))
		return 'forbidden';
	return null;
}

/**
 * Runs a membership write; a refusal the database explains (the last owner) or a policy refusal
 * comes back as a value, anything else is thrown. `changed`: rows the write touched (0 when RLS
 * hid them).
 */
/**
 * Runs a write inside a savepoint (`run` gets the savepoint's Tx), so that a refusal leaves the
 * transaction usable (and committable) for what the page reads next.
 */
async function membershipWrite(
	tx: Tx,
	run: (tx: Tx) => Promise<unknown[]>
): Promise<{ ok: true; changed: number } | { ok: false; reason: MembershipRefusal }> {
	try {
		return { ok: true, changed: (await tx.savepoint(run)).length };
	} catch (e) {
		const reason = refusalOf(e);
		if (reason) return { ok: false, reason };
		throw e;
	}
}

export function setMemberRole(tx: Tx, territoryId: string, userId: string, role: TerritoryRole) {
	return membershipWrite(tx, (sp) =>
		sp.query(
			`update public.membership set role = $3
			  where territory_id = $1 and user_id = $2 returning user_id`,
			[territoryId, userId, role]
		)
	);
}

export function removeMember(tx: Tx, territoryId: string, userId: string) {
	return membershipWrite(tx, (sp) =>
		sp.query(
			'delete from public.membership where territory_id = $1 and user_id = $2 returning user_id',
			[territoryId, userId]
		)
	);
}

export interface PendingInvitation {
	id: string;
	email: string;
	role: TerritoryRole;
	createdAt: string;
}

export async function listPendingInvitations(
	tx: Tx,
	territoryId: string
): Promise<PendingInvitation[]> {
	const rows = await tx.query<{
		id: string;
		email: string;
		role: TerritoryRole;
		created_at: string | Date;
	}>(
		`select id, email, role, created_at from public.invitation
		  where territory_id = $1 and accepted_at is null
		  order by created_at desc, email`,
		[territoryId]
	);
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		role: r.role,
		createdAt: new Date(r.created_at).toISOString()
	}));
}

/** The form the database stores an address in (see the invitation_email_check constraint). */
export function normaliseEmail(value: string): string {
	return value.trim().toLowerCase();
}

/** An address worth sending to the Auth server: sign-in and invitations read it the same way. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createInvitation(
	tx: Tx,
	territoryId: string,
	email: string,
	role: TerritoryRole
): Promise<'created' | 'duplicate' | 'forbidden'> {
	try {
		await tx.savepoint((sp) =>
			sp.query('insert into public.invitation (territory_id, email, role) values ($1, $2, $3)', [
				territoryId,
				normaliseEmail(email),
				role
			])
		);
		return 'created';
	} catch (e) {
		const err = e as { code?: unknown; message?: unknown } | null;
		const message = typeof err?.message === 'string' ? err.message : '';
		if (err?.code === '23505' || /invitation_pending_key/.test(message)) return 'duplicate';
		if (refusalOf(e)) return 'forbidden';
		throw e;
	}
}

/** True when an invitation was removed (false: unknown, accepted, or not an owner). */
export async function cancelInvitation(
	tx: Tx,
	territoryId: string,
	invitationId: string
): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.invitation
		  where territory_id = $1 and id = $2 and accepted_at is null returning id`,
		[territoryId, invitationId]
	);
	return rows.length === 1;
}

export interface MyTerritory {
	slug: string;
	name: string;
	role: TerritoryRole;
}

/** The territories the caller belongs to, with their role (the account page). */
export async function listMyTerritories(tx: Tx): Promise<MyTerritory[]> {
	return tx.query<MyTerritory>(
		`select t.slug, t.name, m.role
		   from public.membership m
		   join public.territory t on t.id = m.territory_id
		  where m.user_id = auth.uid()
		  order by t.name`
	);
}

export interface JoinedTerritory {
	slug: string;
	name: string;
	role: TerritoryRole;
}

/**
 * After a Supabase sign-in: the pending invitations of the person's address become memberships
 * (`accept_invitations()`). The user is asked of the Auth server again (`getUser`, which checks
 * the new session) rather than taken from the sign-in answer, and must have confirmed their
 * address. Never fails the sign-in: a problem is logged and the person simply joins at their
 * next sign-in.
 */
export async function acceptInvitationsOnSignIn(
	supabase: Pick<SupabaseClient, 'auth'> | null
): Promise<JoinedTerritory[]> {
	if (!supabase) return [];
	try {
		const { data, error } = await supabase.auth.getUser();
		// Only a confirmed address accepts invitations (the database checks it again).
		if (error || !data.user?.email || !data.user.email_confirmed_at) return [];
		const db = await getDatabase();
		return await db.asUser(userClaims(data.user.id, data.user.email), (tx) =>
			tx.query<JoinedTerritory>('select slug, name, role from public.accept_invitations()')
		);
	} catch (e) {
		console.error('[maillage] accepting invitations after sign-in failed', e);
		return [];
	}
}
