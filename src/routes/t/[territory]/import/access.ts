import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { Claims, Database } from '$lib/server/db/types';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';

/** The territory, when the user may import into it (404 unknown/unreadable, 403 read-only). */
export async function editableTerritory(db: Database, claims: Claims, slug: string) {
	const { territory, role } = await territoryWithRole(db, claims, slug);
	if (!canEdit(role)) error(403, m.import_forbidden());
	return territory;
}
