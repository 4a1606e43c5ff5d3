/**
 * What the create and edit actions share: read the form, save, then go to the event's page
 * (303), or answer the form again with its values, the chosen actors' names and the errors
 * next to their fields.
 */
import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { eventFormValues, type EventFormValues } from '$lib/domain/events/event-input';
import { getDatabase } from '$lib/server/db';
import type { Claims } from '$lib/server/db/types';
import { geocoderFromEnv } from '$lib/server/geocode';
import { actorChoices, saveEvent, type EventFieldMessages } from '$lib/server/queries/events';
import { territoryWithRole } from '$lib/server/territory-access';

export interface EventFormFailure {
	values: EventFormValues;
	errors: EventFieldMessages;
	organisers: { id: string; name: string }[];
	participants: { id: string; name: string }[];
}

export async function submitEvent(
	request: Request,
	slug: string,
	claims: Claims,
	eventId: string | null
) {
	const db = await getDatabase();
	const { territory } = await territoryWithRole(db, claims, slug);
	const values = eventFormValues(await request.formData());
	const result = await saveEvent(db, claims, territory.id, eventId, values, {
		geocoder: geocoderFromEnv(env)
	});
	if (!result.ok) {
		const chosen = await db.asUser(claims, async (tx) => ({
			organisers: await actorChoices(tx, territory.id, values.organisers),
			participants: await actorChoices(tx, territory.id, values.participants)
		}));
		return fail(result.status, {
			values,
			errors: result.errors,
			...chosen
		} satisfies EventFormFailure);
	}
	const query = new URLSearchParams({ saved: eventId === null ? 'created' : 'updated' });
	if (result.warnings.length > 0) query.set('warning', 'geocode');
	redirect(303, `/t/${territory.slug}/events/${result.id}?${query}`);
}
