/**
 * Common places (tiers-lieux, salles des fêtes, ateliers, jardins…): the list and the page of a
 * place, and their creation, change and deletion.
 *
 * Reads take the transaction of `db.asUser(...)`: row level security decides what is visible
 * (places of a public territory: everybody; events: public ones only for non-members; offers:
 * members only). Writes take the database, because geocoding an address must happen before the
 * write transaction opens (the embedded database has one connection). RLS refuses writes by
 * non-editors; that refusal comes back as a `PlaceError('forbidden')` (HTTP 403), never a 500.
 */
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import type { CommuneIndex } from '$lib/domain/census/communes';
import { toActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import { m } from '$lib/i18n';
import type { Claims, Database, Tx } from '$lib/server/db/types';
import type { Geocoder } from '$lib/server/geocode';
import { canEdit, territoryRole } from '$lib/server/queries/territories';
// The one rule for what a person types in a commune field (name or INSEE code), shared with the
// actor page; it sits beside that page for now.
import { communeFromInput } from '../../../routes/t/[territory]/actors/[id]/commune-input';

// ---------------------------------------------------------------- reads

export interface ActorRef {
	id: string;
	name: string;
}

export interface PlaceListItem {
	id: string;
	name: string;
	kind: string | null;
	communeCode: string | null;
	communeName: string | null;
	capacity: number | null;
	equipment: string[];
	accessibility: string | null;
	runBy: ActorRef | null;
	hasLocation: boolean;
	/** Events starting from now (or still going on), among those the reader may see. */
	upcomingEvents: number;
}

export interface PlaceListFilters {
	/** INSEE code. */
	commune?: string | null;
	/** One equipment item, matched case- and accent-insensitively. */
	equipment?: string | null;
	/** "Now" for upcoming counts (tests pass a fixed date). */
	now?: Date;
}

type PlaceRow = {
	id: string;
	name: string;
	kind: string | null;
	description: string | null;
	capacity: number | null;
	equipment: string[] | null;
	accessibility: string | null;
	conditions: string | null;
	address: string | null;
	commune_code: string | null;
	run_by: string | null;
	run_by_name: string | null;
	run_by_kind: string | null;
	lng: number | null;
	lat: number | null;
};

const PLACE_COLUMNS = `p.id, p.name, p.kind, p.description, p.capacity, p.equipment, p.accessibility,
	p.conditions, p.address, p.commune_code, p.run_by, a.name as run_by_name, a.kind as run_by_kind,
	st_x(p.location::geometry) as lng, st_y(p.location::geometry) as lat`;

const nameOf = (communes: CommuneIndex, code: string | null): string | null =>
	code ? (communes.nameOf(code) ?? null) : null;

/** Places of a territory in name order, with what the list shows. */
export async function listPlaces(
	tx: Tx,
	territoryId: string,
	filters: PlaceListFilters = {}
): Promise<PlaceListItem[]> {
	const now = filters.now ?? new Date();
	const rows = await tx.query<PlaceRow & { upcoming: number }>(
		`select ${PLACE_COLUMNS},
		        (select count(*)::int from public.event e
		          where e.territory_id = p.territory_id and e.place_id = p.id
		            and coalesce(e.ends_at, e.starts_at) >= $2::timestamptz) as upcoming
		   from public.place p
		   left join public.actor a on a.territory_id = p.territory_id and a.id = p.run_by
		  where p.territory_id = $1
		    and ($3::text is null or p.commune_code = $3)
		    and ($4::text is null or exists (
		          select 1 from unnest(p.equipment) as item
		           where lower(extensions.unaccent(item)) = lower(extensions.unaccent($4))))
		  order by lower(extensions.unaccent(p.name)), p.id`,
		[territoryId, now.toISOString(), filters.commune || null, filters.equipment || null]
	);
	const communes = await loadFrenchCommunes();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		communeCode: r.commune_code,
		communeName: nameOf(communes, r.commune_code),
		capacity: r.capacity === null ? null : Number(r.capacity),
		equipment: r.equipment ?? [],
		accessibility: r.accessibility,
		runBy: r.run_by && r.run_by_name ? { id: r.run_by, name: r.run_by_name } : null,
		hasLocation: r.lng !== null && r.lat !== null,
		upcomingEvents: Number(r.upcoming)
	}));
}

