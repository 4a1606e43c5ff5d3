/**
 * The actor page's offers and requests (#6): what its section shows, and the two form actions
 * (`offerSave`, `offerDelete`) the page's +page.server.ts hands to SvelteKit. Kept here so the
 * page's own server file only names them.
 */
import { fail } from '@sveltejs/kit';
import { isExpiredOn, isValidOn, isoDay } from '$lib/domain/offers/match';
import type { Claims, Database } from '$lib/server/db/types';
import { getDatabase } from '$lib/server/db';
import {
	OfferError,
	createOffer,
	deleteOffer,
	listActorOffers,
	offerValues,
	updateOffer
} from '$lib/server/queries/offers';
import { territoryWithRole } from '$lib/server/territory-access';
import type { OfferFormState, OfferSectionItem } from './offer-form';
import type { RequestEvent } from './$types';

/** The actor's offers and requests, as its section shows them (members only: the caller asks). */
export async function loadOfferSection(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string,
	today: string = isoDay(new Date())
): Promise<OfferSectionItem[]> {
	const rows = await db.asUser(claims, (tx) => listActorOffers(tx, territoryId, actorId));
	return rows.map((r) => ({
		id: r.id,
		direction: r.direction,
		category: r.category,
		title: r.title,
		description: r.description,
		conditions: r.conditions,
		validFrom: r.validFrom,
		validUntil: r.validUntil,
		expired: isExpiredOn(r, today),
		upcoming: !isExpiredOn(r, today) && !isValidOn(r, today)
	}));
}

function failure(e: unknown, base: OfferFormState) {
	if (!(e instanceof OfferError)) throw e;
	return fail(e.status, {
		...base,
		error: e.code,
		fields: e.fields.map((f) => ({ field: f.field, message: f.message }))
	});
}

/** Creates (no `offerId`) or updates an offer or request of the page's actor. */
export async function offerSave({ request, params, locals }: RequestEvent) {
	const form = await request.formData();
	const offerId = String(form.get('offerId') ?? '');
	const values = offerValues(form);
	const base = { action: 'offerSave' as const, offerId, values };
	const db = await getDatabase();
	const { territory } = await territoryWithRole(db, locals.claims, params.territory);
	try {
		await db.asUser(locals.claims, async (tx) => {
			if (offerId === '') await createOffer(tx, territory.id, params.id, values);
			else await updateOffer(tx, territory.id, params.id, offerId, values);
		});
	} catch (e) {
		return failure(e, base);
	}
	return { action: 'offerSave' as const, offerId, saved: true };
}

export async function offerDelete({ request, params, locals }: RequestEvent) {
	const form = await request.formData();
	const offerId = String(form.get('offerId') ?? '');
	const base = { action: 'offerDelete' as const, offerId };
	const db = await getDatabase();
	const { territory } = await territoryWithRole(db, locals.claims, params.territory);
	try {
		await db.asUser(locals.claims, (tx) => deleteOffer(tx, territory.id, params.id, offerId));
	} catch (e) {
		return failure(e, base);
	}
	return { action: 'offerDelete' as const, offerId, deleted: true };
}
