/**
 * d3-geo (under Observable Plot's geo mark) reads polygons on the sphere: an exterior ring must
 * turn clockwise, or it stands for the whole globe minus the commune. GeoJSON (RFC 7946) asks for
 * the opposite, and files in the wild do either; this puts every ring the way d3 wants it.
 * https://d3js.org/d3-geo#d3-geo — "the exterior ring … should be clockwise".
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Twice the signed area in the lng/lat plane: positive when the ring turns counterclockwise. */
function signedArea(ring: readonly Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
	}
	// Trapezoids under each edge from the previous point: positive for counterclockwise rings.
	return sum;
}

function orient(ring: Position[], clockwise: boolean): Position[] {
	const isClockwise = signedArea(ring) < 0;
	return isClockwise === clockwise ? ring : [...ring].reverse();
}

function polygon(rings: Position[][]): Position[][] {
	return rings.map((ring, i) => orient(ring, i === 0));
}

/** The same outline with d3's winding: exterior rings clockwise, holes counterclockwise. */
export function d3Winding<G extends Polygon | MultiPolygon>(geometry: G): G {
	if (geometry.type === 'Polygon') {
		return { ...geometry, coordinates: polygon(geometry.coordinates) };
	}
	return {
		...geometry,
		coordinates: (geometry as MultiPolygon).coordinates.map(polygon)
	};
}
