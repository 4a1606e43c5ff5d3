/**
 * GeoJSON export (RFC 7946): one Feature per actor, coordinates `[lng, lat]` in WGS 84.
 * Actors that are not placed are kept with `geometry: null` (RFC 7946 §3.2) so the file is the
 * whole census, not only its map. The territory name, licence and export time are foreign members
 * of the FeatureCollection (§6.1): `name` is also what QGIS and GDAL take as the layer name.
 *
 * Values are written as stored: GeoJSON is read by programs, not evaluated by a spreadsheet, so
 * nothing is neutralised and phones stay E.164.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { licenceUrl } from './licence';
import {
	PROVENANCE_FIELDS,
	provenanceColumn,
	type ExportMeta,
	type ExportRow,
	type ProvenanceColumn
} from './types';

export type ExportFeatureProperties = Omit<ExportRow, 'lng' | 'lat'>;

export type ExportFeature = Feature<Point | null, ExportFeatureProperties>;

export interface ExportFeatureCollection extends FeatureCollection<
	Point | null,
	ExportFeatureProperties
> {
	name: string;
	licence: string;
	licence_url: string | null;
	generated_at: string;
}

function round7(n: number): number {
	return Math.round(n * 1e7) / 1e7;
}

function point(lng: number | null, lat: number | null): Point | null {
	if (lng === null || lat === null || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
	if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
	return { type: 'Point', coordinates: [round7(lng), round7(lat)] };
}

export function toGeoJson(rows: readonly ExportRow[], meta: ExportMeta): ExportFeatureCollection {
	return {
		type: 'FeatureCollection',
		name: meta.territoryName,
		licence: meta.licence,
		licence_url: licenceUrl(meta.licence),
		generated_at: meta.exportedAt.toISOString(),
		features: rows.map((row): ExportFeature => {
			const properties: ExportFeatureProperties = {
				id: row.id,
				name: row.name,
				kind: row.kind,
				legal_form: row.legal_form,
				sectors: row.sectors,
				worlds: row.worlds,
				tags: row.tags,
				address: row.address,
				postcode: row.postcode,
				commune_code: row.commune_code,
				commune_name: row.commune_name,
				email: row.email,
				phone: row.phone,
				website: row.website,
				siret: row.siret,
				rna: row.rna,
				location_quality: row.location_quality,
				...provenanceOf(row),
				sources: row.sources
			};
			return { type: 'Feature', id: row.id, geometry: point(row.lng, row.lat), properties };
		})
	};
}

function provenanceOf(row: ExportRow): Record<ProvenanceColumn, string | null> {
	const out = {} as Record<ProvenanceColumn, string | null>;
	for (const field of PROVENANCE_FIELDS)
		out[provenanceColumn(field)] = row[provenanceColumn(field)];
	return out;
}
