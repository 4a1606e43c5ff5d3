import type { Tx } from '$lib/server/db/types';
import type { ActorPointRow } from '$lib/map/actors-geojson';
import type { DirectorySourceRow } from '$lib/map/directory';

/** What the directory beside the map shows, plus the coordinates a selected row flies to. */
export async function listDirectoryRows(
	tx: Tx,
	territoryId: string
): Promise<DirectorySourceRow[]> {
	const rows = await tx.query<DirectorySourceRow>(
		`select id, name, kind, commune_code,
		        st_x(location::geometry) as lng, st_y(location::geometry) as lat
		   from public.actor
		  where territory_id = $1`,
		[territoryId]
	);
	return rows.map((r) => ({
		...r,
		lng: r.lng === null ? null : Number(r.lng),
		lat: r.lat === null ? null : Number(r.lat)
	}));
}

/** Only the located actors, with only the properties the map layers use. */
export async function listActorPoints(tx: Tx, territoryId: string): Promise<ActorPointRow[]> {
	return tx.query<ActorPointRow>(
		`select id, name, kind, st_x(location::geometry) as lng, st_y(location::geometry) as lat
		   from public.actor
		  where territory_id = $1 and location is not null`,
		[territoryId]
	);
}
