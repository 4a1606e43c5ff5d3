import { error, fail, redirect } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { authMode } from '$lib/server/auth';
import { rebuildCensus } from '$lib/server/census/service';
import { getDatabase } from '$lib/server/db';
import {
	cancelInvitation,
	createInvitation,
	EMAIL,
	isRole,
	listMembers,
	listPendingInvitations,
	listSourcesByPriority,
	loadTerritorySettings,
	movedOrder,
	normaliseEmail,
	removeMember,
	setMemberRole,
	updateTerritorySettings,
	writePriorities
} from '$lib/server/queries/settings';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { loadEpciIndex } from '../present/epci.server';
import { licenceChoice, parseSettings, readSettingsForm } from './settings-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Who gets the page: owners change everything; editors see the settings read-only and reorder
 * the listings (the source table's policies let them); members, viewers and visitors get 403.
 * Every write runs as the person (RLS decides); what the page hides is only a convenience.
 */
async function access(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const { params, locals, url } = event;
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) error(403, m.settings_forbidden());
	return { db, territory, role: role!, isOwner: role === 'owner' };
}

export const load: PageServerLoad = async (event) => {
	const { db, territory, isOwner } = await access(event);
	const data = await db.asUser(event.locals.claims, async (tx) => ({
		settings: await loadTerritorySettings(tx, territory.id),
		sources: await listSourcesByPriority(tx, territory.id),
		members: isOwner ? await listMembers(tx, territory.id) : [],
		invitations: isOwner ? await listPendingInvitations(tx, territory.id) : []
	}));
	if (!data.settings) error(404, m.error_territory_not_found());
	const [communes, epcis] = await Promise.all([loadFrenchCommunes(), loadEpciIndex()]);
	const s = data.settings;
	return {
		isOwner,
		mode: authMode(),
		selfId: event.locals.user!.id,
		settings: {
			name: s.name,
			communeCodes: s.communeCodes,
			communeNames: s.communeCodes.map((code) => communes.nameOf(code) ?? null),
			epciCode: s.epciCode,
			epciName: s.epciCode ? (epcis.bySiren.get(s.epciCode)?.name ?? null) : null,
			licence: s.licence,
			licenceChoice: licenceChoice(s.licence),
			visibility: s.visibility
		},
		sources: data.sources,
		members: data.members,
		invitations: data.invitations
	};
};

function formUuid(form: FormData, name: string): string | null {
	const value = form.get(name);
	return typeof value === 'string' &&
		/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
		? value
		: null;
}

async function ownerOnly(event: RequestEvent) {
	const found = await access(event);
	if (!found.isOwner) error(403, m.settings_forbidden());
	return found;
}

export const actions: Actions = {
	save: async (event) => {
		const { db, territory } = await ownerOnly(event);
		const values = readSettingsForm(await event.request.formData());
		const [communes, epcis] = await Promise.all([loadFrenchCommunes(), loadEpciIndex()]);
		const parsed = parseSettings(values, {
			commune: (code) => communes.nameOf(code) !== undefined,
			epci: (code) => epcis.bySiren.has(code)
		});
		if (!parsed.ok) return fail(400, { action: 'save' as const, values, errors: parsed.errors });
		const updated = await db.asUser(event.locals.claims, (tx) =>
			updateTerritorySettings(tx, territory.id, parsed.settings)
		);
		if (!updated) error(403, m.settings_forbidden());
		return { action: 'save' as const, saved: true };
	},

	/** One listing one step up or down; the census is rebuilt so its values follow the order. */
	move: async (event) => {
		const { db, territory } = await access(event);
		const form = await event.request.formData();
		const sourceId = formUuid(form, 'source');
		const direction = form.get('direction');
		if (!sourceId || (direction !== 'up' && direction !== 'down'))
			return fail(400, { action: 'move' as const, error: 'invalid' as const });
		const current = await db.asUser(event.locals.claims, (tx) =>
			listSourcesByPriority(tx, territory.id)
		);
		const order = movedOrder(
			current.map((s) => s.id),
			sourceId,
			direction
		);
		if (!order) return fail(400, { action: 'move' as const, error: 'invalid' as const });
		await rebuildCensus(db, event.locals.claims, territory.id, {
			reason: { priorities: order },
			patch: (state) => {
				for (const source of state.sources) {
					const next = order.find((o) => o.id === source.id);
					if (next) source.priority = next.priority;
				}
			},
			persist: async (tx) => {
				await writePriorities(tx, territory.id, order);
			}
		});
		return { action: 'move' as const, moved: sourceId, direction };
	},

	role: async (event) => {
		const { db, territory } = await ownerOnly(event);
		const form = await event.request.formData();
		const userId = formUuid(form, 'user');
		const role = form.get('role');
		if (!userId || !isRole(role))
			return fail(400, { action: 'members' as const, error: 'invalid' as const, userId });
		const result = await db.asUser(event.locals.claims, (tx) =>
			setMemberRole(tx, territory.id, userId, role)
		);
		if (!result.ok)
			return fail(result.reason === 'last_owner' ? 409 : 403, {
				action: 'members' as const,
				error: result.reason,
				userId
			});
		// Owners who made themselves editors can no longer manage members.
		if (userId === event.locals.user!.id && role !== 'owner')
			redirect(303, role === 'editor' ? event.url.pathname : `/t/${territory.slug}/map`);
		return { action: 'members' as const, changed: userId };
	},

	/** Without `confirm=1` it only asks (with JavaScript the page asks without this round trip). */
	remove: async (event) => {
		const { db, territory } = await ownerOnly(event);
		const form = await event.request.formData();
		const userId = formUuid(form, 'user');
		if (!userId) return fail(400, { action: 'members' as const, error: 'invalid' as const });
		if (form.get('confirm') !== '1') return { action: 'members' as const, confirmRemove: userId };
		const result = await db.asUser(event.locals.claims, (tx) =>
			removeMember(tx, territory.id, userId)
		);
		if (!result.ok)
			return fail(result.reason === 'last_owner' ? 409 : 403, {
				action: 'members' as const,
				error: result.reason,
				userId
			});
		if (userId === event.locals.user!.id) redirect(303, '/');
		return { action: 'members' as const, removed: userId };
	},

	invite: async (event) => {
		const { db, territory } = await ownerOnly(event);
		const form = await event.request.formData();
		const email = normaliseEmail(String(form.get('email') ?? ''));
		const role = form.get('role');
		if (!EMAIL.test(email) || email.length > 320)
			return fail(400, { action: 'invite' as const, error: 'invalid_email' as const, email });
		if (!isRole(role))
			return fail(400, { action: 'invite' as const, error: 'invalid_role' as const, email });
		const outcome = await db.asUser(event.locals.claims, (tx) =>
			createInvitation(tx, territory.id, email, role)
		);
		if (outcome === 'duplicate')
			return fail(409, { action: 'invite' as const, error: 'duplicate' as const, email });
		if (outcome === 'forbidden') error(403, m.settings_forbidden());
		return { action: 'invite' as const, invited: email };
	},

	cancel: async (event) => {
		const { db, territory } = await ownerOnly(event);
		const id = formUuid(await event.request.formData(), 'invitation');
		if (!id) return fail(400, { action: 'invite' as const, error: 'invalid' as const });
		const removed = await db.asUser(event.locals.claims, (tx) =>
			cancelInvitation(tx, territory.id, id)
		);
		return { action: 'invite' as const, cancelled: removed };
	}
};
