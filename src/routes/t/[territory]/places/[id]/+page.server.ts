import { error, redirect } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	PlaceError,
	deletePlace,
	loadPlace,
	placeKinds,
	placeValues,
	updatePlace
} from '$lib/server/queries/places';
import { canEdit, findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import {
	communeForForm,
	editableTerritory,
	forbidden,
	placeFailure,
	writeDeps
} from '../place-action';
import type { Actions, PageServerLoad } from './$types';

/** A place: anybody who may read the territory; its edit form for editors. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const role = await territoryRole(tx, territory.id);
		const place = await loadPlace(tx, territory.id, params.id);
		const kinds = place && canEdit(role) ? await placeKinds(tx, territory.id) : [];
		return { territory, role, place, kinds };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());
	if (!found.place) error(404, m.places_not_found());
	const { place, role } = found;
	const editable = canEdit(role);
	const communes = editable ? await loadFrenchCommunes() : null;
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		canEdit: editable,
		isMember: role !== null,
		place,
		kinds: found.kinds,
		// What the edit form starts from (the stored values, as a person would type them).
		formValues: communes
			? {
					name: place.name,
					kind: place.kind ?? '',
					description: place.description ?? '',
					capacity: place.capacity === null ? '' : String(place.capacity),
					equipment: place.equipment.join('\n'),
					accessibility: place.accessibility ?? '',
					conditions: place.conditions ?? '',
					address: place.address ?? '',
					commune: communeForForm(communes, place.communeCode),
					lng: '',
					lat: ''
				}
			: null,
		saved: url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	update: async ({ request, params, locals }) => {
		const values = placeValues(await request.formData());
		const territory = await editableTerritory(locals.claims, params.territory);
		if (!territory) return forbidden('update');
		try {
			await updatePlace(
				await getDatabase(),
				locals.claims,
				territory.id,
				params.id,
				values,
				writeDeps()
			);
		} catch (e) {
			return placeFailure(e, 'update', locals.claims, territory.id, values);
		}
		return { action: 'update', updated: true as const };
	},

	/** Without `confirm` it only asks (with JavaScript the page asks without this round trip). */
	delete: async ({ request, params, locals }) => {
		const form = await request.formData();
		const territory = await editableTerritory(locals.claims, params.territory);
		if (!territory) return forbidden('delete');
		if (form.get('confirm') !== '1') return { action: 'delete', confirm: true as const };
		try {
			await deletePlace(await getDatabase(), locals.claims, territory.id, params.id);
		} catch (e) {
			if (e instanceof PlaceError && e.code === 'forbidden') return forbidden('delete');
			if (e instanceof PlaceError && e.code === 'not_found') error(404, m.places_not_found());
			throw e;
		}
		redirect(303, `/t/${territory.slug}/places?deleted=1`);
	}
};
