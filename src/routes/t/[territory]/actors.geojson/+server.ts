import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { loadPublicActorMapData, mapJsonResponse } from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

const HEADERS = {
	'access-control-allow-origin': '*',
	'cache-control': 'public, max-age=60'
};

/**
 * GET /t/<slug>/actors.geojson — the published data of a public territory (`ActorMapData` built
 * for the public audience), for other sites and maps: open to any origin, cacheable for a minute.
 * A private territory is 404 for everybody, its own members included: this URL only ever serves
 * what may be published.
 */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const data = await db.asUser(locals.claims, (tx) =>
		loadPublicActorMapData(tx, params.territory, (code) => communes.nameOf(code))
	);
	// The 404 carries the same headers: a page on another origin can then read the status.
	if (!data)
		return mapJsonResponse({ message: m.error_territory_not_found() }, request, HEADERS, 404);
	return mapJsonResponse(data, request, {
		...HEADERS,
		'content-type': 'application/geo+json; charset=utf-8'
	});
};
