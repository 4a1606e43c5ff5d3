/**
 * What the map page loads (src/lib/map/types.ts), read as the requesting user: row level security
 * decides which rows exist, `Audience` decides which of their fields are shown (the builders of
 * src/lib/map/map-data.ts apply it).
 *
 * Each layer is one query per table, whatever the number of actors: at 100k actors in the
 * embedded PGlite a query per actor would take minutes.
 */
import {
	buildActorDetail,
	buildActorMapData,
	buildEventDetail,
	buildEventMapData,
	buildPlaceDetail,
	buildPlaceMapData,
	MAX_DETAIL_EVENTS,
	MAX_DETAIL_RELATED,
	type ActorDetailRow,
	type ActorMapRow,
	type CommuneNamer,
	type DetailContext,
	type DetailEventRow,
	type DetailLinkRow,
	type EventActorRow,
	type EventDetailRow,
	type EventMapRow,
	type MapSourceRow,
	type PlaceDetailRow,
	type PlaceMapRow,
	type ProvenanceRecordRow
} from '$lib/map/map-data';
import type {
	ActorMapData,
	Audience,
	EventMapData,
	MapDetail,
	MapItemType,
	PlaceMapData
} from '$lib/map/types';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { finiteOrNull } from '$lib/domain/numbers';
import type { BBox } from '$lib/map/actors-geojson';
import type { Tx } from '$lib/server/db/types';
import { isUuid } from './actor-page';
import { territoryRole } from './territories';

export interface MapTerritory {
	id: string;
	slug: string;
	name: string;
	visibility: 'private' | 'public';
}

/** The territory of a slug if the user may read it (RLS), with its visibility column. */
export async function findMapTerritory(tx: Tx, slug: string): Promise<MapTerritory | null> {
	const [row] = await tx.query<MapTerritory>(
		'select id, slug, name, visibility from public.territory where slug = $1',
		[slug]
	);
	return row ?? null;
}

/** The territory of a slug when it is public (the embed, the public feeds), else null. */
export async function findPublicTerritory(tx: Tx, slug: string): Promise<MapTerritory | null> {
	const territory = await findMapTerritory(tx, slug);
	return territory?.visibility === 'public' ? territory : null;
}

/** `[west, south, east, north]` of the territory's located actors, null when none is located. */
export async function actorBounds(tx: Tx, territoryId: string): Promise<BBox | null> {
	const [box] = await tx.query<{ w: unknown; s: unknown; e: unknown; n: unknown }>(
		`select st_xmin(x) as w, st_ymin(x) as s, st_xmax(x) as e, st_ymax(x) as n
		   from (select st_extent(location::geometry) as x
		           from public.actor where territory_id = $1) b`,
		[territoryId]
	);
	const values = [box?.w, box?.s, box?.e, box?.n].map(finiteOrNull);
	return values.every((v) => v !== null) ? (values as BBox) : null;
}

/** Members (any role on the territory) see every field; everybody else the public ones. */
export async function mapAudience(
	tx: Tx,
	territoryId: string,
	requested?: Audience
): Promise<Audience> {
	// A member may ask for the public view (the embeddable map); nobody may ask for more.
	if (requested === 'public') return 'public';
	return (await territoryRole(tx, territoryId)) === null ? 'public' : 'members';
}

/** `?audience=public` asks for what the public sees, whoever asks (the embeddable map). */
export function requestedAudience(url: URL): Audience | undefined {
	return url.searchParams.get('audience') === 'public' ? 'public' : undefined;
}

