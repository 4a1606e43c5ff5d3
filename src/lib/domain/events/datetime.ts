/**
 * Event times as people type them (a date and a time on the wall clock of Europe/Paris) and as
 * the database keeps them (an instant, `timestamptz`). Pure: the time zone rules come from the
 * runtime's ICU data through `Intl.DateTimeFormat`, nothing is hard-coded.
 *
 * The two hours that do not map one to one:
 * - spring forward (last Sunday of March, 02:00 → 03:00): 02:30 does not exist; it is read as
 *   the same distance past the change, 03:30 CEST (what a clock set by hand would show);
 * - fall back (last Sunday of October, 03:00 → 02:00): 02:30 happens twice; the first one,
 *   02:30 CEST, is taken.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A date and a time on the Paris wall clock: `2026-12-05`, `19:30`. */
export interface ParisLocal {
	date: string;
	time: string;
}

const parts = new Intl.DateTimeFormat('en-GB', {
	timeZone: PARIS_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function wallOf(instant: number): Wall {
	const get: Record<string, number> = {};
	for (const p of parts.formatToParts(new Date(instant))) {
		if (p.type !== 'literal') get[p.type] = Number(p.value);
	}
	return {
		year: get.year!,
		month: get.month!,
		day: get.day!,
		hour: get.hour! % 24,
		minute: get.minute!
	};
}

/** The wall clock read as if it were UTC, in milliseconds: lets offsets be subtracted. */
function wallMillis(w: Wall): number {
	return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** Offset of Paris from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function parisOffset(instant: number): number {
	const floored = Math.floor(instant / MINUTE) * MINUTE;
	return wallMillis(wallOf(floored)) - floored;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2})[:hH](\d{2})$/;

/** `YYYY-MM-DD` of a real calendar day, as numbers; null otherwise. */
export function parseDate(input: string): { year: number; month: number; day: number } | null {
	const match = DATE_RE.exec(input.trim());
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1) return null; // 31 February, …
	return { year, month, day };
}

/** `HH:MM` (also `9:30` and the French `19h30`), as numbers; null otherwise. */
export function parseTime(input: string): { hour: number; minute: number } | null {
	const match = TIME_RE.exec(input.trim());
	if (!match) return null;
	const [hour, minute] = [Number(match[1]), Number(match[2])];
	if (hour > 23 || minute > 59) return null;
	return { hour, minute };
}

/**
 * The instant (ISO 8601 in UTC, `…Z`) of a Paris wall-clock date and time; null when the date
 * or the time is not valid. See the module comment for the two daylight-saving hours.
 */
export function parisLocalToUtc(date: string, time: string): string | null {
	const d = parseDate(date);
	const t = parseTime(time);
	if (!d || !t) return null;
	const wall = wallMillis({ ...d, ...t });
	// Paris changes offset at most once in any 24 hours: the offsets half a day either side
	// are the only candidates.
	const before = parisOffset(wall - 12 * HOUR);
	const after = parisOffset(wall + 12 * HOUR);
	const candidates = [...new Set([before, after])]
		.map((offset) => wall - offset)
		.filter((instant) => wallMillis(wallOf(instant)) === wall)
		.sort((a, b) => a - b);
	// No candidate: the hour skipped in spring; the offset before the change moves it forward.
	const instant = candidates[0] ?? wall - before;
	return new Date(instant).toISOString();
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** The Paris wall-clock date and time of an instant (ISO string or Date). */
export function utcToParisLocal(instant: string | Date): ParisLocal {
	const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
	const w = wallOf(ms);
	return {
		date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
		time: `${pad(w.hour)}:${pad(w.minute)}`
	};
}

/** The Paris calendar day (`YYYY-MM-DD`) an instant falls on. */
export function parisDay(instant: string | Date): string {
	return utcToParisLocal(instant).date;
}
