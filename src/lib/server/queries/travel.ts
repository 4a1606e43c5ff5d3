/**
 * Events that travel (#9): what `travelPlan` ($lib/domain/events/travel) needs, read as the user
 * (row level security decides which events, places and actors exist for them), and the centre
 * of each commune that « nearby » is measured from.
 *
 * The event table has no expected attendance: sizes stay unknown here, and the page lets the
 * facilitator type the expected size of the next edition.
 */
import { DEFAULT_COMMUNE_CENTRES, type LngLat } from '$lib/domain/geo/commune-centres';
import type {
	TravelActor,
	TravelCommune,
	TravelEvent,
	TravelPlace
} from '$lib/domain/events/travel';
import { finiteOrNull } from '$lib/domain/numbers';
import type { Tx } from '$lib/server/db/types';
import type { Outline } from '$lib/server/geo/geometry';

/** ISO 8601 in UTC, the same text from PGlite and postgres.js. */
const iso = (column: string) =>
	`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface TravelData {
	events: TravelEvent[];
	places: TravelPlace[];
	actors: TravelActor[];
}

const point = (lng: unknown, lat: unknown): LngLat | null => {
	const x = finiteOrNull(lng);
	const y = finiteOrNull(lat);
	return x === null || y === null ? null : [x, y];
};

/**
 * Every event, common place and actor of the territory the user may read, with only the fields
 * the plan uses (no contact, no address: those columns are not the API roles' to read anyway).
 */
export async function loadTravelData(tx: Tx, territoryId: string): Promise<TravelData> {
	const events = await tx.query<{
		id: string;
		title: string;
		starts_at: string;
		commune_code: string | null;
		place_id: string | null;
		format: string | null;
		theme: string | null;
		needs: string[] | null;
	}>(
		`select id, title, ${iso('starts_at')} as starts_at, commune_code, place_id, format, theme,
		        needs
		   from public.event
		  where territory_id = $1
		  order by starts_at, id`,
		[territoryId]
	);
	const places = await tx.query<{
		id: string;
		name: string;
		commune_code: string | null;
		capacity: number | null;
		equipment: string[] | null;
		kind: string | null;
		lng: number | null;
		lat: number | null;
	}>(
		`select id, name, commune_code, capacity, equipment, kind,
		        st_x(location::geometry) as lng, st_y(location::geometry) as lat
		   from public.place
		  where territory_id = $1
		  order by id`,
		[territoryId]
	);
	const actors = await tx.query<{
		id: string;
		name: string;
		commune_code: string | null;
		sectors: string[] | null;
		lng: number | null;
		lat: number | null;
	}>(
		`select id, name, commune_code, sectors,
		        st_x(location::geometry) as lng, st_y(location::geometry) as lat
		   from public.actor
		  where territory_id = $1
		  order by id`,
		[territoryId]
	);
	return {
		events: events.map((e) => ({
			id: e.id,
			title: e.title,
			startsAt: e.starts_at,
			communeCode: e.commune_code,
			placeId: e.place_id,
			format: e.format,
			theme: e.theme,
			size: null,
			needs: e.needs ?? []
		})),
		places: places.map((p) => ({
			id: p.id,
			name: p.name,
			communeCode: p.commune_code,
			capacity: p.capacity === null ? null : Number(p.capacity),
			equipment: p.equipment ?? [],
			kind: p.kind,
			location: point(p.lng, p.lat)
		})),
		actors: actors.map((a) => ({
			id: a.id,
			name: a.name,
			communeCode: a.commune_code,
			sectors: a.sectors ?? [],
			location: point(a.lng, a.lat)
		}))
	};
}

/** The mean of an outline's outer ring vertices: inside for the compact shapes of communes. */
export function outlineCentre(outline: Outline): LngLat | null {
	const rings =
		outline.type === 'Polygon' ? [outline.coordinates[0]] : outline.coordinates.map((p) => p[0]);
	let [sx, sy, n] = [0, 0, 0];
	for (const ring of rings)
		for (const [x, y] of ring ?? []) {
			if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
			sx += x!;
			sy += y!;
			n += 1;
		}
	return n === 0 ? null : [sx / n, sy / n];
}

/**
 * The territory's communes with a centre each: the shipped table of centroids, else the mean of
 * the outline, else the mean position of the commune's actors, else none.
 */
export function travelCommunes(
	codes: readonly string[],
	nameOf: (code: string) => string | null | undefined,
	outlines: ReadonlyMap<string, Outline>,
	actors: readonly TravelActor[]
): TravelCommune[] {
	const sums = new Map<string, [number, number, number]>();
	for (const a of actors) {
		if (!a.communeCode || !a.location) continue;
		const s = sums.get(a.communeCode) ?? [0, 0, 0];
		sums.set(a.communeCode, [s[0] + a.location[0], s[1] + a.location[1], s[2] + 1]);
	}
	return codes.map((code) => {
		const known = DEFAULT_COMMUNE_CENTRES.get(code);
		const outline = outlines.get(code);
		const sum = sums.get(code);
		const centre =
			known?.centre ??
			(outline ? outlineCentre(outline) : null) ??
			(sum ? ([sum[0] / sum[2], sum[1] / sum[2]] as LngLat) : null);
		return { code, name: nameOf(code) ?? known?.name ?? code, centre };
	});
}
