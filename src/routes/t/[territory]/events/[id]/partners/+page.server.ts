import { getDatabase } from '$lib/server/db';
import { runPartnerSearch } from '$lib/server/queries/partners';
import type { PageServerLoad } from './$types';

/**
 * The partners proposed for an event (members only, 404 otherwise), ranked here from the URL's
 * filters (see $lib/partners/url) so the page works without JavaScript.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const search = await runPartnerSearch(
		await getDatabase(),
		locals.claims,
		params.territory,
		{ type: 'event', id: params.id },
		url
	);
	return { finder: search.data };
};
