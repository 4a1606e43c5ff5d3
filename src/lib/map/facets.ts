/**
 * Facets with live counts and full-text search over the actors of the map, in the browser.
 * Built once per loaded `ActorMapData` (up to ~100k actors); every call afterwards is one pass
 * over typed arrays, no per-call string work except the search itself.
 *
 * Semantics: the values chosen within one facet are alternatives (OR), facets combine (AND),
 * and the search query must match too. A facet value's count is the number of actors matching
 * the query and every OTHER facet, which is how many would match if it were chosen.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { ACTOR_KINDS } from '$lib/domain/actor-kinds';
import type { BBox } from './actors-geojson';
import { matchesQuery, queryWords, searchHaystack } from './search';
import type { ActorMapData, ActorMapProps, EventMapProps, PlaceMapProps } from './types';

export interface MapFilters {
	q: string;
	kind: string[];
	sector: string[];
	world: string[];
	/** INSEE codes. */
	commune: string[];
	/** Listing ids (`ActorMapData.sources[i].id`), stable in URLs. */
	source: string[];
	contact: 'any' | 'yes' | 'no';
}

/**
 * No filter. Frozen because it is shared: start editable state from `emptyFilters()`.
 */
export const EMPTY_FILTERS: MapFilters = Object.freeze({
	q: '',
	kind: Object.freeze([]) as unknown as string[],
	sector: Object.freeze([]) as unknown as string[],
	world: Object.freeze([]) as unknown as string[],
	commune: Object.freeze([]) as unknown as string[],
	source: Object.freeze([]) as unknown as string[],
	contact: 'any'
});

/** A fresh, mutable `MapFilters` with nothing selected. */
export function emptyFilters(): MapFilters {
	return { q: '', kind: [], sector: [], world: [], commune: [], source: [], contact: 'any' };
}

/** True when no filter is set (the query is blank once normalised). */
export function isEmptyFilters(filters: MapFilters): boolean {
	return (
		queryWords(filters.q).length === 0 &&
		filters.kind.length === 0 &&
		filters.sector.length === 0 &&
		filters.world.length === 0 &&
		filters.commune.length === 0 &&
		filters.source.length === 0 &&
		filters.contact === 'any'
	);
}

export type FacetKey = 'kind' | 'sector' | 'world' | 'commune' | 'source' | 'contact';
export const FACET_KEYS: readonly FacetKey[] = [
	'kind',
	'sector',
	'world',
	'commune',
	'source',
	'contact'
];

export interface FacetValue {
	value: string;
	label: string;
	count: number;
	selected: boolean;
}

/**
 * Labels of facet values. Defaults: kinds, sectors and worlds show their value; communes their
 * `communeName` from the data (else the code); listings their name from `ActorMapData.sources`
 * (else the id); contact `yes` / `no`. Pass at least `kind` and `contact` for the UI.
 */
export type FacetLabels = Partial<Record<FacetKey, (value: string) => string>>;

export interface ActorEntry {
	props: ActorMapProps;
	/** `[lng, lat]`, null for an unlocated actor. */
	position: [number, number] | null;
}

type ActorFeature = Feature<Point, ActorMapProps>;

/** French order of labels, the way the directory sorts names. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Values of a facet, each given a small integer id, in order of first appearance. */
class Dictionary {
	readonly values: string[] = [];
	readonly ids = new Map<string, number>();
	id(value: string): number {
		let id = this.ids.get(value);
		if (id === undefined) {
			id = this.values.length;
			this.ids.set(value, id);
			this.values.push(value);
		}
		return id;
	}
}

/** Several values per actor, stored flat: actor i has `ids[offsets[i] .. offsets[i + 1])`. */
interface MultiColumn {
	offsets: Uint32Array;
	ids: Uint32Array;
	dict: Dictionary;
}

