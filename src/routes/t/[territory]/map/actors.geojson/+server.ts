import { error } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	findMapTerritory,
	loadActorMapData,
	mapAudience,
	mapJsonResponse
} from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

/**
 * GET /t/<slug>/map/actors.geojson → `ActorMapData` (src/lib/map/types.ts): every actor of the
 * territory, read as the requesting user (RLS applies); members see every field, a visitor of a
 * public territory only the public ones.
 */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	// Loaded before the transaction opens: the embedded database serves one transaction at a time.
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const data = await db.asUser(locals.claims, async (tx) => {
		const territory = await findMapTerritory(tx, params.territory);
		if (!territory) return null;
		const audience = await mapAudience(tx, territory.id);
		return loadActorMapData(tx, territory.id, audience, (code) => communes.nameOf(code));
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!data) error(404, m.error_territory_not_found());
	return mapJsonResponse(data, request, {
		'content-type': 'application/geo+json; charset=utf-8',
		// Per-user data (RLS): never shared by a cache, always revalidated.
		'cache-control': 'private, no-cache'
	});
};
