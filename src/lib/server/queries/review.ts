/**
 * The duplicate review queue, read as the user: row level security shows `review_pair` to the
 * owners and editors of the territory only (anyone else gets an empty queue).
 *
 * The queue itself is light (two ids, a score and the size of both actors per pair) so that it
 * can be ordered whole (`orderReviewQueue`); the cards — both rows as imported, their listings,
 * their current actors and the engine's comparisons — are read for the first few pairs only.
 */
import { orderReviewQueue, pairKey, type QueueOptions } from '$lib/domain/census/review-order';
import { roleValue } from '$lib/domain/census/normalize';
import { ROLES, type Role, type RoleMapping } from '$lib/domain/census/types';
import type { Comparison } from '$lib/domain/census/score';
import type { Tx } from '$lib/server/db/types';

export interface ReviewQueueEntry {
	recordA: string;
	recordB: string;
	score: number;
	/** Records of the two current actors together (what "same" would gather). */
	gathered: number;
}

export interface ReviewActor {
	id: string;
	name: string;
	/** Rows of every listing this actor gathers now. */
	records: number;
	/** The actor's point as the census has it, [lng, lat]; null when it is not placed. */
	point: { lng: number; lat: number; quality: string | null } | null;
	communeCode: string | null;
}

export interface ReviewRecord {
	id: string;
	sourceId: string;
	sourceName: string;
	fileName: string | null;
	rowNumber: number;
	/** No longer in the latest version of its listing. */
	gone: boolean;
	/** The value each role reads from the row (roles without a value are left out). */
	values: Partial<Record<Role, string>>;
	/** The row exactly as imported, in the listing's column order. */
	cells: { column: string; value: string }[];
	actor: ReviewActor | null;
}

export interface ReviewPairDetail extends ReviewQueueEntry {
	comparisons: Comparison[];
	a: ReviewRecord;
	b: ReviewRecord;
}

export interface ReviewQueue {
	/** Every pair still to review, in queue order. */
	total: number;
	/** How many of them the person skipped (`options.skipped`). */
	skippedCount: number;
	/** The first pairs of the queue, with everything their cards show. */
	pairs: ReviewPairDetail[];
}

/** A decision of this user that the review page can take back. */
export interface LastDecision {
	recordA: string;
	recordB: string;
	decision: 'same' | 'different';
	nameA: string;
	nameB: string;
}

/**
 * Every pair the engine left whose two records still belong to different actors. A rebuild
 * replaces the whole table, so this only guards against a queue read between two writes.
 */
export async function listReviewQueue(tx: Tx, territoryId: string): Promise<ReviewQueueEntry[]> {
	const rows = await tx.query<{
		record_a: string;
		record_b: string;
		score: number;
		gathered: number;
	}>(
		`with sizes as (
		   select actor_id, count(*)::int as n
		     from public.source_record
		    where territory_id = $1 and actor_id is not null
		    group by actor_id
		 )
		 select p.record_a, p.record_b, p.score,
		        (coalesce(sa.n, 1) + coalesce(sb.n, 1))::int as gathered
		   from public.review_pair p
		   join public.source_record ra on ra.territory_id = p.territory_id and ra.id = p.record_a
		   join public.source_record rb on rb.territory_id = p.territory_id and rb.id = p.record_b
		   left join sizes sa on sa.actor_id = ra.actor_id
		   left join sizes sb on sb.actor_id = rb.actor_id
		  where p.territory_id = $1
		    and (ra.actor_id is null or rb.actor_id is null or ra.actor_id <> rb.actor_id)`,
		[territoryId]
	);
	return rows.map((r) => ({
		recordA: r.record_a,
		recordB: r.record_b,
		score: Number(r.score),
		gathered: Number(r.gathered)
	}));
}

interface RecordRow {
	id: string;
	source_id: string;
	source_name: string;
	file_name: string | null;
	headers: string[] | null;
	column_mapping: RoleMapping | null;
	row_number: number;
	raw: Record<string, unknown> | null;
	gone: boolean;
	actor_id: string | null;
	actor_name: string | null;
	actor_records: number | null;
	lng: number | null;
	lat: number | null;
	location_quality: string | null;
	commune_code: string | null;
}

function text(v: unknown): string {
	if (v === null || v === undefined) return '';
	return typeof v === 'string' ? v : String(v);
}

function toRecord(r: RecordRow): ReviewRecord {
	const raw: Record<string, string> = {};
	for (const [k, v] of Object.entries(r.raw ?? {})) raw[k] = text(v);
	const mapping = r.column_mapping ?? {};
	const values: Partial<Record<Role, string>> = {};
	for (const role of ROLES) {
		const v = roleValue({ file: r.source_id, row: r.row_number, raw }, mapping[role]);
		if (v !== '') values[role] = v;
	}
	const order = (r.headers ?? []).filter((h) => Object.hasOwn(raw, h));
	for (const k of Object.keys(raw)) if (!order.includes(k)) order.push(k);
	const lng = r.lng === null ? null : Number(r.lng);
	const lat = r.lat === null ? null : Number(r.lat);
	return {
		id: r.id,
		sourceId: r.source_id,
		sourceName: r.source_name,
		fileName: r.file_name,
		rowNumber: Number(r.row_number),
		gone: r.gone,
		values,
		cells: order.map((column) => ({ column, value: raw[column]! })),
		actor:
			r.actor_id === null
				? null
				: {
						id: r.actor_id,
						name: r.actor_name ?? '',
						records: Number(r.actor_records ?? 1),
						point:
							lng !== null && lat !== null && Number.isFinite(lng) && Number.isFinite(lat)
								? { lng, lat, quality: r.location_quality }
								: null,
						communeCode: r.commune_code
					}
	};
}

