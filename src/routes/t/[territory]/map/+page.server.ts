import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { BBox } from '$lib/map/actors-geojson';
import { getDatabase } from '$lib/server/db';
import { findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

/**
 * Only what frames the page: the data itself (up to 100k actors) is loaded by URL from the
 * map's GeoJSON endpoints, never inlined in the page.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const role = await territoryRole(tx, territory.id);
		const [row] = await tx.query<{
			n: number;
			located: number;
			w: number | null;
			s: number | null;
			e: number | null;
			nn: number | null;
			visibility: string;
		}>(
			`select count(a.id)::int as n, count(a.location)::int as located,
			        st_xmin(st_extent(a.location::geometry)) as w,
			        st_ymin(st_extent(a.location::geometry)) as s,
			        st_xmax(st_extent(a.location::geometry)) as e,
			        st_ymax(st_extent(a.location::geometry)) as nn,
			        (select t.visibility from public.territory t where t.id = $1) as visibility
			   from public.actor a
			  where a.territory_id = $1`,
			[territory.id]
		);
		return { territory, role, row };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());
	const r = found.row;
	const bounds: BBox | null =
		r && r.w !== null && r.s !== null && r.e !== null && r.nn !== null
			? [Number(r.w), Number(r.s), Number(r.e), Number(r.nn)]
			: null;
	return {
		territory: {
			slug: found.territory.slug,
			name: found.territory.name,
			isPublic: r?.visibility === 'public'
		},
		isMember: found.role !== null,
		actorTotal: Number(r?.n ?? 0),
		locatedTotal: Number(r?.located ?? 0),
		bounds
	};
};
