/**
 * Places and events under the map's filters. The facets describe actors; of them only the
 * commune applies to places and events (a commune chosen means "what is there"), and the search
 * words apply to all three.
 */
import type { FeatureCollection, Point } from 'geojson';
import { matchesEvent, matchesPlace } from './facets';
import type { EventMapData, EventMapProps, EventWhen, PlaceMapData, PlaceMapProps } from './types';

function inCommunes(commune: string | null, communes: readonly string[]): boolean {
	return communes.length === 0 || (commune !== null && communes.includes(commune));
}

export function matchingPlaces(
	data: PlaceMapData | null,
	words: readonly string[],
	communes: readonly string[]
): FeatureCollection<Point, PlaceMapProps> {
	const features = (data?.features ?? []).filter(
		(f) => inCommunes(f.properties.commune, communes) && matchesPlace(f.properties, words)
	);
	return { type: 'FeatureCollection', features };
}

export function matchingEvents(
	data: EventMapData | null,
	words: readonly string[],
	when: EventWhen,
	communes: readonly string[]
): FeatureCollection<Point, EventMapProps> {
	const features = (data?.features ?? []).filter(
		(f) =>
			f.properties.when === when &&
			inCommunes(f.properties.commune, communes) &&
			matchesEvent(f.properties, words)
	);
	return { type: 'FeatureCollection', features };
}
