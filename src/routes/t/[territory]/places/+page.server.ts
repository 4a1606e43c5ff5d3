import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { listPlaces, placeFilterOptions } from '$lib/server/queries/places';
import { canEdit, findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

/** The common places of a territory: everybody who may read the territory, editors add. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const commune = url.searchParams.get('commune')?.trim() || null;
	const equipment = url.searchParams.get('equipment')?.trim() || null;
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const [role, places, options] = [
			await territoryRole(tx, territory.id),
			await listPlaces(tx, territory.id, { commune, equipment }),
			await placeFilterOptions(tx, territory.id)
		];
		return { territory, role, places, options };
	});
	if (!found) error(404, m.error_territory_not_found());
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		canEdit: canEdit(found.role),
		places: found.places.map((p) => ({
			id: p.id,
			name: p.name,
			kind: p.kind,
			communeName: p.communeName ?? p.communeCode,
			capacity: p.capacity,
			equipment: p.equipment,
			runBy: p.runBy,
			hasLocation: p.hasLocation,
			upcomingEvents: p.upcomingEvents
		})),
		filters: { commune, equipment },
		options: found.options,
		deleted: url.searchParams.get('deleted') === '1'
	};
};
