import { error, fail, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { readAnnouncement, type AnnouncementField } from '$lib/domain/draw/announcement';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { createDraw, listDraws } from '$lib/server/queries/draws';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	// Draws are members-only (RLS): for anybody else the page does not exist.
	if (role === null) error(404, m.error_territory_not_found());
	const draws = await db.asUser(locals.claims, (tx) => listDraws(tx, territory.id));
	return {
		territory: { slug: territory.slug, name: territory.name },
		canEdit: canEdit(role),
		draws
	};
};

const FIELDS = [
	'title',
	'description',
	'periodStart',
	'periodEnd',
	'groups',
	'groupSize',
	'mixWorlds',
	'mixCommunes',
	'seedSource',
	'confirmDays'
] as const;

export const actions: Actions = {
	create: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
		if (!canEdit(role)) error(403, m.draws_error_forbidden());
		const form = await request.formData();
		const input = Object.fromEntries(
			FIELDS.map((f) => [f, typeof form.get(f) === 'string' ? (form.get(f) as string) : null])
		);
		const read = readAnnouncement(input);
		if (!read.ok) {
			return fail(400, { values: input, errors: read.errors as Record<AnnouncementField, string> });
		}
		const id = await db.asUser(locals.claims, (tx) => createDraw(tx, territory.id, read.value));
		redirect(303, resolve('/t/[territory]/draws/[id]', { territory: territory.slug, id }));
	}
};
