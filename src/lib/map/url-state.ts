/**
 * The whole map state in the query string, so that a copied link restores the same map.
 *
 * `?v=4.41946,44.01234,11.5&q=théâtre&kind=association&kind=cooperative&commune=30334
 *   &sel=actor:<id>&layers=actors,places&dir=all&sort=commune-desc&choro=association&zones=gaps`
 *
 * Defaults are left out, parameters are written in one fixed order, and parsing never throws:
 * a value it cannot read (a hand-edited or truncated link) falls back to its default.
 */
import { ACTOR_KINDS, isActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import { parseCoverageChoice, type CoverageChoice } from './coverage-layer';
import type { MapFilters } from './facets';
import { MAP_LAYERS, type MapItemType, type MapLayerId } from './types';

export type DirectorySortKey = 'name' | 'category' | 'commune';
export type SortDir = 'asc' | 'desc';

export interface MapUrlState {
	view: { lng: number; lat: number; zoom: number } | null;
	filters: MapFilters;
	selected: { type: MapItemType; id: string } | null;
	/** Visible layers, in MAP_LAYERS order; default all of them. */
	layers: MapLayerId[];
	/** 'view': the directory follows the map (default); 'all': the whole territory. */
	directory: 'view' | 'all';
	/** Default name asc. */
	sort: { key: DirectorySortKey; dir: SortDir };
	/** null: off; 'all' or an actor kind (anything else is written as off). */
	choropleth: string | null;
	/**
	 * The « Zones blanches » layer (`zones=`): what it shades, or undefined when it is off.
	 * Optional, and undefined rather than null when off, so that a state written before the layer
	 * existed is still a whole state.
	 */
	coverage?: CoverageChoice;
}

export const SORT_KEYS: readonly DirectorySortKey[] = ['name', 'category', 'commune'];
const ITEM_TYPES: readonly MapItemType[] = ['actor', 'place', 'event'];

/** The state of a link with no parameter. */
export function defaultMapUrlState(): MapUrlState {
	return {
		view: null,
		filters: { q: '', kind: [], sector: [], world: [], commune: [], source: [], contact: 'any' },
		selected: null,
		layers: [...MAP_LAYERS],
		directory: 'view',
		sort: { key: 'name', dir: 'asc' },
		choropleth: null
	};
}

// Precision written to the URL: 5 decimals ≈ 1 m, zoom to 1/100 of a level.
const COORD_DECIMALS = 5;
const ZOOM_DECIMALS = 2;
const MAX_ZOOM = 22;
/** Longest search kept from a link. */
export const MAX_QUERY_LENGTH = 200;
const MAX_VALUE_LENGTH = 100;
/** More values than any facet UI offers: a link with thousands is cut, not trusted. */
const MAX_VALUES = 200;

/** Ids, INSEE codes and listing ids: letters, digits and `_ . : -`, at most 100 characters. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
// Free-text facet values (sectors, worlds) are kept as typed but without control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const DECIMAL = /^-?\d{1,4}(\.\d{1,12})?$/;

export function roundTo(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	const r = Math.round(value * factor) / factor;
	// No "-0" in a link.
	return r === 0 ? 0 : r;
}

/** A number as the URL writes it: fixed decimals, trailing zeros dropped ("4.4", "12"). */
function formatNumber(value: number, decimals: number): string {
	return String(roundTo(value, decimals));
}

/** At most MAX_QUERY_LENGTH UTF-16 units, never cutting a character in two. */
function clipQuery(q: string): string {
	if (q.length <= MAX_QUERY_LENGTH) return q;
	const last = q.charCodeAt(MAX_QUERY_LENGTH - 1);
	return q.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_QUERY_LENGTH - 1 : MAX_QUERY_LENGTH);
}

function parseView(raw: string | null): MapUrlState['view'] {
	if (raw === null) return null;
	const parts = raw.split(',');
	if (parts.length !== 3 || !parts.every((p) => DECIMAL.test(p))) return null;
	const [lng, lat, zoom] = parts.map(Number) as [number, number, number];
	if (lng < -180 || lng > 180 || lat < -90 || lat > 90 || zoom < 0 || zoom > MAX_ZOOM) {
		return null;
	}
	return {
		lng: roundTo(lng, COORD_DECIMALS),
		lat: roundTo(lat, COORD_DECIMALS),
		zoom: roundTo(zoom, ZOOM_DECIMALS)
	};
}

function isFreeValue(value: string): boolean {
	return (
		value.length > 0 &&
		value.length <= MAX_VALUE_LENGTH &&
		value.trim() === value &&
		!CONTROL.test(value)
	);
}

export function isToken(value: string): boolean {
	return TOKEN.test(value);
}

/** Valid values, first occurrence kept, at most MAX_VALUES. */
function values(params: URLSearchParams, name: string, valid: (v: string) => boolean): string[] {
	const seen = new Set<string>();
	for (const value of params.getAll(name)) {
		if (seen.size >= MAX_VALUES) break;
		if (valid(value)) seen.add(value);
	}
	return [...seen];
}

