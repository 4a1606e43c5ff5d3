/**
 * « A demandé à ne pas figurer » (RGPD, #8): the actor page's `erase` action. Without
 * `confirm=1` it only asks (the page shows the confirmation step; with JavaScript the page asks
 * without this round trip). Once erased, the actor page no longer exists: the answer is a redirect
 * to the territory's map and directory, which says that an actor was erased — never which.
 */
import { fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { ErasureError, eraseActor } from '$lib/server/census/suppression';
import { isUuid } from '$lib/domain/events/event-input';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import type { RequestEvent } from './$types';

export type EraseError = ErasureError['code'];

export async function erase({ request, params, locals }: RequestEvent) {
	const form = await request.formData();
	const base = { action: 'erase' as const };
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) return fail(403, { ...base, error: 'forbidden' as EraseError });
	// Not an id at all: the same answer as an id of nobody (the cast would fail in the database).
	if (!isUuid(params.id)) return fail(400, { ...base, error: 'unknown_actor' as EraseError });
	if (form.get('confirm') !== '1') return { ...base, confirm: true };
	try {
		await eraseActor(db, locals.claims, territory.id, params.id);
	} catch (e) {
		if (e instanceof ErasureError)
			return fail(e.code === 'forbidden' ? 403 : 400, { ...base, error: e.code as EraseError });
		throw e;
	}
	redirect(303, `/t/${encodeURIComponent(territory.slug)}/map?erased=1`);
}
