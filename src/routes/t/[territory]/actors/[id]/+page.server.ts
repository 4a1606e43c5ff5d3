import { error, fail } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import {
	CensusConflict,
	CensusInputError,
	overrideField,
	placeActor,
	unmergeRecords
} from '$lib/server/census/service';
import { setContactVisibility, VisibilityError } from '$lib/server/census/visibility';
import { getDatabase } from '$lib/server/db';
import { territoryWithRole } from '$lib/server/territory-access';
import type { Claims } from '$lib/server/db/types';
import { actorOfRecord, isUuid, loadActorPage } from '$lib/server/queries/actor-page';
import { canEdit, findTerritoryBySlug } from '$lib/server/queries/territories';
import { communeFromInput } from './commune-input';
import { loadOfferSection, offerDelete, offerSave } from './offers-section.server';
import { erase } from './erase.server';
import { worlds } from './worlds.server';
import { parsePoint } from './placement';
import type { Actions, PageServerLoad } from './$types';

/** Longer than any address or name a listing holds; keeps a pasted page out of the census. */
const MAX_VALUE_CHARS = 500;

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return { territory: null, page: null };
		return { territory, page: await loadActorPage(tx, territory.id, params.id) };
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found.territory) error(404, m.error_territory_not_found());
	if (!found.page) error(404, m.actor_not_found());

	const communes = await loadFrenchCommunes();
	const communeName = (code: string | null) => (code ? (communes.nameOf(code) ?? null) : null);
	const { actor, fields, records, placement, history, role, contacts } = found.page;
	// Offers are members-only (RLS): others see the section say so.
	const offers =
		role !== null ? await loadOfferSection(db, locals.claims, found.territory.id, actor.id) : null;
	return {
		territory: { slug: found.territory.slug, name: found.territory.name },
		canEdit: canEdit(role),
		isMember: role !== null,
		actor: {
			id: actor.id,
			name: actor.name,
			kind: actor.kind,
			commune_code: actor.commune_code,
			communeName: communeName(actor.commune_code),
			tags: actor.tags,
			worlds: actor.worlds
		},
		fields: fields.map((f) => ({
			...f,
			display: f.field === 'commune_code' ? communeName(f.value) : null
		})),
		records,
		placement,
		history,
		contacts,
		offers
	};
};

type ActionError =
	| CensusInputError['code']
	| 'census_conflict'
	| 'forbidden'
	| 'too_long'
	| 'bad_coordinates'
	| 'bad_commune'
	| 'no_record_selected';

/** The territory's id when the user may edit it; `fail(403)` otherwise (404 when unreadable). */
async function editableTerritoryId(claims: Claims, slug: string): Promise<string | null> {
	const { territory, role } = await territoryWithRole(await getDatabase(), claims, slug);
	return canEdit(role) ? territory.id : null;
}

function errorCode(e: unknown): ActionError {
	if (e instanceof CensusInputError) return e.code;
	if (e instanceof CensusConflict) return 'census_conflict';
	throw e;
}