/** Fills a MultiColumn actor by actor, in the same pass as the other columns. */
class MultiColumnBuilder {
	private readonly offsets: Uint32Array;
	private ids: Uint32Array;
	private length = 0;
	private start = 0;
	constructor(
		n: number,
		readonly dict: Dictionary
	) {
		this.offsets = new Uint32Array(n + 1);
		this.ids = new Uint32Array(Math.max(16, n * 2));
	}
	/** Starts actor `i` (actors in order). */
	begin(i: number): void {
		this.offsets[i] = this.length;
		this.start = this.length;
	}
	add(value: string): void {
		const id = this.dict.id(value);
		// An actor counts once per value even if its data repeats it.
		for (let k = this.start; k < this.length; k++) if (this.ids[k] === id) return;
		if (this.length === this.ids.length) {
			const bigger = new Uint32Array(this.ids.length * 2);
			bigger.set(this.ids);
			this.ids = bigger;
		}
		this.ids[this.length++] = id;
	}
	addAll(values: readonly string[] | null | undefined): void {
		if (!Array.isArray(values)) return;
		for (const value of values) if (typeof value === 'string' && value !== '') this.add(value);
	}
	finish(n: number): MultiColumn {
		this.offsets[n] = this.length;
		return { offsets: this.offsets, ids: this.ids.slice(0, this.length), dict: this.dict };
	}
}

const NONE = 0xffffffff;

// Facet bit positions in the per-actor "which facets does it fail" mask.
const BIT_KIND = 1;
const BIT_SECTOR = 2;
const BIT_WORLD = 4;
const BIT_COMMUNE = 8;
const BIT_SOURCE = 16;
const BIT_CONTACT = 32;

/** Filters turned into lookups over dictionary ids; null for a facet with nothing selected. */
interface Compiled {
	words: string[];
	kind: Uint8Array | null;
	sector: Uint8Array | null;
	world: Uint8Array | null;
	commune: Uint8Array | null;
	source: Uint8Array | null;
	contact: 0 | 1 | null;
}

function selection(dict: Dictionary, selected: readonly string[]): Uint8Array | null {
	if (selected.length === 0) return null;
	// Unknown values stay selected (the facet is active) but match no actor.
	const set = new Uint8Array(dict.values.length);
	for (const value of selected) {
		const id = dict.ids.get(value);
		if (id !== undefined) set[id] = 1;
	}
	return set;
}

function hasAny(column: MultiColumn, i: number, set: Uint8Array): boolean {
	const end = column.offsets[i + 1]!;
	for (let k = column.offsets[i]!; k < end; k++) if (set[column.ids[k]!] === 1) return true;
	return false;
}

function countAll(column: MultiColumn, i: number, counts: Uint32Array): void {
	const end = column.offsets[i + 1]!;
	for (let k = column.offsets[i]!; k < end; k++) counts[column.ids[k]!]!++;
}

export class ActorIndex {
	/** Number of actors, located and unlocated. */
	readonly size: number;
	/** Located ones first, in the order of `data.features`, then `data.unlocated`. */
	private readonly props: ActorMapProps[];
	/** The feature of each located actor (same object as in the data), null when unlocated. */
	private readonly features: (ActorFeature | null)[];
	private readonly lng: Float64Array;
	private readonly lat: Float64Array;
	private readonly haystacks: string[];

	private readonly kindDict = new Dictionary();
	private readonly kinds: Uint32Array;
	private readonly communeDict = new Dictionary();
	private readonly communes: Uint32Array;
	private readonly communeNames = new Map<string, string>();
	private readonly sectors: MultiColumn;
	private readonly worlds: MultiColumn;
	private readonly sources: MultiColumn;
	private readonly sourceNames = new Map<string, string>();
	private readonly contacts: Uint8Array;

	private idIndex: Map<string, number> | null = null;
	/** The last query's matches: `match` and `facets` are usually called with the same one. */
	private lastQuery: { key: string; hits: Uint8Array } | null = null;

