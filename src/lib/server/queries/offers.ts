/**
 * Offers and requests of a territory's actors (#6): lists, writes, and the matches behind the
 * matching view and an event's needs. Every function takes the transaction of `db.asUser(...)`:
 * the offer table is readable by members only and writable by owners and editors (RLS). Writes
 * also check the role first, so a refusal is a clear 403 (`OfferError`) on both drivers instead
 * of a policy error or an update that silently touches nothing.
 */
import { finiteOrNull } from '$lib/domain/numbers';
import {
	isExpiredOn,
	isIsoDay,
	isOfferCategory,
	matchNeeds,
	matchRequests,
	type NeedMatches,
	type OfferCategory,
	type OfferDirection,
	type OfferItem,
	type RequestMatches
} from '$lib/domain/offers/match';
import { placeOffers } from '$lib/domain/offers/needs';
import type { LngLat } from '$lib/domain/partners/nearby';
import { m } from '$lib/i18n';
import type { Tx } from '$lib/server/db/types';
import { canEdit, territoryRole } from './territories';

export const OFFER_LIMITS = { title: 200, text: 2000 } as const;

/** An offer or request with what the lists show about its actor. */
export interface OfferRow extends OfferItem {
	direction: OfferDirection;
	communeCode: string | null;
}

/** The form's fields, named as the form names them. */
export const OFFER_FIELDS = [
	'direction',
	'category',
	'title',
	'description',
	'conditions',
	'validFrom',
	'validUntil'
] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];

export interface OfferInput {
	direction: OfferDirection;
	category: OfferCategory;
	title: string;
	description: string | null;
	conditions: string | null;
	validFrom: string | null;
	validUntil: string | null;
}

export type OfferFieldErrorCode = 'required' | 'too_long' | 'invalid' | 'before_start';

/** A field the person must correct: a stable code and a message naming the field. */
export interface OfferFieldError {
	field: OfferField;
	code: OfferFieldErrorCode;
	message: string;
}

export type OfferErrorCode = 'forbidden' | 'not_found' | 'invalid';

export class OfferError extends Error {
	readonly status: 400 | 403 | 404;
	constructor(
		readonly code: OfferErrorCode,
		readonly fields: OfferFieldError[] = []
	) {
		super(code);
		this.status = code === 'forbidden' ? 403 : code === 'not_found' ? 404 : 400;
	}
}

/** The form's values as strings (what a form post gives), trimmed; missing fields are ''. */
export type OfferValues = Record<OfferField, string>;

export function offerValues(source: FormData | Partial<Record<string, unknown>>): OfferValues {
	const get = (name: string): unknown =>
		source instanceof FormData ? source.get(name) : source[name];
	const values = {} as OfferValues;
	for (const field of OFFER_FIELDS) {
		const v = get(field);
		values[field] = typeof v === 'string' ? v.trim() : '';
	}
	return values;
}

function fieldError(field: OfferField, code: OfferFieldErrorCode): OfferFieldError {
	const max = field === 'title' ? OFFER_LIMITS.title : OFFER_LIMITS.text;
	const messages: Record<OfferField, Partial<Record<OfferFieldErrorCode, () => string>>> = {
		direction: { invalid: () => m.offers_error_direction() },
		category: { invalid: () => m.offers_error_category() },
		title: {
			required: () => m.offers_error_title_required(),
			too_long: () => m.offers_error_title_too_long({ max })
		},
		description: { too_long: () => m.offers_error_description_too_long({ max }) },
		conditions: { too_long: () => m.offers_error_conditions_too_long({ max }) },
		validFrom: { invalid: () => m.offers_error_valid_from_invalid() },
		validUntil: {
			invalid: () => m.offers_error_valid_until_invalid(),
			before_start: () => m.offers_error_valid_until_before()
		}
	};
	return { field, code, message: messages[field][code]!() };
}

/** Checks the form's values (trimmed); the errors name their field, in the form's order. */
export function validateOffer(
	values: OfferValues
): { ok: true; input: OfferInput } | { ok: false; errors: OfferFieldError[] } {
	const errors: OfferFieldError[] = [];
	const v = { ...values };
	for (const field of OFFER_FIELDS) v[field] = (values[field] ?? '').trim();
	const { direction, category, title } = v;
	if (direction !== 'offer' && direction !== 'request')
		errors.push(fieldError('direction', 'invalid'));
	if (!isOfferCategory(category)) errors.push(fieldError('category', 'invalid'));
	if (title === '') errors.push(fieldError('title', 'required'));
	else if ([...title].length > OFFER_LIMITS.title) errors.push(fieldError('title', 'too_long'));
	for (const field of ['description', 'conditions'] as const) {
		if ([...v[field]].length > OFFER_LIMITS.text) errors.push(fieldError(field, 'too_long'));
	}
	const from = v.validFrom;
	const until = v.validUntil;
	const fromOk = from === '' || isIsoDay(from);
	const untilOk = until === '' || isIsoDay(until);
	if (!fromOk) errors.push(fieldError('validFrom', 'invalid'));
	if (!untilOk) errors.push(fieldError('validUntil', 'invalid'));
	if (fromOk && untilOk && from !== '' && until !== '' && until < from)
		errors.push(fieldError('validUntil', 'before_start'));
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		input: {
			direction: direction as OfferDirection,
			category: category as OfferCategory,
			title,
			description: v.description || null,
			conditions: v.conditions || null,
			validFrom: from || null,
			validUntil: until || null
		}
	};
}

