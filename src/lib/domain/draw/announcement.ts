/**
 * The form announcing a call for volunteers, read and checked. Errors carry a stable code per
 * field; the page turns them into sentences. The call announces the seed's source (where its value
 * will be read, after the pool is closed); the value itself is entered when the draw is run
 * (readSeedValue), kept as typed (trimmed, inner spaces collapsed, Unicode NFC): that exact text
 * is what anyone re-running the draw hashes.
 */
import { MAX_SEATS, type DrawRules } from './draw';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const SEED_MAX = 500;
export const CONFIRM_DAYS_MAX = 90;

export const ANNOUNCEMENT_FIELDS = [
	'title',
	'description',
	'periodStart',
	'periodEnd',
	'groups',
	'groupSize',
	'seedSource',
	'confirmDays'
] as const;
export type AnnouncementField = (typeof ANNOUNCEMENT_FIELDS)[number];

export type AnnouncementError =
	'required' | 'too_long' | 'invalid' | 'end_before_start' | 'too_many_seats' | 'mix_needs_two';

export interface AnnouncementValue {
	title: string;
	description: string | null;
	periodStart: string | null;
	periodEnd: string | null;
	rules: DrawRules;
	seedSource: string;
	confirmDays: number;
}

export type AnnouncementInput = Partial<
	Record<AnnouncementField | 'mixWorlds' | 'mixCommunes', string | null>
>;

/** The seed as it is stored and hashed. */
export function normaliseSeed(text: string): string {
	return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Invisible characters (controls, zero-width and other format marks) hash but do not show. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/** The seed's value entered when the draw is run, or why it is refused. */
export function readSeedValue(
	text: string | null | undefined
): { ok: true; seed: string } | { ok: false; error: 'required' | 'too_long' | 'invalid' } {
	const seed = normaliseSeed(text ?? '');
	if (seed === '') return { ok: false, error: 'required' };
	if (seed.length > SEED_MAX) return { ok: false, error: 'too_long' };
	if (INVISIBLE.test(seed)) return { ok: false, error: 'invalid' };
	return { ok: true, seed };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
	if (!DAY.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function whole(
	text: string | null | undefined,
	min: number,
	max: number
): number | 'required' | 'invalid' {
	const t = (text ?? '').trim();
	if (t === '') return 'required';
	if (!/^\d+$/.test(t)) return 'invalid';
	const n = Number(t);
	return n < min || n > max ? 'invalid' : n;
}

export function readAnnouncement(
	input: AnnouncementInput
):
	| { ok: true; value: AnnouncementValue }
	| { ok: false; errors: Partial<Record<AnnouncementField, AnnouncementError>> } {
	const errors: Partial<Record<AnnouncementField, AnnouncementError>> = {};
	const title = (input.title ?? '').trim();
	if (title === '') errors.title = 'required';
	else if (title.length > TITLE_MAX) errors.title = 'too_long';
	const description = (input.description ?? '').trim();
	if (description.length > DESCRIPTION_MAX) errors.description = 'too_long';
	const periodStart = (input.periodStart ?? '').trim() || null;
	const periodEnd = (input.periodEnd ?? '').trim() || null;
	if (periodStart && !isDay(periodStart)) errors.periodStart = 'invalid';
	if (periodEnd && !isDay(periodEnd)) errors.periodEnd = 'invalid';
	if (
		periodStart &&
		periodEnd &&
		!errors.periodStart &&
		!errors.periodEnd &&
		periodEnd < periodStart
	)
		errors.periodEnd = 'end_before_start';
	const groups = whole(input.groups, 1, MAX_SEATS);
	const groupSize = whole(input.groupSize, 1, MAX_SEATS);
	if (typeof groups !== 'number') errors.groups = groups;
	if (typeof groupSize !== 'number') errors.groupSize = groupSize;
	const mixWorlds = input.mixWorlds === 'on' || input.mixWorlds === 'true';
	const mixCommunes = input.mixCommunes === 'on' || input.mixCommunes === 'true';
	if (typeof groups === 'number' && typeof groupSize === 'number') {
		if (groups * groupSize > MAX_SEATS) errors.groups = 'too_many_seats';
		else if (groupSize < 2 && (mixWorlds || mixCommunes)) errors.groupSize = 'mix_needs_two';
	}
	const seedSource = normaliseSeed(input.seedSource ?? '');
	if (seedSource === '') errors.seedSource = 'required';
	else if (seedSource.length > SEED_MAX) errors.seedSource = 'too_long';
	const confirmDays = whole(input.confirmDays, 1, CONFIRM_DAYS_MAX);
	if (typeof confirmDays !== 'number') errors.confirmDays = confirmDays;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			title,
			description: description || null,
			periodStart,
			periodEnd,
			rules: {
				groups: groups as number,
				groupSize: groupSize as number,
				mixWorlds,
				mixCommunes
			},
			seedSource,
			confirmDays: confirmDays as number
		}
	};
}
