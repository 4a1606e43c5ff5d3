import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { BBox } from '$lib/map/actors-geojson';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/**
 * The public, embeddable map of a territory its owner made public. Whoever asks — a member
 * included — gets the public view only, so what an iframe shows never depends on who looks.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const [territory] = await tx.query<{ id: string; slug: string; name: string }>(
			`select id, slug, name from public.territory where slug = $1 and visibility = 'public'`,
			[params.territory]
		);
		if (!territory) return null;
		const [box] = await tx.query<{
			w: number | null;
			s: number | null;
			e: number | null;
			n: number | null;
		}>(
			`select st_xmin(x) as w, st_ymin(x) as s, st_xmax(x) as e, st_ymax(x) as n
			   from (select st_extent(location::geometry) as x from public.actor where territory_id = $1) b`,
			[territory.id]
		);
		return { territory, box };
	});
	if (!found) error(404, m.error_territory_not_found());
	// Meant to be framed by any site: the one page that says so.
	setHeaders({ 'content-security-policy': 'frame-ancestors *' });
	const b = found.box;
	const bounds: BBox | null =
		b && b.w !== null && b.s !== null && b.e !== null && b.n !== null
			? [Number(b.w), Number(b.s), Number(b.e), Number(b.n)]
			: null;
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		bounds
	};
};