// ISO 8601 in UTC, the same text whichever driver reads it (PGlite and postgres.js would hand
// back Date objects for timestamptz).
const iso = (column: string) =>
	`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The territory's listings in the order `ActorMapProps.sources` indexes refer to. */
export async function listMapSources(tx: Tx, territoryId: string): Promise<MapSourceRow[]> {
	return tx.query<MapSourceRow>(
		`select id, name from public.source where territory_id = $1 order by created_at, id`,
		[territoryId]
	);
}

/**
 * Runs `sql` and hands back its rows parsed from one `json_agg` text. For 100k rows this is about
 * half the work of reading them as rows: the embedded PGlite decodes every field of every row
 * one by one in JavaScript, while one text is decoded once and parsed natively. Rows come back
 * as JSON types: uuids and text as strings, arrays as arrays, jsonb as objects, numbers as numbers.
 */
export async function queryJsonRows<T>(tx: Tx, sql: string, params: unknown[]): Promise<T[]> {
	const [row] = await tx.query<{ rows: string | null }>(
		`select coalesce(json_agg(x), '[]')::text as rows from (${sql}) x`,
		params
	);
	return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

/**
 * Every actor of the territory with what the actors layer shows: one query, whatever the number
 * of actors. For members, the listings of each come from one grouped pass over source_record,
 * as indexes into `listMapSources` (same order, same transaction); for the public no record is
 * read at all.
 */
export async function listActorMapRows(
	tx: Tx,
	territoryId: string,
	audience: Audience
): Promise<ActorMapRow[]> {
	// Contacts as booleans: the layer only tells whether an actor can be reached, so 100k values
	// need not be encoded, sent and parsed. The stored flags say a value exists; each counts only
	// when its visibility lets the caller read it (the same rule as actor_contacts, whose function
	// scan over every actor made this layer 75 % slower at 100k actors).
	const reachable = (field: 'email' | 'phone') =>
		`(a.has_${field} and public.contact_readable(a.contact_visibility, '${field}', v.role))`;
	const columns = `a.id, a.name, a.kind, a.sectors, a.worlds, a.tags, a.commune_code,
		case when public.contact_readable(a.contact_visibility, 'address', v.role) then aa.address end
		  as address,
		${reachable('email')} as has_email,
		${reachable('phone')} as has_phone,
		coalesce(btrim(a.website) <> '', false) as has_website,
		${audience === 'public' ? 'a.contact_visibility' : 'null::jsonb as contact_visibility'},
		st_x(p.g) as lng, st_y(p.g) as lat`;
	// One geography → geometry cast per actor instead of one per coordinate; the caller's role
	// once: a scalar sub-select is an InitPlan, where a bare call in `v` would be pulled up into
	// the select list and run per actor and per field (300k security definer calls at 100k
	// actors: +5 s). The public layer is what anyone may see: no role, whoever asks.
	const role = audience === 'public' ? 'null::text' : '(select public.territory_role($1::uuid))';
	// The address through the view that applies its mark (the API roles cannot read the column).
	const point = `cross join lateral (select a.location::geometry as g) p
		cross join (select ${role} as role) v
		left join public.actor_address aa on aa.actor_id = a.id`;
	if (audience === 'public') {
		return queryJsonRows<ActorMapRow>(
			tx,
			`select ${columns}, null::int[] as source_indexes
			   from public.actor a ${point}
			  where a.territory_id = $1`,
			[territoryId]
		);
	}
	return queryJsonRows<ActorMapRow>(
		tx,
		`select ${columns}, r.source_indexes
		   from public.actor a ${point}
		   left join (
		        select rec.actor_id, array_agg(distinct s.i) as source_indexes
		          from public.source_record_links($1::uuid) rec
		          join (select id, (row_number() over (order by created_at, id))::int - 1 as i
		                  from public.source where territory_id = $1) s on s.id = rec.source_id
		         where rec.territory_id = $1 and rec.actor_id is not null and not rec.gone
		         group by rec.actor_id
		   ) r on r.actor_id = a.id
		  where a.territory_id = $1`,
		[territoryId]
	);
}

export async function loadActorMapData(
	tx: Tx,
	territoryId: string,
	audience: Audience,
	communeName: CommuneNamer
): Promise<ActorMapData> {
	const sources = audience === 'members' ? await listMapSources(tx, territoryId) : [];
	const rows = await listActorMapRows(tx, territoryId, audience);
	return buildActorMapData(rows, sources, communeName, audience);
}

/**
 * `GET /t/[territory]/actors.geojson`: the public data of a territory its owner made public, or
 * null. The visibility column is checked, not only RLS: a member reading their own private
 * territory here gets nothing, since what this URL serves is meant to be published.
 */
export async function loadPublicActorMapData(
	tx: Tx,
	slug: string,
	communeName: CommuneNamer
): Promise<ActorMapData | null> {
	const territory = await findPublicTerritory(tx, slug);
	if (!territory) return null;
	return loadActorMapData(tx, territory.id, 'public', communeName);
}

export async function loadPlaceMapData(
	tx: Tx,
	territoryId: string,
	communeName: CommuneNamer
): Promise<PlaceMapData> {
	const rows = await tx.query<PlaceMapRow>(
		`select id, name, kind, commune_code, capacity, equipment,
		        st_x(location::geometry) as lng, st_y(location::geometry) as lat
		   from public.place
		  where territory_id = $1 and location is not null`,
		[territoryId]
	);
	return buildPlaceMapData(rows, communeName);
}

/**
 * Located events: their own point, else their place's. The public audience gets public events
 * only — RLS already hides the others from a visitor, but a member may read as the public.
 */
export async function loadEventMapData(
	tx: Tx,
	territoryId: string,
	audience: Audience,
	communeName: CommuneNamer,
	now: Date
): Promise<EventMapData> {
	const rows = await tx.query<EventMapRow>(
		`select e.id, e.title, ${iso('e.starts_at')} as starts_at, ${iso('e.ends_at')} as ends_at,
		        e.format, e.theme, coalesce(e.commune_code, p.commune_code) as commune_code,
		        e.place_id,
		        st_x(coalesce(e.location, p.location)::geometry) as lng,
		        st_y(coalesce(e.location, p.location)::geometry) as lat
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1
		    and coalesce(e.location, p.location) is not null
		    and ($2::boolean or e.visibility = 'public')
		  order by e.starts_at, e.id`,
		[territoryId, audience === 'members']
	);
	return buildEventMapData(rows, communeName, now);
}

// ---------------------------------------------------------------- detail

export function isMapItemType(v: string): v is MapItemType {
	return v === 'actor' || v === 'place' || v === 'event';
}

export interface DetailOptions {
	communeName: CommuneNamer;
	locale: string;
	/** 'public': the public view even for a member (see requestedAudience). */
	audience?: Audience;
}

/**
 * The detail panel of one item, or null when the type is unknown, the id malformed, or the item
 * not in this territory / not readable by the user (the endpoint answers 404 for all of them).
 */
export async function loadMapDetail(
	tx: Tx,
	territory: MapTerritory,
	type: string,
	id: string,
	options: DetailOptions
): Promise<MapDetail | null> {
	if (!isMapItemType(type) || !isUuid(id)) return null;
	const audience = await mapAudience(tx, territory.id, options.audience);
	const context: DetailContext = { ...options, audience, slug: territory.slug };
	switch (type) {
		case 'actor':
			return loadActorDetail(tx, territory.id, id, context);
		case 'place':
			return loadPlaceDetail(tx, territory.id, id, context);
		case 'event':
			return loadEventDetail(tx, territory.id, id, context);
	}
}

async function loadActorDetail(
	tx: Tx,
	territoryId: string,
	id: string,
	context: DetailContext
): Promise<MapDetail | null> {
	const [actor] = await tx.query<ActorDetailRow>(
		`select a.id, a.name, a.kind, a.legal_form, a.sectors, a.worlds, a.tags, a.description,
		        c.address, a.postcode, a.commune_code, c.email, c.phone, a.website, a.siret, a.rna,
		        st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
		        c.provenance, a.contact_visibility
		   from public.actor a
		   left join public.actor_contacts($1::uuid, $2::uuid) c on c.actor_id = a.id
		  where a.territory_id = $1 and a.id = $2`,
		[territoryId, id]
	);
	if (!actor) return null;
	const members = context.audience === 'members';

	let records: ProvenanceRecordRow[] = [];
	if (members) {
		const named = new Set<string>();
		const provenance = actor.provenance;
		if (provenance && typeof provenance === 'object') {
			for (const entry of Object.values(provenance as Record<string, unknown>)) {
				const recordId = (entry as { record_id?: unknown } | null)?.record_id;
				if (typeof recordId === 'string' && isUuid(recordId)) named.add(recordId);
			}
		}
		if (named.size > 0)
			records = await tx.query<ProvenanceRecordRow>(
				`select r.id, s.name as source_name, r.row_number
				   from public.source_record_links($1::uuid) r
				   join public.source s on s.territory_id = r.territory_id and s.id = r.source_id
				  where r.territory_id = $1 and r.id = any($2::uuid[])`,
				[territoryId, [...named]]
			);
	}

	const events = await tx.query<DetailEventRow>(
		`select e.id, e.title, ${iso('e.starts_at')} as starts_at, ea.role
		   from public.event_actor ea
		   join public.event e on e.territory_id = ea.territory_id and e.id = ea.event_id
		  where ea.territory_id = $1 and ea.actor_id = $2
		    and ($3::boolean or e.visibility = 'public')
		  order by e.starts_at desc, e.id
		  limit ${MAX_DETAIL_EVENTS}`,
		[territoryId, id, members]
	);

	const links = await tx.query<DetailLinkRow>(
		`select o.id, o.name, l.kind, l.from_actor = $2 as outgoing
		   from public.link l
		   join public.actor o on o.territory_id = l.territory_id
		    and o.id = case when l.from_actor = $2 then l.to_actor else l.from_actor end
		  where l.territory_id = $1 and (l.from_actor = $2 or l.to_actor = $2)
		  order by l.kind, o.name, o.id
		  limit ${MAX_DETAIL_RELATED}`,
		[territoryId, id]
	);

	return buildActorDetail(actor, records, events, links, context);
}

async function loadPlaceDetail(
	tx: Tx,
	territoryId: string,
	id: string,
	context: DetailContext
): Promise<MapDetail | null> {
	const [place] = await tx.query<PlaceDetailRow>(
		`select p.id, p.name, p.kind, p.description, p.capacity, p.equipment, p.accessibility,
		        p.conditions, p.address, p.commune_code,
		        st_x(p.location::geometry) as lng, st_y(p.location::geometry) as lat,
		        a.id as run_by, a.name as run_by_name
		   from public.place p
		   left join public.actor a on a.territory_id = p.territory_id and a.id = p.run_by
		  where p.territory_id = $1 and p.id = $2`,
		[territoryId, id]
	);
	if (!place) return null;
	const events = await tx.query<DetailEventRow>(
		`select id, title, ${iso('starts_at')} as starts_at
		   from public.event
		  where territory_id = $1 and place_id = $2
		    and ($3::boolean or visibility = 'public')
		  order by starts_at desc, id
		  limit ${MAX_DETAIL_EVENTS}`,
		[territoryId, id, context.audience === 'members']
	);
	return buildPlaceDetail(place, events, context);
}

async function loadEventDetail(
	tx: Tx,
	territoryId: string,
	id: string,
	context: DetailContext
): Promise<MapDetail | null> {
	const [event] = await tx.query<EventDetailRow>(
		`select e.id, e.title, e.description, ${iso('e.starts_at')} as starts_at,
		        ${iso('e.ends_at')} as ends_at, e.format, e.theme, e.needs,
		        coalesce(e.commune_code, p.commune_code) as commune_code,
		        st_x(coalesce(e.location, p.location)::geometry) as lng,
		        st_y(coalesce(e.location, p.location)::geometry) as lat,
		        p.id as place_id, p.name as place_name
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1 and e.id = $2
		    and ($3::boolean or e.visibility = 'public')`,
		[territoryId, id, context.audience === 'members']
	);
	if (!event) return null;
	const actors = await tx.query<EventActorRow>(
		`select a.id, a.name, ea.role
		   from public.event_actor ea
		   join public.actor a on a.territory_id = ea.territory_id and a.id = ea.actor_id
		  where ea.territory_id = $1 and ea.event_id = $2
		  order by ea.role, a.name, a.id
		  limit ${MAX_DETAIL_RELATED}`,
		[territoryId, id]
	);
	return buildEventDetail(event, actors, context);
}

// ---------------------------------------------------------------- response

const gzipAsync = promisify(gzip);
/** Below this, compressing costs more than it saves. */
const GZIP_MIN_BYTES = 32 * 1024;

/** Whether an `Accept-Encoding` header takes gzip (RFC 9110 §12.5.3: `q=0` refuses it). */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	});
}

/**
 * A JSON response, gzipped when the client takes it. adapter-node compresses nothing it did not
 * prerender, and 100k actors are about 44 MB of GeoJSON but 8 MB gzipped (level 1: about half a
 * second, off the event loop in libuv's thread pool).
 */
export async function mapJsonResponse(
	body: unknown,
	request: Request,
	headers: Record<string, string>,
	status = 200
): Promise<Response> {
	const text = JSON.stringify(body);
	const out = new Headers(headers);
	if (!out.has('content-type')) out.set('content-type', 'application/json');
	out.set('vary', 'accept-encoding');
	if (text.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers.get('accept-encoding'))) {
		const zipped = await gzipAsync(text, { level: 1 });
		out.set('content-encoding', 'gzip');
		return new Response(new Uint8Array(zipped), { status, headers: out });
	}
	// Encoded here, natively: a string body would go through undici's slower USV conversion.
	return new Response(Buffer.from(text, 'utf8'), { status, headers: out });
}
