/**
 * The host communes as a static SVG picture, computed on the server: it needs no basemap, no
 * script and no network, prints as it shows, and still draws dots at the commune centres when
 * no outline is available (offline, nothing cached).
 *
 * Projection: equirectangular with the longitudes shrunk by cos(mean latitude), good enough at
 * the scale of an intercommunality (a few tens of km).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type LngLat = [number, number];

export interface TravelMapCommune {
	code: string;
	name: string;
	centre: LngLat | null;
	outline: Polygon | MultiPolygon | null;
	/** Past events of the series held there. */
	visits: number;
	/** Events of the series planned there. */
	planned: number;
	/** Rank among the suggestions (1 = first), null when not suggested. */
	rank: number | null;
}

export type CommuneState = 'host' | 'planned' | 'suggested' | 'other';

export interface TravelMapShape {
	code: string;
	name: string;
	d: string;
	state: CommuneState;
}

export interface TravelMapDot {
	code: string;
	name: string;
	x: number;
	y: number;
	/** 0 for a commune that only gets a small centre mark. */
	r: number;
	visits: number;
	planned: number;
	rank: number | null;
	state: CommuneState;
}

export interface TravelMap {
	width: number;
	height: number;
	shapes: TravelMapShape[];
	/** Biggest first, so that small circles are drawn on top. */
	dots: TravelMapDot[];
}

export const MAP_WIDTH = 640;
const PADDING = 18;
const MIN_R = 6;
const MAX_R = 18;
const MAX_HEIGHT = 720;

const round = (n: number) => Math.round(n * 10) / 10;

export function stateOf(c: Pick<TravelMapCommune, 'visits' | 'planned' | 'rank'>): CommuneState {
	if (c.visits > 0) return 'host';
	if (c.planned > 0) return 'planned';
	if (c.rank !== null) return 'suggested';
	return 'other';
}

/** Circle radius of a commune visited `n` times (area grows with the visits); 0: none. */
export function dotRadius(n: number, most: number): number {
	if (n <= 0) return 0;
	if (most <= 1) return MIN_R;
	return round(MIN_R + (MAX_R - MIN_R) * Math.sqrt((n - 1) / (most - 1)));
}

function* positions(c: TravelMapCommune): Generator<Position> {
	if (c.centre) yield c.centre;
	const g = c.outline;
	if (!g) return;
	const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	for (const polygon of polygons) for (const ring of polygon) yield* ring;
}

/** Null when no commune has a centre or an outline: nothing to draw. */
export function travelMap(communes: readonly TravelMapCommune[]): TravelMap | null {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const c of communes)
		for (const [x, y] of positions(c)) {
			if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
			w = Math.min(w, x!);
			e = Math.max(e, x!);
			s = Math.min(s, y!);
			n = Math.max(n, y!);
		}
	if (!(w <= e)) return null;
	const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
	// At least about 2 km across, so that one commune alone is not a point.
	const spanX = Math.max((e - w) * k, 0.02);
	const spanY = Math.max(n - s, 0.02);
	const inner = MAP_WIDTH - 2 * PADDING;
	const scale = Math.min(inner / spanX, (MAX_HEIGHT - 2 * PADDING) / spanY);
	const width = Math.round(spanX * scale + 2 * PADDING);
	const height = Math.round(spanY * scale + 2 * PADDING);
	const cx = (w + e) / 2;
	const cy = (s + n) / 2;
	const project = ([x, y]: Position): [number, number] => [
		round(width / 2 + (x! - cx) * k * scale),
		round(height / 2 - (y! - cy) * scale)
	];

	const shapes: TravelMapShape[] = [];
	const dots: TravelMapDot[] = [];
	const most = Math.max(1, ...communes.map((c) => c.visits + c.planned));
	for (const c of communes) {
		const state = stateOf(c);
		if (c.outline) {
			const polygons =
				c.outline.type === 'Polygon' ? [c.outline.coordinates] : c.outline.coordinates;
			const d = polygons
				.flatMap((polygon) =>
					polygon.map(
						(ring) =>
							ring
								.map((p, i) => {
									const [x, y] = project(p);
									return `${i === 0 ? 'M' : 'L'}${x} ${y}`;
								})
								.join('') + 'Z'
					)
				)
				.join('');
			if (d) shapes.push({ code: c.code, name: c.name, d, state });
		}
		if (c.centre) {
			const [x, y] = project(c.centre);
			dots.push({
				code: c.code,
				name: c.name,
				x,
				y,
				r: dotRadius(c.visits + c.planned, most),
				visits: c.visits,
				planned: c.planned,
				rank: c.rank,
				state
			});
		}
	}
	dots.sort((a, b) => b.r - a.r || a.code.localeCompare(b.code));
	return { width, height, shapes, dots };
}
