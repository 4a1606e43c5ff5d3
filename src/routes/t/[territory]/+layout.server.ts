import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { canEdit, findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import type { LayoutServerLoad } from './$types';

/** What the territory's navigation needs: its name, and whether the census tools are offered. */
export const load: LayoutServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const role = await territoryRole(tx, territory.id);
		let reviews = 0;
		if (canEdit(role)) {
			const [row] = await tx.query<{ n: number }>(
				'select count(*)::int as n from public.review_pair where territory_id = $1',
				[territory.id]
			);
			reviews = Number(row?.n ?? 0);
		}
		return { territory, role, reviews };
	});
	if (!found) error(404, m.error_territory_not_found());
	return {
		nav: {
			slug: found.territory.slug,
			name: found.territory.name,
			canEdit: canEdit(found.role),
			isMember: found.role !== null,
			reviews: found.reviews
		}
	};
};
