/**
 * What the map page loads, shared by the server endpoints that build it and the browser code
 * (facets, directory, detail panel) that reads it. Coordinates are `[lng, lat]` (RFC 7946).
 *
 * Data endpoints, all read as the requesting user (RLS applies), all `private, no-cache`:
 * - `GET /t/[territory]/map/actors.geojson` → `ActorMapData`
 * - `GET /t/[territory]/map/places.geojson` → `PlaceMapData`
 * - `GET /t/[territory]/map/events.geojson` → `EventMapData`
 * - `GET /t/[territory]/map/communes.geojson` → `CommuneMapData`
 * - `GET /t/[territory]/map/coverage.geojson` → `CoverageMapData` (coverage-layer.ts)
 * - `GET /t/[territory]/map/detail/[type]/[id]` → `MapDetail` (type: actor | place | event)
 * Public data (a territory made public by its owner, only public fields, whoever asks):
 * - `GET /t/[territory]/actors.geojson` → `ActorMapData` built with `audience: 'public'`
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { ActorKind } from '$lib/domain/actor-kinds';

/** Who the data is built for: members see every field, the public only what is public. */
export type Audience = 'members' | 'public';

export interface ActorMapProps {
	id: string;
	name: string;
	kind: ActorKind;
	sectors: string[];
	worlds: string[];
	tags: string[];
	/** INSEE code of its commune, null when unknown. */
	commune: string | null;
	/** Commune name (the code when the name is unknown), null when no commune. */
	communeName: string | null;
	/** Street address when the audience may see it (public audience: only if marked public). */
	address: string | null;
	/** Indexes into `ActorMapData.sources`: the listings its rows come from (empty for the public). */
	sources: number[];
	/** The audience can see at least one way to reach it (email, phone or website). */
	contact: boolean;
}

/** GeoJSON FeatureCollection of the located actors plus two foreign members (RFC 7946 §6.1). */
export interface ActorMapData extends FeatureCollection<Point, ActorMapProps> {
	/** Actors with no location: listed by the directory, counted by facets, not drawn. */
	unlocated: ActorMapProps[];
	/** The territory's listings (`source` rows), in a stable order; empty for the public audience. */
	sources: { id: string; name: string }[];
}

export interface PlaceMapProps {
	id: string;
	name: string;
	/** Free text kind of place (salle, tiers-lieu, …), null when not recorded. */
	kind: string | null;
	commune: string | null;
	communeName: string | null;
	capacity: number | null;
	equipment: string[];
}
export type PlaceMapData = FeatureCollection<Point, PlaceMapProps>;

export type EventWhen = 'upcoming' | 'past';

export interface EventMapProps {
	id: string;
	title: string;
	/** ISO 8601 */
	startsAt: string;
	/** Relative to the time of the request: an event not yet ended is upcoming. */
	when: EventWhen;
	format: string | null;
	theme: string | null;
	commune: string | null;
	communeName: string | null;
	placeId: string | null;
}
/** Located events only (own location, else their place's). */
export type EventMapData = FeatureCollection<Point, EventMapProps>;

export interface CommuneMapProps {
	/** `commune`: one commune (code = INSEE); `boundary`: the outline of the whole territory. */
	role: 'commune' | 'boundary';
	code: string;
	name: string;
	/** Municipal population (@etalab/decoupage-administratif), null when unknown. */
	population: number | null;
}
export type CommuneMapData = FeatureCollection<Polygon | MultiPolygon, CommuneMapProps>;
export type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneMapProps>;

/** The map's data layers, in legend order. */
export const MAP_LAYERS = ['actors', 'places', 'events-upcoming', 'events-past'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

export type MapItemType = 'actor' | 'place' | 'event';

/** A link to another item of the map, for the detail panel. */
export interface MapItemRef {
	type: MapItemType;
	id: string;
	name: string;
	/** Why it is linked, as a short French label ready to show (« partenaire », « organisateur »…). */
	relation?: string;
	/** Events: ISO start date. */
	startsAt?: string;
}

export interface DetailField {
	/** Stable key (name, kind, email…) for tests and styling. */
	key: string;
	/** Label ready to show. */
	label: string;
	/** Plain text: rendered as text, never as HTML. */
	value: string;
	/** `mailto:`, `tel:` or `https:` link for contact fields; never `javascript:`. */
	href?: string;
	/** "<listing> ligne <n>" when the value comes from a listing (members only). */
	provenance?: string;
}

/** What the detail panel shows for one actor, place or event. */
export interface MapDetail {
	type: MapItemType;
	id: string;
	/** Name or title. */
	title: string;
	/** Kind label, place kind or event format, ready to show. */
	subtitle: string | null;
	/** `[lng, lat]`, null when not located. */
	position: [number, number] | null;
	fields: DetailField[];
	/** Events it organised or took part in (actor), held there (place), or null for an event. */
	events: MapItemRef[];
	/** Partners (actor: links; event: organisers and participants; place: who runs it). */
	related: MapItemRef[];
	/** The full page of the item with provenance, when the audience may open it. */
	pageUrl: string | null;
}
