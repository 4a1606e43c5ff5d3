import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { actorBounds, findMapTerritory } from '$lib/server/queries/map';
import type { PageServerLoad } from './$types';

/**
 * Only what frames the page: the data itself (up to 100k actors) is loaded by URL from the
 * map's GeoJSON endpoints, never inlined in the page.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findMapTerritory(tx, params.territory);
		if (!territory) return null;
		const [counts] = await tx.query<{ n: number; located: number }>(
			`select count(*)::int as n, count(location)::int as located
			   from public.actor where territory_id = $1`,
			[territory.id]
		);
		return { territory, counts, bounds: await actorBounds(tx, territory.id) };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());
	return {
		territory: {
			slug: found.territory.slug,
			name: found.territory.name,
			isPublic: found.territory.visibility === 'public'
		},
		actorTotal: Number(found.counts?.n ?? 0),
		locatedTotal: Number(found.counts?.located ?? 0),
		bounds: found.bounds
	};
};
