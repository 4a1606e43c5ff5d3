/**
 * Read queries behind the pages. Each takes the transaction of `db.asUser(...)`, so row level
 * security decides what is visible: an unreadable territory is simply not found.
 */
import type { Tx } from '$lib/server/db/types';

export interface TerritorySummary {
	slug: string;
	name: string;
	visibility: 'private' | 'public';
	actorCount: number;
}

export async function listReadableTerritories(tx: Tx): Promise<TerritorySummary[]> {
	const rows = await tx.query<{
		slug: string;
		name: string;
		visibility: 'private' | 'public';
		actor_count: number;
	}>(
		`select t.slug, t.name, t.visibility,
		        (select count(*)::int from public.actor a where a.territory_id = t.id) as actor_count
		   from public.territory t
		  order by t.name`
	);
	return rows.map((r) => ({
		slug: r.slug,
		name: r.name,
		visibility: r.visibility,
		actorCount: Number(r.actor_count)
	}));
}

export interface TerritoryRef {
	id: string;
	slug: string;
	name: string;
}

export async function findTerritoryBySlug(tx: Tx, slug: string): Promise<TerritoryRef | null> {
	const rows = await tx.query<TerritoryRef>(
		'select id, slug, name from public.territory where slug = $1',
		[slug]
	);
	return rows[0] ?? null;
}

export type TerritoryRole = 'owner' | 'editor' | 'member' | 'viewer';

/** The user's role on a territory (null: none, e.g. anonymous on a public territory). */
export async function territoryRole(tx: Tx, territoryId: string): Promise<TerritoryRole | null> {
	const [row] = await tx.query<{ role: TerritoryRole | null }>(
		'select public.territory_role($1) as role',
		[territoryId]
	);
	return row?.role ?? null;
}

export function canEdit(role: TerritoryRole | null): boolean {
	return role === 'owner' || role === 'editor';
}
