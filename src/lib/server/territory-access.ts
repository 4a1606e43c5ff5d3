import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { Claims, Database } from '$lib/server/db/types';
import {
	findTerritoryBySlug,
	territoryRole,
	type TerritoryRef,
	type TerritoryRole
} from '$lib/server/queries/territories';

/**
 * The territory of a slug and the user's role on it, read as the user (RLS). Unknown and
 * unreadable both answer 404: RLS hides the row, and so do we. What the role allows is the
 * caller's to decide.
 */
export async function territoryWithRole(
	db: Database,
	claims: Claims,
	slug: string
): Promise<{ territory: TerritoryRef; role: TerritoryRole | null }> {
	const found = await db.asUser(claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, slug);
		if (!territory) return null;
		return { territory, role: await territoryRole(tx, territory.id) };
	});
	if (!found) error(404, m.error_territory_not_found());
	return found;
}