	constructor(data: ActorMapData) {
		const located = Array.isArray(data.features) ? data.features : [];
		const unlocated = Array.isArray(data.unlocated) ? data.unlocated : [];
		const n = located.length + unlocated.length;
		this.size = n;
		this.props = new Array<ActorMapProps>(n);
		this.features = new Array<ActorFeature | null>(n);
		this.lng = new Float64Array(n).fill(NaN);
		this.lat = new Float64Array(n).fill(NaN);
		this.haystacks = new Array<string>(n);
		this.kinds = new Uint32Array(n);
		this.communes = new Uint32Array(n);
		this.contacts = new Uint8Array(n);

		// Legend order first, so that ties and ids are stable whatever the data order.
		for (const kind of ACTOR_KINDS) this.kindDict.id(kind);
		const sourceDict = new Dictionary();
		const sourceIds: string[] = [];
		for (const source of Array.isArray(data.sources) ? data.sources : []) {
			sourceIds.push(source.id);
			sourceDict.id(source.id);
			if (!this.sourceNames.has(source.id)) this.sourceNames.set(source.id, source.name);
		}

		const sectors = new MultiColumnBuilder(n, new Dictionary());
		const worlds = new MultiColumnBuilder(n, new Dictionary());
		const sources = new MultiColumnBuilder(n, sourceDict);
		for (let i = 0; i < n; i++) {
			const feature = i < located.length ? located[i]! : null;
			const p = feature ? feature.properties : unlocated[i - located.length]!;
			this.props[i] = p;
			const coords = feature?.geometry?.coordinates;
			const x = coords?.[0];
			const y = coords?.[1];
			if (feature && Number.isFinite(x) && Number.isFinite(y)) {
				this.features[i] = feature;
				this.lng[i] = x!;
				this.lat[i] = y!;
			} else {
				this.features[i] = null;
			}
			this.haystacks[i] = searchHaystack([p.name, p.communeName, p.address, p.tags, p.sectors]);
			this.kinds[i] = this.kindDict.id(typeof p.kind === 'string' ? p.kind : 'other');
			if (p.commune) {
				this.communes[i] = this.communeDict.id(p.commune);
				if (p.communeName && !this.communeNames.has(p.commune)) {
					this.communeNames.set(p.commune, p.communeName);
				}
			} else {
				this.communes[i] = NONE;
			}
			this.contacts[i] = p.contact ? 1 : 0;
			sectors.begin(i);
			sectors.addAll(p.sectors);
			worlds.begin(i);
			worlds.addAll(p.worlds);
			sources.begin(i);
			if (Array.isArray(p.sources)) {
				for (const s of p.sources) {
					const id = typeof s === 'number' ? sourceIds[s] : undefined;
					if (id !== undefined) sources.add(id);
				}
			}
		}
		this.sectors = sectors.finish(n);
		this.worlds = worlds.finish(n);
		this.sources = sources.finish(n);
	}

	/** Indexes of the actors matching the filters, in index order. */
	match(filters: MapFilters): Uint32Array {
		const c = this.compile(filters);
		const hits = this.queryHits(c.words);
		const out = new Uint32Array(this.size);
		let count = 0;
		for (let i = 0; i < this.size; i++) {
			if (hits !== null && hits[i] === 0) continue;
			if (this.failures(c, i) === 0) out[count++] = i;
		}
		return out.slice(0, count);
	}

