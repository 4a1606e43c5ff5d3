/**
 * Events that travel (#9): where the events of a series were held, and which commune could host
 * the next one. A series is the events sharing a format and/or a theme, or all the territory's
 * events.
 *
 * Ranking of the candidate communes (every commune of the territory), first rule first:
 *  1. never visited by the series (no past and no planned event there);
 *  2. then least recently visited: the oldest last visit first (a planned event counts as a
 *     visit on its date, so a commune that already has the next one ranks last);
 *  3. then fewer visits;
 *  4. among equals, a commune with a common place able to host the series first (`bestPlace`);
 *  5. then more nearby actors whose sectors match the series' theme, then more nearby actors
 *     (same commune, or within `radiusKm` of the commune's centre);
 *  6. then the commune's name (French collation), then its code: the order is total.
 *
 * A place "able to host" (kept simple on purpose, so a facilitator can check it by hand):
 *  - capacity: when the expected size is known, capacity ≥ size; a place without a capacity
 *    is kept but ranked after those that have enough (it cannot be judged);
 *  - kind: a few formats need a kind of place (`FORMAT_PLACES`: a tournament needs a sports
 *    ground, a work party a garden, a gathering a hall, a tiers-lieu or a library…); a format
 *    not in that table, or a place whose kind is not recognised, cannot be judged and fits;
 *  - equipment: not a condition; the needs written on the series' events (tables, sono…) that
 *    the place's equipment lists are counted and prefer a place over another in the commune.
 *
 * Pure: the caller gives the current instant (past events vs planned ones).
 */
import { NearbyIndex, type LngLat } from '../partners/nearby';

export type { LngLat };

/** « Nearby » for a co-organiser: about a quarter of an hour by car in the countryside. */
export const NEARBY_RADIUS_KM = 10;
/** Suggestions the page shows. */
export const SUGGESTION_LIMIT = 5;
/** Co-organisers named per suggestion. */
export const CO_ORGANISER_LIMIT = 3;

export interface TravelCommune {
	/** INSEE code. */
	code: string;
	name: string;
	/** Where « nearby » is measured from; null when unknown (only same-commune actors count). */
	centre: LngLat | null;
}

export interface TravelEvent {
	id: string;
	title: string;
	/** ISO 8601. */
	startsAt: string;
	communeCode: string | null;
	placeId: string | null;
	format: string | null;
	theme: string | null;
	/** Expected attendance when the data has it. */
	size?: number | null;
	/** What the event needed (tables, sono…): compared with the places' equipment. */
	needs?: readonly string[];
}

export interface TravelPlace {
	id: string;
	name: string;
	communeCode: string | null;
	capacity: number | null;
	equipment: readonly string[];
	kind: string | null;
	location: LngLat | null;
}

export interface TravelActor {
	id: string;
	name: string;
	communeCode: string | null;
	location: LngLat | null;
	sectors: readonly string[];
}

/** The events sharing a format and a theme; null: any. Both null: every event. */
export interface TravelSeries {
	format: string | null;
	theme: string | null;
}

export interface TravelInput {
	communes: readonly TravelCommune[];
	events: readonly TravelEvent[];
	places: readonly TravelPlace[];
	actors: readonly TravelActor[];
	series: TravelSeries;
	/** Events starting before it are past; the others are planned. */
	now: Date;
	/** Expected size of the next edition; default: the largest known size in the series. */
	expectedSize?: number | null;
	radiusKm?: number;
	limit?: number;
}

/** One event of the series, where it was (or will be) held. */
export interface HostVisit {
	eventId: string;
	title: string;
	startsAt: string;
	communeCode: string;
	communeName: string;
	placeId: string | null;
	placeName: string | null;
	planned: boolean;
}

/** A commune that hosted (or will host) the series. */
export interface HostCommune {
	code: string;
	name: string;
	/** Past events held there. */
	visits: number;
	/** Events planned there. */
	planned: number;
	firstDate: string;
	lastDate: string;
	/** False when the commune is not one of the territory's. */
	inTerritory: boolean;
}

