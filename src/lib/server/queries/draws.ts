/**
 * Random draws of volunteers (#9): the calls, their pools, running them and recording the
 * answers. The draw itself is `$lib/domain/draw` (pure, replayable); the database keeps its
 * inputs (migration 20261128090000_draws.sql) and every query runs as the user, under RLS.
 */
import {
	drawGroups,
	replayDraw,
	type Answer,
	type AnswerKind,
	type DrawFailure,
	type DrawRules,
	type DrawState,
	type AnswerError,
	type Volunteer
} from '$lib/domain/draw';
import type { Tx } from '$lib/server/db/types';

export interface DrawAnnouncement {
	title: string;
	description: string | null;
	periodStart: string | null;
	periodEnd: string | null;
	rules: DrawRules;
	/** Where the seed will be read (announced with the call). */
	seedSource: string;
	confirmDays: number;
}

export interface DrawSummary extends DrawAnnouncement {
	id: string;
	createdAt: string;
	/** When the pool was closed (frozen); null while volunteers may still join. */
	poolClosedAt: string | null;
	/** The seed's value as read from its source, entered when the draw was run. */
	seed: string | null;
	drawnAt: string | null;
	/** Volunteers in the pool (the frozen pool once drawn). */
	poolSize: number;
}

export interface DrawRecord extends DrawSummary {
	attempts: number | null;
	/** The frozen pool once closed; null while the call is open. */
	snapshot: Volunteer[] | null;
}

export interface PoolMember extends Volunteer {
	addedAt: string;
	/** The caller added it (a member may withdraw what they added). */
	mine: boolean;
}

export interface RecordedAnswer extends Answer {
	id: number;
	answeredAt: string;
	replacementId: string | null;
	keptMix: boolean | null;
}

interface DrawRow {
	id: string;
	title: string;
	description: string | null;
	period_start: string | null;
	period_end: string | null;
	group_count: number;
	group_size: number;
	mix_worlds: boolean;
	mix_communes: boolean;
	seed_source: string;
	seed: string | null;
	confirm_days: number;
	created_at: string | Date;
	pool_closed_at: string | Date | null;
	drawn_at: string | Date | null;
	attempts: number | null;
	pool_snapshot: Volunteer[] | string | null;
	pool_size: number | string;
}

const iso = (v: string | Date | null): string | null =>
	v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

const day = (v: string | Date | null): string | null =>
	v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

function toRecord(row: DrawRow): DrawRecord {
	const snapshot =
		typeof row.pool_snapshot === 'string'
			? (JSON.parse(row.pool_snapshot) as Volunteer[])
			: row.pool_snapshot;
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		periodStart: day(row.period_start),
		periodEnd: day(row.period_end),
		rules: {
			groups: row.group_count,
			groupSize: row.group_size,
			mixWorlds: row.mix_worlds,
			mixCommunes: row.mix_communes
		},
		seedSource: row.seed_source,
		seed: row.seed,
		confirmDays: row.confirm_days,
		createdAt: iso(row.created_at)!,
		poolClosedAt: iso(row.pool_closed_at),
		drawnAt: iso(row.drawn_at),
		attempts: row.attempts,
		snapshot,
		poolSize: snapshot ? snapshot.length : Number(row.pool_size)
	};
}

const DRAW_COLUMNS = `d.id, d.title, d.description, d.period_start, d.period_end, d.group_count,
	d.group_size, d.mix_worlds, d.mix_communes, d.seed_source, d.seed, d.confirm_days, d.created_at,
	d.pool_closed_at, d.drawn_at, d.attempts`;

export async function listDraws(tx: Tx, territoryId: string): Promise<DrawSummary[]> {
	const rows = await tx.query<DrawRow>(
		`select ${DRAW_COLUMNS}, null::jsonb as pool_snapshot,
			coalesce(jsonb_array_length(d.pool_snapshot),
				(select count(*) from public.draw_volunteer v
				 where v.territory_id = d.territory_id and v.draw_id = d.id)) as pool_size
		 from public.draw d
		 where d.territory_id = $1
		 order by d.created_at desc, d.id`,
		[territoryId]
	);
	return rows.map((row) => {
		const { snapshot: _snapshot, attempts: _attempts, ...summary } = toRecord(row);
		return summary;
	});
}

