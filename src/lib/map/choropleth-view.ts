/**
 * The choropleth as the map shows it: actors per 1,000 inhabitants of each commune, counting the
 * actors that match the current filters, of one kind or all. Figures: src/lib/domain/geo/choropleth.ts;
 * colours and legend: choropleth-style.ts.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { classBreaks, communeRates } from '$lib/domain/geo/choropleth';
import {
	choroplethFillColor,
	choroplethLegend,
	withRates,
	type LegendClass
} from './choropleth-style';
import type { ActorIndex } from './facets';
import type { CommuneMapData } from './types';

export interface ChoroplethView {
	/** Commune features carrying `count` and `rate`, plus the territory boundary. */
	collection: CommuneMapData;
	fill: ExpressionSpecification;
	legend: LegendClass[];
}

/** `which`: 'all' or an actor kind. */
export function choroplethFor(
	communes: CommuneMapData,
	index: ActorIndex,
	matched: ArrayLike<number>,
	which: string
): ChoroplethView {
	const counts = new Map<string, number>();
	for (let k = 0; k < matched.length; k++) {
		const { props } = index.entry(matched[k]!);
		if (!props.commune || (which !== 'all' && props.kind !== which)) continue;
		counts.set(props.commune, (counts.get(props.commune) ?? 0) + 1);
	}
	const communeFeatures = communes.features.filter((f) => f.properties.role === 'commune');
	const rates = communeRates(
		counts,
		communeFeatures.map((f) => ({ code: f.properties.code, population: f.properties.population }))
	);
	const breaks = classBreaks(
		rates.flatMap((r) => (r.rate === null ? [] : [r.rate])),
		5
	);
	const rated = withRates(communes, rates);
	return {
		collection: {
			type: 'FeatureCollection',
			features: [
				...(rated.features as CommuneMapData['features']),
				...communes.features.filter((f) => f.properties.role === 'boundary')
			]
		},
		fill: choroplethFillColor(breaks),
		legend: choroplethLegend(breaks)
	};
}
