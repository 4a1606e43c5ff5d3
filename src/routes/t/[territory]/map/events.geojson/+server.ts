import { error, json } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	findMapTerritory,
	loadEventMapData,
	mapAudience,
	requestedAudience
} from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

/**
 * GET /t/<slug>/map/events.geojson → `EventMapData`: the located events (their own point, else
 * their place's), upcoming or past as of this request; a visitor gets the public events only.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const now = new Date();
	const data = await db.asUser(locals.claims, async (tx) => {
		const territory = await findMapTerritory(tx, params.territory);
		if (!territory) return null;
		const audience = await mapAudience(tx, territory.id, requestedAudience(url));
		return loadEventMapData(tx, territory.id, audience, (code) => communes.nameOf(code), now);
	});
	if (!data) error(404, m.error_territory_not_found());
	return json(data, {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'cache-control': 'private, no-cache'
		}
	});
};
