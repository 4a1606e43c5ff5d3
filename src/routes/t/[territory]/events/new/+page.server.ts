import { error } from '@sveltejs/kit';
import { OTHER_PLACE, type EventFormValues } from '$lib/domain/events/event-input';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { eventFormOptions } from '$lib/server/queries/events';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { submitEvent } from '../event-action';
import type { Actions, PageServerLoad } from './$types';

/** `?at=4.42,44.01` (lng,lat), as the map links here; null unless both are in range. */
function presetPoint(at: string | null): { lng: string; lat: string } | null {
	const [lng, lat, ...rest] = (at ?? '').split(',').map((s) => s.trim());
	if (!lng || !lat || rest.length > 0) return null;
	const x = Number(lng);
	const y = Number(lat);
	if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90)
		return null;
	return { lng: String(x), lat: String(y) };
}

/**
 * GET /t/<slug>/events/new — the empty event form, for editors. `?place=<id>` preselects a common
 * place (the places page links here), `?at=lng,lat` a point on the map.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) error(403, m.events_error_forbidden());
	const options = await db.asUser(locals.claims, (tx) => eventFormOptions(tx, territory.id));
	const place = url.searchParams.get('place');
	const at = presetPoint(url.searchParams.get('at'));
	const values: EventFormValues = {
		title: '',
		description: '',
		startDate: '',
		startTime: '',
		endDate: '',
		endTime: '',
		place: place && options.places.some((p) => p.id === place) ? place : OTHER_PLACE,
		address: '',
		lng: at?.lng ?? '',
		lat: at?.lat ?? '',
		commune: '',
		theme: '',
		format: '',
		needs: '',
		visibility: 'members',
		organisers: [],
		participants: []
	};
	return { territory: { slug: territory.slug, name: territory.name }, options, values };
};

export const actions: Actions = {
	default: async ({ request, params, locals }) =>
		submitEvent(request, params.territory, locals.claims, null)
};
