/**
 * Geometry of commune outlines: the one module that imports Turf for them.
 *   - https://turfjs.org/docs/api/simplify (@turf/simplify: Douglas-Peucker after a radial-distance
 *     pass when `highQuality` is false, from simplify-js)
 *   - https://turfjs.org/docs/api/union (@turf/union: polyclip-ts)
 * Coordinates are `[lng, lat]` (WGS 84), rounded to 5 decimals (about 1 m).
 *
 * Why the simplification is done per shared border and not per commune: neighbouring communes
 * share their border vertex for vertex in the Geo API's answer (and in the Admin Express files it
 * is built from). Simplifying each commune on its own simplifies the same border twice, from
 * different starting points, into two different lines: the outlines then overlap and leave gaps,
 * and the union of the Gard's 353 communes gets 276 sliver holes instead of none. So, as
 * TopoJSON does, rings are cut into arcs at the junctions (where the set of neighbours changes)
 * and each arc is simplified once, the same way for both communes that share it.
 */
import simplify from '@turf/simplify';
import union from '@turf/union';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Outline = Polygon | MultiPolygon;

/** Degrees; about 40 m east-west and 55 m north-south in mainland France. */
export const SIMPLIFY_TOLERANCE = 0.0005;
/** Decimals kept: 5 decimals of a degree are about 1 m, finer than any outline drawn here. */
export const COORDINATE_DECIMALS = 5;
/**
 * Holes of a territory outline smaller than this are slivers left between outlines simplified in
 * different batches (two départements), not enclaves: the smallest French commune is 3.8 ha.
 */
export const SLIVER_HOLE_KM2 = 0.1;

const FACTOR = 10 ** COORDINATE_DECIMALS;
const round = (n: number) => Math.round(n * FACTOR) / FACTOR;

type Ring = Position[];
/** Polygons of one outline, each a list of closed rings (outer first). */
type Rings = Ring[][];

/** Parses a GeoJSON geometry into an outline, or null when it is not a usable (Multi)Polygon. */
export function asOutline(value: unknown): Outline | null {
	if (typeof value !== 'object' || value === null) return null;
	const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
	if (!Array.isArray(coordinates)) return null;
	const polygons =
		type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : null;
	if (polygons === null) return null;
	const ok = polygons.every(
		(p) =>
			Array.isArray(p) &&
			p.length > 0 &&
			p.every(
				(ring) =>
					Array.isArray(ring) &&
					ring.every(
						(pos) =>
							Array.isArray(pos) &&
							pos.length >= 2 &&
							Number.isFinite(pos[0]) &&
							Number.isFinite(pos[1])
					)
			)
	);
	if (!ok || polygons.length === 0) return null;
	return type === 'Polygon'
		? { type: 'Polygon', coordinates: coordinates as Position[][] }
		: { type: 'MultiPolygon', coordinates: coordinates as Position[][][] };
}

function ringsOf(outline: Outline): Rings {
	return outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
}

function outlineOf(polygons: Rings): Outline | null {
	if (polygons.length === 0) return null;
	return polygons.length === 1
		? { type: 'Polygon', coordinates: polygons[0]! }
		: { type: 'MultiPolygon', coordinates: polygons };
}

