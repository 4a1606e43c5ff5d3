/**
 * Commune centres: where an actor goes when only its commune is known (geocoder offline, disabled,
 * or its address not found). Coordinates are `[lng, lat]` (WGS 84).
 *
 * Source of the default table: the 35 communes of the CC Pays d'Uzès in `../demo/communes.ts`,
 * area-weighted centroids of the IGN Admin Express COG 2018 polygons (gregoiredavid/france-geojson,
 * Licence Ouverte), computed once and committed with the demo (see that file's header). No
 * maintained npm package ships centres for every French commune under an open licence
 * (`@etalab/decoupage-administratif` has none, `codes-postaux` none either), so the table covers
 * the demo territory only; a national table plugs in through `communeCentresFrom(entries)`
 * without changing the callers.
 *
 * A centroid can fall outside a strongly concave commune; the demo's were checked to fall inside.
 * A bigger table should prefer a point known to lie inside (town hall, chef-lieu) when it has one.
 */
import { PAYS_D_UZES_COMMUNES } from '../demo/communes';

export type LngLat = [number, number];

export interface CommuneCentreEntry {
	/** Current INSEE code. */
	code: string;
	name: string;
	/** [lng, lat] */
	centre: LngLat;
}

export interface CommuneCentres {
	/** Where the table comes from, for explanations and warnings. */
	readonly source: string;
	readonly size: number;
	/** The entry of a current INSEE code, or null when the table does not know it. */
	get(code: string): CommuneCentreEntry | null;
}

/** Builds a lookup table; later entries do not override earlier ones (first wins). */
export function communeCentresFrom(
	entries: Iterable<CommuneCentreEntry>,
	source: string
): CommuneCentres {
	const byCode = new Map<string, CommuneCentreEntry>();
	for (const e of entries) {
		const [lng, lat] = e.centre;
		if (!validLngLat(lng, lat))
			throw new Error(`Invalid centre for commune ${e.code}: ${lng},${lat}`);
		if (!byCode.has(e.code)) byCode.set(e.code, { code: e.code, name: e.name, centre: [lng, lat] });
	}
	return {
		source,
		size: byCode.size,
		get: (code) => byCode.get(code.trim().toUpperCase()) ?? null
	};
}

/** The table shipped with the project (35 communes, see the module comment). Read-only. */
export const DEFAULT_COMMUNE_CENTRES: CommuneCentres = communeCentresFrom(
	PAYS_D_UZES_COMMUNES.map((c) => ({ code: c.code, name: c.name, centre: c.centre })),
	'CC Pays d’Uzès (IGN Admin Express COG 2018, centroïdes)'
);

/** The centre of a commune by current INSEE code, from the given table (default: the shipped one). */
export function communeCentre(
	code: string,
	table: CommuneCentres = DEFAULT_COMMUNE_CENTRES
): LngLat | null {
	const entry = table.get(code);
	return entry === null ? null : [entry.centre[0], entry.centre[1]];
}

export function validLngLat(lng: number, lat: number): boolean {
	return (
		Number.isFinite(lng) &&
		Number.isFinite(lat) &&
		lng >= -180 &&
		lng <= 180 &&
		lat >= -90 &&
		lat <= 90
	);
}
