import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { createPlace, placeKinds, placeValues } from '$lib/server/queries/places';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { editableTerritory, forbidden, placeFailure, writeDeps } from '../place-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) error(403, m.places_error_forbidden());
	const kinds = await db.asUser(locals.claims, (tx) => placeKinds(tx, territory.id));
	return { territory: { slug: territory.slug, name: territory.name }, kinds };
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const values = placeValues(await request.formData());
		const territory = await editableTerritory(locals.claims, params.territory);
		if (!territory) return forbidden('create');
		let id: string;
		try {
			id = await createPlace(await getDatabase(), locals.claims, territory.id, values, writeDeps());
		} catch (e) {
			return placeFailure(e, 'create', locals.claims, territory.id, values);
		}
		redirect(303, `/t/${territory.slug}/places/${id}?saved=1`);
	}
};
