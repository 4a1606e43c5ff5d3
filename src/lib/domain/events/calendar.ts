/**
 * The month grid of the events calendar: the weeks of a month, Monday first (as French
 * calendars are), each day with the events that happen on it in Paris time. Pure: the page
 * renders it as a `<table>`.
 *
 * An event spanning midnight appears on every day it touches (the later days flagged
 * `continued`); one ending exactly at midnight does not spill into the next day.
 */
import { parisDay } from './datetime';

export interface CalendarMonth {
	year: number;
	/** 1–12 */
	month: number;
}

export interface CalendarItem {
	id: string;
	title: string;
	/** ISO 8601 instants. */
	startsAt: string;
	endsAt: string | null;
}

export interface CalendarCell<T extends CalendarItem = CalendarItem> {
	/** `YYYY-MM-DD` */
	date: string;
	day: number;
	inMonth: boolean;
	isToday: boolean;
	events: { event: T; continued: boolean }[];
}

export interface MonthGrid<T extends CalendarItem = CalendarItem> {
	/** `YYYY-MM` */
	key: string;
	/** Monday to Sunday, 4 to 6 of them. */
	weeks: CalendarCell<T>[][];
	/** First and last day shown (from the Monday before the 1st to the Sunday after the end). */
	first: string;
	last: string;
	previous: string;
	next: string;
}

const DAY = 86_400_000;
/** Past this, an event is drawn on its first day only (a season, a typo in the end date). */
const MAX_SPAN_DAYS = 31;

const pad = (n: number) => String(n).padStart(2, '0');

export function monthKey(m: CalendarMonth): string {
	return `${m.year}-${pad(m.month)}`;
}

/** `2026-12` → {year: 2026, month: 12}; null for anything else. */
export function parseMonth(input: string | null | undefined): CalendarMonth | null {
	const match = /^(\d{4})-(\d{2})$/.exec((input ?? '').trim());
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	if (year < 1900 || year > 2200 || month < 1 || month > 12) return null;
	return { year, month };
}

/** The month a Paris day (`YYYY-MM-DD`) falls in. */
export function monthOfDay(day: string): CalendarMonth {
	return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

export function addMonths(m: CalendarMonth, delta: number): CalendarMonth {
	const index = m.year * 12 + (m.month - 1) + delta;
	return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function dayString(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function dayMillis(day: string): number {
	return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** The Paris days an event touches, first to last (at most MAX_SPAN_DAYS). */
export function eventDays(event: Pick<CalendarItem, 'startsAt' | 'endsAt'>): string[] {
	const first = parisDay(event.startsAt);
	if (!event.endsAt || Date.parse(event.endsAt) <= Date.parse(event.startsAt)) return [first];
	// The last minute it runs: an event ending at 00:00 ends the day before.
	const last = parisDay(new Date(Date.parse(event.endsAt) - 1));
	const days: string[] = [];
	const end = dayMillis(last);
	for (let t = dayMillis(first); t <= end; t += DAY) {
		days.push(dayString(t));
		if (days.length >= MAX_SPAN_DAYS) return [first];
	}
	return days;
}

/**
 * The grid of `month`: whole weeks, Monday first; `today` (a Paris day) is marked; each event
 * is placed in the cells of the days it touches, in start order.
 */
export function buildMonthGrid<T extends CalendarItem>(
	month: CalendarMonth,
	events: readonly T[],
	today: string
): MonthGrid<T> {
	const firstOfMonth = Date.UTC(month.year, month.month - 1, 1);
	const lastOfMonth = Date.UTC(month.year, month.month, 0);
	// getUTCDay: Sunday 0 … Saturday 6; days to step back to the Monday.
	const back = (new Date(firstOfMonth).getUTCDay() + 6) % 7;
	const forward = (7 - new Date(lastOfMonth).getUTCDay()) % 7;
	const start = firstOfMonth - back * DAY;
	const end = lastOfMonth + forward * DAY;

	const cells = new Map<string, CalendarCell<T>>();
	const weeks: CalendarCell<T>[][] = [];
	for (let t = start; t <= end; t += DAY) {
		const d = new Date(t);
		const cell: CalendarCell<T> = {
			date: dayString(t),
			day: d.getUTCDate(),
			inMonth: d.getUTCMonth() === month.month - 1,
			isToday: dayString(t) === today,
			events: []
		};
		cells.set(cell.date, cell);
		if (weeks.length === 0 || weeks[weeks.length - 1]!.length === 7) weeks.push([]);
		weeks[weeks.length - 1]!.push(cell);
	}

	const sorted = [...events].sort(
		(a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id)
	);
	for (const event of sorted) {
		eventDays(event).forEach((day, i) => {
			cells.get(day)?.events.push({ event, continued: i > 0 });
		});
	}

	return {
		key: monthKey(month),
		weeks,
		first: dayString(start),
		last: dayString(end),
		previous: monthKey(addMonths(month, -1)),
		next: monthKey(addMonths(month, 1))
	};
}
