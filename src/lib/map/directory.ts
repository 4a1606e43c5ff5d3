/** The directory beside the map: pure shaping of query rows into what the table shows. */
import { toActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import type { BBox } from './actors-geojson';

export interface DirectoryEntry {
	id: string;
	name: string;
	kind: ActorKind;
	/** Commune name (or its INSEE code when the name is unknown), null when not recorded. */
	commune: string | null;
	/** `[lng, lat]`, kept so that selecting a row can fly the map there; null when not located. */
	position: [number, number] | null;
}

export interface DirectorySourceRow {
	id: string;
	name: string;
	kind: string | null;
	commune_code: string | null;
	lng: number | null;
	lat: number | null;
}

function validPosition(lng: number | null, lat: number | null): [number, number] | null {
	if (lng === null || lat === null || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
	if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
	return [lng, lat];
}

/** Rows → entries sorted by name the way a French reader expects (accents, case, numbers). */
export function toDirectoryEntries(
	rows: readonly DirectorySourceRow[],
	communeName: (code: string) => string | undefined,
	locale: string
): DirectoryEntry[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	return rows
		.map((row) => ({
			id: row.id,
			name: row.name,
			kind: toActorKind(row.kind),
			commune: row.commune_code ? (communeName(row.commune_code) ?? row.commune_code) : null,
			position: validPosition(row.lng, row.lat)
		}))
		.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The box framing every located entry, or null when none is located. */
export function entriesBounds(entries: readonly DirectoryEntry[]): BBox | null {
	let box: BBox | null = null;
	for (const { position } of entries) {
		if (!position) continue;
		const [lng, lat] = position;
		box = box
			? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)]
			: [lng, lat, lng, lat];
	}
	return box;
}