/** Rounded 2D positions, consecutive duplicates removed, closed; null when fewer than 3 corners. */
function cleanRing(ring: Ring): Ring | null {
	const out: Ring = [];
	for (const pos of ring) {
		const p = [round(pos[0]!), round(pos[1]!)];
		const last = out[out.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
	}
	const first = out[0];
	const last = out[out.length - 1];
	if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
	return out.length >= 4 ? out : null;
}

/** Rounds to 5 decimals and drops degenerate rings (and polygons whose outer ring is). */
export function roundOutline(outline: Outline): Outline | null {
	const polygons: Rings = [];
	for (const polygon of ringsOf(outline)) {
		const [outer, ...holes] = polygon.map(cleanRing);
		if (!outer) continue;
		polygons.push([outer, ...holes.filter((h): h is Ring => h !== null)]);
	}
	return outlineOf(polygons);
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Douglas-Peucker on one arc through @turf/simplify; the ends are always kept. */
function simplifyArc(arc: Ring, tolerance: number): Ring {
	if (arc.length <= 2) return arc;
	try {
		const line = simplify(
			{ type: 'LineString', coordinates: arc },
			{ tolerance, highQuality: false, mutate: false }
		);
		const out = line.coordinates;
		// A closed arc (a ring with no junction) must stay a ring.
		return out.length >= 2 && key(out[0]!) === key(arc[0]!) ? out : arc;
	} catch {
		// Turf refuses some degenerate lines (all points on one spot): keep the arc as it is.
		return arc;
	}
}

/**
 * Simplifies a set of outlines together (see the module comment): borders shared by two of them
 * stay shared. Coordinates are rounded to 5 decimals first, so that shared vertices compare
 * equal. Outlines that end up with no polygon are left out of the result.
 */
export function simplifyOutlines<K>(
	outlines: Map<K, Outline>,
	tolerance: number = SIMPLIFY_TOLERANCE
): Map<K, Outline> {
	const rounded = new Map<K, Rings>();
	for (const [k, outline] of outlines) {
		const r = roundOutline(outline);
		if (r) rounded.set(k, ringsOf(r));
	}

	// A junction is a vertex whose neighbours differ from one ring that uses it to another.
	const neighbours = new Map<string, string>();
	const junctions = new Set<string>();
	for (const polygons of rounded.values())
		for (const polygon of polygons)
			for (const ring of polygon) {
				const n = ring.length - 1;
				for (let i = 0; i < n; i++) {
					const k = key(ring[i]!);
					const a = key(ring[(i + n - 1) % n]!);
					const b = key(ring[i + 1]!);
					const pair = a < b ? `${a};${b}` : `${b};${a}`;
					const seen = neighbours.get(k);
					if (seen === undefined) neighbours.set(k, pair);
					else if (seen !== pair) junctions.add(k);
				}
			}

	const simplified = new Map<string, Ring>();
	// Arcs of rings that would collapse: kept as they are, for every ring that shares them.
	const frozen = new Set<string>();
	/** The arc in the direction both rings sharing it agree on, and its id. */
	const canonical = (arc: Ring): { arc: Ring; id: string; reversed: boolean } => {
		const first = key(arc[0]!);
		const last = key(arc[arc.length - 1]!);
		const reversed = first > last || (first === last && key(arc[1]!) > key(arc[arc.length - 2]!));
		const c = reversed ? [...arc].reverse() : arc;
		return { arc: c, id: c.map(key).join(' '), reversed };
	};
	const arcOf = (arc: Ring): Ring => {
		const c = canonical(arc);
		let out = frozen.has(c.id) ? c.arc : simplified.get(c.id);
		if (out === undefined) {
			out = simplifyArc(c.arc, tolerance);
			simplified.set(c.id, out);
		}
		return c.reversed ? [...out].reverse() : out;
	};
	const arcsOf = (ring: Ring): Ring[] => {
		const n = ring.length - 1;
		const cuts: number[] = [];
		for (let i = 0; i < n; i++) if (junctions.has(key(ring[i]!))) cuts.push(i);
		if (cuts.length === 0) {
			// A ring on its own (island, enclave): start at its smallest vertex so that the ring of
			// the enclave and the hole of the commune around it are the same arc.
			let start = 0;
			for (let i = 1; i < n; i++) if (key(ring[i]!) < key(ring[start]!)) start = i;
			return [[...ring.slice(start, n), ...ring.slice(0, start + 1)]];
		}
		const arcs: Ring[] = [];
		for (let c = 0; c < cuts.length; c++) {
			const from = cuts[c]!;
			const to = cuts[(c + 1) % cuts.length]!;
			arcs.push(
				to > from ? ring.slice(from, to + 1) : [...ring.slice(from, n), ...ring.slice(0, to + 1)]
			);
		}
		return arcs;
	};
	const assemble = (ring: Ring): Ring | null => {
		const out: Ring = [];
		for (const arc of arcsOf(ring).map(arcOf)) out.push(...(out.length === 0 ? arc : arc.slice(1)));
		return out.length >= 4 ? out : null;
	};

	// A ring that collapses below a triangle freezes its arcs (kept unsimplified), which changes
	// the neighbours that share them: start again until nothing collapses. Frozen arcs are the
	// cleaned input, which has at least 3 corners per ring, so this ends after a round or two.
	let result = new Map<K, Outline>();
	for (let attempt = 0; attempt < 5; attempt++) {
		let collapsed = false;
		result = new Map();
		for (const [k, polygons] of rounded) {
			const kept: Rings = [];
			for (const polygon of polygons) {
				const rings: (Ring | null)[] = polygon.map((ring) => {
					const out = assemble(ring);
					if (out) return out;
					collapsed = true;
					for (const arc of arcsOf(ring)) frozen.add(canonical(arc).id);
					return null;
				});
				const [outer, ...holes] = rings;
				if (outer) kept.push([outer, ...holes.filter((h): h is Ring => h !== null)]);
			}
			const outline = outlineOf(kept);
			if (outline) result.set(k, outline);
		}
		if (!collapsed) break;
	}
	return result;
}

/** Planar area of a ring in km², good enough to tell a sliver from an enclave. */
export function ringAreaKm2(ring: Ring): number {
	let twice = 0;
	let lat = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x1, y1] = ring[i]!;
		const [x2, y2] = ring[i + 1]!;
		twice += x1! * y2! - x2! * y1!;
		lat += y1!;
	}
	const meanLat = ((lat / Math.max(1, ring.length - 1)) * Math.PI) / 180;
	return Math.abs(twice / 2) * 111.32 * 111.32 * Math.cos(meanLat);
}

/**
 * The outline of a set of communes: their union, without the sliver holes that outlines
 * simplified separately leave between them. Null when there is nothing to join or the union
 * fails on a broken input (the map then simply has no boundary line).
 */
export function unionOutlines(outlines: Outline[]): Outline | null {
	if (outlines.length === 0) return null;
	let joined: Outline;
	if (outlines.length === 1) joined = outlines[0]!;
	else {
		const features: Feature<Outline>[] = outlines.map((geometry) => ({
			type: 'Feature',
			properties: {},
			geometry
		}));
		try {
			const u = union({ type: 'FeatureCollection', features });
			if (!u) return null;
			joined = u.geometry;
		} catch {
			return null;
		}
	}
	const polygons = ringsOf(joined).map(([outer, ...holes]) => [
		outer!,
		...holes.filter((h) => ringAreaKm2(h) >= SLIVER_HOLE_KM2)
	]);
	return roundOutline(outlineOf(polygons)!);
}
