/**
 * Pure helpers of the dossier's map picture (ActorMap.svelte): the area to fit when no commune
 * outline is available, the drawing's size, the size of a dot, and what the legend counts.
 */
import type { MultiPoint, MultiPolygon, Polygon, Position } from 'geojson';
import { ACTOR_KINDS, type ActorKind } from '$lib/domain/actor-kinds';
import type { DossierPoint } from '$lib/server/queries/dossier-map';

/** Smallest side of the fitted area, in degrees (≈ 2 km): one point alone is not a whole map. */
export const MIN_SPAN_DEGREES = 0.02;
/** Margin around the points, as a share of the area's side: edge dots are not cut in half. */
export const MARGIN_SHARE = 0.08;

/**
 * The area a mercator projection is fitted on when only points are drawn: their bounding box,
 * widened around its centre to `minSpan` degrees of latitude north–south and the same distance
 * east–west (more degrees of longitude away from the equator, so a lone point sits in a square),
 * plus a margin; as the two corners of a MultiPoint (d3 fits on its bounds, with no polygon
 * winding to get wrong). Null: no point.
 */
export function pointsDomain(
	points: readonly Pick<DossierPoint, 'lng' | 'lat'>[],
	minSpan = MIN_SPAN_DEGREES
): MultiPoint | null {
	const bounds = positionsBounds(points.map((p) => [p.lng, p.lat]));
	if (!bounds) return null;
	const [w, s, e, n] = bounds;
	const widen = (lo: number, hi: number, least: number): [number, number] => {
		const span = Math.max(hi - lo, least) * (1 + 2 * MARGIN_SHARE);
		const mid = (lo + hi) / 2;
		return [mid - span / 2, mid + span / 2];
	};
	const cosLat = Math.max(0.1, Math.cos((((s + n) / 2) * Math.PI) / 180));
	const [west, east] = widen(w, e, minSpan / cosLat);
	const [south, north] = widen(s, n, minSpan);
	return {
		type: 'MultiPoint',
		coordinates: [
			[west, Math.max(-85, south)],
			[east, Math.min(85, north)]
		]
	};
}

/** `[west, south, east, north]` of the positions, null when none is finite. */
export function positionsBounds(
	positions: Iterable<Position>
): [number, number, number, number] | null {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [lng, lat] of positions) {
		if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
		w = Math.min(w, lng!);
		e = Math.max(e, lng!);
		s = Math.min(s, lat!);
		n = Math.max(n, lat!);
	}
	return w <= e ? [w, s, e, n] : null;
}

/** Every vertex of polygons, multipolygons or multipoints (what the picture is fitted on). */
export function* vertices(
	geometries: Iterable<Polygon | MultiPolygon | MultiPoint>
): Generator<Position> {
	for (const g of geometries) {
		if (g.type === 'MultiPoint') yield* g.coordinates;
		else if (g.type === 'Polygon') for (const ring of g.coordinates) yield* ring;
		else for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
	}
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** Height over width of `[w, s, e, n]` in the web mercator projection (1 for a point). */
export function mercatorAspect([w, s, e, n]: readonly [number, number, number, number]): number {
	const width = ((e - w) * Math.PI) / 180;
	const height = mercatorY(Math.min(85, n)) - mercatorY(Math.max(-85, s));
	return width > 0 && height > 0 ? height / width : 1;
}

export interface FrameOptions {
	/** Tallest drawing in pixels: a long, thin commune is drawn narrower rather than taller. */
	maxHeight?: number;
	/** Blank pixels kept on every side (Plot's projection inset). */
	inset?: number;
}

/**
 * Width and height of a drawing of `aspect` (height / width) that fills `available` pixels of
 * width, unless that makes it taller than `maxHeight`: then it keeps its shape, narrower. So the
 * projection fitted in it leaves no blank band on either side.
 */
export function frameSize(
	aspect: number,
	available: number,
	{ maxHeight = 600, inset = 12 }: FrameOptions = {}
): { width: number; height: number } {
	const ratio = Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
	let inner = Math.max(1, available - 2 * inset);
	if (inner * ratio + 2 * inset > maxHeight) inner = Math.max(1, (maxHeight - 2 * inset) / ratio);
	return { width: Math.round(inner + 2 * inset), height: Math.round(inner * ratio + 2 * inset) };
}

/** Radius in pixels of the smallest and the largest dot. */
export const DOT_RADIUS = { min: 2.5, max: 12 } as const;

/** Smallest place symbol: a single common place must read as a square, not a speck. */
export const PLACE_MIN_RADIUS = 4.5;

/**
 * A dot's radius for `count` when the largest count drawn is `maxCount`: its area grows with the
 * count (the eye reads areas), never smaller than `min` so a single actor stays visible.
 */
export function dotRadius(count: number, maxCount: number, min: number = DOT_RADIUS.min): number {
	if (!(count > 0) || !(maxCount > 0)) return min;
	const share = Math.min(1, count / maxCount);
	return Math.min(DOT_RADIUS.max, Math.max(min, DOT_RADIUS.max * Math.sqrt(share)));
}

/** Actors drawn per kind, in the legend's order (ACTOR_KINDS), kinds with none left out. */
export function kindTotals(
	actors: readonly Pick<DossierPoint, 'kind' | 'count'>[]
): { kind: ActorKind; count: number }[] {
	const totals = new Map<string, number>();
	for (const p of actors) totals.set(p.kind, (totals.get(p.kind) ?? 0) + p.count);
	return ACTOR_KINDS.filter((kind) => (totals.get(kind) ?? 0) > 0).map((kind) => ({
		kind,
		count: totals.get(kind)!
	}));
}

/** How many actors (or places) the cells stand for. */
export function totalCount(points: readonly Pick<DossierPoint, 'count'>[]): number {
	return points.reduce((sum, p) => sum + p.count, 0);
}
