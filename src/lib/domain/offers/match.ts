/**
 * Offers and requests that find each other (#6), and an event's needs matched the same way.
 *
 * Whether two texts are about the same thing is `needs.ts`'s rule (shared with the partner
 * finder); this module adds what the matching view needs around it: validity dates, no actor
 * matched with itself, and an order people can follow — nearest first (great-circle km between
 * the two actors, the same measure as the partner finder), actors without a position last, then
 * the offer's title in French order, then its id, so equal candidates always come out the same.
 */
import { distance } from 'geokdbush';
import type { LngLat } from '../partners/nearby';
import {
	conceptsOf,
	offerMeetsNeed,
	requestMatchesOffer,
	type OfferCategory,
	type OfferText
} from './needs';

export type { OfferCategory } from './needs';
export type OfferDirection = 'offer' | 'request';

export const OFFER_CATEGORIES: readonly OfferCategory[] = [
	'room',
	'equipment',
	'vehicle',
	'skill',
	'time',
	'other'
];

export function isOfferCategory(value: unknown): value is OfferCategory {
	return typeof value === 'string' && (OFFER_CATEGORIES as readonly string[]).includes(value);
}

/** An offer or a request as the matching sees it. Dates are ISO days (YYYY-MM-DD), inclusive. */
export interface OfferItem extends OfferText {
	id: string;
	actorId: string;
	actorName: string;
	/** Where the actor (or, for a common place's equipment, the place) is; null when unknown. */
	position: LngLat | null;
	category: OfferCategory;
	title: string;
	description: string | null;
	conditions: string | null;
	validFrom: string | null;
	validUntil: string | null;
	/** Set when the offer is the equipment of a common place (see `placeOffers`). */
	place?: { id: string; name: string } | null;
}

/** Why an offer was proposed for a request. */
export type MatchReason =
	| { kind: 'category'; category: OfferCategory }
	/** Words of the request (as written, lower case) that the offer meets. */
	| { kind: 'words'; words: string[] };

export interface OfferMatch<T extends OfferItem = OfferItem> {
	offer: T;
	/** Great-circle distance between the two actors (or from the event), km; null when unknown. */
	km: number | null;
}

export interface RequestMatch<T extends OfferItem = OfferItem> extends OfferMatch<T> {
	why: MatchReason;
}

export interface RequestMatches<R extends OfferItem = OfferItem, O extends OfferItem = OfferItem> {
	request: R;
	offers: RequestMatch<O>[];
}

export interface NeedMatches<T extends OfferItem = OfferItem> {
	need: string;
	offers: OfferMatch<T>[];
}

export interface MatchOptions {
	/** The day the offers must be valid on, YYYY-MM-DD. */
	today: string;
	/** At most this many offers per request or need (all when absent). */
	limit?: number;
}

/** Whether the offer is valid on `day` (YYYY-MM-DD): bounds inclusive, a null bound is open. */
export function isValidOn(
	offer: { validFrom: string | null; validUntil: string | null },
	day: string
): boolean {
	// ISO days compare as strings.
	if (offer.validFrom !== null && offer.validFrom > day) return false;
	if (offer.validUntil !== null && offer.validUntil < day) return false;
	return true;
}

/** Whether the offer's validity has ended before `day`. */
export function isExpiredOn(offer: { validUntil: string | null }, day: string): boolean {
	return offer.validUntil !== null && offer.validUntil < day;
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `timeZone` (French networks: Europe/Paris), as YYYY-MM-DD. */
export function isoDay(at: Date, timeZone = 'Europe/Paris'): string {
	let format = DAY_FORMATS.get(timeZone);
	if (!format) {
		// en-CA writes dates as YYYY-MM-DD.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		DAY_FORMATS.set(timeZone, format);
	}
	return format.format(at);
}

/** Whether a string is a real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isIsoDay(value: string): boolean {
	const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!parts) return false;
	const [y, mo, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Great-circle distance in km, null when either end is unknown. */
export function kmBetween(a: LngLat | null, b: LngLat | null): number | null {
	if (a === null || b === null) return null;
	return distance(a[0], a[1], b[0], b[1]);
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Nearest first, unknown distances last, then title (French order), then id. */
export function compareMatches(a: OfferMatch, b: OfferMatch): number {
	if (a.km === null || b.km === null) {
		if (a.km !== b.km) return a.km === null ? 1 : -1;
	} else if (a.km !== b.km) {
		return a.km - b.km;
	}
	const byTitle = collator.compare(a.offer.title, b.offer.title);
	if (byTitle !== 0) return byTitle;
	return a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0;
}

function limited<T>(items: T[], limit: number | undefined): T[] {
	return limit === undefined ? items : items.slice(0, Math.max(0, limit));
}

/** The words of a text as written (letters and digits), each once, lower case. */
function writtenWords(text: string): string[] {
	const seen = new Set<string>();
	const words: string[] = [];
	for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
		const lower = word.toLocaleLowerCase('fr');
		if (lower === '' || seen.has(lower)) continue;
		seen.add(lower);
		words.push(lower);
	}
	return words;
}

/**
 * Why `offer` matches `request` (which `requestMatchesOffer` accepted): the same category, or
 * the request's words that meet the offer on their own. When the request names concepts of the
 * vocabulary only those count, as in `offerMeetsNeed`.
 */
export function matchReason(request: OfferText, offer: OfferText): MatchReason {
	if (request.category === offer.category && request.category !== 'other') {
		return { kind: 'category', category: request.category };
	}
	const text = `${request.title} ${request.description ?? ''}`;
	const byConcept = conceptsOf(text).size > 0;
	const words = writtenWords(text).filter(
		(w) => (!byConcept || conceptsOf(w).size > 0) && offerMeetsNeed(w, offer)
	);
	return { kind: 'words', words };
}

/**
 * For each request (in the order given), the offers that match it: valid on `today`, not the
 * request's own actor's, nearest to the requesting actor first. Which requests to show (open
 * ones, usually) is the caller's choice.
 */
export function matchRequests<R extends OfferItem, O extends OfferItem>(
	requests: readonly R[],
	offers: readonly O[],
	options: MatchOptions
): RequestMatches<R, O>[] {
	const valid = offers.filter((o) => isValidOn(o, options.today));
	return requests.map((request) => {
		const found: RequestMatch<O>[] = [];
		for (const offer of valid) {
			if (offer.actorId === request.actorId) continue;
			if (!requestMatchesOffer(request, offer)) continue;
			found.push({
				offer,
				km: kmBetween(request.position, offer.position),
				why: matchReason(request, offer)
			});
		}
		found.sort(compareMatches);
		return { request, offers: limited(found, options.limit) };
	});
}

/**
 * For each need of an event (in its order), the offers valid on `today` that meet it, nearest to
 * `at` (the event's place) first.
 */
export function matchNeeds<T extends OfferItem>(
	needs: readonly string[],
	at: LngLat | null,
	offers: readonly T[],
	options: MatchOptions
): NeedMatches<T>[] {
	const valid = offers
		.filter((o) => isValidOn(o, options.today))
		.map((offer) => ({ offer, km: kmBetween(at, offer.position) }));
	return needs.map((need) => {
		const found = valid.filter((m) => offerMeetsNeed(need, m.offer)).sort(compareMatches);
		return { need, offers: limited(found, options.limit) };
	});
}
