/**
 * The event form, read and checked: what can be decided without the database (lengths, dates,
 * the map point, the needs list). Field errors carry a stable code; the server turns them into
 * sentences naming the field, and adds those that need the database (unknown place, commune,
 * actor).
 */
import { parisLocalToUtc } from './datetime';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const LABEL_MAX = 80;
export const NEED_MAX = 80;
export const NEEDS_MAX = 30;
export const ADDRESS_MAX = 300;
/** Organisers, and participants (a sign-up sheet of a big banquet can be long). */
export const ACTORS_MAX = 2000;

export const EVENT_FIELDS = [
	'title',
	'description',
	'start',
	'end',
	'place',
	'address',
	'point',
	'commune',
	'theme',
	'format',
	'needs',
	'visibility',
	'organisers',
	'participants'
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type EventErrorCode =
	'required' | 'too_long' | 'invalid' | 'end_before_start' | 'unknown' | 'ambiguous' | 'too_many';

export type EventErrors = Partial<Record<EventField, EventErrorCode>>;

/** Suggestions of the format field (free text: a network may have its own). */
export const EVENT_FORMATS = [
	'débat',
	'projection',
	'banquet',
	'concert',
	'atelier',
	'forum',
	'marché',
	'fête',
	'visite',
	'chantier participatif',
	'réunion',
	'randonnée',
	'conférence',
	'spectacle',
	'exposition',
	'tournoi',
	'lecture',
	'troc'
] as const;

export type EventVisibility = 'public' | 'members';

/** What the form posts, as strings (several values for the actor lists). */
export interface EventFormValues {
	title: string;
	description: string;
	startDate: string;
	startTime: string;
	endDate: string;
	endTime: string;
	/** '' (none chosen), a place id, or 'other' (an address or a point on the map). */
	place: string;
	address: string;
	lng: string;
	lat: string;
	commune: string;
	theme: string;
	format: string;
	needs: string;
	visibility: string;
	organisers: string[];
	participants: string[];
	/**
	 * The organisers and participants the edit form was loaded with: saving changes only what the
	 * editor changed, so participants imported meanwhile by someone else are kept.
	 */
	actorsBefore?: string[];
}

export const OTHER_PLACE = 'other';

export interface EventDraft {
	title: string;
	description: string | null;
	startsAt: string;
	endsAt: string | null;
	/** A common place's id, or null (an address, a point, or only a commune). */
	placeId: string | null;
	address: string | null;
	/** A point clicked on the map: wins over the address. */
	point: { lng: number; lat: number } | null;
	/** What was typed in the commune field (a name or an INSEE code), resolved by the server. */
	commune: string | null;
	theme: string | null;
	format: string | null;
	needs: string[];
	visibility: EventVisibility;
	organisers: string[];
	/** Without the organisers (an actor has one role per event). */
	participants: string[];
	/** See EventFormValues.actorsBefore (ids that are not UUIDs are dropped). */
	actorsBefore: string[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);

/** A form field read as text: trimmed, null when empty. */
const text = (s: string | null | undefined): string | null => {
	const t = (s ?? '').trim();
	return t === '' ? null : t;
};

/**
 * The needs typed as a list, one per line or separated by commas (or semicolons): trimmed,
 * blanks dropped, duplicates (ignoring case) dropped, in their order.
 */
export function splitNeeds(input: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of input.split(/[,;\n\r]+/)) {
		const need = raw.replace(/\s+/g, ' ').trim();
		if (need === '') continue;
		const key = need.toLocaleLowerCase('fr');
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(need);
	}
	return out;
}

/** A coordinate from the form (the map writes a dot, a person may type a comma). */
function coordinate(input: string, limit: number): number | null | 'invalid' {
	const s = input.trim().replace(',', '.').replace('−', '-');
	if (s === '') return null;
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return 'invalid';
	const n = Number(s);
	return Number.isFinite(n) && Math.abs(n) <= limit ? n : 'invalid';
}

function actorIds(values: string[]): string[] | null {
	const ids = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
	return ids.every(isUuid) ? ids : null;
}

export function parseEventForm(
	values: EventFormValues
): { ok: true; draft: EventDraft } | { ok: false; errors: EventErrors } {
	const errors: EventErrors = {};

	const title = text(values.title);
	if (title === null) errors.title = 'required';
	else if (title.length > TITLE_MAX) errors.title = 'too_long';

	const description = text(values.description);
	if (description !== null && description.length > DESCRIPTION_MAX) errors.description = 'too_long';

	let startsAt: string | null = null;
	if (text(values.startDate) === null || text(values.startTime) === null) errors.start = 'required';
	else {
		startsAt = parisLocalToUtc(values.startDate, values.startTime);
		if (startsAt === null) errors.start = 'invalid';
	}

	let endsAt: string | null = null;
	const endDate = text(values.endDate);
	const endTime = text(values.endTime);
	if (endDate !== null || endTime !== null) {
		// An end time alone is on the start day.
		const day = endDate ?? text(values.startDate);
		endsAt = day !== null && endTime !== null ? parisLocalToUtc(day, endTime) : null;
		if (endsAt === null) errors.end = 'invalid';
		else if (startsAt !== null && Date.parse(endsAt) < Date.parse(startsAt))
			errors.end = 'end_before_start';
	}

	const place = values.place.trim();
	let placeId: string | null = null;
	if (place !== '' && place !== OTHER_PLACE) {
		if (isUuid(place)) placeId = place.toLowerCase();
		else errors.place = 'unknown';
	}

	const address = text(values.address);
	if (address !== null && address.length > ADDRESS_MAX) errors.address = 'too_long';

	let point: EventDraft['point'] = null;
	const lng = coordinate(values.lng, 180);
	const lat = coordinate(values.lat, 90);
	if (lng === 'invalid' || lat === 'invalid' || (lng === null) !== (lat === null))
		errors.point = 'invalid';
	else if (lng !== null && lat !== null) point = { lng, lat };

	const commune = text(values.commune);
	if (commune !== null && commune.length > LABEL_MAX) errors.commune = 'too_long';

	const theme = text(values.theme);
	if (theme !== null && theme.length > LABEL_MAX) errors.theme = 'too_long';
	const format = text(values.format);
	if (format !== null && format.length > LABEL_MAX) errors.format = 'too_long';

	const needs = splitNeeds(values.needs);
	if (needs.length > NEEDS_MAX) errors.needs = 'too_many';
	else if (needs.some((n) => n.length > NEED_MAX)) errors.needs = 'too_long';

	const visibility = text(values.visibility) ?? 'members';
	if (visibility !== 'public' && visibility !== 'members') errors.visibility = 'invalid';

	const organisers = actorIds(values.organisers);
	if (organisers === null) errors.organisers = 'unknown';
	else if (organisers.length > ACTORS_MAX) errors.organisers = 'too_many';
	const participantIds = actorIds(values.participants);
	if (participantIds === null) errors.participants = 'unknown';
	else if (participantIds.length > ACTORS_MAX) errors.participants = 'too_many';

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		draft: {
			title: title!,
			description,
			startsAt: startsAt!,
			endsAt,
			placeId,
			address,
			point,
			commune,
			theme,
			format,
			needs,
			visibility: visibility as EventVisibility,
			organisers: organisers!,
			participants: participantIds!.filter((id) => !organisers!.includes(id)),
			actorsBefore: [...new Set((values.actorsBefore ?? []).map((v) => v.trim()))].filter(isUuid)
		}
	};
}

/** The form's values read from posted form data. */
export function eventFormValues(form: {
	get(name: string): unknown;
	getAll(name: string): unknown[];
}): EventFormValues {
	const s = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
	return {
		title: s('title'),
		description: s('description'),
		startDate: s('start_date'),
		startTime: s('start_time'),
		endDate: s('end_date'),
		endTime: s('end_time'),
		place: s('place'),
		address: s('address'),
		lng: s('lng'),
		lat: s('lat'),
		commune: s('commune'),
		theme: s('theme'),
		format: s('format'),
		needs: s('needs'),
		visibility: s('visibility'),
		organisers: all('organisers'),
		participants: all('participants'),
		actorsBefore: all('actors_before')
	};
}