function parseLayers(raw: string | null): MapLayerId[] {
	if (raw === null) return [...MAP_LAYERS];
	// `layers=` (empty) is a link with every layer hidden.
	if (raw === '') return [];
	const asked = new Set(raw.split(','));
	const layers = MAP_LAYERS.filter((id) => asked.has(id));
	return layers.length > 0 ? layers : [...MAP_LAYERS];
}

function parseSelected(raw: string | null): MapUrlState['selected'] {
	if (raw === null) return null;
	const colon = raw.indexOf(':');
	if (colon < 0) return null;
	const type = raw.slice(0, colon);
	const id = raw.slice(colon + 1);
	if (!(ITEM_TYPES as readonly string[]).includes(type) || !isToken(id)) return null;
	return { type: type as MapItemType, id };
}

function parseSort(raw: string | null): MapUrlState['sort'] {
	const fallback: MapUrlState['sort'] = { key: 'name', dir: 'asc' };
	if (raw === null) return fallback;
	const [key, dir = 'asc', extra] = raw.split('-');
	if (extra !== undefined || !(SORT_KEYS as readonly string[]).includes(key ?? '')) return fallback;
	if (dir !== 'asc' && dir !== 'desc') return fallback;
	return { key: key as DirectorySortKey, dir };
}

function parseChoropleth(raw: string | null): MapUrlState['choropleth'] {
	if (raw === 'all') return 'all';
	return isActorKind(raw) ? raw : null;
}

/** Reads the map state from a query string; never throws, anything unreadable → its default. */
export function parseMapUrl(params: URLSearchParams): MapUrlState {
	const q = params.get('q') ?? '';
	const contact = params.get('contact');
	return {
		view: parseView(params.get('v')),
		filters: {
			q: clipQuery(q),
			kind: values(params, 'kind', isActorKind),
			sector: values(params, 'sector', isFreeValue),
			world: values(params, 'world', isFreeValue),
			commune: values(params, 'commune', isToken),
			source: values(params, 'source', isToken),
			contact: contact === 'yes' || contact === 'no' ? contact : 'any'
		},
		selected: parseSelected(params.get('sel')),
		layers: parseLayers(params.get('layers')),
		directory: params.get('dir') === 'all' ? 'all' : 'view',
		sort: parseSort(params.get('sort')),
		choropleth: parseChoropleth(params.get('choro')),
		coverage: parseCoverageChoice(params.get('zones'))
	};
}

/**
 * Writes the state as query parameters, defaults left out, always in the same order (so that
 * the same state gives the same link). Values the parser would reject are left out too.
 */
export function writeMapUrl(state: MapUrlState): URLSearchParams {
	const out = new URLSearchParams();
	const { view, filters, selected, layers, directory, sort, choropleth, coverage } = state;
	if (view && parseView(viewParam(view)) !== null) out.set('v', viewParam(view));
	if (filters.q !== '') out.set('q', clipQuery(filters.q));
	const many = (name: string, list: readonly string[], valid: (v: string) => boolean) => {
		const seen = new Set<string>();
		for (const value of list) {
			if (seen.size >= MAX_VALUES || seen.has(value) || !valid(value)) continue;
			seen.add(value);
			out.append(name, value);
		}
	};
	many('kind', filters.kind, isActorKind);
	many('sector', filters.sector, isFreeValue);
	many('world', filters.world, isFreeValue);
	many('commune', filters.commune, isToken);
	many('source', filters.source, isToken);
	if (filters.contact === 'yes' || filters.contact === 'no') out.set('contact', filters.contact);
	if (selected && ITEM_TYPES.includes(selected.type) && isToken(selected.id)) {
		out.set('sel', `${selected.type}:${selected.id}`);
	}
	const visible = MAP_LAYERS.filter((id) => layers.includes(id));
	if (visible.length < MAP_LAYERS.length) out.set('layers', visible.join(','));
	if (directory === 'all') out.set('dir', 'all');
	if (sort.key !== 'name' || sort.dir !== 'asc') out.set('sort', `${sort.key}-${sort.dir}`);
	if (choropleth === 'all' || isActorKind(choropleth)) out.set('choro', choropleth);
	const zones = parseCoverageChoice(coverage);
	if (zones) out.set('zones', zones);
	return out;
}

function viewParam(view: NonNullable<MapUrlState['view']>): string {
	return [
		formatNumber(view.lng, COORD_DECIMALS),
		formatNumber(view.lat, COORD_DECIMALS),
		formatNumber(view.zoom, ZOOM_DECIMALS)
	].join(',');
}

/** The query string as a link shows it (`?…`), or '' for the default state. */
export function mapUrlSearch(state: MapUrlState): string {
	const s = writeMapUrl(state).toString();
	return s === '' ? '' : `?${s}`;
}

/** Kinds in legend order, for a choropleth selector. */
export const CHOROPLETH_CHOICES: readonly ('all' | ActorKind)[] = ['all', ...ACTOR_KINDS];
