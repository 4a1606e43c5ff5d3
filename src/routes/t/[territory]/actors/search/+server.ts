import { error, json } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { territoryWithRole } from '$lib/server/territory-access';
import { parseSearchLimit, searchActors } from './search-actors';
import type { RequestHandler } from './$types';

/**
 * GET /t/<slug>/actors/search?q=…&limit=… — actors whose name matches `q`, best first, as
 * `[{ id, name, kind, communeName }]` (at most `limit`: default 20, max 50). Members only: on a
 * public territory, visitors see actors on the map but do not query the census like this, so
 * non-members get the same 404 as an unknown territory. Empty `q` → [].
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (role === null) error(404, m.error_territory_not_found());
	const q = url.searchParams.get('q') ?? '';
	const limit = parseSearchLimit(url.searchParams.get('limit'));
	const rows = await db.asUser(locals.claims, (tx) => searchActors(tx, territory.id, q, limit));
	const communes = rows.length > 0 ? await loadFrenchCommunes() : null;
	return json(
		rows.map((r) => ({
			id: r.id,
			name: r.name,
			kind: r.kind,
			communeName: r.communeCode ? (communes?.nameOf(r.communeCode) ?? null) : null
		})),
		// Member data: never in a shared cache.
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