async function loadRecords(
	tx: Tx,
	territoryId: string,
	ids: string[]
): Promise<Map<string, ReviewRecord>> {
	if (ids.length === 0) return new Map();
	const rows = await tx.query<RecordRow>(
		`select r.id, r.source_id, s.name as source_name, s.file_name, s.headers, s.column_mapping,
		        r.row_number, r.raw, r.gone, r.actor_id,
		        a.name as actor_name,
		        (select count(*)::int from public.source_record o
		          where o.territory_id = r.territory_id and o.actor_id = r.actor_id) as actor_records,
		        st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
		        a.location_quality, a.commune_code
		   from public.source_record r
		   join public.source s on s.territory_id = r.territory_id and s.id = r.source_id
		   left join public.actor a on a.territory_id = r.territory_id and a.id = r.actor_id
		  where r.territory_id = $1 and r.id = any($2::uuid[])`,
		[territoryId, ids]
	);
	return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

function toComparisons(value: unknown): Comparison[] {
	if (!Array.isArray(value)) return [];
	const out: Comparison[] = [];
	for (const c of value) {
		if (c === null || typeof c !== 'object') continue;
		const { field, weight, detail } = c as Record<string, unknown>;
		if (typeof field !== 'string') continue;
		out.push({
			field,
			weight: typeof weight === 'number' && Number.isFinite(weight) ? weight : 0,
			detail: typeof detail === 'string' ? detail : ''
		});
	}
	return out;
}

/**
 * The review queue in its order, with the cards of its first `window` pairs. `options` carries
 * the person's skips and the pair to bring back first (see `orderReviewQueue`).
 */
export async function loadReviewQueue(
	tx: Tx,
	territoryId: string,
	options: QueueOptions & { window?: number } = {}
): Promise<ReviewQueue> {
	const queue = orderReviewQueue(await listReviewQueue(tx, territoryId), options);
	const skipped = new Set(options.skipped ?? []);
	const skippedCount = queue.filter((p) => skipped.has(pairKey(p.recordA, p.recordB))).length;
	const head = queue.slice(0, Math.max(0, options.window ?? 10));
	if (head.length === 0) return { total: queue.length, skippedCount, pairs: [] };

	const comparisons = await tx.query<{ record_a: string; record_b: string; comparisons: unknown }>(
		`select p.record_a, p.record_b, p.comparisons
		   from public.review_pair p
		   join unnest($2::uuid[], $3::uuid[]) as w(a, b) on p.record_a = w.a and p.record_b = w.b
		  where p.territory_id = $1`,
		[territoryId, head.map((p) => p.recordA), head.map((p) => p.recordB)]
	);
	const byPair = new Map(comparisons.map((c) => [`${c.record_a}|${c.record_b}`, c.comparisons]));
	const records = await loadRecords(
		tx,
		territoryId,
		head.flatMap((p) => [p.recordA, p.recordB])
	);
	const pairs: ReviewPairDetail[] = [];
	for (const p of head) {
		const a = records.get(p.recordA);
		const b = records.get(p.recordB);
		// Both rows are readable whenever the pair is (same policies); a pair deleted in between
		// is simply left out.
		if (a === undefined || b === undefined) continue;
		pairs.push({ ...p, comparisons: toComparisons(byPair.get(`${p.recordA}|${p.recordB}`)), a, b });
	}
	return { total: queue.length, skippedCount, pairs };
}

/**
 * This user's latest decision that still stands and was taken on a pair (the review page, not an
 * unmerge — whose "not the same" decisions are undone by merging again, on the actor page).
 * Taking it back, then the one before, walks back through the person's decisions.
 *
 * A decision and its history row are written in one transaction, so they share `now()`: a
 * decision changed since (decided again, or by an unmerge) no longer matches its old row.
 */
export async function lastDecision(tx: Tx, territoryId: string): Promise<LastDecision | null> {
	const [row] = await tx.query<{
		record_a: string;
		record_b: string;
		decision: 'same' | 'different';
	}>(
		`select d.record_a, d.record_b, d.decision
		   from (select h.id, h.done_at, h.detail
		           from public.census_history h
		          where h.territory_id = $1
		            and h.action = 'decision'
		            and h.done_by = auth.uid()
		            and h.detail ->> 'decision' in ('same', 'different')
		          order by h.id desc
		          limit 200) h
		   join public.match_decision d
		     on d.territory_id = $1
		    and d.record_a::text = h.detail -> 'records' ->> 0
		    and d.record_b::text = h.detail -> 'records' ->> 1
		    and d.decision = h.detail ->> 'decision'
		    and d.decided_by = auth.uid()
		    and d.decided_at = h.done_at
		  order by h.id desc
		  limit 1`,
		[territoryId]
	);
	if (row === undefined) return null;
	const records = await loadRecords(tx, territoryId, [row.record_a, row.record_b]);
	const name = (id: string): string => {
		const r = records.get(id);
		return r?.values.name ?? r?.actor?.name ?? '';
	};
	return {
		recordA: row.record_a,
		recordB: row.record_b,
		decision: row.decision,
		nameA: name(row.record_a),
		nameB: name(row.record_b)
	};
}

/** The decision standing on a pair, if any (the undo action checks there is one to take back). */
export async function decisionOn(
	tx: Tx,
	territoryId: string,
	recordA: string,
	recordB: string
): Promise<'same' | 'different' | null> {
	const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
	const [row] = await tx.query<{ decision: 'same' | 'different' }>(
		`select decision from public.match_decision
		  where territory_id = $1 and record_a = $2 and record_b = $3`,
		[territoryId, a, b]
	);
	return row?.decision ?? null;
}
