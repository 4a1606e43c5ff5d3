/**
 * The directory's rows from what the map shows: matching actors, places and events of the
 * visible layers, limited to the map's view when the directory follows it (then actors with no
 * position, which the view cannot contain, are left out; « Tout le territoire » lists them).
 */
import type { FeatureCollection, Point } from 'geojson';
import { kindLabel, m } from '$lib/i18n';
import type { BBox } from './actors-geojson';
import type { DirectoryRow } from './directory-rows';
import { boxContains, type ActorIndex } from './facets';
import { EVENT_PAST_COLOUR, EVENT_UPCOMING_COLOUR, PLACE_COLOUR } from './layers';
import { KIND_COLOURS } from './style';
import type { EventMapProps, MapLayerId, PlaceMapProps } from './types';

export interface DirectoryInput {
	index: ActorIndex | null;
	matched: Uint32Array | null;
	places: FeatureCollection<Point, PlaceMapProps>;
	upcoming: FeatureCollection<Point, EventMapProps>;
	past: FeatureCollection<Point, EventMapProps>;
	layers: readonly MapLayerId[];
	/** The map's view when the directory follows it, null for the whole territory. */
	bounds: BBox | null;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' });

export function directoryRowsFor(input: DirectoryInput): DirectoryRow[] {
	const rows: DirectoryRow[] = [];
	const { index, matched, bounds, layers } = input;
	const inside = bounds ? boxContains(bounds) : null;
	const shown = ([lng, lat]: number[]) => !inside || inside(lng ?? NaN, lat ?? NaN);
	if (index && matched && layers.includes('actors')) {
		const ids = bounds ? index.inBounds(matched, bounds) : matched;
		for (let k = 0; k < ids.length; k++) {
			const { props, position } = index.entry(ids[k]!);
			rows.push({
				type: 'actor',
				id: props.id,
				name: props.name,
				category: kindLabel(props.kind),
				colour: KIND_COLOURS[props.kind],
				commune: props.communeName,
				located: position !== null
			});
		}
	}
	if (layers.includes('places')) {
		for (const f of input.places.features) {
			if (!shown(f.geometry.coordinates)) continue;
			rows.push({
				type: 'place',
				id: f.properties.id,
				name: f.properties.name,
				category: m.map_category_place(),
				colour: PLACE_COLOUR,
				commune: f.properties.communeName,
				located: true
			});
		}
	}
	for (const [layer, data] of [
		['events-upcoming', input.upcoming],
		['events-past', input.past]
	] as const) {
		if (!layers.includes(layer)) continue;
		for (const f of data.features) {
			if (!shown(f.geometry.coordinates)) continue;
			const date = new Date(f.properties.startsAt);
			rows.push({
				type: 'event',
				id: f.properties.id,
				name: f.properties.title,
				category: m.map_category_event({
					date: Number.isNaN(date.getTime()) ? '' : dateFormat.format(date)
				}),
				colour: layer === 'events-upcoming' ? EVENT_UPCOMING_COLOUR : EVENT_PAST_COLOUR,
				commune: f.properties.communeName,
				located: true
			});
		}
	}
	return rows;
}
