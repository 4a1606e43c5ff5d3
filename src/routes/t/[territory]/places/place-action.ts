/**
 * What the new and edit pages share on the server: who may write, the form's values as the page
 * shows them back, and a PlaceError turned into the form's failure (400 with the fields to
 * correct, 403 when not allowed).
 */
import { error, fail } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { CommuneIndex } from '$lib/domain/census/communes';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import type { Claims } from '$lib/server/db/types';
import { geocoderFromEnv } from '$lib/server/geocode';
import {
	PlaceError,
	actorRefs,
	type PlaceField,
	type PlaceValues,
	type PlaceWriteDeps
} from '$lib/server/queries/places';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { communeFromInput } from '../actors/[id]/commune-input';

/** The form as the page shows it: strings, and the chosen « géré par » with its name. */
export interface PlaceFormState {
	values: Omit<PlaceValues, 'run_by'>;
	runBy: { id: string; name: string }[];
}

export interface PlaceFormFailure extends PlaceFormState {
	/** Field → message, shown next to the field. */
	errors: Partial<Record<PlaceField, string>>;
	message: string;
}

/** The territory when the user may edit its places; null when they may only read it (404 if not). */
export async function editableTerritory(
	claims: Claims,
	slug: string
): Promise<{ id: string; slug: string } | null> {
	const { territory, role } = await territoryWithRole(await getDatabase(), claims, slug);
	return canEdit(role) ? { id: territory.id, slug: territory.slug } : null;
}

export function writeDeps(): PlaceWriteDeps {
	return { geocoder: geocoderFromEnv(env) };
}

export function forbidden(action: string) {
	return fail(403, { action, forbidden: true as const, message: m.places_error_forbidden() });
}

/** A failed save, answered the way the page expects it (or rethrown when not a PlaceError). */
export async function placeFailure(
	e: unknown,
	action: string,
	claims: Claims,
	territoryId: string,
	values: PlaceValues
) {
	if (!(e instanceof PlaceError)) throw e;
	if (e.code === 'forbidden') return forbidden(action);
	if (e.code === 'not_found') error(404, m.places_not_found());
	const errors: Partial<Record<PlaceField, string>> = {};
	for (const f of e.fields) errors[f.field] ??= f.message;
	const state = await formState(claims, territoryId, values);
	return fail(400, {
		action,
		...state,
		errors,
		message: m.places_form_errors()
	} satisfies PlaceFormFailure & { action: string });
}

/** The posted values as the form shows them again, with the chosen actor's name. */
async function formState(
	claims: Claims,
	territoryId: string,
	values: PlaceValues
): Promise<PlaceFormState> {
	const { run_by, ...rest } = values;
	const db = await getDatabase();
	const runBy = run_by ? await db.asUser(claims, (tx) => actorRefs(tx, territoryId, [run_by])) : [];
	return { values: rest, runBy };
}

/**
 * The commune as the form shows it: its name when the name alone finds it again (saving the form
 * unchanged keeps the same commune), its INSEE code otherwise (homonyms).
 */
export function communeForForm(communes: CommuneIndex, code: string | null): string {
	if (!code) return '';
	const name = communes.nameOf(code);
	return name && communeFromInput(communes, name) === code ? name : code;
}
