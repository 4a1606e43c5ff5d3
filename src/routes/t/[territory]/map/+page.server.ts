import { error } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { toDirectoryEntries } from '$lib/map/directory';
import { getDatabase } from '$lib/server/db';
import { listDirectoryRows } from '$lib/server/queries/actors';
import { findTerritoryBySlug } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		return { territory, rows: await listDirectoryRows(tx, territory.id) };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());

	const communes = await loadFrenchCommunes();
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		actors: toDirectoryEntries(found.rows, (code) => communes.nameOf(code), locals.locale)
	};
};
