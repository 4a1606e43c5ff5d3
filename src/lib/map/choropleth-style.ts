/**
 * Styling of the choropleth (actors per 1,000 inhabitants by commune): the palette, the MapLibre
 * fill expression and the legend, from the class bounds of `$lib/domain/geo/choropleth`.
 *
 * Palette: ColorBrewer YlGnBu, 5 classes (Cynthia Brewer, colorbrewer2.org), sequential light to
 * dark. Chosen over viridis because ColorBrewer rates it colour-blind safe and print friendly,
 * and because light-for-few reads naturally over a light basemap: viridis starts dark purple,
 * so the emptiest communes would be the most conspicuous. Its blues and greens are near two
 * actor kinds' colours (KIND_COLOURS): the fill is drawn translucent under the points, which
 * keep their white outline.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { CommuneRate } from '$lib/domain/geo/choropleth';
import type { CommuneMapData, CommuneMapProps } from './types';

export const CHOROPLETH_PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Communes with no population (or no rate): neutral, outside the sequential scale. */
export const CHOROPLETH_NO_DATA = '#d9d9d9';
export const CHOROPLETH_FILL_OPACITY = 0.65;

/**
 * The colours of `classes` classes, spread over the palette from its lightest to its darkest
 * (a single class takes the middle colour).
 */
export function classColours(classes: number): string[] {
	const last = CHOROPLETH_PALETTE.length - 1;
	if (classes <= 0) return [];
	if (classes === 1) return [CHOROPLETH_PALETTE[Math.round(last / 2)]!];
	return Array.from(
		{ length: classes },
		(_, i) => CHOROPLETH_PALETTE[Math.round((i * last) / (classes - 1))]!
	);
}

/** Classes made by `classBreaks` bounds: n bounds give n − 1 classes, a single bound one. */
function classCount(breaks: readonly number[]): number {
	return breaks.length <= 1 ? breaks.length : breaks.length - 1;
}

/**
 * `fill-color` of the commune features: a `step` on `['get', 'rate']` through the inner bounds,
 * grey where `rate` is not a number (null: unknown population). With no class at all, grey
 * everywhere.
 */
export function choroplethFillColor(breaks: readonly number[]): ExpressionSpecification {
	const colours = classColours(classCount(breaks));
	if (colours.length === 0) return ['to-color', CHOROPLETH_NO_DATA];
	const stops = breaks.slice(1, -1).flatMap((bound, i) => [bound, colours[i + 1]!]);
	const scale =
		stops.length === 0
			? colours[0]!
			: ['step', ['to-number', ['get', 'rate']], colours[0]!, ...stops];
	// The spec's tuple types cannot express a variadic list of stops.
	return [
		'case',
		['==', ['typeof', ['get', 'rate']], 'number'],
		scale,
		CHOROPLETH_NO_DATA
	] as unknown as ExpressionSpecification;
}

export interface LegendClass {
	from: number;
	to: number;
	colour: string;
}

/** One entry per class, lightest first; `to` of a class is `from` of the next (see classBreaks). */
export function choroplethLegend(breaks: readonly number[]): LegendClass[] {
	const colours = classColours(classCount(breaks));
	if (breaks.length === 1) return [{ from: breaks[0]!, to: breaks[0]!, colour: colours[0]! }];
	return colours.map((colour, i) => ({ from: breaks[i]!, to: breaks[i + 1]!, colour }));
}

export type ChoroplethProps = CommuneMapProps & { count: number; rate: number | null };

/**
 * The commune features of `data` with the `count` and `rate` the fill expression reads; the
 * boundary feature is left out (it is drawn as a line, not filled).
 */
export function withRates(
	data: CommuneMapData,
	rates: readonly CommuneRate[]
): GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, ChoroplethProps> {
	const byCode = new Map(rates.map((r) => [r.code, r]));
	return {
		type: 'FeatureCollection',
		features: data.features
			.filter((f) => f.properties.role === 'commune')
			.map((f) => {
				const r = byCode.get(f.properties.code);
				return {
					...f,
					properties: { ...f.properties, count: r?.count ?? 0, rate: r?.rate ?? null }
				};
			})
	};
}
