/**
 * The partner finder's map, as data: the search circle (@turf/circle, https://turfjs.org/docs/api/circle),
 * the centre point, the proposed actors numbered by rank, the view that frames the circle, and
 * the MapLibre layers that draw them. Pure, so the GeoJSON is tested without a map.
 */
import circle from '@turf/circle';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type {
	CircleLayerSpecification,
	FillLayerSpecification,
	LayerSpecification,
	LineLayerSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import type { LngLat } from '$lib/domain/partners/nearby';
import type { PartnerRow } from './types';

export const PARTNER_SOURCES = {
	circle: 'partners-circle',
	centre: 'partners-centre',
	partners: 'partners-actors'
} as const;

export const CIRCLE_COLOUR = '#1B5E7A';
export const CENTRE_COLOUR = '#882255';
/** Best ranks dark, last ranks light (cividis-like, readable without colour vision). */
export const RANK_COLOURS = { first: '#00204D', last: '#7C7B78' } as const;
/** Ranks past this one are drawn as smaller unnumbered points. */
export const NUMBERED_RANKS = 20;

/** Number of segments of the circle: smooth at every radius the finder allows (1–100 km). */
const CIRCLE_STEPS = 96;

export function radiusCircle(at: LngLat, radiusKm: number): Feature<Polygon> {
	return circle(at, radiusKm, { steps: CIRCLE_STEPS, units: 'kilometers' });
}

export function centreCollection(at: LngLat | null): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: at
			? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } }]
			: []
	};
}

export function circleCollection(at: LngLat | null, radiusKm: number): FeatureCollection<Polygon> {
	return { type: 'FeatureCollection', features: at ? [radiusCircle(at, radiusKm)] : [] };
}

export interface PartnerPointProps {
	id: string;
	name: string;
	rank: number;
	/** The rank as drawn on the point; empty past NUMBERED_RANKS. */
	label: string;
}

/** The proposals as points, the best drawn last (on top). */
export function partnerCollection(
	rows: readonly PartnerRow[]
): FeatureCollection<Point, PartnerPointProps> {
	return {
		type: 'FeatureCollection',
		features: [...rows]
			.sort((a, b) => b.rank - a.rank)
			.map((row) => ({
				type: 'Feature',
				id: row.rank,
				properties: {
					id: row.id,
					name: row.name,
					rank: row.rank,
					label: row.rank <= NUMBERED_RANKS ? String(row.rank) : ''
				},
				geometry: { type: 'Point', coordinates: row.position }
			}))
	};
}

/** `[w, s, e, n]` of the circle: the view the map fits. */
export function circleBounds(at: LngLat, radiusKm: number): [number, number, number, number] {
	const ring = radiusCircle(at, radiusKm).geometry.coordinates[0]!;
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [lng, lat] of ring) {
		w = Math.min(w, lng!);
		e = Math.max(e, lng!);
		s = Math.min(s, lat!);
		n = Math.max(n, lat!);
	}
	return [w, s, e, n];
}

export function partnerLayers(textFont: string[]): LayerSpecification[] {
	const fill: FillLayerSpecification = {
		id: 'partners-circle-fill',
		type: 'fill',
		source: PARTNER_SOURCES.circle,
		paint: { 'fill-color': CIRCLE_COLOUR, 'fill-opacity': 0.08 }
	};
	const outline: LineLayerSpecification = {
		id: 'partners-circle-outline',
		type: 'line',
		source: PARTNER_SOURCES.circle,
		paint: { 'line-color': CIRCLE_COLOUR, 'line-width': 2, 'line-dasharray': [3, 2] }
	};
	const partners: CircleLayerSpecification = {
		id: 'partners-actors',
		type: 'circle',
		source: PARTNER_SOURCES.partners,
		paint: {
			'circle-radius': ['case', ['<=', ['get', 'rank'], NUMBERED_RANKS], 10, 5],
			'circle-color': [
				'interpolate',
				['linear'],
				['get', 'rank'],
				1,
				RANK_COLOURS.first,
				NUMBERED_RANKS,
				RANK_COLOURS.last
			],
			'circle-stroke-color': '#FFFFFF',
			'circle-stroke-width': 1.5
		}
	};
	const labels: SymbolLayerSpecification = {
		id: 'partners-ranks',
		type: 'symbol',
		source: PARTNER_SOURCES.partners,
		filter: ['!=', ['get', 'label'], ''],
		layout: {
			'text-field': ['get', 'label'],
			'text-font': textFont,
			'text-size': 11,
			'text-allow-overlap': true,
			'text-ignore-placement': true
		},
		paint: { 'text-color': '#FFFFFF' }
	};
	const centre: CircleLayerSpecification = {
		id: 'partners-centre',
		type: 'circle',
		source: PARTNER_SOURCES.centre,
		paint: {
			'circle-radius': 8,
			'circle-color': CENTRE_COLOUR,
			'circle-stroke-color': '#FFFFFF',
			'circle-stroke-width': 3
		}
	};
	return [fill, outline, partners, labels, centre];
}
