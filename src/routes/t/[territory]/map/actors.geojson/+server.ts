import { error, json } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { buildActorFeatureCollection } from '$lib/map/actors-geojson';
import { getDatabase } from '$lib/server/db';
import { listActorPoints } from '$lib/server/queries/actors';
import { findTerritoryBySlug } from '$lib/server/queries/territories';
import type { RequestHandler } from './$types';

/** The located actors of a territory as GeoJSON, read as the requesting user (RLS applies). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = await getDatabase();
	const rows = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		return territory ? listActorPoints(tx, territory.id) : null;
	});
	if (!rows) error(404, m.error_territory_not_found());
	return json(buildActorFeatureCollection(rows), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			// Per-user data (RLS): never shared by a cache, always revalidated.
			'cache-control': 'private, no-cache'
		}
	});
};