// ---------------------------------------------------------------- reads

interface RawOffer {
	id: string;
	actor_id: string;
	actor_name: string;
	commune_code: string | null;
	lng: number | null;
	lat: number | null;
	direction: OfferDirection;
	category: OfferCategory;
	title: string;
	description: string | null;
	conditions: string | null;
	valid_from: string | null;
	valid_until: string | null;
}

const SELECT_OFFERS = `
	select o.id, o.actor_id, a.name as actor_name, a.commune_code,
	       st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
	       o.direction, o.category, o.title, o.description, o.conditions,
	       to_char(o.valid_from, 'YYYY-MM-DD') as valid_from,
	       to_char(o.valid_until, 'YYYY-MM-DD') as valid_until
	  from public.offer o
	  join public.actor a on a.territory_id = o.territory_id and a.id = o.actor_id`;

function position(lng: unknown, lat: unknown): LngLat | null {
	const x = finiteOrNull(lng);
	const y = finiteOrNull(lat);
	return x === null || y === null ? null : [x, y];
}

function toRow(r: RawOffer): OfferRow {
	return {
		id: r.id,
		actorId: r.actor_id,
		actorName: r.actor_name,
		communeCode: r.commune_code,
		position: position(r.lng, r.lat),
		direction: r.direction,
		category: r.category,
		title: r.title,
		description: r.description,
		conditions: r.conditions,
		validFrom: r.valid_from,
		validUntil: r.valid_until
	};
}

export interface OfferFilter {
	direction?: OfferDirection;
	category?: OfferCategory;
}

/** The offers and requests of a territory (members only: empty for others), by title. */
export async function listTerritoryOffers(
	tx: Tx,
	territoryId: string,
	filter: OfferFilter = {}
): Promise<OfferRow[]> {
	const rows = await tx.query<RawOffer>(
		`${SELECT_OFFERS}
		  where o.territory_id = $1
		    and ($2::text is null or o.direction = $2)
		    and ($3::text is null or o.category = $3)
		  order by o.title, o.id`,
		[territoryId, filter.direction ?? null, filter.category ?? null]
	);
	return rows.map(toRow);
}

/** The offers and requests of one actor: offers first, then by title. */
export async function listActorOffers(
	tx: Tx,
	territoryId: string,
	actorId: string
): Promise<OfferRow[]> {
	const rows = await tx.query<RawOffer>(
		`${SELECT_OFFERS}
		  where o.territory_id = $1 and o.actor_id = $2
		  order by o.direction, o.title, o.id`,
		[territoryId, actorId]
	);
	return rows.map(toRow);
}

// ---------------------------------------------------------------- writes

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isPolicyRefusal(e: unknown): boolean {
	const err = e as { code?: unknown; message?: unknown } | null;
	return (
		err?.code === '42501' ||
		(typeof err?.message === 'string' && /row-level security/.test(err.message))
	);
}

async function requireEditor(tx: Tx, territoryId: string): Promise<void> {
	if (!canEdit(await territoryRole(tx, territoryId))) throw new OfferError('forbidden');
}

function validated(values: OfferValues): OfferInput {
	const result = validateOffer(values);
	if (!result.ok) throw new OfferError('invalid', result.errors);
	return result.input;
}

async function actorExists(tx: Tx, territoryId: string, actorId: string): Promise<boolean> {
	if (!UUID.test(actorId)) return false;
	const rows = await tx.query('select 1 from public.actor where territory_id = $1 and id = $2', [
		territoryId,
		actorId
	]);
	return rows.length > 0;
}

/** Adds an offer or request to an actor; returns its id. */
export async function createOffer(
	tx: Tx,
	territoryId: string,
	actorId: string,
	values: OfferValues
): Promise<string> {
	await requireEditor(tx, territoryId);
	const input = validated(values);
	if (!(await actorExists(tx, territoryId, actorId))) throw new OfferError('not_found');
	try {
		const [row] = await tx.query<{ id: string }>(
			`insert into public.offer (territory_id, actor_id, direction, category, title,
			                           description, conditions, valid_from, valid_until)
			 values ($1, $2, $3, $4, $5, $6, $7, $8::date, $9::date)
			 returning id`,
			[
				territoryId,
				actorId,
				input.direction,
				input.category,
				input.title,
				input.description,
				input.conditions,
				input.validFrom,
				input.validUntil
			]
		);
		return row!.id;
	} catch (e) {
		if (isPolicyRefusal(e)) throw new OfferError('forbidden');
		throw e;
	}
}

