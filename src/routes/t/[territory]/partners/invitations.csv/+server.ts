import { getDatabase } from '$lib/server/db';
import { invitationResponse, runPartnerSearch } from '$lib/server/queries/partners';
import type { RequestHandler } from './$types';

/** GET /t/<slug>/partners/invitations.csv?at=lng,lat&…[&excel=1] — members only. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const search = await runPartnerSearch(
		await getDatabase(),
		locals.claims,
		params.territory,
		{ type: 'point' },
		url
	);
	return invitationResponse(search, url);
};