	/**
	 * Every facet's values with live counts (see the module comment), in one pass over the actors.
	 * Values at 0 are left out unless selected; order: count descending, then label.
	 */
	facets(filters: MapFilters, labels: FacetLabels = {}): Record<FacetKey, FacetValue[]> {
		const c = this.compile(filters);
		const hits = this.queryHits(c.words);
		const kindCounts = new Uint32Array(this.kindDict.values.length);
		const communeCounts = new Uint32Array(this.communeDict.values.length);
		const sectorCounts = new Uint32Array(this.sectors.dict.values.length);
		const worldCounts = new Uint32Array(this.worlds.dict.values.length);
		const sourceCounts = new Uint32Array(this.sources.dict.values.length);
		const contactCounts = new Uint32Array(2);

		for (let i = 0; i < this.size; i++) {
			if (hits !== null && hits[i] === 0) continue;
			const failed = this.failures(c, i);
			// An actor counts for a facet's values when it passes every other facet: when it
			// fails none (it counts everywhere) or fails only that one.
			if (failed === 0 || failed === BIT_KIND) kindCounts[this.kinds[i]!]!++;
			if (failed === 0 || failed === BIT_COMMUNE) {
				const commune = this.communes[i]!;
				if (commune !== NONE) communeCounts[commune]!++;
			}
			if (failed === 0 || failed === BIT_SECTOR) countAll(this.sectors, i, sectorCounts);
			if (failed === 0 || failed === BIT_WORLD) countAll(this.worlds, i, worldCounts);
			if (failed === 0 || failed === BIT_SOURCE) countAll(this.sources, i, sourceCounts);
			if (failed === 0 || failed === BIT_CONTACT) contactCounts[this.contacts[i]!]!++;
		}

		const label = (key: FacetKey, fallback: (value: string) => string) => labels[key] ?? fallback;
		const same = (value: string) => value;
		return {
			kind: listValues(this.kindDict.values, kindCounts, filters.kind, label('kind', same)),
			sector: listValues(
				this.sectors.dict.values,
				sectorCounts,
				filters.sector,
				label('sector', same)
			),
			world: listValues(this.worlds.dict.values, worldCounts, filters.world, label('world', same)),
			commune: listValues(
				this.communeDict.values,
				communeCounts,
				filters.commune,
				label('commune', (code) => this.communeNames.get(code) ?? code)
			),
			source: listValues(
				this.sources.dict.values,
				sourceCounts,
				filters.source,
				label('source', (id) => this.sourceNames.get(id) ?? id)
			),
			contact: listValues(
				['yes', 'no'],
				Uint32Array.of(contactCounts[1]!, contactCounts[0]!),
				filters.contact === 'any' ? [] : [filters.contact],
				label('contact', same)
			)
		};
	}

	/** The located actors among `indexes`, as the map source's data; features are not copied. */
	featureCollection(indexes: ArrayLike<number>): FeatureCollection<Point, ActorMapProps> {
		const features: ActorFeature[] = [];
		for (let k = 0; k < indexes.length; k++) {
			const feature = this.features[indexes[k]!];
			if (feature) features.push(feature);
		}
		return { type: 'FeatureCollection', features };
	}

	/** One actor's properties and position; throws on an index out of range. */
	entry(i: number): ActorEntry {
		const props = this.props[i];
		if (props === undefined || !Number.isInteger(i)) {
			throw new RangeError(`No actor at index ${i} (size ${this.size})`);
		}
		const lng = this.lng[i]!;
		return { props, position: Number.isNaN(lng) ? null : [lng, this.lat[i]!] };
	}

	/** The index of the actor with this id, or -1. */
	indexOf(id: string): number {
		if (this.idIndex === null) {
			this.idIndex = new Map();
			for (let i = 0; i < this.size; i++) {
				const key = this.props[i]!.id;
				if (!this.idIndex.has(key)) this.idIndex.set(key, i);
			}
		}
		return this.idIndex.get(id) ?? -1;
	}

	/**
	 * The located actors among `indexes` inside `[west, south, east, north]` (edges included).
	 * A box crossing the antimeridian (west > east, or beyond ±180 as map bounds can be) works.
	 */
	inBounds(indexes: ArrayLike<number>, bbox: BBox): Uint32Array {
		const inside = boxContains(bbox);
		const out = new Uint32Array(indexes.length);
		let count = 0;
		for (let k = 0; k < indexes.length; k++) {
			const i = indexes[k]!;
			const lng = this.lng[i];
			const lat = this.lat[i];
			if (lng === undefined || lat === undefined || Number.isNaN(lng)) continue;
			if (inside(lng, lat)) out[count++] = i;
		}
		return out.slice(0, count);
	}

	private compile(filters: MapFilters): Compiled {
		return {
			words: queryWords(filters.q ?? ''),
			kind: selection(this.kindDict, filters.kind ?? []),
			sector: selection(this.sectors.dict, filters.sector ?? []),
			world: selection(this.worlds.dict, filters.world ?? []),
			commune: selection(this.communeDict, filters.commune ?? []),
			source: selection(this.sources.dict, filters.source ?? []),
			contact: filters.contact === 'yes' ? 1 : filters.contact === 'no' ? 0 : null
		};
	}

