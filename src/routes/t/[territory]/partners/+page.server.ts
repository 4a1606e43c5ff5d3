import { getDatabase } from '$lib/server/db';
import { runPartnerSearch } from '$lib/server/queries/partners';
import type { PageServerLoad } from './$types';

/**
 * The partner finder around any point (`?at=lng,lat[&theme=…&needs=…]` and the filters), for
 * members of the territory (404 otherwise): the same search as an event's partners page.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const search = await runPartnerSearch(
		await getDatabase(),
		locals.claims,
		params.territory,
		{ type: 'point' },
		url
	);
	return { finder: search.data };
};
