import { error, json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { buildCommuneMapData } from '$lib/server/geo/commune-map';
import { communeShapesFromEnv, type CommuneShapeProvider } from '$lib/server/geo/commune-shapes';
import type { RequestHandler } from './$types';

// One provider per process: its failure memo is what keeps an offline server from retrying the
// Geo API at every page view.
let provider: CommuneShapeProvider | undefined;

/**
 * The outlines of a territory's communes and its boundary (`CommuneMapData`), read as the
 * requesting user (RLS decides whether the territory is visible). No outline available (offline,
 * nothing cached) is an empty collection, not an error.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = await getDatabase();
	provider ??= communeShapesFromEnv(env);
	const data = await buildCommuneMapData(db, locals.claims, params.territory, { provider });
	if (!data) error(404, m.error_territory_not_found());
	return json(data, {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			// Outlines change once in years, but whether the territory is readable is per user.
			'cache-control': 'private, max-age=300'
		}
	});
};
