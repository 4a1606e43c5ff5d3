/**
 * The travel page's sentences: each structured reason of a suggestion ($lib/domain/events/travel)
 * in the interface language, and dates « 5 décembre 2026 » on the Paris clock (the server and
 * the browser render the same text).
 */
import { PARIS_TIME_ZONE } from '$lib/domain/events/datetime';
import type { TravelReason } from '$lib/domain/events/travel';
import { getLocale, m } from '$lib/i18n';

export function dayText(iso: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		timeZone: PARIS_TIME_ZONE,
		dateStyle: 'long'
	}).format(new Date(iso));
}

export function numberText(n: number, digits = 0): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(n);
}

/** One or two sentences per reason (a place with equipment gives two). */
export function reasonSentences(reason: TravelReason): string[] {
	switch (reason.code) {
		case 'never-visited':
			return [m.travel_reason_never()];
		case 'last-visit':
			return [m.travel_reason_last_visit({ count: reason.visits, date: dayText(reason.date) })];
		case 'planned':
			return [m.travel_reason_planned({ date: dayText(reason.date) })];
		case 'place': {
			const place = reason.placeName;
			const capacity = reason.capacity === null ? null : numberText(reason.capacity);
			const size = reason.expectedSize === null ? '' : numberText(reason.expectedSize);
			const first =
				reason.capacityFit === 'enough' && capacity !== null
					? m.travel_reason_place_enough({ place, capacity, size })
					: reason.capacityFit === 'unknown'
						? m.travel_reason_place_unknown({ place, size })
						: capacity !== null
							? m.travel_reason_place_capacity({ place, capacity })
							: m.travel_reason_place_plain({ place });
			return reason.equipment.length > 0
				? [first, m.travel_reason_equipment({ equipment: reason.equipment.join(', ') })]
				: [first];
		}
		case 'no-place':
			return [
				reason.places === 0
					? m.travel_reason_no_place()
					: m.travel_reason_no_fit({ count: reason.places })
			];
		case 'actors':
			return [
				reason.theme !== null && reason.matching > 0
					? m.travel_reason_actors_theme({
							count: reason.count,
							radius: numberText(reason.radiusKm),
							matching: numberText(reason.matching),
							theme: reason.theme
						})
					: m.travel_reason_actors({ count: reason.count, radius: numberText(reason.radiusKm) })
			];
		case 'no-actors':
			return [m.travel_reason_no_actors({ radius: numberText(reason.radiusKm) })];
	}
}
