/**
 * Pure builders from database rows to what the map endpoints answer (`./types.ts`): the actors,
 * places and events layers and the detail panel of one item. The server queries
 * (src/lib/server/queries/map.ts) read the rows; everything decided about an audience — which
 * contacts the public sees, which listings are named — is decided here, once, and unit-tested.
 *
 * Values from listings stay plain strings: nothing here builds HTML, and the only URLs built are
 * `mailto:`, `tel:` and `http(s):` links checked field by field (`safeHref`).
 */
import { CONTACT_FIELDS, isPublicContact, type ContactField } from '$lib/domain/contact-visibility';
import { finiteOrNull } from '$lib/domain/numbers';
import { toActorKind } from '$lib/domain/actor-kinds';
import { kindLabel, m, worldLabel } from '$lib/i18n';
import type {
	ActorMapData,
	ActorMapProps,
	Audience,
	DetailField,
	EventMapData,
	EventMapProps,
	EventWhen,
	MapDetail,
	MapItemRef,
	PlaceMapData,
	PlaceMapProps
} from './types';

/** Commune name of an INSEE code, undefined when unknown (`CommuneIndex.nameOf`). */
export type CommuneNamer = (code: string) => string | undefined;

/** Some drivers return numeric columns as strings. */
type Num = number | string | null;

export { CONTACT_FIELDS, type ContactField };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmpty = (v: string | null | undefined): v is string =>
	typeof v === 'string' && v.trim() !== '';

/**
 * Whether `audience` may see a contact field of an actor. Members see everything; the public only
 * what the actor marked public — a missing mark means members only, the safe side (the export's
 * rule, src/lib/domain/export/rows.ts).
 */
export function contactVisible(
	contactVisibility: unknown,
	field: ContactField,
	audience: Audience
): boolean {
	return audience === 'members' || isPublicContact(contactVisibility, field);
}

