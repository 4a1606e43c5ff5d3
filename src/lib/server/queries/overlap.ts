/**
 * What the listings overlap page needs, read as the user (row level security applies: listings and
 * which of their rows went into which actor are visible to members of the territory only, through
 * source_record_links since the rows themselves are for editors; actors also to everybody on a
 * public territory).
 */
import type { ListingMembership, OverlapActor } from '$lib/domain/census/overlap';
import type { Tx } from '$lib/server/db/types';
import { territoryRole, type TerritoryRole } from './territories';

export interface OverlapSource {
	id: string;
	name: string;
	fileName: string | null;
	recordCount: number;
	importedAt: string;
}

export interface OverlapData {
	/** Oldest import first: the order of the matrix rows and the chart. */
	sources: OverlapSource[];
	/** One row per (actor, listing); `gone` when every record of the actor there is gone. */
	memberships: ListingMembership[];
	actors: OverlapActor[];
	/** The caller's role in the territory, null when not a member (e.g. a public territory's visitor). */
	role: TerritoryRole | null;
}

export async function loadOverlapData(tx: Tx, territoryId: string): Promise<OverlapData> {
	const role = await territoryRole(tx, territoryId);
	const sources = await tx.query<{
		id: string;
		name: string;
		file_name: string | null;
		record_count: number;
		imported_at: Date | string;
	}>(
		`select id, name, file_name, record_count, imported_at
		   from public.source
		  where territory_id = $1
		  order by imported_at, name, id`,
		[territoryId]
	);
	const memberships = await tx.query<{ actor_id: string; source_id: string; gone: boolean }>(
		`select actor_id, source_id, bool_and(gone) as gone
		   from public.source_record_links($1::uuid)
		  where actor_id is not null
		  group by actor_id, source_id`,
		[territoryId]
	);
	const actors = await tx.query<OverlapActor>(
		'select id, name from public.actor where territory_id = $1',
		[territoryId]
	);
	return {
		role,
		sources: sources.map((s) => ({
			id: s.id,
			name: s.name,
			fileName: s.file_name,
			recordCount: Number(s.record_count),
			importedAt: new Date(s.imported_at).toISOString()
		})),
		memberships: memberships.map((r) => ({
			actorId: r.actor_id,
			sourceId: r.source_id,
			gone: r.gone === true
		})),
		actors
	};
}
