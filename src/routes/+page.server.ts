import { fail, redirect } from '@sveltejs/kit';
import { slugify } from '$lib/domain/slug';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { listReadableTerritories } from '$lib/server/queries/territories';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = await getDatabase();
	const territories = await db.asUser(locals.claims, (tx) => listReadableTerritories(tx));
	return { territories, canCreate: locals.claims.role === 'authenticated' };
};

export const actions: Actions = {
	/** A new, empty territory; its creator becomes its owner (database trigger). */
	create: async ({ request, locals }) => {
		if (locals.claims.role !== 'authenticated')
			return fail(403, { name: '', message: m.home_create_login() });
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim();
		if (name === '' || name.length > 120)
			return fail(400, { name, message: m.home_create_name_invalid() });
		const base = slugify(name) || 'territoire';
		const db = await getDatabase();
		// Slugs are unique across the instance, also among territories this user cannot see:
		// try "name", "name-2", … until one is free.
		const slug = await db.asUser(locals.claims, async (tx) => {
			for (let i = 1; i <= 50; i++) {
				const candidate = i === 1 ? base : `${base}-${i}`;
				const [row] = await tx.query<{ slug: string }>(
					`insert into public.territory (slug, name) values ($1, $2)
					 on conflict (slug) do nothing returning slug`,
					[candidate, name]
				);
				if (row) return row.slug;
			}
			return null;
		});
		if (slug === null) return fail(400, { name, message: m.home_create_name_invalid() });
		redirect(303, `/t/${slug}/import`);
	}
};