export interface PlaceFit {
	id: string;
	name: string;
	kind: string | null;
	capacity: number | null;
	/** Capacity judged against the expected size: `unknown` when the place has none. */
	capacityFit: 'enough' | 'unknown' | 'not-judged';
	/** The series' needs this place's equipment lists. */
	equipment: string[];
}

export interface CoOrganiser {
	id: string;
	name: string;
	communeCode: string | null;
	/** Km from the commune's centre; null when the actor has no position (same commune). */
	distanceKm: number | null;
	sameCommune: boolean;
	/** One of its sectors is the series' theme. */
	matchesTheme: boolean;
}

/** Why a commune is suggested; the page turns each into a sentence. */
export type TravelReason =
	| { code: 'never-visited' }
	| { code: 'last-visit'; date: string; visits: number }
	| { code: 'planned'; date: string }
	| {
			code: 'place';
			placeId: string;
			placeName: string;
			capacity: number | null;
			expectedSize: number | null;
			capacityFit: PlaceFit['capacityFit'];
			equipment: string[];
	  }
	/** `places`: common places in the commune (none of which fits when > 0). */
	| { code: 'no-place'; places: number }
	| {
			code: 'actors';
			count: number;
			/** Of which with the theme among their sectors (0 when the series has no theme). */
			matching: number;
			theme: string | null;
			radiusKm: number;
			names: string[];
	  }
	| { code: 'no-actors'; radiusKm: number };

export interface TravelSuggestion {
	rank: number;
	code: string;
	name: string;
	visits: number;
	planned: number;
	lastDate: string | null;
	place: PlaceFit | null;
	placesInCommune: number;
	nearbyActors: number;
	matchingActors: number;
	coOrganisers: CoOrganiser[];
	reasons: TravelReason[];
}

