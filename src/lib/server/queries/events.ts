/**
 * Events of a territory: the list and the month calendar, one event with its place, organisers
 * and participants, and their writing (create, update, delete). Everything runs as the user:
 * row level security decides who reads what (members: every event; anybody on a public
 * territory: the public ones, without their organisers and participants) and who writes (owners
 * and editors). A refusal comes back as `status: 403`, never as a thrown database error.
 *
 * Geocoding an address happens between two short transactions, never inside one (the embedded
 * database has a single connection).
 */
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import type { CommuneIndex } from '$lib/domain/census/communes';
import { DEFAULT_COMMUNE_CENTRES } from '$lib/domain/geo/commune-centres';
import {
	ACTORS_MAX,
	ADDRESS_MAX,
	DESCRIPTION_MAX,
	LABEL_MAX,
	NEED_MAX,
	NEEDS_MAX,
	TITLE_MAX,
	isUuid,
	OTHER_PLACE,
	parseEventForm,
	type EventDraft,
	type EventErrorCode,
	type EventField,
	type EventFormValues,
	type EventVisibility
} from '$lib/domain/events/event-input';
import type { ActorKind } from '$lib/domain/actor-kinds';
import { m } from '$lib/i18n';
import type { Claims, Database, Tx } from '$lib/server/db/types';
import type { Geocoder } from '$lib/server/geocode';
import { canEdit, territoryRole } from './territories';