/** 6 decimals ≈ 10 cm: more only bloats a 100k-point payload. */
function round6(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

/** `[lng, lat]` rounded, or null when missing or outside WGS 84 ranges. */
export function position(lng: Num, lat: Num): [number, number] | null {
	const x = finiteOrNull(lng);
	const y = finiteOrNull(lat);
	if (x === null || y === null) return null;
	if (x < -180 || x > 180 || y < -90 || y > 90) return null;
	return [round6(x), round6(y)];
}

/** Memoised `code → name (or the code itself)`: 100k actors share a few dozen communes. */
function communeNames(communeName: CommuneNamer): (code: string | null) => string | null {
	const cache = new Map<string, string>();
	return (code) => {
		if (!nonEmpty(code)) return null;
		let name = cache.get(code);
		if (name === undefined) {
			name = communeName(code) ?? code;
			cache.set(code, name);
		}
		return name;
	};
}

/** A text[] column as strings: its null elements dropped, the array itself kept when it has none. */
function strings(v: (string | null)[] | null | undefined): string[] {
	if (!Array.isArray(v)) return [];
	for (const s of v) if (typeof s !== 'string') return v.filter((x) => typeof x === 'string');
	return v as string[];
}

// ---------------------------------------------------------------- actors layer

/** One actor as `listActorMapRows` reads it. */
export interface ActorMapRow {
	id: string;
	name: string;
	kind: string | null;
	sectors: string[] | null;
	worlds: string[] | null;
	tags: string[] | null;
	commune_code: string | null;
	address: string | null;
	/** Whether it has a non-blank email, phone, website: the layer only says "reachable". */
	has_email: boolean;
	has_phone: boolean;
	has_website: boolean;
	/** `{ email | phone | address: 'public' | 'members' }`, jsonb as the driver parses it. */
	contact_visibility: unknown;
	lng: Num;
	lat: Num;
	/**
	 * The listings of its records still in their listing, as indexes into the territory's
	 * listings ordered by (created_at, id) — the `sources` given to the builder — or null (none, or
	 * not read). Indexed in SQL: 100k arrays of uuids cost the embedded database half a second to
	 * encode, small integers almost nothing.
	 */
	source_indexes: number[] | null;
}

export interface MapSourceRow {
	id: string;
	name: string;
}

/**
 * The actors layer: located actors as Point features, the others in `unlocated`. For the public
 * audience, contacts follow `contactVisible` and no listing is named (`sources` empty).
 * `sources` must be in the order the rows' `source_indexes` refer to (created_at, id).
 */
export function buildActorMapData(
	rows: readonly ActorMapRow[],
	sources: readonly MapSourceRow[],
	communeName: CommuneNamer,
	audience: Audience
): ActorMapData {
	const members = audience === 'members';
	const listings = members ? sources.map((s) => ({ id: s.id, name: s.name })) : [];
	const nameOf = communeNames(communeName);
	const features: ActorMapData['features'] = [];
	const unlocated: ActorMapProps[] = [];

	for (const row of rows) {
		const cv = row.contact_visibility;
		const sourceIndexes: number[] = [];
		if (members && row.source_indexes) {
			for (const i of row.source_indexes)
				if (Number.isInteger(i) && i >= 0 && i < listings.length && !sourceIndexes.includes(i))
					sourceIndexes.push(i);
			sourceIndexes.sort((a, b) => a - b);
		}
		const address = contactVisible(cv, 'address', audience) ? row.address : null;
		const props: ActorMapProps = {
			id: row.id,
			name: row.name,
			kind: toActorKind(row.kind),
			sectors: strings(row.sectors),
			worlds: strings(row.worlds),
			tags: strings(row.tags),
			commune: nonEmpty(row.commune_code) ? row.commune_code : null,
			communeName: nameOf(row.commune_code),
			address: nonEmpty(address) ? address : null,
			sources: sourceIndexes,
			contact:
				row.has_website ||
				(row.has_email && contactVisible(cv, 'email', audience)) ||
				(row.has_phone && contactVisible(cv, 'phone', audience))
		};
		const at = position(row.lng, row.lat);
		if (at === null) unlocated.push(props);
		else
			features.push({
				type: 'Feature',
				geometry: { type: 'Point', coordinates: at },
				properties: props
			});
	}
	return { type: 'FeatureCollection', features, unlocated, sources: listings };
}

// ---------------------------------------------------------------- places and events layers

export interface PlaceMapRow {
	id: string;
	name: string;
	kind: string | null;
	commune_code: string | null;
	capacity: number | string | null;
	equipment: string[] | null;
	lng: Num;
	lat: Num;
}

/** Located places only: an unplaced place has nowhere to be drawn. */
export function buildPlaceMapData(
	rows: readonly PlaceMapRow[],
	communeName: CommuneNamer
): PlaceMapData {
	const nameOf = communeNames(communeName);
	const features: PlaceMapData['features'] = [];
	for (const row of rows) {
		const at = position(row.lng, row.lat);
		if (at === null) continue;
		const capacity = finiteOrNull(row.capacity);
		const properties: PlaceMapProps = {
			id: row.id,
			name: row.name,
			kind: nonEmpty(row.kind) ? row.kind : null,
			commune: nonEmpty(row.commune_code) ? row.commune_code : null,
			communeName: nameOf(row.commune_code),
			capacity: capacity === null ? null : Math.trunc(capacity),
			equipment: strings(row.equipment)
		};
		features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties });
	}
	return { type: 'FeatureCollection', features };
}

/** One event with its own location, else its place's (the query does the coalesce). */
export interface EventMapRow {
	id: string;
	title: string;
	/** ISO 8601 */
	starts_at: string;
	ends_at: string | null;
	format: string | null;
	theme: string | null;
	/** Its own commune, else its place's. */
	commune_code: string | null;
	place_id: string | null;
	lng: Num;
	lat: Num;
}

/** Not yet ended at `now` (an event without an end is over once started). */
export function eventWhen(startsAt: string, endsAt: string | null, now: Date): EventWhen {
	const end = Date.parse(endsAt ?? startsAt);
	return Number.isFinite(end) && end >= now.getTime() ? 'upcoming' : 'past';
}

/** Located events only; `when` relative to `now`, injected so tests and caches agree. */
export function buildEventMapData(
	rows: readonly EventMapRow[],
	communeName: CommuneNamer,
	now: Date
): EventMapData {
	const nameOf = communeNames(communeName);
	const features: EventMapData['features'] = [];
	for (const row of rows) {
		const at = position(row.lng, row.lat);
		if (at === null) continue;
		const properties: EventMapProps = {
			id: row.id,
			title: row.title,
			startsAt: row.starts_at,
			when: eventWhen(row.starts_at, row.ends_at, now),
			format: nonEmpty(row.format) ? row.format : null,
			theme: nonEmpty(row.theme) ? row.theme : null,
			commune: nonEmpty(row.commune_code) ? row.commune_code : null,
			communeName: nameOf(row.commune_code),
			placeId: row.place_id
		};
		features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties });
	}
	return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------- detail panel

const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;
const HOST_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i;

/**
 * A link for a contact value, or undefined: `mailto:` for an address that looks like one, `tel:`
 * for digits (spaces, dots, dashes and brackets dropped, one leading +), `http(s):` for a website
 * (a bare host gets `https://`). Anything else (`javascript:`, `data:`…) gets no link at all.
 */
