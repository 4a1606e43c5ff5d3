import { error, fail, redirect } from '@sveltejs/kit';
import { utcToParisLocal } from '$lib/domain/events/datetime';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	deleteEvent,
	eventFormOptions,
	eventToFormValues,
	loadEvent
} from '$lib/server/queries/events';
import { loadNeedMatches } from '$lib/server/queries/offers';
import { isoDay } from '$lib/domain/offers/match';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { submitEvent } from '../event-action';
import type { Actions, PageServerLoad } from './$types';

/**
 * GET /t/<slug>/events/<id> — the event: when, where, theme, format, needs, organisers and
 * participants (members only), and for editors the edit form and the delete button. Anybody
 * reads a public event of a public territory; otherwise 404, as for an unknown id.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	const editable = canEdit(role);
	const found = await db.asUser(locals.claims, async (tx) => {
		const event = await loadEvent(tx, territory.id, params.id);
		if (!event) return null;
		// Who can lend what the event needs on its day (offers are members-only, as under RLS).
		const at = event.location
			? ([event.location.lng, event.location.lat] as [number, number])
			: null;
		const needMatches =
			role !== null && event.needs.length > 0
				? await loadNeedMatches(
						tx,
						territory.id,
						event.needs,
						at,
						isoDay(new Date(event.startsAt)),
						{
							limit: 3
						}
					)
				: null;
		return {
			event,
			needMatches,
			options: editable ? await eventFormOptions(tx, territory.id) : null
		};
	});
	if (!found) error(404, m.events_not_found());
	const { event, options, needMatches } = found;
	const saved = url.searchParams.get('saved');
	return {
		territory: { slug: territory.slug, name: territory.name },
		canEdit: editable,
		isMember: role !== null,
		event,
		needMatches,
		options,
		values: editable ? eventToFormValues(event, utcToParisLocal) : null,
		saved: saved === 'created' || saved === 'updated' ? saved : null,
		geocodeWarning: url.searchParams.get('warning') === 'geocode'
	};
};

export const actions: Actions = {
	save: async ({ request, params, locals }) =>
		submitEvent(request, params.territory, locals.claims, params.id),

	/** Without `confirm` it only asks (the page shows the question; with it, deletes). */
	delete: async ({ request, params, locals }) => {
		const form = await request.formData();
		if (form.get('confirm') !== '1') return { confirmDelete: true };
		const db = await getDatabase();
		const { territory } = await territoryWithRole(db, locals.claims, params.territory);
		const result = await deleteEvent(db, locals.claims, territory.id, params.id);
		if (result === 'forbidden') return fail(403, { deleteError: m.events_error_forbidden() });
		if (result === 'not_found') error(404, m.events_not_found());
		redirect(303, `/t/${territory.slug}/events?deleted=1`);
	}
};
