import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { actorBounds, findPublicTerritory } from '$lib/server/queries/map';
import type { PageServerLoad } from './$types';

/**
 * The public, embeddable map of a territory its owner made public. Whoever asks — a member
 * included — gets the public view only, so what an iframe shows never depends on who looks.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findPublicTerritory(tx, params.territory);
		return territory ? { territory, bounds: await actorBounds(tx, territory.id) } : null;
	});
	if (!found) error(404, m.error_territory_not_found());
	// Meant to be framed: its frame-ancestors (MAILLAGE_EMBED_ANCESTORS) come from the security
	// headers hook (src/lib/server/security/headers.ts), with the rest of the page's CSP.
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		bounds: found.bounds
	};
};