export const actions: Actions = {
	/** Sets a field by hand (the listings' value stays among the alternatives). */
	override: async ({ request, params, locals }) => {
		const form = await request.formData();
		const field = String(form.get('field') ?? '');
		const value = String(form.get('value') ?? '').trim();
		const base = { action: 'override' as const, field, value };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as ActionError });
		if (value.length > MAX_VALUE_CHARS)
			return fail(400, { ...base, error: 'too_long' as ActionError });
		let stored = value;
		if (field === 'commune_code' && value !== '') {
			// People know their commune by name: "Uzès" is stored as its INSEE code, 30334.
			const code = communeFromInput(await loadFrenchCommunes(), value);
			if (code === null) return fail(400, { ...base, error: 'bad_commune' as ActionError });
			stored = code;
		}
		try {
			await overrideField(
				await getDatabase(),
				locals.claims,
				territoryId,
				params.id,
				field,
				stored
			);
		} catch (e) {
			return fail(400, { ...base, error: errorCode(e) });
		}
		return { action: 'override' as const, field, saved: true };
	},

	/**
	 * Who sees a contact field (public / members / editors). A person's own value needs
	 * `confirm_personal` to become public: without it the page asks.
	 */
	visibility: async ({ request, params, locals }) => {
		const form = await request.formData();
		const field = String(form.get('field') ?? '');
		const level = String(form.get('level') ?? '');
		const base = { action: 'visibility' as const, field, level };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as const });
		try {
			await setContactVisibility(
				await getDatabase(),
				locals.claims,
				territoryId,
				params.id,
				field,
				level,
				{ confirmPersonal: form.get('confirm_personal') === '1' }
			);
		} catch (e) {
			if (e instanceof VisibilityError) return fail(400, { ...base, error: e.code });
			throw e;
		}
		return { ...base, saved: true };
	},

	/** Gives a field back to the listings (clears the override, rebuilds the merged value). */
	revert: async ({ request, params, locals }) => {
		const form = await request.formData();
		const field = String(form.get('field') ?? '');
		const base = { action: 'override' as const, field };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as ActionError });
		try {
			await overrideField(await getDatabase(), locals.claims, territoryId, params.id, field, null);
		} catch (e) {
			return fail(400, { ...base, error: errorCode(e) });
		}
		return { action: 'override' as const, field, saved: true };
	},

	/** Places the actor by hand (a click on the map, or typed coordinates). */
	place: async ({ request, params, locals }) => {
		const form = await request.formData();
		const lng = String(form.get('lng') ?? '');
		const lat = String(form.get('lat') ?? '');
		const base = { action: 'place' as const, lng, lat };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as ActionError });
		const point = parsePoint(lng, lat);
		if (point === null) return fail(400, { ...base, error: 'bad_coordinates' as ActionError });
		try {
			await placeActor(await getDatabase(), locals.claims, territoryId, params.id, point);
		} catch (e) {
			return fail(400, { ...base, error: errorCode(e) });
		}
		return { action: 'place' as const, saved: true };
	},

	/** Gives the position back to the listings. */
	unplace: async ({ params, locals }) => {
		const base = { action: 'place' as const };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as ActionError });
		try {
			await placeActor(await getDatabase(), locals.claims, territoryId, params.id, null);
		} catch (e) {
			return fail(400, { ...base, error: errorCode(e) });
		}
		return { action: 'place' as const, saved: true };
	},

	/**
	 * Splits the checked records out into their own actor. Without `confirm` it only asks (the
	 * page shows the confirm step; with JavaScript the page asks without this round trip).
	 */
	unmerge: async ({ request, params, locals }) => {
		const form = await request.formData();
		const records = form
			.getAll('record')
			.map(String)
			.filter((id) => isUuid(id));
		const base = { action: 'unmerge' as const, records };
		const territoryId = await editableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { ...base, error: 'forbidden' as ActionError });
		if (records.length === 0)
			return fail(400, { ...base, error: 'no_record_selected' as ActionError });
		if (form.get('confirm') !== '1') return { ...base, confirm: true };
		const db = await getDatabase();
		const before = await db.asUser(locals.claims, (tx) =>
			tx.query<{ id: string }>(
				'select id from public.source_record where territory_id = $1 and actor_id = $2',
				[territoryId, params.id]
			)
		);
		try {
			await unmergeRecords(db, locals.claims, territoryId, params.id, records);
		} catch (e) {
			return fail(400, { ...base, error: errorCode(e) });
		}
		// The split records' actor; should the page's id have gone with them, the other side.
		const stay = before.map((r) => r.id).find((id) => !records.includes(id));
		const created = await db.asUser(locals.claims, async (tx) => {
			const split = await actorOfRecord(tx, territoryId, records[0]!);
			if (split && split.id !== params.id) return split;
			return stay ? actorOfRecord(tx, territoryId, stay) : null;
		});
		return { action: 'unmerge' as const, records, unmerged: created };
	},

	offerSave,
	offerDelete,
	erase,
	worlds
};