	/** Which facets actor `i` fails, as bits (0: it passes every facet). The query is apart. */
	private failures(c: Compiled, i: number): number {
		let failed = 0;
		if (c.kind !== null && c.kind[this.kinds[i]!] !== 1) failed |= BIT_KIND;
		if (c.commune !== null) {
			const commune = this.communes[i]!;
			if (commune === NONE || c.commune[commune] !== 1) failed |= BIT_COMMUNE;
		}
		if (c.sector !== null && !hasAny(this.sectors, i, c.sector)) failed |= BIT_SECTOR;
		if (c.world !== null && !hasAny(this.worlds, i, c.world)) failed |= BIT_WORLD;
		if (c.source !== null && !hasAny(this.sources, i, c.source)) failed |= BIT_SOURCE;
		if (c.contact !== null && this.contacts[i] !== c.contact) failed |= BIT_CONTACT;
		return failed;
	}

	/** 1 per actor matching the query, or null when the query is blank (everyone matches). */
	private queryHits(words: string[]): Uint8Array | null {
		if (words.length === 0) return null;
		const key = words.join(' ');
		if (this.lastQuery?.key === key) return this.lastQuery.hits;
		const hits = new Uint8Array(this.size);
		for (let i = 0; i < this.size; i++) {
			if (matchesQuery(this.haystacks[i]!, words)) hits[i] = 1;
		}
		this.lastQuery = { key, hits };
		return hits;
	}
}

/**
 * A test for `[lng, lat]` inside `[west, south, east, north]` (edges included). A box crossing
 * the antimeridian (west > east, or beyond ±180 as map bounds can be) works; a box with a
 * non-finite edge contains nothing.
 */
export function boxContains(bbox: BBox): (lng: number, lat: number) => boolean {
	const [w, s, e, n] = bbox;
	if (![w, s, e, n].every(Number.isFinite)) return () => false;
	const everyLng = e - w >= 360;
	const west = wrapLng(w);
	const east = wrapLng(e);
	const crosses = !everyLng && west > east;
	return (lng, lat) =>
		lat >= s &&
		lat <= n &&
		(everyLng || (crosses ? lng >= west || lng <= east : lng >= west && lng <= east));
}

function wrapLng(lng: number): number {
	if (lng >= -180 && lng <= 180) return lng;
	return ((((lng + 180) % 360) + 360) % 360) - 180;
}

function listValues(
	values: readonly string[],
	counts: Uint32Array,
	selected: readonly string[],
	label: (value: string) => string
): FacetValue[] {
	const chosen = new Set(selected);
	const out: FacetValue[] = [];
	for (let id = 0; id < values.length; id++) {
		const value = values[id]!;
		const count = counts[id]!;
		const isSelected = chosen.has(value);
		if (count > 0 || isSelected)
			out.push({ value, label: label(value), count, selected: isSelected });
		chosen.delete(value);
	}
	// Selected values the data does not have (an old link): listed at 0 so they can be removed.
	for (const value of chosen) out.push({ value, label: label(value), count: 0, selected: true });
	return out.sort(
		(a, b) =>
			b.count - a.count || collator.compare(a.label, b.label) || compareCodes(a.value, b.value)
	);
}

function compareCodes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A place matches when every query word is in its name, commune, kind or equipment. */
export function matchesPlace(props: PlaceMapProps, words: readonly string[]): boolean {
	if (words.length === 0) return true;
	return matchesQuery(
		searchHaystack([props.name, props.communeName, props.kind, ...(props.equipment ?? [])]),
		words
	);
}

/** An event matches when every query word is in its title, commune, format or theme. */
export function matchesEvent(props: EventMapProps, words: readonly string[]): boolean {
	if (words.length === 0) return true;
	return matchesQuery(
		searchHaystack([props.title, props.communeName, props.format, props.theme]),
		words
	);
}
