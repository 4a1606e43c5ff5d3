/**
 * The dossier's « map picture » (#7): where the actors and the common places of the scope are,
 * read as the user (row level security decides what exists) and aggregated in SQL on a grid of
 * GRID_DEGREES so that the page receives a bounded payload whatever the number of actors (one
 * row per cell and kind, at most `maxPoints` rows).
 *
 * Audience: the schema has no public/members distinction on actor or place rows — on a public
 * territory anon reads them all (supabase/migrations/*_init_security.sql, actor_select and
 * place_select), and the public map shows the same points, one per actor. So the public dossier
 * gets the same cells as the members', as `loadDossierInput` gives it the same actors and places.
 * The audience is still taken so that a later per-actor visibility is applied here, once.
 */
import { toActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import type { DossierAudience } from '$lib/domain/dossier/types';
import { finiteOrNull } from '$lib/domain/numbers';
import type { Tx } from '$lib/server/db/types';

/** Side of a grid cell in degrees: about 400 m north–south, 550 m east–west at 45° N. */
export const GRID_DEGREES = 0.005;
/** Most cells sent to the page: a few hundred kilobytes of SVG at worst. */
export const MAX_POINTS = 4000;

/** One cell of the grid: where its actors of one kind (or its places) are on average. */
export interface DossierPoint {
	lng: number;
	lat: number;
	kind: ActorKind | 'place';
	/** How many actors (or places) of this kind the cell holds; at least 1. */
	count: number;
}

export interface DossierPoints {
	/** Actor cells, most populated first. */
	actors: DossierPoint[];
	/** Common place cells (kind 'place'), most populated first. */
	places: DossierPoint[];
	/** Actors of the scope with a location (all of them, drawn or not when capped). */
	actorsPlaced: number;
	/** Actors of the scope without a location: not on the picture. */
	actorsUnplaced: number;
	/** Common places of the scope with a location. */
	placesPlaced: number;
	/** True when cells were left out to stay under `maxPoints` (the smallest ones go first). */
	capped: boolean;
}

export interface LoadDossierPointsOptions {
	/** Most cells returned, places and actors together; default MAX_POINTS. */
	maxPoints?: number;
}

/**
 * The scope's actors and common places on the grid. `scopeCodes`: the scope's commune codes (an
 * array, or the set `scopeCodes(scope)` of $lib/domain/dossier/scope returns); null for the whole
 * territory, rows without a commune included. Places are kept before actors when the cap bites:
 * they are few and drawn with their own symbol.
 */
export async function loadDossierPoints(
	tx: Tx,
	territoryId: string,
	scopeCodes: Iterable<string> | null,
	_audience: DossierAudience,
	options: LoadDossierPointsOptions = {}
): Promise<DossierPoints> {
	const maxPoints = Math.max(0, Math.floor(options.maxPoints ?? MAX_POINTS));
	const codes = scopeCodes === null ? null : [...scopeCodes];

	const [counts] = await tx.query<{ placed: number; unplaced: number; places: number }>(
		`select count(a.location)::int as placed,
		        (count(*) - count(a.location))::int as unplaced,
		        (select count(p.location)::int from public.place p
		          where p.territory_id = $1
		            and ($2::text[] is null or p.commune_code = any ($2::text[]))) as places
		   from public.actor a
		  where a.territory_id = $1 and ($2::text[] is null or a.commune_code = any ($2::text[]))`,
		[territoryId, codes]
	);

	// A cell is the pair of rounded coordinates; its point is the mean of its members, so it lies
	// in the cell, less than one cell side from each of them. `count(*) over ()` is evaluated
	// before the limit: the number of cells there were.
	const rows = await tx.query<{
		layer: 'place' | 'actor';
		kind: string;
		lng: number;
		lat: number;
		n: number;
		cells: number;
	}>(
		`with pts as (
		   select 'actor' as layer, kind, location::geometry as g from public.actor
		    where territory_id = $1 and location is not null
		      and ($2::text[] is null or commune_code = any ($2::text[]))
		   union all
		   select 'place', 'place', location::geometry from public.place
		    where territory_id = $1 and location is not null
		      and ($2::text[] is null or commune_code = any ($2::text[]))
		 ), cells as (
		   select layer, kind, avg(st_x(g)) as lng, avg(st_y(g)) as lat, count(*)::int as n
		     from pts
		    group by layer, kind, round(st_x(g) / $3::float8), round(st_y(g) / $3::float8)
		 )
		 select layer, kind, lng, lat, n, (count(*) over ())::int as cells
		   from cells
		  order by layer = 'place' desc, n desc, kind, lng, lat
		  limit $4::int`,
		[territoryId, codes, GRID_DEGREES, maxPoints]
	);

	const actors: DossierPoint[] = [];
	const places: DossierPoint[] = [];
	for (const row of rows) {
		const lng = finiteOrNull(row.lng);
		const lat = finiteOrNull(row.lat);
		if (lng === null || lat === null) continue;
		const count = Number(row.n);
		if (row.layer === 'place') places.push({ lng, lat, kind: 'place', count });
		else actors.push({ lng, lat, kind: toActorKind(row.kind), count });
	}
	const actorsPlaced = Number(counts?.placed ?? 0);
	const placesPlaced = Number(counts?.places ?? 0);
	// With no row back (a cap of 0) the window count is unknown: anything located was left out.
	const capped =
		rows.length === 0 ? actorsPlaced + placesPlaced > 0 : Number(rows[0]!.cells) > rows.length;
	return {
		actors,
		places,
		actorsPlaced,
		actorsUnplaced: Number(counts?.unplaced ?? 0),
		placesPlaced,
		capped
	};
}