/** What the list's filters offer: communes and equipment items in use, sorted (French order). */
export async function placeFilterOptions(
	tx: Tx,
	territoryId: string
): Promise<{ communes: { code: string; name: string }[]; equipment: string[] }> {
	const rows = await tx.query<{ commune_code: string | null; equipment: string[] | null }>(
		'select commune_code, equipment from public.place where territory_id = $1',
		[territoryId]
	);
	const communes = await loadFrenchCommunes();
	const codes = new Set(rows.map((r) => r.commune_code).filter((c): c is string => !!c));
	const byKey = new Map<string, string>();
	for (const item of rows.flatMap((r) => r.equipment ?? [])) {
		const key = foldKey(item);
		if (!byKey.has(key)) byKey.set(key, item);
	}
	const collator = new Intl.Collator('fr', { sensitivity: 'base' });
	return {
		communes: [...codes]
			.map((code) => ({ code, name: communes.nameOf(code) ?? code }))
			.sort((a, b) => collator.compare(a.name, b.name)),
		equipment: [...byKey.values()].sort(collator.compare)
	};
}

/** Kinds offered in the form's datalist: the territory's own first, then usual ones. */
export const USUAL_PLACE_KINDS = [
	'tiers-lieu',
	'salle des fêtes',
	'salle polyvalente',
	'salle de réunion',
	'atelier',
	'jardin partagé',
	'médiathèque',
	'équipement sportif'
] as const;

export async function placeKinds(tx: Tx, territoryId: string): Promise<string[]> {
	const rows = await tx.query<{ kind: string }>(
		`select distinct kind from public.place
		  where territory_id = $1 and kind is not null and kind <> ''`,
		[territoryId]
	);
	const kinds = new Map<string, string>();
	for (const k of [...rows.map((r) => r.kind), ...USUAL_PLACE_KINDS]) {
		if (!kinds.has(foldKey(k))) kinds.set(foldKey(k), k);
	}
	return [...kinds.values()].sort(new Intl.Collator('fr', { sensitivity: 'base' }).compare);
}

/** A place for a `<select>` (the events form): name, commune, capacity. */
export interface PlaceOption {
	id: string;
	name: string;
	communeCode: string | null;
	communeName: string | null;
	capacity: number | null;
}

export async function placeOptions(tx: Tx, territoryId: string): Promise<PlaceOption[]> {
	const rows = await tx.query<{
		id: string;
		name: string;
		commune_code: string | null;
		capacity: number | null;
	}>(
		`select id, name, commune_code, capacity from public.place
		  where territory_id = $1 order by lower(extensions.unaccent(name)), id`,
		[territoryId]
	);
	const communes = await loadFrenchCommunes();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		communeCode: r.commune_code,
		communeName: nameOf(communes, r.commune_code),
		capacity: r.capacity === null ? null : Number(r.capacity)
	}));
}

export interface PlaceEvent {
	id: string;
	title: string;
	startsAt: string;
	endsAt: string | null;
	visibility: 'public' | 'members';
}

export interface PlaceOffer {
	id: string;
	category: string;
	title: string;
	description: string | null;
	conditions: string | null;
	/** YYYY-MM-DD, or null when open. */
	validFrom: string | null;
	validUntil: string | null;
}

export interface PlaceDetail {
	id: string;
	name: string;
	kind: string | null;
	description: string | null;
	capacity: number | null;
	equipment: string[];
	accessibility: string | null;
	conditions: string | null;
	address: string | null;
	communeCode: string | null;
	communeName: string | null;
	runBy: (ActorRef & { kind: ActorKind }) | null;
	location: { lng: number; lat: number } | null;
	/** Soonest first. */
	upcomingEvents: PlaceEvent[];
	/** Most recent first, at most PAST_EVENTS_SHOWN. */
	pastEvents: PlaceEvent[];
	/** Current offers (direction 'offer', valid today) of the actor running the place. */
	offers: PlaceOffer[];
}

export const PAST_EVENTS_SHOWN = 20;

