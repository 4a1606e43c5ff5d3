import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { Claims, Database } from '$lib/server/db/types';
import { canEdit, findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';

/** The territory, when the user may import into it (404 unknown/unreadable, 403 read-only). */
export async function editableTerritory(db: Database, claims: Claims, slug: string) {
	const found = await db.asUser(claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, slug);
		if (!territory) return null;
		return { territory, role: await territoryRole(tx, territory.id) };
	});
	if (!found) error(404, m.error_territory_not_found());
	if (!canEdit(found.role)) error(403, m.import_forbidden());
	return found.territory;
}
