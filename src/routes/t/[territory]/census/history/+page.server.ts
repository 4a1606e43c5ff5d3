import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { loadHistory } from '$lib/server/queries/history';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import type { PageServerLoad } from './$types';

const PAGE = 100;

/**
 * The territory's history, newest first, a hundred entries a page (`?before=<id>`): who changed
 * what and when, for actors, merges and decisions. Owners and editors only; the database's row
 * level security says the same (census_history_select).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) error(403, m.history_editors_only());
	const before = Number(url.searchParams.get('before'));
	const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;
	// One more than shown: whether there is an older page.
	const items = await db.asUser(locals.claims, (tx) =>
		loadHistory(tx, territory.id, { beforeId, limit: PAGE + 1 })
	);
	const shown = items.slice(0, PAGE);
	return {
		territory: { slug: territory.slug, name: territory.name },
		items: shown,
		paged: beforeId !== undefined,
		older: items.length > PAGE ? shown[shown.length - 1]!.id : null
	};
};