export interface TravelResult {
	/** The series' events with a commune, oldest first. */
	timeline: HostVisit[];
	/** Host communes, most recent visit first. */
	hosts: HostCommune[];
	/** Events of the series with neither a commune nor a place in a commune: left out. */
	ignored: number;
	/** Events of the series (ignored ones included). */
	seriesEvents: number;
	expectedSize: number | null;
	/** The series' needs (normalised, deduplicated), as written on its events. */
	needs: string[];
	suggestions: TravelSuggestion[];
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Lower case, no accents, single spaces: how formats, themes, kinds and needs are compared. */
export function normaliseLabel(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

type PlaceFamily = 'hall' | 'tiers-lieu' | 'library' | 'workshop' | 'garden' | 'sports';

/** The family of a place kind (free text), null when not recognised. */
export function placeFamily(kind: string | null): PlaceFamily | null {
	const k = normaliseLabel(kind ?? '');
	if (k === '') return null;
	if (/\btiers\b/.test(k)) return 'tiers-lieu';
	if (/\b(mediatheque|bibliotheque)\b/.test(k)) return 'library';
	if (/\b(sport|sportif|stade|gymnase|terrain)\b/.test(k)) return 'sports';
	if (/\b(jardin|verger|parc)\b/.test(k)) return 'garden';
	if (/\b(atelier|fab ?lab|fablab|garage)\b/.test(k)) return 'workshop';
	if (/\b(salle|foyer|maison|halle)\b/.test(k)) return 'hall';
	return null;
}

const GATHERING: readonly PlaceFamily[] = ['hall', 'tiers-lieu'];
const INDOOR_TALK: readonly PlaceFamily[] = ['hall', 'tiers-lieu', 'library'];

/** Formats (normalised) that need a kind of place; the others fit anywhere. */
export const FORMAT_PLACES: Readonly<Record<string, readonly PlaceFamily[]>> = {
	atelier: ['workshop', 'tiers-lieu', 'hall', 'library'],
	banquet: GATHERING,
	'chantier participatif': ['garden'],
	concert: GATHERING,
	conference: INDOOR_TALK,
	debat: INDOOR_TALK,
	exposition: INDOOR_TALK,
	fete: GATHERING,
	forum: GATHERING,
	lecture: INDOOR_TALK,
	marche: GATHERING,
	projection: INDOOR_TALK,
	rencontre: INDOOR_TALK,
	reunion: INDOOR_TALK,
	spectacle: GATHERING,
	tournoi: ['sports'],
	troc: GATHERING
};

/** Does a place of `kind` suit `format`? True when it cannot be judged. */
export function kindFits(format: string | null, kind: string | null): boolean {
	const wanted = format === null ? undefined : FORMAT_PLACES[normaliseLabel(format)];
	const family = placeFamily(kind);
	return !wanted || family === null || wanted.includes(family);
}

export function inSeries(event: TravelEvent, series: TravelSeries): boolean {
	const same = (wanted: string | null, value: string | null) =>
		wanted === null || normaliseLabel(value ?? '') === normaliseLabel(wanted);
	return same(series.format, event.format) && same(series.theme, event.theme);
}

interface SeriesTheme {
	theme: string;
	events: number;
}

export interface SeriesChoice {
	format: string;
	events: number;
	communes: number;
	themes: SeriesTheme[];
}

/**
 * The formats of the territory's events (as first written), each with its number of events, of
 * host communes (events without one not counted) and its themes: what the series picker offers.
 * Sorted by name (French collation).
 */
export function seriesChoices(
	events: readonly TravelEvent[],
	places: readonly TravelPlace[] = []
): SeriesChoice[] {
	const placeCommune = new Map(places.map((p) => [p.id, p.communeCode]));
	const byFormat = new Map<
		string,
		{ format: string; events: number; communes: Set<string>; themes: Map<string, SeriesTheme> }
	>();
	for (const event of events) {
		const key = normaliseLabel(event.format ?? '');
		if (key === '') continue;
		let entry = byFormat.get(key);
		if (!entry) {
			entry = { format: event.format!.trim(), events: 0, communes: new Set(), themes: new Map() };
			byFormat.set(key, entry);
		}
		entry.events += 1;
		const commune = hostCommune(event, placeCommune);
		if (commune) entry.communes.add(commune);
		const themeKey = normaliseLabel(event.theme ?? '');
		if (themeKey !== '') {
			const theme = entry.themes.get(themeKey) ?? { theme: event.theme!.trim(), events: 0 };
			theme.events += 1;
			entry.themes.set(themeKey, theme);
		}
	}
	return [...byFormat.values()]
		.map((e) => ({
			format: e.format,
			events: e.events,
			communes: e.communes.size,
			themes: [...e.themes.values()].sort((a, b) => collator.compare(a.theme, b.theme))
		}))
		.sort((a, b) => collator.compare(a.format, b.format));
}

function hostCommune(
	event: TravelEvent,
	placeCommune: ReadonlyMap<string, string | null>
): string | null {
	const own = event.communeCode?.trim();
	if (own) return own;
	const viaPlace = event.placeId ? placeCommune.get(event.placeId)?.trim() : null;
	return viaPlace || null;
}

const validSize = (n: number | null | undefined): n is number =>
	typeof n === 'number' && Number.isFinite(n) && n > 0;

/** The history of a series and the ranked suggestions for its next host commune. */
export function travelPlan(input: TravelInput): TravelResult {
	const radiusKm = input.radiusKm ?? NEARBY_RADIUS_KM;
	const limit = input.limit ?? SUGGESTION_LIMIT;
	const now = input.now.getTime();
	const communeByCode = new Map(input.communes.map((c) => [c.code, c]));
	const placeById = new Map(input.places.map((p) => [p.id, p]));
	const placeCommune = new Map(input.places.map((p) => [p.id, p.communeCode]));
	const nameOf = (code: string) => communeByCode.get(code)?.name ?? code;

	// ---- history
	const series = input.events.filter((e) => inSeries(e, input.series));
	let ignored = 0;
	const timeline: HostVisit[] = [];
	for (const event of series) {
		const code = hostCommune(event, placeCommune);
		const time = Date.parse(event.startsAt);
		if (!code || !Number.isFinite(time)) {
			ignored += 1;
			continue;
		}
		const place = event.placeId ? placeById.get(event.placeId) : undefined;
		timeline.push({
			eventId: event.id,
			title: event.title,
			startsAt: new Date(time).toISOString(),
			communeCode: code,
			communeName: nameOf(code),
			placeId: place?.id ?? null,
			placeName: place?.name ?? null,
			planned: time >= now
		});
	}
	timeline.sort(
		(a, b) =>
			a.startsAt.localeCompare(b.startsAt) ||
			collator.compare(a.title, b.title) ||
			a.eventId.localeCompare(b.eventId)
	);

	const hostMap = new Map<string, HostCommune>();
	for (const visit of timeline) {
		const host = hostMap.get(visit.communeCode) ?? {
			code: visit.communeCode,
			name: visit.communeName,
			visits: 0,
			planned: 0,
			firstDate: visit.startsAt,
			lastDate: visit.startsAt,
			inTerritory: communeByCode.has(visit.communeCode)
		};
		if (visit.planned) host.planned += 1;
		else host.visits += 1;
		// The timeline is sorted: the first visit seen is the first, the last seen the last.
		host.lastDate = visit.startsAt;
		hostMap.set(visit.communeCode, host);
	}
	const hosts = [...hostMap.values()].sort(
		(a, b) =>
			b.lastDate.localeCompare(a.lastDate) ||
			collator.compare(a.name, b.name) ||
			a.code.localeCompare(b.code)
	);

	// ---- what the next edition needs
	const { format, theme } = input.series;
	const themeKey = theme === null ? null : normaliseLabel(theme);
	const knownSizes = series.map((e) => e.size).filter(validSize);
	const expectedSize = validSize(input.expectedSize)
		? input.expectedSize
		: knownSizes.length > 0
			? Math.max(...knownSizes)
			: null;
	const needs = new Map<string, string>();
	for (const event of series)
		for (const need of event.needs ?? []) {
			const key = normaliseLabel(need);
			if (key !== '' && !needs.has(key)) needs.set(key, need.trim());
		}

	// ---- candidates
	const located = input.actors.filter((a) => a.location !== null);
	const index = new NearbyIndex(located.map((a) => a.location!));
	const placesByCommune = new Map<string, TravelPlace[]>();
	for (const place of input.places) {
		if (!place.communeCode) continue;
		const list = placesByCommune.get(place.communeCode) ?? [];
		list.push(place);
		placesByCommune.set(place.communeCode, list);
	}

	const ranked = input.communes.map((commune) => {
		const host = hostMap.get(commune.code);
		const place = bestPlace(placesByCommune.get(commune.code) ?? [], format, expectedSize, needs);
		const nearby = nearbyActors(commune, input.actors, located, index, radiusKm, themeKey);
		return { commune, host, place, nearby };
	});
	ranked.sort((a, b) => {
		const av = a.host ? a.host.visits + a.host.planned : 0;
		const bv = b.host ? b.host.visits + b.host.planned : 0;
		if ((av === 0) !== (bv === 0)) return av === 0 ? -1 : 1;
		if (a.host && b.host && a.host.lastDate !== b.host.lastDate)
			return a.host.lastDate.localeCompare(b.host.lastDate);
		if (av !== bv) return av - bv;
		if ((a.place === null) !== (b.place === null)) return a.place ? -1 : 1;
		if (a.nearby.matching !== b.nearby.matching) return b.nearby.matching - a.nearby.matching;
		if (a.nearby.all.length !== b.nearby.all.length)
			return b.nearby.all.length - a.nearby.all.length;
		return (
			collator.compare(a.commune.name, b.commune.name) ||
			a.commune.code.localeCompare(b.commune.code)
		);
	});

	const suggestions = ranked.slice(0, Math.max(0, limit)).map((r, i): TravelSuggestion => {
		const reasons: TravelReason[] = [];
		const host = r.host;
		if (!host) reasons.push({ code: 'never-visited' });
		else if (host.planned > 0) reasons.push({ code: 'planned', date: host.lastDate });
		else reasons.push({ code: 'last-visit', date: host.lastDate, visits: host.visits });
		const placesInCommune = placesByCommune.get(r.commune.code)?.length ?? 0;
		if (r.place)
			reasons.push({
				code: 'place',
				placeId: r.place.id,
				placeName: r.place.name,
				capacity: r.place.capacity,
				expectedSize,
				capacityFit: r.place.capacityFit,
				equipment: r.place.equipment
			});
		else reasons.push({ code: 'no-place', places: placesInCommune });
		const coOrganisers = r.nearby.all.slice(0, CO_ORGANISER_LIMIT);
		if (r.nearby.all.length > 0)
			reasons.push({
				code: 'actors',
				count: r.nearby.all.length,
				matching: r.nearby.matching,
				theme,
				radiusKm,
				names: coOrganisers.map((a) => a.name)
			});
		else reasons.push({ code: 'no-actors', radiusKm });
		return {
			rank: i + 1,
			code: r.commune.code,
			name: r.commune.name,
			visits: host?.visits ?? 0,
			planned: host?.planned ?? 0,
			lastDate: host?.lastDate ?? null,
			place: r.place,
			placesInCommune,
			nearbyActors: r.nearby.all.length,
			matchingActors: r.nearby.matching,
			coOrganisers,
			reasons
		};
	});

	return {
		timeline,
		hosts,
		ignored,
		seriesEvents: series.length,
		expectedSize,
		needs: [...needs.values()],
		suggestions
	};
}

/** The commune's place best able to host, null when none can (see the module comment). */
export function bestPlace(
	places: readonly TravelPlace[],
	format: string | null,
	expectedSize: number | null,
	needs: ReadonlyMap<string, string> = new Map()
): PlaceFit | null {
	const fits: (PlaceFit & { rankCapacity: number })[] = [];
	for (const place of places) {
		if (!kindFits(format, place.kind)) continue;
		let capacityFit: PlaceFit['capacityFit'] = 'not-judged';
		if (expectedSize !== null) {
			if (place.capacity === null) capacityFit = 'unknown';
			else if (place.capacity >= expectedSize) capacityFit = 'enough';
			else continue;
		}
		const equipment = new Map(place.equipment.map((e) => [normaliseLabel(e), e.trim()]));
		const matched = [...needs.keys()].filter((k) => equipment.has(k)).map((k) => equipment.get(k)!);
		fits.push({
			id: place.id,
			name: place.name,
			kind: place.kind,
			capacity: place.capacity,
			capacityFit,
			equipment: matched,
			// With a size: the smallest room that is big enough; without: the biggest.
			rankCapacity:
				place.capacity === null
					? Infinity
					: expectedSize !== null
						? place.capacity
						: -place.capacity
		});
	}
	fits.sort(
		(a, b) =>
			Number(a.capacityFit === 'unknown') - Number(b.capacityFit === 'unknown') ||
			b.equipment.length - a.equipment.length ||
			a.rankCapacity - b.rankCapacity ||
			collator.compare(a.name, b.name) ||
			a.id.localeCompare(b.id)
	);
	const best = fits[0];
	if (!best) return null;
	const { rankCapacity: _unused, ...fit } = best;
	return fit;
}

function nearbyActors(
	commune: TravelCommune,
	actors: readonly TravelActor[],
	located: readonly TravelActor[],
	index: NearbyIndex,
	radiusKm: number,
	themeKey: string | null
): { all: CoOrganiser[]; matching: number } {
	const found = new Map<string, CoOrganiser>();
	const matches = (a: TravelActor) =>
		themeKey !== null && themeKey !== '' && a.sectors.some((s) => normaliseLabel(s) === themeKey);
	if (commune.centre)
		for (const hit of index.within(commune.centre, radiusKm)) {
			const actor = located[hit.index]!;
			found.set(actor.id, {
				id: actor.id,
				name: actor.name,
				communeCode: actor.communeCode,
				distanceKm: hit.km,
				sameCommune: actor.communeCode === commune.code,
				matchesTheme: matches(actor)
			});
		}
	for (const actor of actors) {
		if (actor.communeCode !== commune.code || found.has(actor.id)) continue;
		found.set(actor.id, {
			id: actor.id,
			name: actor.name,
			communeCode: actor.communeCode,
			distanceKm: null,
			sameCommune: true,
			matchesTheme: matches(actor)
		});
	}
	const all = [...found.values()].sort(
		(a, b) =>
			Number(b.matchesTheme) - Number(a.matchesTheme) ||
			Number(b.sameCommune) - Number(a.sameCommune) ||
			(a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
			collator.compare(a.name, b.name) ||
			a.id.localeCompare(b.id)
	);
	return { all, matching: all.filter((a) => a.matchesTheme).length };
}