/** One place with its events and its runner's offers; null when unknown or not readable. */
export async function loadPlace(
	tx: Tx,
	territoryId: string,
	placeId: string,
	now: Date = new Date()
): Promise<PlaceDetail | null> {
	if (!isUuid(placeId)) return null;
	const [row] = await tx.query<PlaceRow>(
		`select ${PLACE_COLUMNS}
		   from public.place p
		   left join public.actor a on a.territory_id = p.territory_id and a.id = p.run_by
		  where p.territory_id = $1 and p.id = $2`,
		[territoryId, placeId]
	);
	if (!row) return null;
	const events = await tx.query<{
		id: string;
		title: string;
		starts_at: string;
		ends_at: string | null;
		visibility: 'public' | 'members';
		upcoming: boolean;
	}>(
		`select e.id, e.title, e.visibility,
		        to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
		        to_char(e.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ends_at,
		        coalesce(e.ends_at, e.starts_at) >= $3::timestamptz as upcoming
		   from public.event e
		  where e.territory_id = $1 and e.place_id = $2
		  order by e.starts_at, e.id`,
		[territoryId, placeId, now.toISOString()]
	);
	const toEvent = (e: (typeof events)[number]): PlaceEvent => ({
		id: e.id,
		title: e.title,
		startsAt: e.starts_at,
		endsAt: e.ends_at,
		visibility: e.visibility
	});
	const offers = row.run_by
		? await tx.query<{
				id: string;
				category: string;
				title: string;
				description: string | null;
				conditions: string | null;
				valid_from: string | null;
				valid_until: string | null;
			}>(
				`select o.id, o.category, o.title, o.description, o.conditions,
				        to_char(o.valid_from, 'YYYY-MM-DD') as valid_from,
				        to_char(o.valid_until, 'YYYY-MM-DD') as valid_until
				   from public.offer o
				  where o.territory_id = $1 and o.actor_id = $2 and o.direction = 'offer'
				    and (o.valid_from is null or o.valid_from <= $3::date)
				    and (o.valid_until is null or o.valid_until >= $3::date)
				  order by o.category, o.title, o.id`,
				[territoryId, row.run_by, parisDate(now)]
			)
		: [];
	const communes = await loadFrenchCommunes();
	return {
		id: row.id,
		name: row.name,
		kind: row.kind,
		description: row.description,
		capacity: row.capacity === null ? null : Number(row.capacity),
		equipment: row.equipment ?? [],
		accessibility: row.accessibility,
		conditions: row.conditions,
		address: row.address,
		communeCode: row.commune_code,
		communeName: nameOf(communes, row.commune_code),
		runBy:
			row.run_by && row.run_by_name
				? { id: row.run_by, name: row.run_by_name, kind: toActorKind(row.run_by_kind) }
				: null,
		location:
			row.lng !== null && row.lat !== null ? { lng: Number(row.lng), lat: Number(row.lat) } : null,
		upcomingEvents: events.filter((e) => e.upcoming).map(toEvent),
		pastEvents: events
			.filter((e) => !e.upcoming)
			.reverse()
			.slice(0, PAST_EVENTS_SHOWN)
			.map(toEvent),
		offers: offers.map((o) => ({
			id: o.id,
			category: o.category,
			title: o.title,
			description: o.description,
			conditions: o.conditions,
			validFrom: o.valid_from,
			validUntil: o.valid_until
		}))
	};
}

