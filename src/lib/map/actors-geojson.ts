/**
 * Pure builders between database rows and the GeoJSON the map loads by URL.
 * Coordinates are `[lng, lat]` (RFC 7946), bounding boxes `[west, south, east, north]`.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { toActorKind, type ActorKind } from '$lib/domain/actor-kinds';

/** One actor as the map query returns it; lng/lat null when the actor has no location. */
export interface ActorPointRow {
	id: string;
	name: string;
	kind: string | null;
	lng: number | string | null;
	lat: number | string | null;
}

export interface ActorFeatureProperties {
	id: string;
	name: string;
	kind: ActorKind;
}

export type ActorFeatureCollection = FeatureCollection<Point, ActorFeatureProperties>;

/** Some drivers return numeric columns as strings; anything not a finite number is no coordinate. */
function coordinate(value: number | string | null): number | null {
	if (value === null || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

/** 7 decimals ≈ 1 cm: more only bloats the payload. */
function round7(n: number): number {
	return Math.round(n * 1e7) / 1e7;
}

/**
 * Builds the FeatureCollection of the actors that have a valid location. Rows without one, or
 * outside WGS 84 ranges, are left out: the directory still lists them.
 */
export function buildActorFeatureCollection(
	rows: readonly ActorPointRow[]
): ActorFeatureCollection {
	const features: Feature<Point, ActorFeatureProperties>[] = [];
	for (const row of rows) {
		const lng = coordinate(row.lng);
		const lat = coordinate(row.lat);
		if (lng === null || lat === null) continue;
		if (lng < -180 || lng > 180 || lat < -90 || lat > 90) continue;
		features.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [round7(lng), round7(lat)] },
			properties: { id: row.id, name: row.name, kind: toActorKind(row.kind) }
		});
	}
	return { type: 'FeatureCollection', features };
}

export type BBox = [west: number, south: number, east: number, north: number];