export async function getDraw(
	tx: Tx,
	territoryId: string,
	drawId: string
): Promise<DrawRecord | null> {
	const rows = await tx.query<DrawRow>(
		`select ${DRAW_COLUMNS}, d.pool_snapshot,
			(select count(*) from public.draw_volunteer v
			 where v.territory_id = d.territory_id and v.draw_id = d.id) as pool_size
		 from public.draw d
		 where d.territory_id = $1 and d.id = $2`,
		[territoryId, drawId]
	);
	return rows[0] ? toRecord(rows[0]) : null;
}

export async function createDraw(
	tx: Tx,
	territoryId: string,
	a: DrawAnnouncement
): Promise<string> {
	const rows = await tx.query<{ id: string }>(
		`insert into public.draw (territory_id, title, description, period_start, period_end,
			group_count, group_size, mix_worlds, mix_communes, seed_source, confirm_days)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		 returning id`,
		[
			territoryId,
			a.title,
			a.description,
			a.periodStart,
			a.periodEnd,
			a.rules.groups,
			a.rules.groupSize,
			a.rules.mixWorlds,
			a.rules.mixCommunes,
			a.seedSource,
			a.confirmDays
		]
	);
	return rows[0]!.id;
}

/** Deletes a call whose pool is still open (RLS keeps a closed one: nothing deleted, false). */
export async function deleteOpenDraw(
	tx: Tx,
	territoryId: string,
	drawId: string
): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.draw
		 where territory_id = $1 and id = $2 and pool_closed_at is null
		 returning id`,
		[territoryId, drawId]
	);
	return rows.length > 0;
}

interface VolunteerRow {
	id: string;
	name: string;
	worlds: string[] | null;
	commune_code: string | null;
	added_at: string | Date;
	mine: boolean;
}

/** The pool of an open call, by name. */
export async function listPool(tx: Tx, territoryId: string, drawId: string): Promise<PoolMember[]> {
	const rows = await tx.query<VolunteerRow>(
		`select a.id, a.name, a.worlds, a.commune_code, v.added_at,
			coalesce(v.added_by = auth.uid(), false) as mine
		 from public.draw_volunteer v
		 join public.actor a on a.territory_id = v.territory_id and a.id = v.actor_id
		 where v.territory_id = $1 and v.draw_id = $2
		 order by a.name collate "C", a.id`,
		[territoryId, drawId]
	);
	return rows
		.map((r) => ({
			id: r.id,
			name: r.name,
			worlds: r.worlds ?? [],
			commune: r.commune_code,
			addedAt: iso(r.added_at)!,
			mine: r.mine
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Adds actors of the territory to an open call's pool; returns how many were new. */
export async function addVolunteers(
	tx: Tx,
	territoryId: string,
	drawId: string,
	actorIds: readonly string[]
): Promise<number> {
	if (actorIds.length === 0) return 0;
	const rows = await tx.query(
		`insert into public.draw_volunteer (territory_id, draw_id, actor_id)
		 select $1, $2, a.id from public.actor a
		 where a.territory_id = $1 and a.id = any ($3::uuid[])
		 on conflict do nothing
		 returning actor_id`,
		[territoryId, drawId, actorIds]
	);
	return rows.length;
}

export interface PoolCriteria {
	kind?: string | null;
	communeCode?: string | null;
	world?: string | null;
	sector?: string | null;
}

/** The ids of the territory's actors matching every given criterion (at most `limit`). */
export async function actorsMatching(
	tx: Tx,
	territoryId: string,
	c: PoolCriteria,
	limit = 500
): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`select a.id from public.actor a
		 where a.territory_id = $1
		   and ($2::text is null or a.kind = $2)
		   and ($3::text is null or a.commune_code = $3)
		   and ($4::text is null or $4 = any (a.worlds))
		   and ($5::text is null or $5 = any (a.sectors))
		 order by a.name, a.id
		 limit $6`,
		[territoryId, c.kind ?? null, c.communeCode ?? null, c.world ?? null, c.sector ?? null, limit]
	);
	return rows.map((r) => r.id);
}

export async function removeVolunteer(
	tx: Tx,
	territoryId: string,
	drawId: string,
	actorId: string
): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.draw_volunteer
		 where territory_id = $1 and draw_id = $2 and actor_id = $3
		 returning actor_id`,
		[territoryId, drawId, actorId]
	);
	return rows.length > 0;
}