export function safeHref(field: 'email' | 'phone' | 'website', value: string): string | undefined {
	const v = value.trim();
	if (v === '') return undefined;
	switch (field) {
		case 'email':
			return EMAIL.test(v) ? `mailto:${v}` : undefined;
		case 'phone': {
			const dialled = v.replace(/[\s.\-()\u00a0]/g, '');
			return /^\+?\d{2,20}$/.test(dialled) ? `tel:${dialled}` : undefined;
		}
		case 'website': {
			const candidate = /^[a-z][a-z0-9+.-]*:/i.test(v)
				? v
				: HOST_LIKE.test(v)
					? `https://${v}`
					: null;
			if (candidate === null) return undefined;
			try {
				const url = new URL(candidate);
				return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
			} catch {
				return undefined;
			}
		}
	}
}

/** A record named by `actor.provenance`, resolved to its listing and row (members only). */
export interface ProvenanceRecordRow {
	id: string;
	source_name: string;
	row_number: number | string;
}

export interface ActorDetailRow {
	id: string;
	name: string;
	kind: string | null;
	legal_form: string | null;
	sectors: string[] | null;
	worlds: string[] | null;
	tags: string[] | null;
	description: string | null;
	address: string | null;
	postcode: string | null;
	commune_code: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	lng: Num;
	lat: Num;
	/** `{ <field>: { record_id, source_id, alternatives } }` */
	provenance: unknown;
	contact_visibility: unknown;
}

/** An event an actor organised or took part in, or an event held at a place. */
export interface DetailEventRow {
	id: string;
	title: string;
	starts_at: string;
	/** The actor's part in it (actor detail only). */
	role?: 'organiser' | 'participant' | string | null;
}

/** A link of the actor, seen from the actor: `outgoing` when the actor is its `from_actor`. */
export interface DetailLinkRow {
	id: string;
	name: string;
	kind: 'member_of' | 'partner' | 'co_organised' | string;
	outgoing: boolean;
}

export interface DetailContext {
	audience: Audience;
	/** Territory slug, for `pageUrl`. */
	slug: string;
	communeName: CommuneNamer;
	/** BCP 47 tag for dates (`fr-FR`…). */
	locale: string;
}

export const MAX_DETAIL_EVENTS = 20;
export const MAX_DETAIL_RELATED = 30;

/** "<listing> ligne <n>" for the record a field came from, when it is one the reader can see. */
function provenanceOf(
	provenance: unknown,
	field: string,
	records: ReadonlyMap<string, ProvenanceRecordRow>
): string | undefined {
	if (!isObject(provenance)) return undefined;
	const entry = provenance[field];
	if (!isObject(entry) || typeof entry.record_id !== 'string') return undefined;
	const record = records.get(entry.record_id);
	if (!record) return undefined;
	return m.export_source_row({ source: record.source_name, row: Number(record.row_number) });
}

/** "12 rue X, 30700 Uzès" — the parts that are there, or null when none is. */
function joinAddress(...parts: (string | null | undefined)[]): string | null {
	const kept = parts.filter(nonEmpty).map((p) => p.trim());
	return kept.length > 0 ? kept.join(', ') : null;
}

function relationLabel(kind: string, outgoing: boolean): string {
	switch (kind) {
		case 'member_of':
			// A → member_of → B: from A, B is what A is a member of; from B, A is a member.
			return outgoing ? m.mapdata_relation_member_of() : m.mapdata_relation_member();
		case 'co_organised':
			return m.mapdata_relation_co_organised();
		default:
			return m.mapdata_relation_partner();
	}
}

function eventRoleLabel(role: string | null | undefined): string | undefined {
	if (role === 'organiser') return m.mapdata_relation_organiser();
	if (role === 'participant') return m.mapdata_relation_participant();
	return undefined;
}

function eventRefs(rows: readonly DetailEventRow[]): MapItemRef[] {
	return [...rows]
		.sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at) || a.id.localeCompare(b.id))
		.slice(0, MAX_DETAIL_EVENTS)
		.map((e) => {
			const relation = eventRoleLabel(e.role);
			return {
				type: 'event',
				id: e.id,
				name: e.title,
				startsAt: e.starts_at,
				...(relation ? { relation } : {})
			};
		});
}

/**
 * The detail of an actor. The public audience gets only its public contacts, no provenance and
 * no page link; `events` and `links` must already be limited to what the audience may see
 * (public events only for the public).
 */
