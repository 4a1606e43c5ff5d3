/**
 * The census history (#8: who changed what and when, for actors, merges and decisions), as the
 * actor page and the territory's history page show it. Written by the database only
 * (`maillage_app.write_history`, migration 20261127110000); readable by owners and editors.
 */
import { finiteOrNull } from '$lib/domain/numbers';
import { isUuid } from '$lib/domain/events/event-input';
import type { Tx } from '$lib/server/db/types';

export interface ActorPartner {
	id: string;
	/** Null when the actor is neither in the census nor among the absorbed ones. */
	name: string | null;
	/** Still in the census: the page may link to it. */
	exists: boolean;
}

export type HistoryEvent =
	| { action: 'import'; listings: string[]; from: ActorPartner | null }
	| { action: 'merge'; partner: ActorPartner | null; listings: string[] }
	| { action: 'absorb'; partner: ActorPartner | null; listings: string[] }
	| { action: 'restore'; partner: ActorPartner | null }
	| { action: 'unmerge'; count: number }
	| { action: 'decision'; decision: 'same' | 'different' | 'withdrawn' }
	| { action: 'override'; field: string; after: string | null }
	| { action: 'place'; after: { lng: number; lat: number } | null }
	/** A change made outside the app (API, SQL), logged by the database: which fields. */
	| { action: 'edit'; op: 'insert' | 'update' | 'delete'; fields: string[] }
	| { action: 'visibility'; field: string; after: 'public' | 'members' | 'editors' }
	/** An actor removed at its request (RGPD): nothing else is kept. */
	| { action: 'erase' };

/** `by`: the email of who did it; null when unknown (the database, or an account deleted since). */
export type HistoryItem = HistoryEvent & {
	id: number;
	doneAt: string;
	by: string | null;
	/** The entry's own actor (named for the territory-wide history); null when none. */
	actor: ActorPartner | null;
};

interface HistoryRow {
	id: number | string;
	actor_id: string | null;
	action: HistoryEvent['action'];
	detail: Record<string, unknown> | null;
	done_at: string;
	by: string | null;
}

function strings(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export interface HistoryQuery {
	/** One actor's history; the whole territory's without it. */
	actorId?: string;
	/** Entries older than this one (paging the territory's history). */
	beforeId?: number;
	limit?: number;
}

/**
 * Newest first, each with who did it (`maillage_app.history_authors`, owners and editors only —
 * RLS gives everybody else no row at all); the actors a merge joined are named, from the census
 * or from their snapshot.
 */
export async function loadHistory(
	tx: Tx,
	territoryId: string,
	query: HistoryQuery = {}
): Promise<HistoryItem[]> {
	const rows = await tx.query<HistoryRow>(
		`select h.id, h.actor_id, h.action, h.detail,
		        to_char(h.done_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as done_at,
		        u.email as by
		   from public.census_history h
		   left join maillage_app.history_authors($1) u on u.user_id = h.done_by
		  where h.territory_id = $1
		    and ($2::uuid is null or h.actor_id = $2)
		    and ($3::bigint is null or h.id < $3)
		  order by h.id desc
		  limit $4`,
		[territoryId, query.actorId ?? null, query.beforeId ?? null, query.limit ?? 1000]
	);
	const partnerKey = (d: Record<string, unknown>, action: string): string | null => {
		const v =
			action === 'merge'
				? d.absorbed
				: action === 'absorb'
					? d.into
					: action === 'restore'
						? d.from
						: action === 'import'
							? d.unmerge
							: null;
		return typeof v === 'string' && isUuid(v) ? v : null;
	};
	const ids = [
		...new Set(
			rows
				.flatMap((r) => [partnerKey(r.detail ?? {}, r.action), r.actor_id])
				.filter((x): x is string => x !== null && isUuid(x))
		)
	];
	const names = new Map<string, ActorPartner>();
	if (ids.length > 0) {
		const found = await tx.query<{ id: string; name: string | null; exists: boolean }>(
			`select x.id, coalesce(a.name, b.snapshot->>'name') as name, a.id is not null as exists
			   from unnest($2::uuid[]) as x(id)
			   left join public.actor a on a.territory_id = $1 and a.id = x.id
			   left join public.absorbed_actor b on b.territory_id = $1 and b.actor_id = x.id`,
			[territoryId, ids]
		);
		for (const f of found) names.set(f.id, { id: f.id, name: f.name, exists: f.exists });
	}
	const partner = (d: Record<string, unknown>, action: string): ActorPartner | null => {
		const id = partnerKey(d, action);
		return id === null ? null : (names.get(id) ?? { id, name: null, exists: false });
	};
	const items: HistoryItem[] = [];
	for (const r of rows) {
		const d = r.detail ?? {};
		const actor =
			r.actor_id === null
				? null
				: (names.get(r.actor_id) ?? { id: r.actor_id, name: null, exists: false });
		const base = { id: Number(r.id), doneAt: r.done_at, by: r.by, actor };
		switch (r.action) {
			case 'import':
				items.push({
					...base,
					action: 'import',
					listings: strings(d.import),
					from: partner(d, 'import')
				});
				break;
			case 'merge':
			case 'absorb':
				items.push({
					...base,
					action: r.action,
					partner: partner(d, r.action),
					listings: strings(d.import)
				});
				break;
			case 'restore':
				items.push({ ...base, action: 'restore', partner: partner(d, 'restore') });
				break;
			case 'unmerge':
				items.push({ ...base, action: 'unmerge', count: strings(d.records).length });
				break;
			case 'decision': {
				const decision =
					d.decision === 'same' || d.decision === 'different' ? d.decision : 'withdrawn';
				items.push({ ...base, action: 'decision', decision });
				break;
			}
			case 'override':
				items.push({
					...base,
					action: 'override',
					field: typeof d.field === 'string' ? d.field : '',
					after: typeof d.after === 'string' ? d.after : null
				});
				break;
			case 'place': {
				const a = d.after as { lng?: unknown; lat?: unknown } | null | undefined;
				const lng2 = finiteOrNull(a?.lng);
				const lat2 = finiteOrNull(a?.lat);
				items.push({
					...base,
					action: 'place',
					after: lng2 !== null && lat2 !== null ? { lng: lng2, lat: lat2 } : null
				});
				break;
			}
			case 'visibility':
				items.push({
					...base,
					action: 'visibility',
					field: typeof d.field === 'string' ? d.field : '',
					after: d.after === 'public' || d.after === 'editors' ? d.after : 'members'
				});
				break;
			case 'erase':
				items.push({ ...base, action: 'erase' });
				break;
			case 'edit': {
				const op = d.op === 'insert' || d.op === 'delete' ? d.op : 'update';
				const fields =
					d.fields !== null && typeof d.fields === 'object' ? Object.keys(d.fields).sort() : [];
				items.push({ ...base, action: 'edit', op, fields });
				break;
			}
		}
	}
	return items;
}
