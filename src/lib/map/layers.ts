/**
 * The map's layers beyond the actors' (style.ts): common places, events (upcoming, past),
 * commune outlines, the territory boundary, the choropleth fill and the selection ring.
 *
 * Places and events are told apart from actors by their **shape** (square, triangle) as well as
 * their colour, so the layers read without colour vision: actors are circles coloured by kind,
 * places dark squares, upcoming events triangles, past events hollow grey triangles.
 * Icons are drawn at run time (icons.ts) under the names in `ICONS`.
 */
import type {
	CircleLayerSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LayerSpecification,
	LineLayerSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import { actorLayerIds, SELECTED_COLOUR } from './style';
import type { MapLayerId } from './types';

/** Paul Tol's "muted" indigo and wine: apart from the Okabe–Ito kind colours, dark on light. */
export const PLACE_COLOUR = '#332288';
export const EVENT_UPCOMING_COLOUR = '#882255';
export const EVENT_PAST_COLOUR = '#777777';
export const COMMUNE_LINE_COLOUR = '#5B6770';
export const BOUNDARY_COLOUR = '#1F3A4A';

export type IconShape = 'square' | 'triangle' | 'triangle-hollow';

export interface IconSpec {
	shape: IconShape;
	colour: string;
	/** CSS pixels; drawn at twice that for sharp edges on dense screens. */
	size: number;
}

export const ICONS = {
	place: { shape: 'square', colour: PLACE_COLOUR, size: 14 },
	placeCluster: { shape: 'square', colour: PLACE_COLOUR, size: 28 },
	eventUpcoming: { shape: 'triangle', colour: EVENT_UPCOMING_COLOUR, size: 16 },
	eventUpcomingCluster: { shape: 'triangle', colour: EVENT_UPCOMING_COLOUR, size: 32 },
	eventPast: { shape: 'triangle-hollow', colour: EVENT_PAST_COLOUR, size: 16 },
	eventPastCluster: { shape: 'triangle-hollow', colour: EVENT_PAST_COLOUR, size: 32 }
} as const satisfies Record<string, IconSpec>;

export type IconName = keyof typeof ICONS;

/** Source ids; each data layer is its own clustered GeoJSON source. */
export const SOURCES = {
	actors: 'actors',
	places: 'places',
	'events-upcoming': 'events-upcoming',
	'events-past': 'events-past',
	communes: 'communes',
	coverage: 'coverage',
	selection: 'selection'
} as const satisfies Record<MapLayerId | 'communes' | 'coverage' | 'selection', string>;

/** Layers that draw one point source (places, events) as icons with clustered counts. */
export function iconPointLayers(
	sourceId: string,
	icon: IconName,
	clusterIcon: IconName,
	textFont: string[],
	countColour = '#FFFFFF'
): SymbolLayerSpecification[] {
	return [
		{
			id: `${sourceId}-clusters`,
			type: 'symbol',
			source: sourceId,
			filter: ['has', 'point_count'],
			layout: {
				'icon-image': clusterIcon,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true,
				'text-field': ['get', 'point_count_abbreviated'],
				'text-font': textFont,
				'text-size': 12,
				// Triangles carry their count low, where they are wide.
				'text-offset': clusterIcon.startsWith('event') ? [0, 0.3] : [0, 0],
				'text-allow-overlap': true,
				'text-ignore-placement': true
			},
			paint: { 'text-color': countColour }
		},
		{
			id: `${sourceId}-points`,
			type: 'symbol',
			source: sourceId,
			filter: ['!', ['has', 'point_count']],
			layout: {
				'icon-image': icon,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		}
	];
}

/** The layer ids a click on which selects an item (points) or zooms in (clusters). */
export function clickableLayers(sourceId: string): { points: string; clusters: string } {
	return { points: `${sourceId}-points`, clusters: `${sourceId}-clusters` };
}

/**
 * Commune outlines, the territory boundary and the (optional) choropleth fill, drawn beneath the
 * points. `fillColour` null: no choropleth, the fill stays transparent but still catches clicks
 * for nothing — it is there so that switching the choropleth on is a paint change, not a new layer.
 */
export function communeLayers(
	sourceId: string,
	fillColour: ExpressionSpecification | string | null
): LayerSpecification[] {
	const fill: FillLayerSpecification = {
		id: `${sourceId}-fill`,
		type: 'fill',
		source: sourceId,
		filter: ['==', ['get', 'role'], 'commune'],
		paint: {
			'fill-color': fillColour ?? 'rgba(0, 0, 0, 0)',
			'fill-opacity': fillColour ? 0.62 : 0
		}
	};
	const outline: LineLayerSpecification = {
		id: `${sourceId}-outline`,
		type: 'line',
		source: sourceId,
		filter: ['==', ['get', 'role'], 'commune'],
		paint: {
			'line-color': COMMUNE_LINE_COLOUR,
			'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 13, 1.2],
			'line-opacity': 0.7
		}
	};
	const boundary: LineLayerSpecification = {
		id: `${sourceId}-boundary`,
		type: 'line',
		source: sourceId,
		filter: ['==', ['get', 'role'], 'boundary'],
		paint: {
			'line-color': BOUNDARY_COLOUR,
			'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 13, 3.5]
		}
	};
	return [fill, outline, boundary];
}

export function communeLayerIds(sourceId: string): {
	fill: string;
	outline: string;
	boundary: string;
} {
	return {
		fill: `${sourceId}-fill`,
		outline: `${sourceId}-outline`,
		boundary: `${sourceId}-boundary`
	};
}

export function coverageLayerIds(sourceId: string): { fill: string; selected: string } {
	return { fill: `${sourceId}-fill`, selected: `${sourceId}-selected` };
}

/**
 * The « Zones blanches » layer (coverage-layer.ts): a fill of the communes by `fillColour`, to be
 * drawn under the commune outlines, and a thick line around the commune whose gaps are shown
 * (filtered by code; `''` selects none).
 */
export function coverageLayers(
	sourceId: string,
	fillColour: ExpressionSpecification | string,
	fillOpacity: number
): { fill: FillLayerSpecification; selected: LineLayerSpecification } {
	const ids = coverageLayerIds(sourceId);
	return {
		fill: {
			id: ids.fill,
			type: 'fill',
			source: sourceId,
			paint: { 'fill-color': fillColour, 'fill-opacity': fillOpacity }
		},
		selected: {
			id: ids.selected,
			type: 'line',
			source: sourceId,
			filter: ['==', ['get', 'code'], ''],
			paint: { 'line-color': SELECTED_COLOUR, 'line-width': 3 }
		}
	};
}

/** A ring around the selected item, whatever its layer. */
export function selectionLayer(sourceId: string): CircleLayerSpecification {
	return {
		id: `${sourceId}-ring`,
		type: 'circle',
		source: sourceId,
		paint: {
			'circle-color': 'rgba(0, 0, 0, 0)',
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 11, 14, 14, 18, 18],
			'circle-stroke-width': 3,
			'circle-stroke-color': SELECTED_COLOUR
		}
	};
}

/** Ids of the layers each switchable map layer owns, for `visibility` toggles. */
export function layerIdsOf(layer: MapLayerId): string[] {
	if (layer === 'actors') return Object.values(actorLayerIds(SOURCES.actors));
	const ids = clickableLayers(SOURCES[layer]);
	return [ids.clusters, ids.points];
}