export function buildActorDetail(
	actor: ActorDetailRow,
	provenanceRecords: readonly ProvenanceRecordRow[],
	events: readonly DetailEventRow[],
	links: readonly DetailLinkRow[],
	context: DetailContext
): MapDetail {
	const members = context.audience === 'members';
	const records = new Map(members ? provenanceRecords.map((r) => [r.id, r]) : []);
	const fields: DetailField[] = [];
	const push = (
		key: string,
		label: string,
		value: string | null | undefined,
		extra: { href?: string; provenanceField?: string } = {}
	) => {
		if (!nonEmpty(value)) return;
		const field: DetailField = { key, label, value };
		if (extra.href) field.href = extra.href;
		const source =
			members && extra.provenanceField
				? provenanceOf(actor.provenance, extra.provenanceField, records)
				: undefined;
		if (source) field.provenance = source;
		fields.push(field);
	};
	const visible = (f: ContactField) =>
		contactVisible(actor.contact_visibility, f, context.audience) ? actor[f] : null;
	const kind = toActorKind(actor.kind);
	const commune = nonEmpty(actor.commune_code)
		? (context.communeName(actor.commune_code) ?? actor.commune_code)
		: null;
	const place = [actor.postcode, commune].filter(nonEmpty).join(' ');

	push('kind', m.mapdata_field_kind(), kindLabel(kind), { provenanceField: 'kind' });
	push('legal_form', m.mapdata_field_legal_form(), actor.legal_form, {
		provenanceField: 'legal_form'
	});
	push('sectors', m.mapdata_field_sectors(), strings(actor.sectors).join(', '));
	push('worlds', m.mapdata_field_worlds(), strings(actor.worlds).map(worldLabel).join(', '));
	push('tags', m.mapdata_field_tags(), strings(actor.tags).join(', '));
	push('description', m.mapdata_field_description(), actor.description);
	const street = visible('address');
	if (nonEmpty(street))
		push('address', m.mapdata_field_address(), joinAddress(street, place), {
			provenanceField: 'address'
		});
	else push('commune', m.mapdata_field_commune(), place, { provenanceField: 'commune_code' });
	for (const f of ['email', 'phone'] as const) {
		const value = visible(f);
		if (!nonEmpty(value)) continue;
		const label = f === 'email' ? m.mapdata_field_email() : m.mapdata_field_phone();
		push(f, label, value.trim(), { href: safeHref(f, value), provenanceField: f });
	}
	if (nonEmpty(actor.website))
		push('website', m.mapdata_field_website(), actor.website.trim(), {
			href: safeHref('website', actor.website),
			provenanceField: 'website'
		});
	push('siret', m.mapdata_field_siret(), actor.siret, { provenanceField: 'siret' });
	push('rna', m.mapdata_field_rna(), actor.rna, { provenanceField: 'rna' });

	const related: MapItemRef[] = links.slice(0, MAX_DETAIL_RELATED).map((l) => ({
		type: 'actor',
		id: l.id,
		name: l.name,
		relation: relationLabel(l.kind, l.outgoing)
	}));

	return {
		type: 'actor',
		id: actor.id,
		title: actor.name,
		subtitle: kindLabel(kind),
		position: position(actor.lng, actor.lat),
		fields,
		events: eventRefs(events),
		related,
		pageUrl: members
			? `/t/${encodeURIComponent(context.slug)}/actors/${encodeURIComponent(actor.id)}`
			: null
	};
}

export interface PlaceDetailRow {
	id: string;
	name: string;
	kind: string | null;
	description: string | null;
	capacity: number | string | null;
	equipment: string[] | null;
	accessibility: string | null;
	conditions: string | null;
	address: string | null;
	commune_code: string | null;
	lng: Num;
	lat: Num;
	run_by: string | null;
	run_by_name: string | null;
}

