/**
 * Every MapLibre styling expression and layer of Maillage's data layers lives here, so the
 * legend, the map and the tests read the same palette.
 *
 * Palette: Okabe & Ito (2008), "Color Universal Design", chosen because its colours stay
 * distinguishable under the common colour-vision deficiencies. Its yellow (#F0E442) is left out:
 * too little contrast on the light fallback background.
 */
import type {
	CircleLayerSpecification,
	ExpressionSpecification,
	LayerSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import { ACTOR_KINDS, type ActorKind } from '$lib/domain/actor-kinds';

export const KIND_COLOURS: Record<ActorKind, string> = {
	association: '#0072B2',
	business: '#E69F00',
	cooperative: '#009E73',
	public_body: '#CC79A7',
	informal_group: '#56B4E9',
	elected_body: '#D55E00',
	other: '#555555'
};

export const CLUSTER_COLOUR = '#2F3E46';
export const CLUSTER_TEXT_COLOUR = '#FFFFFF';
export const SELECTED_COLOUR = '#111111';

/** Points with more neighbours than this within `CLUSTER_RADIUS` px are grouped. */
export const CLUSTER_RADIUS = 48;
/** Beyond this zoom every point is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 14;
/** Zoom the map flies to when an actor is selected: above CLUSTER_MAX_ZOOM on purpose. */
export const SELECTED_ZOOM = CLUSTER_MAX_ZOOM + 1;

/** `['match', ['get', 'kind'], 'association', '#…', …, fallback]` built from KIND_COLOURS. */
export function kindColourExpression(): ExpressionSpecification {
	const branches = ACTOR_KINDS.flatMap((kind) => [kind, KIND_COLOURS[kind]]);
	// The spec's tuple type cannot express a variadic list of label/output pairs.
	return [
		'match',
		['get', 'kind'],
		...branches,
		KIND_COLOURS.other
	] as unknown as ExpressionSpecification;
}

export interface ActorLayerIds {
	clusters: string;
	clusterCount: string;
	points: string;
}

export function actorLayerIds(sourceId: string): ActorLayerIds {
	return {
		clusters: `${sourceId}-clusters`,
		clusterCount: `${sourceId}-cluster-count`,
		points: `${sourceId}-points`
	};
}

/**
 * The layers drawing one clustered actor source. `textFont` must name a font stack the style's
 * glyphs server has; with no `glyphs` URL MapLibre draws the digits with a local font.
 */
export function actorLayers(sourceId: string, textFont: string[]): LayerSpecification[] {
	const ids = actorLayerIds(sourceId);
	const clusters: CircleLayerSpecification = {
		id: ids.clusters,
		type: 'circle',
		source: sourceId,
		filter: ['has', 'point_count'],
		paint: {
			'circle-color': CLUSTER_COLOUR,
			'circle-opacity': 0.88,
			'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 23, 200, 29],
			'circle-stroke-width': 2,
			'circle-stroke-color': '#FFFFFF'
		}
	};
	const clusterCount: SymbolLayerSpecification = {
		id: ids.clusterCount,
		type: 'symbol',
		source: sourceId,
		filter: ['has', 'point_count'],
		layout: {
			'text-field': ['get', 'point_count_abbreviated'],
			'text-font': textFont,
			'text-size': 13,
			'text-allow-overlap': true,
			'text-ignore-placement': true
		},
		paint: { 'text-color': CLUSTER_TEXT_COLOUR }
	};
	const points: CircleLayerSpecification = {
		id: ids.points,
		type: 'circle',
		source: sourceId,
		filter: ['!', ['has', 'point_count']],
		paint: {
			'circle-color': kindColourExpression(),
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 14, 7, 18, 10],
			'circle-stroke-width': 1.5,
			'circle-stroke-color': '#FFFFFF'
		}
	};
	return [clusters, clusterCount, points];
}