/** ISO 8601 in UTC, the same text from PGlite and postgres.js. */
const iso = (column: string) =>
	`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export { isUuid };

// ---------------------------------------------------------------- reading

export interface EventSummary {
	id: string;
	title: string;
	startsAt: string;
	endsAt: string | null;
	placeId: string | null;
	placeName: string | null;
	communeCode: string | null;
	communeName: string | null;
	theme: string | null;
	format: string | null;
	visibility: EventVisibility;
	/** Names, for members only (row level security hides them from others: empty then). */
	organisers: string[];
	participantCount: number;
}

export interface EventListQuery {
	/** Events still running at or after this instant (ISO)… */
	from?: string | null;
	/** …and starting before this one… */
	to?: string | null;
	/** …or, for past events, over (ended, or without an end started) before this one. */
	endedBefore?: string | null;
	/** Newest first (the « passés » list); otherwise soonest first. */
	descending?: boolean;
	communeCode?: string | null;
	theme?: string | null;
	format?: string | null;
	limit?: number;
}

interface SummaryRow {
	id: string;
	title: string;
	starts_at: string;
	ends_at: string | null;
	place_id: string | null;
	place_name: string | null;
	commune_code: string | null;
	theme: string | null;
	format: string | null;
	visibility: EventVisibility;
	organisers: string[] | null;
	participant_count: number | string;
}

async function communeNamer(): Promise<(code: string | null) => string | null> {
	const communes = await loadFrenchCommunes();
	return (code) => (code ? (communes.nameOf(code) ?? null) : null);
}

/**
 * The events of a territory the user may read. An event is "between" `from` and `to` when it
 * overlaps them: it ends (or, without an end, starts) at or after `from` and starts before `to`.
 */
export async function listEvents(
	tx: Tx,
	territoryId: string,
	query: EventListQuery = {}
): Promise<EventSummary[]> {
	const rows = await tx.query<SummaryRow>(
		`select e.id, e.title, ${iso('e.starts_at')} as starts_at, ${iso('e.ends_at')} as ends_at,
		        e.place_id, p.name as place_name,
		        coalesce(e.commune_code, p.commune_code) as commune_code,
		        e.theme, e.format, e.visibility,
		        (select coalesce(array_agg(a.name order by a.name), '{}')
		           from public.event_actor ea
		           join public.actor a on a.territory_id = ea.territory_id and a.id = ea.actor_id
		          where ea.territory_id = e.territory_id and ea.event_id = e.id
		            and ea.role = 'organiser') as organisers,
		        (select count(*) from public.event_actor ea
		          where ea.territory_id = e.territory_id and ea.event_id = e.id
		            and ea.role = 'participant') as participant_count
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1
		    and ($2::timestamptz is null or coalesce(e.ends_at, e.starts_at) >= $2::timestamptz)
		    and ($3::timestamptz is null or e.starts_at < $3::timestamptz)
		    and ($8::timestamptz is null or coalesce(e.ends_at, e.starts_at) < $8::timestamptz)
		    and ($4::text is null or coalesce(e.commune_code, p.commune_code) = $4::text)
		    and ($5::text is null or lower(e.theme) = lower($5::text))
		    and ($6::text is null or lower(e.format) = lower($6::text))
		  order by e.starts_at ${query.descending ? 'desc' : 'asc'}, e.id
		  limit $7`,
		[
			territoryId,
			query.from ?? null,
			query.to ?? null,
			query.communeCode ?? null,
			query.theme ?? null,
			query.format ?? null,
			Math.max(1, Math.min(query.limit ?? 500, 2000)),
			query.endedBefore ?? null
		]
	);
	const communeName = await communeNamer();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		placeId: r.place_id,
		placeName: r.place_name,
		communeCode: r.commune_code,
		communeName: communeName(r.commune_code),
		theme: r.theme,
		format: r.format,
		visibility: r.visibility,
		organisers: r.organisers ?? [],
		participantCount: Number(r.participant_count)
	}));
}

export interface EventFacets {
	communes: { code: string; name: string }[];
	themes: string[];
	formats: string[];
}

/** The communes, themes and formats the readable events use: the list's filter choices. */
export async function eventFacets(tx: Tx, territoryId: string): Promise<EventFacets> {
	const rows = await tx.query<{ facet: string; value: string }>(
		`select distinct 'commune' as facet, coalesce(e.commune_code, p.commune_code) as value
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1 and coalesce(e.commune_code, p.commune_code) is not null
		 union
		 select distinct 'theme', e.theme from public.event e
		  where e.territory_id = $1 and e.theme is not null
		 union
		 select distinct 'format', e.format from public.event e
		  where e.territory_id = $1 and e.format is not null`,
		[territoryId]
	);
	const communeName = await communeNamer();
	const values = (facet: string) =>
		rows
			.filter((r) => r.facet === facet)
			.map((r) => r.value)
			.sort((a, b) => a.localeCompare(b, 'fr'));
	return {
		communes: values('commune')
			.map((code) => ({ code, name: communeName(code) ?? code }))
			.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		themes: values('theme'),
		formats: values('format')
	};
}

export interface EventActor {
	id: string;
	name: string;
	kind: ActorKind;
	communeCode: string | null;
	communeName: string | null;
}

export interface EventPlace {
	id: string;
	name: string;
	communeCode: string | null;
	communeName: string | null;
	capacity: number | null;
	address: string | null;
}

export interface EventDetail {
	id: string;
	title: string;
	description: string | null;
	startsAt: string;
	endsAt: string | null;
	place: EventPlace | null;
	communeCode: string | null;
	communeName: string | null;
	/** The event's own point, else its place's. */
	location: { lng: number; lat: number } | null;
	/** The event's own point (set by a map click or an address), for the edit form. */
	ownLocation: { lng: number; lat: number } | null;
	theme: string | null;
	format: string | null;
	needs: string[];
	visibility: EventVisibility;
	organisers: EventActor[];
	participants: EventActor[];
}

interface DetailRow {
	id: string;
	title: string;
	description: string | null;
	starts_at: string;
	ends_at: string | null;
	commune_code: string | null;
	own_commune_code: string | null;
	lng: number | null;
	lat: number | null;
	own_lng: number | null;
	own_lat: number | null;
	theme: string | null;
	format: string | null;
	needs: string[] | null;
	visibility: EventVisibility;
	place_id: string | null;
	place_name: string | null;
	place_commune_code: string | null;
	place_capacity: number | null;
	place_address: string | null;
}

/** One event with its place, organisers and participants; null when unknown or unreadable. */
export async function loadEvent(
	tx: Tx,
	territoryId: string,
	id: string
): Promise<EventDetail | null> {
	if (!isUuid(id)) return null;
	const [row] = await tx.query<DetailRow>(
		`select e.id, e.title, e.description, ${iso('e.starts_at')} as starts_at,
		        ${iso('e.ends_at')} as ends_at,
		        coalesce(e.commune_code, p.commune_code) as commune_code,
		        e.commune_code as own_commune_code,
		        st_x(coalesce(e.location, p.location)::geometry) as lng,
		        st_y(coalesce(e.location, p.location)::geometry) as lat,
		        st_x(e.location::geometry) as own_lng, st_y(e.location::geometry) as own_lat,
		        e.theme, e.format, e.needs, e.visibility,
		        p.id as place_id, p.name as place_name, p.commune_code as place_commune_code,
		        p.capacity as place_capacity, p.address as place_address
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1 and e.id = $2`,
		[territoryId, id]
	);
	if (!row) return null;
	const actors = await tx.query<{
		id: string;
		name: string;
		kind: ActorKind;
		commune_code: string | null;
		role: 'organiser' | 'participant';
	}>(
		`select a.id, a.name, a.kind, a.commune_code, ea.role
		   from public.event_actor ea
		   join public.actor a on a.territory_id = ea.territory_id and a.id = ea.actor_id
		  where ea.territory_id = $1 and ea.event_id = $2
		  order by a.name, a.id`,
		[territoryId, id]
	);
	const communeName = await communeNamer();
	const point = (lng: number | null, lat: number | null) =>
		lng === null || lat === null ? null : { lng: Number(lng), lat: Number(lat) };
	const toActor = (a: (typeof actors)[number]): EventActor => ({
		id: a.id,
		name: a.name,
		kind: a.kind,
		communeCode: a.commune_code,
		communeName: communeName(a.commune_code)
	});
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		place:
			row.place_id === null
				? null
				: {
						id: row.place_id,
						name: row.place_name ?? '',
						communeCode: row.place_commune_code,
						communeName: communeName(row.place_commune_code),
						capacity: row.place_capacity === null ? null : Number(row.place_capacity),
						address: row.place_address
					},
		communeCode: row.commune_code,
		communeName: communeName(row.commune_code),
		location: point(row.lng, row.lat),
		ownLocation: point(row.own_lng, row.own_lat),
		theme: row.theme,
		format: row.format,
		needs: row.needs ?? [],
		visibility: row.visibility,
		organisers: actors.filter((a) => a.role === 'organiser').map(toActor),
		participants: actors.filter((a) => a.role === 'participant').map(toActor)
	};
}

export interface PlaceOption {
	id: string;
	name: string;
	communeName: string | null;
	capacity: number | null;
}

export interface EventFormOptions {
	places: PlaceOption[];
	/** The sectors of the territory's actors and the themes its events already use. */
	themes: string[];
	/** The formats its events already use (the page adds the usual ones). */
	formats: string[];
}

/** The choices the event form offers: common places, themes, formats. */
export async function eventFormOptions(tx: Tx, territoryId: string): Promise<EventFormOptions> {
	const places = await tx.query<{
		id: string;
		name: string;
		commune_code: string | null;
		capacity: number | null;
	}>(
		`select id, name, commune_code, capacity from public.place
		  where territory_id = $1 order by name, id`,
		[territoryId]
	);
	const labels = await tx.query<{ facet: string; value: string }>(
		`select distinct 'theme' as facet, s.value
		   from public.actor a cross join lateral unnest(a.sectors) as s(value)
		  where a.territory_id = $1
		 union
		 select distinct 'theme', theme from public.event where territory_id = $1 and theme is not null
		 union
		 select distinct 'format', format from public.event where territory_id = $1 and format is not null`,
		[territoryId]
	);
	const communeName = await communeNamer();
	const values = (facet: string) =>
		labels
			.filter((r) => r.facet === facet && r.value.trim() !== '')
			.map((r) => r.value)
			.sort((a, b) => a.localeCompare(b, 'fr'));
	return {
		places: places.map((p) => ({
			id: p.id,
			name: p.name,
			communeName: communeName(p.commune_code),
			capacity: p.capacity === null ? null : Number(p.capacity)
		})),
		themes: values('theme'),
		formats: values('format')
	};
}

// ---------------------------------------------------------------- writing

/** A field's error as a sentence naming the field (interface language). */
export function eventErrorMessage(field: EventField, code: EventErrorCode): string {
	switch (field) {
		case 'title':
			return code === 'required'
				? m.events_error_title_required()
				: m.events_error_title_too_long({ max: TITLE_MAX });
		case 'description':
			return m.events_error_description_too_long({ max: DESCRIPTION_MAX });
		case 'start':
			return code === 'required' ? m.events_error_start_required() : m.events_error_start_invalid();
		case 'end':
			return code === 'end_before_start'
				? m.events_error_end_before_start()
				: m.events_error_end_invalid();
		case 'place':
			return m.events_error_place_unknown();
		case 'address':
			return m.events_error_address_too_long({ max: ADDRESS_MAX });
		case 'point':
			return m.events_error_point_invalid();
		case 'commune':
			return code === 'required'
				? m.events_error_commune_required()
				: m.events_error_commune_unknown();
		case 'theme':
			return m.events_error_theme_too_long({ max: LABEL_MAX });
		case 'format':
			return m.events_error_format_too_long({ max: LABEL_MAX });
		case 'needs':
			return code === 'too_many'
				? m.events_error_needs_too_many({ max: NEEDS_MAX })
				: m.events_error_needs_too_long({ max: NEED_MAX });
		case 'visibility':
			return m.events_error_visibility_invalid();
		case 'organisers':
			return code === 'too_many'
				? m.events_error_actors_too_many({ max: ACTORS_MAX })
				: m.events_error_organisers_unknown();
		case 'participants':
			return code === 'too_many'
				? m.events_error_actors_too_many({ max: ACTORS_MAX })
				: m.events_error_participants_unknown();
	}
}

export type EventFieldMessages = Partial<Record<EventField | 'form', string>>;

export type SaveEventResult =
	| { ok: true; id: string; warnings: string[] }
	| { ok: false; status: 400 | 403 | 404; errors: EventFieldMessages };

export interface SaveEventDeps {
	geocoder: Geocoder;
	/** Default: the national commune index. */
	communes?: CommuneIndex;
}

function messages(errors: Partial<Record<EventField, EventErrorCode>>): EventFieldMessages {
	const out: EventFieldMessages = {};
	for (const [field, code] of Object.entries(errors) as [EventField, EventErrorCode][])
		out[field] = eventErrorMessage(field, code);
	return out;
}

const forbidden = (): SaveEventResult => ({
	ok: false,
	status: 403,
	errors: { form: m.events_error_forbidden() }
});

function isPolicyRefusal(e: unknown): boolean {
	const err = e as { code?: unknown; message?: unknown } | null;
	return (
		err?.code === '42501' ||
		(typeof err?.message === 'string' && /row-level security/.test(err.message))
	);
}

interface PlaceRow {
	id: string;
	commune_code: string | null;
	lng: number | null;
	lat: number | null;
}

/** The row to write, once the place, commune and location are known. */
interface EventRow {
	draft: EventDraft;
	communeCode: string | null;
	location: { lng: number; lat: number } | null;
}

/**
 * Creates (`eventId` null) or updates an event from the form, with its organisers and
 * participants (their rows are replaced in the same transaction). Where the event is:
 * - a common place of the territory: its commune and point, unless a commune or a map point
 *   is given too;
 * - otherwise a commune is required (name or INSEE code), and the point is the map click,
 *   else the geocoded address (a failure is only a warning), else the commune's centre.
 */
export async function saveEvent(
	db: Database,
	claims: Claims,
	territoryId: string,
	eventId: string | null,
	values: EventFormValues,
	deps: SaveEventDeps
): Promise<SaveEventResult> {
	if (eventId !== null && !isUuid(eventId))
		return { ok: false, status: 404, errors: { form: m.events_not_found() } };
	const parsed = parseEventForm(values);
	const draftErrors = parsed.ok ? {} : parsed.errors;

	// First transaction: rights, the place and the actors as the database knows them.
	const known = await db.asUser(claims, async (tx) => {
		if (!canEdit(await territoryRole(tx, territoryId))) return null;
		if (!parsed.ok) return { place: null, missing: { organisers: false, participants: false } };
		const draft = parsed.draft;
		let place: PlaceRow | null = null;
		if (draft.placeId !== null) {
			[place = null] = await tx.query<PlaceRow>(
				`select id, commune_code, st_x(location::geometry) as lng, st_y(location::geometry) as lat
				   from public.place where territory_id = $1 and id = $2`,
				[territoryId, draft.placeId]
			);
		}
		const ids = [...draft.organisers, ...draft.participants];
		const found = new Set(
			ids.length === 0
				? []
				: (
						await tx.query<{ id: string }>(
							`select a.id from public.actor a
							  where a.territory_id = $1
							    and a.id in (select (jsonb_array_elements_text($2::text::jsonb))::uuid)`,
							[territoryId, JSON.stringify(ids)]
						)
					).map((r) => r.id)
		);
		return {
			place,
			missing: {
				organisers: draft.organisers.some((id) => !found.has(id)),
				participants: draft.participants.some((id) => !found.has(id))
			}
		};
	});
	if (known === null) return forbidden();

	const errors: Partial<Record<EventField, EventErrorCode>> = { ...draftErrors };
	if (parsed.ok) {
		const draft = parsed.draft;
		if (draft.placeId !== null && known.place === null) errors.place = 'unknown';
		if (known.missing.organisers) errors.organisers = 'unknown';
		if (known.missing.participants) errors.participants = 'unknown';
	}
	// The commune is checked even when other fields failed: every error shows at once.
	let communeCode: string | null = null;
	const communeText = values.commune.trim();
	const placeChosen = values.place.trim() !== '' && values.place.trim() !== OTHER_PLACE;
	if (!errors.commune) {
		if (communeText !== '') {
			const communes = deps.communes ?? (await loadFrenchCommunes());
			// As communeFromInput (actor page): a name or a code, current, former or delegated.
			communeCode = communes.resolve({ code: communeText, name: communeText })?.code ?? null;
			if (communeCode === null) errors.commune = 'unknown';
		} else if (!placeChosen) {
			errors.commune = 'required';
		} else {
			communeCode = known.place?.commune_code ?? null;
		}
	}
	if (!parsed.ok || Object.keys(errors).length > 0)
		return { ok: false, status: 400, errors: messages(errors) };

	const draft = parsed.draft;
	const warnings: string[] = [];
	// The event's own point: a map click, else its address. At a common place that is on the map
	// it has none of its own: the place's point applies (read through `coalesce`), so moving the
	// place moves its events. At a place without a point, the commune's centre stands in.
	let location: EventRow['location'] = draft.point;
	const placeOnMap = known.place !== null && known.place.lng !== null && known.place.lat !== null;
	if (location === null && draft.placeId === null && draft.address !== null) {
		location = await geocodeAddress(deps.geocoder, draft.address, communeCode, draft.commune);
		if (location === null) warnings.push(m.events_warning_geocode_failed());
	}
	if (location === null && !placeOnMap && communeCode !== null) {
		const centre = DEFAULT_COMMUNE_CENTRES.get(communeCode)?.centre;
		if (centre) location = { lng: centre[0], lat: centre[1] };
	}

	try {
		const id = await writeEvent(db, claims, territoryId, eventId, {
			draft,
			communeCode,
			location
		});
		if (id === null) return { ok: false, status: 404, errors: { form: m.events_not_found() } };
		return { ok: true, id, warnings };
	} catch (e) {
		if (isPolicyRefusal(e)) return forbidden();
		throw e;
	}
}

/** The address's point; null when it could not be placed better than its commune's centre. */
async function geocodeAddress(
	geocoder: Geocoder,
	address: string,
	communeCode: string | null,
	communeName: string | null
): Promise<{ lng: number; lat: number } | null> {
	try {
		const { results } = await geocoder.geocode([
			{ id: 'event', address, postcode: null, communeCode, communeName }
		]);
		const hit = results.find((r) => r.id === 'event');
		if (!hit || hit.quality === 'commune') return null;
		return { lng: hit.lng, lat: hit.lat };
	} catch (e) {
		console.warn('[events] geocoding failed', e);
		return null;
	}
}

async function writeEvent(
	db: Database,
	claims: Claims,
	territoryId: string,
	eventId: string | null,
	row: EventRow
): Promise<string | null> {
	const { draft, communeCode, location } = row;
	return db.asUser(claims, async (tx) => {
		const params = [
			territoryId,
			draft.title,
			draft.description,
			draft.startsAt,
			draft.endsAt,
			draft.placeId,
			communeCode,
			location?.lng ?? null,
			location?.lat ?? null,
			draft.theme,
			draft.format,
			JSON.stringify(draft.needs),
			draft.visibility
		];
		const point = `case when $8::float8 is null or $9::float8 is null then null
		                    else st_setsrid(st_makepoint($8::float8, $9::float8), 4326)::geography end`;
		const needs = `array(select jsonb_array_elements_text($12::text::jsonb))`;
		let id: string | null;
		if (eventId === null) {
			const [created] = await tx.query<{ id: string }>(
				`insert into public.event (territory_id, title, description, starts_at, ends_at,
				        place_id, commune_code, location, theme, format, needs, visibility)
				 values ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6::uuid, $7, ${point},
				        $10, $11, ${needs}, $13)
				 returning id`,
				params
			);
			id = created?.id ?? null;
		} else {
			const [updated] = await tx.query<{ id: string }>(
				`update public.event
				    set title = $2, description = $3, starts_at = $4::timestamptz,
				        ends_at = $5::timestamptz, place_id = $6::uuid, commune_code = $7,
				        location = ${point}, theme = $10, format = $11, needs = ${needs},
				        visibility = $13
				  where territory_id = $1 and id = $14
				  returning id`,
				[...params, eventId]
			);
			id = updated?.id ?? null;
		}
		if (id === null) return null;
		const actors = [
			...draft.organisers.map((actor_id) => ({ actor_id, role: 'organiser' })),
			...draft.participants.map((actor_id) => ({ actor_id, role: 'participant' }))
		];
		// Only what the editor changed: the actors the form showed and no longer lists go; rows
		// added meanwhile (a participants import) stay.
		const kept = new Set(actors.map((a) => a.actor_id));
		const removed = draft.actorsBefore.filter((actorId) => !kept.has(actorId));
		if (removed.length > 0) {
			await tx.query(
				`delete from public.event_actor
				  where territory_id = $1 and event_id = $2 and actor_id = any($3::uuid[])`,
				[territoryId, id, removed]
			);
		}
		if (actors.length > 0) {
			await tx.query(
				`insert into public.event_actor (event_id, actor_id, territory_id, role)
				 select $2, r.actor_id, $1, r.role
				   from jsonb_to_recordset($3::text::jsonb) as r(actor_id uuid, role text)
				 on conflict (territory_id, event_id, actor_id) do update set role = excluded.role`,
				[territoryId, id, JSON.stringify(actors)]
			);
		}
		return id;
	});
}

export type DeleteEventResult = 'deleted' | 'forbidden' | 'not_found';

/** Deletes an event (its organiser and participant rows go with it; the actors stay). */
export async function deleteEvent(
	db: Database,
	claims: Claims,
	territoryId: string,
	eventId: string
): Promise<DeleteEventResult> {
	if (!isUuid(eventId)) return 'not_found';
	try {
		return await db.asUser(claims, async (tx) => {
			if (!canEdit(await territoryRole(tx, territoryId))) return 'forbidden';
			const rows = await tx.query(
				'delete from public.event where territory_id = $1 and id = $2 returning id',
				[territoryId, eventId]
			);
			return rows.length > 0 ? 'deleted' : 'not_found';
		});
	} catch (e) {
		if (isPolicyRefusal(e)) return 'forbidden';
		throw e;
	}
}

/** The form's values for an existing event (the edit form starts from them). */
export function eventToFormValues(
	event: EventDetail,
	local: (iso: string) => { date: string; time: string }
): EventFormValues {
	const start = local(event.startsAt);
	const end = event.endsAt ? local(event.endsAt) : null;
	return {
		title: event.title,
		description: event.description ?? '',
		startDate: start.date,
		startTime: start.time,
		endDate: end && end.date !== start.date ? end.date : '',
		endTime: end?.time ?? '',
		place: event.place?.id ?? 'other',
		address: '',
		// A place's own point is not the event's: only a point set on the event itself.
		lng: event.place ? '' : event.ownLocation ? String(event.ownLocation.lng) : '',
		lat: event.place ? '' : event.ownLocation ? String(event.ownLocation.lat) : '',
		commune:
			event.place && event.communeCode === event.place.communeCode
				? ''
				: (event.communeName ?? event.communeCode ?? ''),
		theme: event.theme ?? '',
		format: event.format ?? '',
		needs: event.needs.join('\n'),
		visibility: event.visibility,
		organisers: event.organisers.map((a) => a.id),
		participants: event.participants.map((a) => a.id),
		actorsBefore: [...event.organisers, ...event.participants].map((a) => a.id)
	};
}

/** Ids and names of the given actors of the territory, in the given order (unknown ids dropped). */
export async function actorChoices(
	tx: Tx,
	territoryId: string,
	ids: readonly string[]
): Promise<{ id: string; name: string }[]> {
	const wanted = ids.filter(isUuid);
	if (wanted.length === 0) return [];
	const rows = await tx.query<{ id: string; name: string }>(
		`select a.id, a.name from public.actor a
		  where a.territory_id = $1
		    and a.id in (select (jsonb_array_elements_text($2::text::jsonb))::uuid)`,
		[territoryId, JSON.stringify(wanted)]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return wanted.flatMap((id) => {
		const row = byId.get(id.toLowerCase());
		return row ? [{ id: row.id, name: row.name }] : [];
	});
}
