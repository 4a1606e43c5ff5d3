/**
 * The partner finder's state in the URL, so a search can be bookmarked, shared, reloaded and run
 * without JavaScript (the filters are a GET form): `r` (km, 1–100), repeated `kind`, `sector`,
 * `world`, `participation` (any | already | never), `newcomers=1`; around a point of the map also
 * `at=lng,lat`, `theme` and `needs` (comma-separated). Unknown or malformed values fall back to
 * the defaults instead of failing: a URL typed by hand still gives a page.
 */
import type { LngLat } from '$lib/domain/partners/nearby';
import type { PartnerQuery } from '$lib/domain/partners/rank';

export const RADIUS = { min: 1, max: 100, default: 10 } as const;

export type Participation = NonNullable<PartnerQuery['participation']>;
export const PARTICIPATIONS: readonly Participation[] = ['any', 'already', 'never'];

export interface PartnerParams {
	radiusKm: number;
	kinds: string[];
	sectors: string[];
	worlds: string[];
	participation: Participation;
	newcomersFirst: boolean;
}

/** Around a point (`/t/<slug>/partners`): where, and what the event would be about. */
export interface PointParams {
	/** null when `at` is missing or not a valid lng,lat. */
	at: LngLat | null;
	theme: string;
	needs: string[];
}

const MAX_VALUES = 50;
const MAX_TEXT = 200;

function list(params: URLSearchParams, name: string): string[] {
	const values = params
		.getAll(name)
		.map((v) => v.trim().slice(0, MAX_TEXT))
		.filter((v) => v !== '');
	return [...new Set(values)].slice(0, MAX_VALUES);
}

export function parseRadius(value: string | null): number {
	if (value === null || value.trim() === '') return RADIUS.default;
	const n = Number(value.replace(',', '.'));
	if (!Number.isFinite(n)) return RADIUS.default;
	return Math.min(RADIUS.max, Math.max(RADIUS.min, Math.round(n)));
}

export function parsePartnerParams(params: URLSearchParams): PartnerParams {
	const participation = params.get('participation');
	return {
		radiusKm: parseRadius(params.get('r')),
		kinds: list(params, 'kind'),
		sectors: list(params, 'sector'),
		worlds: list(params, 'world'),
		participation: PARTICIPATIONS.includes(participation as Participation)
			? (participation as Participation)
			: 'any',
		newcomersFirst: params.get('newcomers') === '1'
	};
}

/** `lng,lat` in WGS 84; null when malformed or out of range. */
export function parseLngLat(value: string | null): LngLat | null {
	if (!value) return null;
	const parts = value.split(',').map((p) => p.trim());
	if (parts.length !== 2 || parts.some((p) => p === '')) return null;
	const [lng, lat] = parts.map(Number) as [number, number];
	if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
	if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
	return [lng, lat];
}

/** Needs typed as one text: « sono, tables ; chaises » → ['sono', 'tables', 'chaises']. */
export function splitNeeds(text: string): string[] {
	const needs = text
		.split(/[,;\n]/)
		.map((n) => n.trim().slice(0, MAX_TEXT))
		.filter((n) => n !== '');
	return [...new Set(needs)].slice(0, MAX_VALUES);
}

export function parsePointParams(params: URLSearchParams): PointParams {
	return {
		at: parseLngLat(params.get('at')),
		theme: (params.get('theme') ?? '').trim().slice(0, MAX_TEXT),
		needs: splitNeeds(params.get('needs') ?? '')
	};
}

/** Coordinates as put in `at`: 6 decimals (≈ 10 cm) are plenty. */
export function formatLngLat([lng, lat]: LngLat): string {
	return `${Number(lng.toFixed(6))},${Number(lat.toFixed(6))}`;
}

/**
 * The query string of a search (without `?`), defaults left out so URLs stay short; the point
 * parameters first when given. Parsing it back gives the same state.
 */
export function partnerSearch(state: PartnerParams, point?: PointParams | null): string {
	const out = new URLSearchParams();
	if (point) {
		if (point.at) out.set('at', formatLngLat(point.at));
		if (point.theme) out.set('theme', point.theme);
		if (point.needs.length > 0) out.set('needs', point.needs.join(', '));
	}
	if (state.radiusKm !== RADIUS.default) out.set('r', String(state.radiusKm));
	for (const kind of state.kinds) out.append('kind', kind);
	for (const sector of state.sectors) out.append('sector', sector);
	for (const world of state.worlds) out.append('world', world);
	if (state.participation !== 'any') out.set('participation', state.participation);
	if (state.newcomersFirst) out.set('newcomers', '1');
	return out.toString();
}
