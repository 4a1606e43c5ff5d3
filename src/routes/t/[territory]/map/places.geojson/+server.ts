import { error, json } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { findMapTerritory, loadPlaceMapData } from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

/** GET /t/<slug>/map/places.geojson → `PlaceMapData`: the located common places (RLS applies). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const data = await db.asUser(locals.claims, async (tx) => {
		const territory = await findMapTerritory(tx, params.territory);
		if (!territory) return null;
		return loadPlaceMapData(tx, territory.id, (code) => communes.nameOf(code));
	});
	if (!data) error(404, m.error_territory_not_found());
	return json(data, {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'cache-control': 'private, no-cache'
		}
	});
};