/** The calendar day in France: an offer "valid today" follows the users' day, not UTC's. */
function parisDate(now: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/** Ids and names of actors of the territory (unknown or unreadable ids are left out). */
export async function actorRefs(tx: Tx, territoryId: string, ids: string[]): Promise<ActorRef[]> {
	const wanted = ids.filter(isUuid);
	if (wanted.length === 0) return [];
	const rows = await tx.query<ActorRef>(
		`select id, name from public.actor where territory_id = $1 and id = any($2::uuid[])`,
		[territoryId, wanted]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return wanted.map((id) => byId.get(id)).filter((r): r is ActorRef => r !== undefined);
}

// ---------------------------------------------------------------- validation

export const PLACE_LIMITS = {
	name: 200,
	kind: 80,
	text: 2000,
	address: 300,
	equipmentItem: 80,
	equipmentItems: 40,
	capacity: 1_000_000
} as const;

export const PLACE_FIELDS = [
	'name',
	'kind',
	'description',
	'capacity',
	'equipment',
	'accessibility',
	'conditions',
	'run_by',
	'address',
	'commune',
	'lng',
	'lat'
] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

export type PlaceFieldErrorCode =
	| 'required'
	| 'too_long'
	| 'not_a_count'
	| 'item_too_long'
	| 'too_many'
	| 'unknown_commune'
	| 'unknown_actor'
	| 'bad_point';

/** A field the person must correct: a stable code and a message naming the field. */
export interface PlaceFieldError {
	field: PlaceField;
	code: PlaceFieldErrorCode;
	message: string;
}

export type PlaceErrorCode = 'forbidden' | 'not_found' | 'invalid';

export class PlaceError extends Error {
	readonly status: 400 | 403 | 404;
	constructor(
		readonly code: PlaceErrorCode,
		readonly fields: PlaceFieldError[] = []
	) {
		super(code);
		this.status = code === 'forbidden' ? 403 : code === 'not_found' ? 404 : 400;
	}
}

/** The form as posted: strings, trimmed, '' when missing. `run_by` is the ActorPicker's input. */
export type PlaceValues = Record<PlaceField, string>;

export function placeValues(source: FormData | Partial<Record<string, unknown>>): PlaceValues {
	const get = (name: string): unknown =>
		source instanceof FormData ? source.get(name) : source[name];
	const values = {} as PlaceValues;
	for (const field of PLACE_FIELDS) {
		const v = get(field);
		values[field] = typeof v === 'string' ? v.trim() : '';
	}
	return values;
}

/** What is stored, once valid. `point` is a map click; null lets the address decide. */
export interface PlaceInput {
	name: string;
	kind: string | null;
	description: string | null;
	capacity: number | null;
	equipment: string[];
	accessibility: string | null;
	conditions: string | null;
	runBy: string | null;
	address: string | null;
	communeCode: string | null;
	point: { lng: number; lat: number } | null;
}

/** Case-, accent- and space-insensitive key: « Vidéoprojecteur » and « videoprojecteur » are one. */
function foldKey(s: string): string {
	return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Equipment typed as a list, one item per line or separated by commas or semicolons: trimmed,
 * inner spaces collapsed, duplicates (ignoring case and accents) dropped, first spelling kept.
 */
export function parseEquipment(input: string): string[] {
	const seen = new Set<string>();
	const items: string[] = [];
	for (const raw of input.split(/[,;\n\r]+/)) {
		const item = raw.replace(/\s+/g, ' ').trim();
		if (item === '' || seen.has(foldKey(item))) continue;
		seen.add(foldKey(item));
		items.push(item);
	}
	return items;
}

function fieldMessage(field: PlaceField, code: PlaceFieldErrorCode): string {
	switch (code) {
		case 'required':
			return m.places_error_name_required();
		case 'too_long':
			return m.places_error_too_long({
				field: fieldLabel(field),
				max: field === 'name' ? PLACE_LIMITS.name : maxOf(field)
			});
		case 'not_a_count':
			return m.places_error_capacity();
		case 'item_too_long':
			return m.places_error_equipment_item({ max: PLACE_LIMITS.equipmentItem });
		case 'too_many':
			return m.places_error_equipment_count({ max: PLACE_LIMITS.equipmentItems });
		case 'unknown_commune':
			return m.places_error_commune();
		case 'unknown_actor':
			return m.places_error_run_by();
		case 'bad_point':
			return m.places_error_point();
	}
}

function maxOf(field: PlaceField): number {
	if (field === 'kind') return PLACE_LIMITS.kind;
	if (field === 'address') return PLACE_LIMITS.address;
	if (field === 'name') return PLACE_LIMITS.name;
	return PLACE_LIMITS.text;
}

export function fieldLabel(field: PlaceField): string {
	const labels: Record<PlaceField, () => string> = {
		name: m.places_field_name,
		kind: m.places_field_kind,
		description: m.places_field_description,
		capacity: m.places_field_capacity,
		equipment: m.places_field_equipment,
		accessibility: m.places_field_accessibility,
		conditions: m.places_field_conditions,
		run_by: m.places_field_run_by,
		address: m.places_field_address,
		commune: m.places_field_commune,
		lng: m.places_field_point,
		lat: m.places_field_point
	};
	return labels[field]();
}

function parseCoordinate(input: string, limit: number): number | null {
	const s = input.replace(',', '.').replace('−', '-');
	if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return null;
	const n = Number(s);
	return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** Checks the form; the commune (name or INSEE code) is resolved against `communes`. */
export function validatePlace(
	values: PlaceValues,
	communes: CommuneIndex
): { ok: true; input: PlaceInput } | { ok: false; errors: PlaceFieldError[] } {
	const errors: PlaceFieldError[] = [];
	const fail = (field: PlaceField, code: PlaceFieldErrorCode) =>
		errors.push({ field, code, message: fieldMessage(field, code) });
	const optional = (field: PlaceField): string | null => {
		const v = values[field];
		if (v.length > maxOf(field)) fail(field, 'too_long');
		return v === '' ? null : v;
	};

	if (values.name === '') fail('name', 'required');
	else if (values.name.length > PLACE_LIMITS.name) fail('name', 'too_long');
	const kind = optional('kind');
	const description = optional('description');
	const accessibility = optional('accessibility');
	const conditions = optional('conditions');
	const address = optional('address');

	let capacity: number | null = null;
	if (values.capacity !== '') {
		const compact = values.capacity.replace(/[\s\u00a0\u202f]/g, '');
		if (/^\d+$/.test(compact) && Number(compact) <= PLACE_LIMITS.capacity)
			capacity = Number(compact);
		else fail('capacity', 'not_a_count');
	}

	const equipment = parseEquipment(values.equipment);
	if (equipment.some((item) => item.length > PLACE_LIMITS.equipmentItem))
		fail('equipment', 'item_too_long');
	if (equipment.length > PLACE_LIMITS.equipmentItems) fail('equipment', 'too_many');

	let communeCode: string | null = null;
	if (values.commune !== '') {
		communeCode = communeFromInput(communes, values.commune);
		if (communeCode === null) fail('commune', 'unknown_commune');
	}

	const runBy = values.run_by === '' ? null : values.run_by;
	if (runBy !== null && !isUuid(runBy)) fail('run_by', 'unknown_actor');

	let point: PlaceInput['point'] = null;
	if (values.lng !== '' || values.lat !== '') {
		const lng = parseCoordinate(values.lng, 180);
		const lat = parseCoordinate(values.lat, 90);
		if (lng === null || lat === null) fail('lng', 'bad_point');
		else point = { lng, lat };
	}

	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		input: {
			name: values.name,
			kind,
			description,
			capacity,
			equipment,
			accessibility,
			conditions,
			runBy,
			address,
			communeCode,
			point
		}
	};
}

// ---------------------------------------------------------------- writes

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(v: string): boolean {
	return UUID.test(v);
}

function isPolicyRefusal(e: unknown): boolean {
	const err = e as { code?: unknown; message?: unknown } | null;
	return (
		err?.code === '42501' ||
		(typeof err?.message === 'string' && /row-level security/.test(err.message))
	);
}

export interface PlaceWriteDeps {
	/** From `geocoderFromEnv(env)`; absent: an address is stored without a position. */
	geocoder?: Geocoder;
	communes?: CommuneIndex;
}

async function requireEditor(tx: Tx, territoryId: string): Promise<void> {
	if (!canEdit(await territoryRole(tx, territoryId))) throw new PlaceError('forbidden');
}

/**
 * The position of an address. A geocoder that cannot place it (or is unreachable: it falls back
 * to the commune centre, or to nothing) is not an error: the place is saved without a point and
 * can be placed on the map later.
 */
async function geocodeAddress(
	geocoder: Geocoder | undefined,
	communes: CommuneIndex,
	input: PlaceInput
): Promise<{ lng: number; lat: number } | null> {
	if (!geocoder || input.address === null) return null;
	try {
		const { results } = await geocoder.geocode([
			{
				id: 'place',
				address: input.address,
				postcode: null,
				communeCode: input.communeCode,
				communeName: nameOf(communes, input.communeCode)
			}
		]);
		const hit = results.find((r) => r.id === 'place');
		return hit && Number.isFinite(hit.lng) && Number.isFinite(hit.lat)
			? { lng: hit.lng, lat: hit.lat }
			: null;
	} catch (e) {
		console.warn('[places] geocoding failed', e);
		return null;
	}
}

async function validInput(values: PlaceValues, deps: PlaceWriteDeps): Promise<PlaceInput> {
	const communes = deps.communes ?? (await loadFrenchCommunes());
	const result = validatePlace(values, communes);
	if (!result.ok) throw new PlaceError('invalid', result.errors);
	return result.input;
}

async function checkRunBy(tx: Tx, territoryId: string, runBy: string | null): Promise<void> {
	if (runBy === null) return;
	const [found] = await tx.query('select 1 from public.actor where territory_id = $1 and id = $2', [
		territoryId,
		runBy
	]);
	if (!found)
		throw new PlaceError('invalid', [
			{ field: 'run_by', code: 'unknown_actor', message: fieldMessage('run_by', 'unknown_actor') }
		]);
}

const POINT_SQL = (lng: string, lat: string) =>
	`case when ${lng}::float8 is null then null
	      else st_setsrid(st_makepoint(${lng}::float8, ${lat}::float8), 4326)::geography end`;

function rethrow(e: unknown): never {
	if (isPolicyRefusal(e)) throw new PlaceError('forbidden');
	throw e;
}

/** Creates a place; returns its id. Editors only. */
export async function createPlace(
	db: Database,
	claims: Claims,
	territoryId: string,
	values: PlaceValues,
	deps: PlaceWriteDeps = {}
): Promise<string> {
	const input = await validInput(values, deps);
	// Outside the transaction: the embedded database has a single connection.
	const point =
		input.point ??
		(await geocodeAddress(deps.geocoder, deps.communes ?? (await loadFrenchCommunes()), input));
	return db
		.asUser(claims, async (tx) => {
			await requireEditor(tx, territoryId);
			await checkRunBy(tx, territoryId, input.runBy);
			const [row] = await tx.query<{ id: string }>(
				`insert into public.place (territory_id, name, kind, description, capacity, equipment,
				   accessibility, conditions, run_by, address, commune_code, location)
				 values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, ${POINT_SQL('$12', '$13')})
				 returning id`,
				[
					territoryId,
					input.name,
					input.kind,
					input.description,
					input.capacity,
					input.equipment,
					input.accessibility,
					input.conditions,
					input.runBy,
					input.address,
					input.communeCode,
					point?.lng ?? null,
					point?.lat ?? null
				]
			);
			return row!.id;
		})
		.catch(rethrow);
}

/**
 * Changes a place. The position: a map click wins; otherwise a changed address (or commune) is
 * geocoded again; otherwise the position stays as it was.
 */
export async function updatePlace(
	db: Database,
	claims: Claims,
	territoryId: string,
	placeId: string,
	values: PlaceValues,
	deps: PlaceWriteDeps = {}
): Promise<void> {
	const input = await validInput(values, deps);
	if (!isUuid(placeId)) throw new PlaceError('not_found');
	const current = await db.asUser(claims, async (tx) => {
		const [row] = await tx.query<{
			address: string | null;
			commune_code: string | null;
			placed: boolean;
		}>(
			`select address, commune_code, location is not null as placed
			   from public.place where territory_id = $1 and id = $2`,
			[territoryId, placeId]
		);
		return row ?? null;
	});
	if (!current) throw new PlaceError('not_found');
	const moved = input.address !== current.address || input.communeCode !== current.commune_code;
	// 'keep': leave the stored position alone (a commune change alone does not move a point
	// placed by hand; an address that cannot be placed clears the old, now wrong, point).
	let point: { lng: number; lat: number } | null | 'keep' = 'keep';
	if (input.point) point = input.point;
	else if (input.address !== null && (moved || !current.placed))
		point = await geocodeAddress(
			deps.geocoder,
			deps.communes ?? (await loadFrenchCommunes()),
			input
		);
	const keep = point === 'keep';
	const lng = point === 'keep' || point === null ? null : point.lng;
	const lat = point === 'keep' || point === null ? null : point.lat;
	await db
		.asUser(claims, async (tx) => {
			await requireEditor(tx, territoryId);
			await checkRunBy(tx, territoryId, input.runBy);
			const rows = await tx.query<{ id: string }>(
				`update public.place set
				   name = $3, kind = $4, description = $5, capacity = $6, equipment = $7::text[],
				   accessibility = $8, conditions = $9, run_by = $10, address = $11, commune_code = $12,
				   location = case when $13::boolean then location else ${POINT_SQL('$14', '$15')} end
				 where territory_id = $1 and id = $2
				 returning id`,
				[
					territoryId,
					placeId,
					input.name,
					input.kind,
					input.description,
					input.capacity,
					input.equipment,
					input.accessibility,
					input.conditions,
					input.runBy,
					input.address,
					input.communeCode,
					keep,
					lng,
					lat
				]
			);
			if (rows.length === 0) throw new PlaceError('not_found');
		})
		.catch(rethrow);
}

/** Deletes a place (its events keep their date and commune, lose the place). Editors only. */
export async function deletePlace(
	db: Database,
	claims: Claims,
	territoryId: string,
	placeId: string
): Promise<void> {
	if (!isUuid(placeId)) throw new PlaceError('not_found');
	await db
		.asUser(claims, async (tx) => {
			const [found] = await tx.query(
				'select 1 from public.place where territory_id = $1 and id = $2',
				[territoryId, placeId]
			);
			if (!found) throw new PlaceError('not_found');
			await requireEditor(tx, territoryId);
			const rows = await tx.query(
				'delete from public.place where territory_id = $1 and id = $2 returning id',
				[territoryId, placeId]
			);
			if (rows.length === 0) throw new PlaceError('forbidden');
		})
		.catch(rethrow);
}
