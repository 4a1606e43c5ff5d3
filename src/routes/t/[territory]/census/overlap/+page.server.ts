import { error } from '@sveltejs/kit';
import { capIntersections, computeOverlap } from '$lib/domain/census/overlap';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { loadOverlapData } from '$lib/server/queries/overlap';
import { canEdit, findTerritoryBySlug } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

/** Combinations drawn in the chart; the rest are summed up as "autres combinaisons". */
const UPSET_MAX = 20;
/** Names listed per group: the page stays light on a territory of 100k actors. */
const NAME_LIMIT = 200;

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		return { territory, data: await loadOverlapData(tx, territory.id) };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());

	const { sources, memberships, actors, role } = found.data;
	const overlap = computeOverlap(
		{ listings: sources, memberships, actors },
		{ nameLimit: NAME_LIMIT, locale: locals.locale }
	);
	const { shown, others } = capIntersections(overlap.intersections, UPSET_MAX);

	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		isMember: role !== null,
		canImport: canEdit(role),
		listings: overlap.listings.map((listing, i) => ({
			id: listing.id,
			name: listing.name,
			fileName: sources[i]?.fileName ?? null,
			recordCount: sources[i]?.recordCount ?? 0,
			actorCount: listing.actorCount
		})),
		matrix: overlap.matrix,
		intersections: shown,
		otherIntersections: others,
		exclusives: overlap.exclusives,
		unlisted: overlap.unlisted,
		listedCount: overlap.listedCount
	};
};
