import { error, json } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	findMapTerritory,
	isMapItemType,
	loadMapDetail,
	requestedAudience
} from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

const DATE_LOCALES = { fr: 'fr-FR', en: 'en-GB' } as const;

/**
 * GET /t/<slug>/map/detail/<actor|place|event>/<id> → `MapDetail`, what the map's detail panel
 * shows, read as the requesting user. Any other type, a malformed or unknown id, or an item the
 * user may not read: 404.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	if (!isMapItemType(params.type)) error(404, m.mapdata_not_found());
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const detail = await db.asUser(locals.claims, async (tx) => {
		const territory = await findMapTerritory(tx, params.territory);
		if (!territory) return null;
		return loadMapDetail(tx, territory, params.type, params.id, {
			communeName: (code) => communes.nameOf(code),
			audience: requestedAudience(url),
			locale: DATE_LOCALES[locals.locale] ?? 'fr-FR'
		});
	});
	if (!detail) error(404, m.mapdata_not_found());
	return json(detail, { headers: { 'cache-control': 'private, no-cache' } });
};
