/**
 * How offers and requests read in the interface (#6): category and direction labels, validity
 * (« jusqu’au 12 mars 2027 »), distances and why an offer was proposed. Shared by the offers
 * page, the actor page's section and NeedMatches.
 */
import type { MatchReason, OfferCategory, OfferDirection } from '$lib/domain/offers/match';
import { getLocale, m } from '$lib/i18n';

const CATEGORY_LABELS: Record<OfferCategory, () => string> = {
	room: m.offers_category_room,
	equipment: m.offers_category_equipment,
	vehicle: m.offers_category_vehicle,
	skill: m.offers_category_skill,
	time: m.offers_category_time,
	other: m.offers_category_other
};

export function categoryLabel(category: OfferCategory): string {
	return CATEGORY_LABELS[category]();
}

export function directionLabel(direction: OfferDirection): string {
	return direction === 'offer' ? m.offers_direction_offer() : m.offers_direction_request();
}

/** « 12 mars 2027 » (the day as written, whatever the server's time zone). */
export function formatDay(day: string, locale: string = getLocale()): string {
	const [y, mo, d] = day.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y!, mo! - 1, d!)));
}

/** « du 1 mars au 12 mars 2027 », « jusqu’au 12 mars 2027 », « à partir du … » or no limit. */
export function validityText(offer: {
	validFrom: string | null;
	validUntil: string | null;
}): string {
	const { validFrom: from, validUntil: until } = offer;
	if (from && until)
		return m.offers_valid_between({ from: formatDay(from), until: formatDay(until) });
	if (until) return m.offers_valid_until({ date: formatDay(until) });
	if (from) return m.offers_valid_from({ date: formatDay(from) });
	return m.offers_valid_open();
}

/** « 4,2 km » (one decimal under 10 km, whole km beyond), or « distance inconnue ». */
export function kmText(km: number | null, locale: string = getLocale()): string {
	if (km === null) return m.offers_km_unknown();
	const digits = km < 10 ? 1 : 0;
	const value = new Intl.NumberFormat(locale, {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(km);
	return m.offers_km({ km: value });
}

export function reasonText(why: MatchReason): string {
	return why.kind === 'category'
		? m.offers_why_category()
		: m.offers_why_words({ words: why.words.join(', ') });
}
