import { getDatabase } from '$lib/server/db';
import { listReadableTerritories } from '$lib/server/queries/territories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = await getDatabase();
	const territories = await db.asUser(locals.claims, (tx) => listReadableTerritories(tx));
	return { territories };
};