/** The detail of a common place: what it offers, who runs it, what is held there. */
export function buildPlaceDetail(
	place: PlaceDetailRow,
	events: readonly DetailEventRow[],
	context: DetailContext
): MapDetail {
	const fields: DetailField[] = [];
	const push = (key: string, label: string, value: string | null | undefined) => {
		if (nonEmpty(value)) fields.push({ key, label, value: value.trim() });
	};
	const commune = nonEmpty(place.commune_code)
		? (context.communeName(place.commune_code) ?? place.commune_code)
		: null;
	const capacity = finiteOrNull(place.capacity);
	push('kind', m.mapdata_field_place_kind(), place.kind);
	push('description', m.mapdata_field_description(), place.description);
	push(
		'capacity',
		m.mapdata_field_capacity(),
		capacity === null ? null : m.mapdata_capacity_value({ count: Math.trunc(capacity) })
	);
	push('equipment', m.mapdata_field_equipment(), strings(place.equipment).join(', '));
	push('accessibility', m.mapdata_field_accessibility(), place.accessibility);
	push('conditions', m.mapdata_field_conditions(), place.conditions);
	push('address', m.mapdata_field_address(), joinAddress(place.address, commune));

	const related: MapItemRef[] =
		place.run_by && nonEmpty(place.run_by_name)
			? [
					{
						type: 'actor',
						id: place.run_by,
						name: place.run_by_name,
						relation: m.mapdata_relation_runs()
					}
				]
			: [];
	return {
		type: 'place',
		id: place.id,
		title: place.name,
		subtitle: nonEmpty(place.kind) ? place.kind.trim() : null,
		position: position(place.lng, place.lat),
		fields,
		events: eventRefs(events),
		related,
		// The members' map links to the place's page; the public embed keeps to the panel.
		pageUrl:
			context.audience === 'members'
				? `/t/${encodeURIComponent(context.slug)}/places/${encodeURIComponent(place.id)}`
				: null
	};
}

export interface EventDetailRow {
	id: string;
	title: string;
	description: string | null;
	starts_at: string;
	ends_at: string | null;
	format: string | null;
	theme: string | null;
	needs: string[] | null;
	/** Its own commune, else its place's. */
	commune_code: string | null;
	/** Its own location, else its place's. */
	lng: Num;
	lat: Num;
	place_id: string | null;
	place_name: string | null;
}

export interface EventActorRow {
	id: string;
	name: string;
	role: 'organiser' | 'participant' | string;
}

/** French local time of the territories (metropolitan France). */
const TIME_ZONE = 'Europe/Paris';

/** « samedi 14 mars 2026, 18:00 – 21:00 » in the reader's language, Paris time. */
export function formatEventDate(startsAt: string, endsAt: string | null, locale: string): string {
	const start = new Date(startsAt);
	if (!Number.isFinite(start.getTime())) return startsAt;
	const format = new Intl.DateTimeFormat(locale, {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	});
	const end = endsAt === null ? null : new Date(endsAt);
	if (end === null || !Number.isFinite(end.getTime()) || end.getTime() <= start.getTime())
		return format.format(start);
	return format.formatRange(start, end);
}

/** The detail of an event: when, where, who organises it and who takes part. */
export function buildEventDetail(
	event: EventDetailRow,
	actors: readonly EventActorRow[],
	context: DetailContext
): MapDetail {
	const fields: DetailField[] = [];
	const push = (key: string, label: string, value: string | null | undefined) => {
		if (nonEmpty(value)) fields.push({ key, label, value: value.trim() });
	};
	const commune = nonEmpty(event.commune_code)
		? (context.communeName(event.commune_code) ?? event.commune_code)
		: null;
	push(
		'date',
		m.mapdata_field_date(),
		formatEventDate(event.starts_at, event.ends_at, context.locale)
	);
	push('format', m.mapdata_field_format(), event.format);
	push('theme', m.mapdata_field_theme(), event.theme);
	push('place', m.mapdata_field_place(), event.place_name);
	push('commune', m.mapdata_field_commune(), commune);
	push('description', m.mapdata_field_description(), event.description);
	push('needs', m.mapdata_field_needs(), strings(event.needs).join(', '));

	const related: MapItemRef[] = [];
	if (event.place_id && nonEmpty(event.place_name))
		related.push({
			type: 'place',
			id: event.place_id,
			name: event.place_name,
			relation: m.mapdata_relation_venue()
		});
	// Organisers first, then participants, each by name.
	const collator = new Intl.Collator(context.locale, { sensitivity: 'base', numeric: true });
	const ordered = [...actors].sort(
		(a, b) =>
			Number(b.role === 'organiser') - Number(a.role === 'organiser') ||
			collator.compare(a.name, b.name)
	);
	for (const a of ordered.slice(0, MAX_DETAIL_RELATED)) {
		const relation = eventRoleLabel(a.role);
		related.push({ type: 'actor', id: a.id, name: a.name, ...(relation ? { relation } : {}) });
	}
	return {
		type: 'event',
		id: event.id,
		title: event.title,
		subtitle: nonEmpty(event.format) ? event.format.trim() : null,
		position: position(event.lng, event.lat),
		fields,
		events: [],
		related,
		pageUrl:
			context.audience === 'members'
				? `/t/${encodeURIComponent(context.slug)}/events/${encodeURIComponent(event.id)}`
				: null
	};
}