/** One draw's changes at a time (answers are replayed in order). */
async function lockDraw(tx: Tx, drawId: string): Promise<void> {
	await tx.query(`select pg_advisory_xact_lock(hashtextextended($1, 9))`, [drawId]);
}

/** The most volunteers a pool holds when closed (the draw is replayed on every page view). */
export const MAX_POOL = 1000;

export type CloseResult =
	| { ok: true; size: number }
	| { ok: false; reason: 'not_open' }
	| { ok: false; reason: 'pool_too_large'; size: number; max: number }
	| DrawFailure;

/**
 * Closes the pool of an open call: freezes it (the snapshot anyone can replay) before the seed's
 * value is known. Refused when the pool cannot make the groups (too small, or unable to mix).
 */
export async function closePool(tx: Tx, territoryId: string, drawId: string): Promise<CloseResult> {
	await lockDraw(tx, drawId);
	const draw = await getDraw(tx, territoryId, drawId);
	if (!draw || draw.poolClosedAt !== null) return { ok: false, reason: 'not_open' };
	const pool = (await listPool(tx, territoryId, drawId)).map(
		({ id, name, worlds, commune }): Volunteer => ({ id, name, worlds: [...worlds], commune })
	);
	if (pool.length > MAX_POOL) {
		return { ok: false, reason: 'pool_too_large', size: pool.length, max: MAX_POOL };
	}
	// Whether this pool can make the groups at all hardly depends on the seed: one try with a seed
	// that is not the draw's (its result is not kept).
	const feasible = drawGroups(pool, draw.rules, `essai avant clôture ${drawId}`);
	if (!feasible.ok) return feasible;
	const snapshot = [...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const updated = await tx.query(
		`update public.draw set pool_snapshot = $3::text::jsonb, pool_closed_at = now()
		 where territory_id = $1 and id = $2 and pool_closed_at is null
		 returning id`,
		[territoryId, drawId, JSON.stringify(snapshot)]
	);
	return updated.length > 0 ? { ok: true, size: pool.length } : { ok: false, reason: 'not_open' };
}

export type RunResult = { ok: true } | DrawFailure | { ok: false; reason: 'not_closed' | 'drawn' };

/** Runs the draw of a closed pool with the seed's value, as read from its announced source. */
export async function runDraw(
	tx: Tx,
	territoryId: string,
	drawId: string,
	seed: string
): Promise<RunResult> {
	await lockDraw(tx, drawId);
	const draw = await getDraw(tx, territoryId, drawId);
	if (!draw) return { ok: false, reason: 'not_closed' };
	if (draw.drawnAt !== null) return { ok: false, reason: 'drawn' };
	if (!draw.snapshot) return { ok: false, reason: 'not_closed' };
	const result = drawGroups(draw.snapshot, draw.rules, seed);
	if (!result.ok) return result;
	const updated = await tx.query(
		`update public.draw
		 set seed = $3, attempts = $4, drawn_at = now(), drawn_by = auth.uid()
		 where territory_id = $1 and id = $2 and drawn_at is null and pool_closed_at is not null
		 returning id`,
		[territoryId, drawId, seed, result.attempts]
	);
	return updated.length > 0 ? { ok: true } : { ok: false, reason: 'drawn' };
}

interface AnswerRow {
	id: number | string;
	actor_id: string;
	answer: AnswerKind;
	answered_at: string | Date;
	replacement_id: string | null;
	kept_mix: boolean | null;
}

export async function listAnswers(
	tx: Tx,
	territoryId: string,
	drawId: string
): Promise<RecordedAnswer[]> {
	const rows = await tx.query<AnswerRow>(
		`select id, actor_id, answer, answered_at, replacement_id, kept_mix
		 from public.draw_answer
		 where territory_id = $1 and draw_id = $2
		 order by position`,
		[territoryId, drawId]
	);
	return rows.map((r) => ({
		id: Number(r.id),
		actorId: r.actor_id,
		answer: r.answer,
		answeredAt: iso(r.answered_at)!,
		replacementId: r.replacement_id,
		keptMix: r.kept_mix
	}));
}

export type AnswerResult =
	{ ok: true; state: DrawState } | { ok: false; reason: 'not_drawn' } | DrawFailure | AnswerError;

/** Records answers (in order) and the replacements the replay gives them. */
export async function recordAnswers(
	tx: Tx,
	territoryId: string,
	drawId: string,
	answers: readonly Answer[]
): Promise<AnswerResult> {
	await lockDraw(tx, drawId);
	const draw = await getDraw(tx, territoryId, drawId);
	if (!draw || !draw.snapshot || draw.seed === null) return { ok: false, reason: 'not_drawn' };
	const before = await listAnswers(tx, territoryId, drawId);
	const all = [...before.map(({ actorId, answer }) => ({ actorId, answer })), ...answers];
	const replayed = replayDraw(draw.snapshot, draw.rules, draw.seed, all);
	if (!replayed.ok) return replayed;
	for (let i = 0; i < answers.length; i++) {
		const index = before.length + i;
		const replacement = replayed.state.replacements.find((r) => r.answer === index);
		await tx.query(
			`insert into public.draw_answer
				(territory_id, draw_id, actor_id, answer, replacement_id, kept_mix, position)
			 values ($1, $2, $3, $4, $5, $6, $7)`,
			[
				territoryId,
				drawId,
				answers[i]!.actorId,
				answers[i]!.answer,
				replacement?.in ?? null,
				replacement ? replacement.keptMix : null,
				index
			]
		);
	}
	return { ok: true, state: replayed.state };
}

/** When each seat's confirmation is due: from the draw, or from the answer that freed it. */
export function deadlines(
	draw: Pick<DrawRecord, 'drawnAt' | 'confirmDays'>,
	state: DrawState,
	answers: readonly Pick<RecordedAnswer, 'answeredAt'>[]
): Map<string, string> {
	const due = new Map<string, string>();
	if (!draw.drawnAt) return due;
	const plusDays = (from: string) =>
		new Date(Date.parse(from) + draw.confirmDays * 86_400_000).toISOString();
	for (const seats of state.groups) {
		for (const seat of seats) {
			const from = seat.seatedBy < 0 ? draw.drawnAt : answers[seat.seatedBy]?.answeredAt;
			if (from) due.set(seat.actorId, plusDays(from));
		}
	}
	return due;
}

/** The pending seats whose deadline has passed at `now`, in seat order. */
export function overdue(state: DrawState, due: ReadonlyMap<string, string>, now: Date): string[] {
	return state.groups
		.flat()
		.filter((s) => s.status === 'pending')
		.filter((s) => {
			const at = due.get(s.actorId);
			return at !== undefined && Date.parse(at) <= now.getTime();
		})
		.map((s) => s.actorId);
}

/**
 * Records « silence » for every pending seat whose deadline has passed at `now`, and seats the
 * replacements. The overdue list is computed under the draw's lock, so an answer recorded at the
 * same moment is taken into account rather than making the batch fail. Returns how many seats
 * were given again (0 when none was overdue, or the draw is not drawn).
 */
export async function expireOverdue(
	tx: Tx,
	territoryId: string,
	drawId: string,
	now: Date = new Date()
): Promise<number> {
	await lockDraw(tx, drawId);
	const draw = await getDraw(tx, territoryId, drawId);
	if (!draw?.snapshot || draw.seed === null) return 0;
	const answers = await listAnswers(tx, territoryId, drawId);
	const replayed = replayDraw(draw.snapshot, draw.rules, draw.seed, answers);
	if (!replayed.ok) return 0;
	const late = overdue(replayed.state, deadlines(draw, replayed.state, answers), now);
	if (late.length === 0) return 0;
	const done = await recordAnswers(
		tx,
		territoryId,
		drawId,
		late.map((actorId) => ({ actorId, answer: 'expired' as const }))
	);
	return done.ok ? late.length : 0;
}

/** The communes where the territory has actors (codes), for the pool's « add by commune ». */
export async function actorCommunes(tx: Tx, territoryId: string): Promise<string[]> {
	const rows = await tx.query<{ code: string }>(
		`select distinct a.commune_code as code from public.actor a
		 where a.territory_id = $1 and a.commune_code is not null`,
		[territoryId]
	);
	return rows.map((r) => r.code);
}
