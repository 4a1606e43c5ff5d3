import { error } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { WORLD_ORDER, networkSummary } from '$lib/domain/network';
import { m } from '$lib/i18n';
import { packNetwork } from '$lib/network/wire';
import { allKinds, parseNetworkQuery } from '$lib/network/query';
import { getDatabase } from '$lib/server/db';
import { loadNetworkInput } from '$lib/server/queries/network';
import { findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

/**
 * The network graph of a territory, for its members only: links and event participations are
 * members-only rows, so anyone else gets the same 404 as for an unknown territory.
 * `?commune=` keeps one commune's actors, `?edge=` the kinds of ties, `?color=` only changes
 * the drawing (see $lib/network/query).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const query = parseNetworkQuery(url.searchParams);
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory || (await territoryRole(tx, territory.id)) === null) return null;
		const placed = await tx.query<{ code: string; actors: number }>(
			`select commune_code as code, count(*)::int as actors
			   from public.actor
			  where territory_id = $1 and commune_code is not null
			  group by commune_code`,
			[territory.id]
		);
		const commune = placed.some((c) => c.code === query.commune) ? query.commune : null;
		const input = await loadNetworkInput(tx, territory.id, commune ? { communes: [commune] } : {});
		return { territory, placed, commune, input };
	});
	// Unknown, unreadable and not a member look the same on purpose.
	if (!found) error(404, m.error_territory_not_found());

	const names = await loadFrenchCommunes();
	const communes = found.placed
		.map((c) => ({ code: c.code, name: names.nameOf(c.code) ?? c.code, actors: Number(c.actors) }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.code.localeCompare(b.code));
	const summary = networkSummary(found.input, {
		worldOrder: WORLD_ORDER,
		filter: allKinds(query.kinds) ? undefined : { kinds: query.kinds }
	});

	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		query: { ...query, commune: found.commune },
		communeName: found.commune ? (names.nameOf(found.commune) ?? found.commune) : null,
		communes,
		network: packNetwork(summary)
	};
};
