/**
 * Event dates in words, in the interface language and always on the Paris clock (the server
 * and the browser then render the same text, whatever their own time zone).
 */
import { getLocale, m } from '$lib/i18n';
import { PARIS_TIME_ZONE, parisDay } from '$lib/domain/events/datetime';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const locale = getLocale();
	const id = `${locale}:${key}`;
	let f = formatters.get(id);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { timeZone: PARIS_TIME_ZONE, ...options });
		formatters.set(id, f);
	}
	return f;
}

/** « samedi 5 décembre 2026 à 19:00 » */
export function longDateTime(iso: string): string {
	return formatter('long', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** « samedi 5 décembre 2026 » */
export function longDate(iso: string): string {
	return formatter('long-date', { dateStyle: 'full' }).format(new Date(iso));
}

/** « 19:00 » */
export function time(iso: string): string {
	return formatter('time', { timeStyle: 'short' }).format(new Date(iso));
}

/** « sam. 5 déc. 2026, 19:00 » */
export function shortDateTime(iso: string): string {
	return formatter('short', {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}

/** When an event happens, in full: one day with its hours, or from one day to another. */
export function eventWhen(startsAt: string, endsAt: string | null): string {
	if (!endsAt) return longDateTime(startsAt);
	if (parisDay(startsAt) === parisDay(endsAt))
		return m.events_detail_same_day_range({ start: longDateTime(startsAt), end: time(endsAt) });
	return m.events_detail_range({ start: longDateTime(startsAt), end: longDateTime(endsAt) });
}

/** « Décembre 2026 » */
export function monthTitle(year: number, month: number): string {
	const text = new Intl.DateTimeFormat(getLocale(), {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(year, month - 1, 1)));
	return text.charAt(0).toLocaleUpperCase(getLocale()) + text.slice(1);
}

/** A calendar day (`YYYY-MM-DD`) in full, for the cells' accessible names. */
export function dayTitle(day: string): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'full', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y, mo - 1, d))
	);
}
