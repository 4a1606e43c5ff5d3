import { redirect } from '@sveltejs/kit';
import { authMode } from '$lib/server/auth';
import { getDatabase } from '$lib/server/db';
import { listMyTerritories } from '$lib/server/queries/settings';
import type { PageServerLoad } from './$types';

/** The signed-in person: their address, the territories they belong to and their role there. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/login?next=%2Faccount');
	const db = await getDatabase();
	const territories = await db.asUser(locals.claims, (tx) => listMyTerritories(tx));
	return {
		email: locals.user.email,
		mode: authMode(),
		territories
	};
};