/** The offer exists for this actor but the write touched nothing: RLS refused it. */
async function refusalOrMissing(
	tx: Tx,
	territoryId: string,
	actorId: string,
	offerId: string
): Promise<OfferError> {
	const rows = await tx.query(
		'select 1 from public.offer where territory_id = $1 and actor_id = $2 and id = $3',
		[territoryId, actorId, offerId]
	);
	return new OfferError(rows.length > 0 ? 'forbidden' : 'not_found');
}

export async function updateOffer(
	tx: Tx,
	territoryId: string,
	actorId: string,
	offerId: string,
	values: OfferValues
): Promise<void> {
	await requireEditor(tx, territoryId);
	const input = validated(values);
	if (!UUID.test(offerId) || !UUID.test(actorId)) throw new OfferError('not_found');
	let rows: unknown[];
	try {
		rows = await tx.query(
			`update public.offer
			    set direction = $4, category = $5, title = $6, description = $7, conditions = $8,
			        valid_from = $9::date, valid_until = $10::date
			  where territory_id = $1 and actor_id = $2 and id = $3
			  returning id`,
			[
				territoryId,
				actorId,
				offerId,
				input.direction,
				input.category,
				input.title,
				input.description,
				input.conditions,
				input.validFrom,
				input.validUntil
			]
		);
	} catch (e) {
		if (isPolicyRefusal(e)) throw new OfferError('forbidden');
		throw e;
	}
	if (rows.length === 0) throw await refusalOrMissing(tx, territoryId, actorId, offerId);
}

export async function deleteOffer(
	tx: Tx,
	territoryId: string,
	actorId: string,
	offerId: string
): Promise<void> {
	await requireEditor(tx, territoryId);
	if (!UUID.test(offerId) || !UUID.test(actorId)) throw new OfferError('not_found');
	const rows = await tx.query(
		`delete from public.offer where territory_id = $1 and actor_id = $2 and id = $3
		 returning id`,
		[territoryId, actorId, offerId]
	);
	if (rows.length === 0) throw await refusalOrMissing(tx, territoryId, actorId, offerId);
}

// ---------------------------------------------------------------- matches

/**
 * Each request of the territory that is still open on `today` (not expired; with
 * `includeExpired`, the expired ones too), with the offers valid today that match it, nearest
 * first. Requests come in title order.
 */
export async function loadRequestMatches(
	tx: Tx,
	territoryId: string,
	today: string,
	options: { includeExpired?: boolean; category?: OfferCategory; limit?: number } = {}
): Promise<RequestMatches<OfferRow, OfferRow>[]> {
	const all = await listTerritoryOffers(tx, territoryId);
	const requests = all.filter(
		(r) =>
			r.direction === 'request' &&
			(options.category === undefined || r.category === options.category) &&
			(options.includeExpired || !isExpiredOn(r, today))
	);
	const offers = all.filter((o) => o.direction === 'offer');
	return matchRequests(requests, offers, { today, limit: options.limit });
}

/** An offer proposed for an event's need: an actor's offer, or a common place's equipment. */
export type NeedOffer = OfferItem & { communeCode: string | null };

/**
 * What an event's needs can count on (#6): the territory's offers valid on `today` and the
 * equipment of its common places (each place lends what it has, its runner being the actor to
 * ask; places nobody runs are left out, there is no one to ask), nearest to `at` first.
 */
export async function loadNeedMatches(
	tx: Tx,
	territoryId: string,
	needs: readonly string[],
	at: LngLat | null,
	today: string,
	options: { limit?: number } = {}
): Promise<NeedMatches<NeedOffer>[]> {
	if (needs.length === 0) return [];
	const offers: NeedOffer[] = (
		await listTerritoryOffers(tx, territoryId, { direction: 'offer' })
	).map(({ direction: _direction, ...offer }) => offer);
	const places = await tx.query<{
		id: string;
		name: string;
		equipment: string[] | null;
		conditions: string | null;
		commune_code: string | null;
		run_by: string;
		actor_name: string;
		lng: number | null;
		lat: number | null;
	}>(
		`select p.id, p.name, p.equipment, p.conditions,
		        coalesce(p.commune_code, a.commune_code) as commune_code,
		        p.run_by, a.name as actor_name,
		        st_x(coalesce(p.location, a.location)::geometry) as lng,
		        st_y(coalesce(p.location, a.location)::geometry) as lat
		   from public.place p
		   join public.actor a on a.territory_id = p.territory_id and a.id = p.run_by
		  where p.territory_id = $1
		  order by p.name, p.id`,
		[territoryId]
	);
	for (const p of places) {
		placeOffers({ name: p.name, equipment: p.equipment ?? [] }).forEach((offer, i) => {
			offers.push({
				...offer,
				id: `place:${p.id}:${i}`,
				actorId: p.run_by,
				actorName: p.actor_name,
				communeCode: p.commune_code,
				position: position(p.lng, p.lat),
				description: offer.description ?? null,
				conditions: p.conditions,
				validFrom: null,
				validUntil: null,
				place: { id: p.id, name: p.name }
			});
		});
	}
	return matchNeeds(needs, at, offers, { today, limit: options.limit });
}
