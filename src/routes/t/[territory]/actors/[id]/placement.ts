/**
 * The actor page's small map: its GeoJSON, layers and framing, and the typed coordinates of the
 * keyboard alternative to clicking. Pure, so the server action and the component read the same
 * rules.
 */
import type { CircleLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { LocationQuality } from '$lib/domain/census/actor-fields';

export interface LngLat {
	lng: number;
	lat: number;
}

/** Pays d'Uzès, as the main map: only used when the actor has no position yet. */
export const DEFAULT_VIEW = { center: [4.42, 44.01] as [number, number], zoom: 9 };

/** Closer for a precise point, wider for a commune centre (it is only approximate). */
export function zoomFor(quality: LocationQuality | null): number {
	switch (quality) {
		case 'exact':
		case 'manual':
			return 15;
		case 'street':
			return 14;
		case 'commune':
			return 12;
		default:
			return 12;
	}
}

/**
 * A coordinate typed by a person: French decimal comma accepted ("4,42"), as is the typographic
 * minus; null when it is not a number within ±limit.
 */
export function parseCoordinate(input: string, limit: number): number | null {
	const s = input.trim().replace(',', '.').replace('−', '-');
	if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return null;
	const n = Number(s);
	return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

export function parsePoint(lng: string, lat: string): LngLat | null {
	const x = parseCoordinate(lng, 180);
	const y = parseCoordinate(lat, 90);
	return x === null || y === null ? null : { lng: x, lat: y };
}

/** Six decimals: about 10 cm, more than any placement by hand means. */
export function formatCoordinate(n: number): string {
	return String(Math.round(n * 1e6) / 1e6);
}

export function pointCollection(point: LngLat | null): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features:
			point === null
				? []
				: [
						{
							type: 'Feature',
							geometry: { type: 'Point', coordinates: [point.lng, point.lat] },
							properties: {}
						}
					]
	};
}

export const PLACEMENT_SOURCES = { current: 'actor-position', pending: 'actor-pending' } as const;
export const PENDING_COLOUR = '#B3541E';

/** The saved point in the actor kind's colour; the point being placed as a ring over it. */
export function placementLayers(kindColour: string): CircleLayerSpecification[] {
	return [
		{
			id: 'actor-position',
			type: 'circle',
			source: PLACEMENT_SOURCES.current,
			paint: {
				'circle-color': kindColour,
				'circle-radius': 8,
				'circle-stroke-width': 2,
				'circle-stroke-color': '#FFFFFF'
			}
		},
		{
			id: 'actor-pending',
			type: 'circle',
			source: PLACEMENT_SOURCES.pending,
			paint: {
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-radius': 11,
				'circle-stroke-width': 3,
				'circle-stroke-color': PENDING_COLOUR
			}
		}
	];
}
