import { getDatabase } from '$lib/server/db';
import { invitationResponse, runPartnerSearch } from '$lib/server/queries/partners';
import type { RequestHandler } from './$types';

/**
 * GET …/events/<id>/partners/invitations.csv?<the page's parameters>[&excel=1] — the invitation
 * list of the partners the page shows (all of them, not only the first rows): members only.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const search = await runPartnerSearch(
		await getDatabase(),
		locals.claims,
		params.territory,
		{ type: 'event', id: params.id },
		url
	);
	return invitationResponse(search, url);
};
