/**
 * The census operations the app offers: rebuild after a change of input (import, decision,
 * unmerge), and hand edits of one actor. Each is one transaction as the user; a rebuild is
 * computed before its transaction opens and retried when the census moved meanwhile.
 */
import type { Claims, Database, Tx } from '../db/types';
import { loadFrenchCommunes } from '../../domain/census/communes-fr';
import { isActorKind } from '../../domain/actor-kinds';
import { personalFields } from '../../domain/privacy/personal';
import {
	applyOverrides,
	isOverridableField,
	type ActorFieldValues,
	type Overrides
} from '../../domain/census/actor-fields';
import {
	loadCensusState,
	type CensusState,
	ACTOR_STATE_COLUMNS,
	ACTOR_STATE_FROM,
	toActorState,
	type ActorState
} from './state';
import { planCensus, type CensusPlan } from './plan';
import { applyPlan, bumpVersion, CensusConflict, writeHistory } from './write';

export { CensusConflict };

export interface RebuildOptions<T> {
	/** Changes the loaded state in memory the way `persist` will change the database. */
	patch?: (state: CensusState) => T;
	/** Writes the change itself, in the rebuild's transaction, before the plan is applied. */
	persist?: (tx: Tx, state: CensusState, patched: T) => Promise<void>;
	/** Runs in the rebuild's transaction once the plan is applied (its actors exist). */
	afterApply?: (tx: Tx, plan: CensusPlan, patched: T) => Promise<void>;
	reason: Record<string, unknown>;
	/** Called once the plan is computed and the write transaction is about to open. */
	onStage?: (stage: 'match' | 'save') => void;
	/** Test hook: inside the write transaction, after the plan's writes, before commit. */
	beforeCommit?: () => Promise<void>;
}

export interface RebuildResult<T> {
	plan: CensusPlan;
	patched: T;
	version: number;
}

const MAX_ATTEMPTS = 3;

export async function rebuildCensus<T = void>(
	db: Database,
	claims: Claims,
	territoryId: string,
	options: RebuildOptions<T>
): Promise<RebuildResult<T>> {
	const communes = await loadFrenchCommunes();
	for (let attempt = 1; ; attempt++) {
		const state = await db.asUser(claims, (tx) => loadCensusState(tx, territoryId));
		const patched = options.patch ? options.patch(state) : (undefined as T);
		options.onStage?.('match');
		const plan = planCensus(state, communes);
		options.onStage?.('save');
		try {
			const version = await db.asUser(claims, async (tx) => {
				if (options.persist) await options.persist(tx, state, patched);
				await applyPlan(tx, territoryId, plan, options.reason);
				if (options.afterApply) await options.afterApply(tx, plan, patched);
				const v = await bumpVersion(tx, territoryId, state.version);
				if (options.beforeCommit) await options.beforeCommit();
				return v;
			});
			return { plan, patched, version };
		} catch (e) {
			if (e instanceof CensusConflict && attempt < MAX_ATTEMPTS) continue;
			throw e;
		}
	}
}

function orderedPair(a: string, b: string): [string, string] {
	return a < b ? [a, b] : [b, a];
}

/** A person's word on a pair of records; honoured by every later rebuild. */
export async function decidePair(
	db: Database,
	claims: Claims,
	territoryId: string,
	recordA: string,
	recordB: string,
	decision: 'same' | 'different'
): Promise<CensusPlan> {
	const [a, b] = orderedPair(recordA, recordB);
	if (a === b) throw new Error('a record is always the same as itself');
	const { plan } = await rebuildCensus(db, claims, territoryId, {
		reason: { decision, records: [a, b] },
		patch: (state) => {
			if (!state.records.some((r) => r.id === a) || !state.records.some((r) => r.id === b))
				throw new CensusInputError('unknown_record');
			state.decisions = state.decisions.filter((d) => !(d.record_a === a && d.record_b === b));
			state.decisions.push({ record_a: a, record_b: b, decision });
		},
		persist: async (tx) => {
			await tx.query(
				`insert into public.match_decision (territory_id, record_a, record_b, decision)
				 values ($1, $2, $3, $4)
				 on conflict (territory_id, record_a, record_b)
				 do update set decision = excluded.decision, decided_by = auth.uid(), decided_at = now()`,
				[territoryId, a, b, decision]
			);
			const actors = await tx.query<{ actor_id: string | null }>(
				'select actor_id from public.source_record where territory_id = $1 and id = any($2::uuid[])',
				[territoryId, [a, b]]
			);
			await writeHistory(
				tx,
				territoryId,
				[...new Set(actors.map((x) => x.actor_id))].map((actor_id) => ({
					actor_id,
					action: 'decision',
					detail: { decision, records: [a, b] }
				}))
			);
		}
	});
	return plan;
}

export class CensusInputError extends Error {
	constructor(
		readonly code: 'unknown_record' | 'unknown_actor' | 'bad_field' | 'bad_value' | 'last_record'
	) {
		super(code);
	}
}

/**
 * Splits records out of an actor: each split record is declared "not the same" as every record
 * that stays, and any "same" decision joining them is withdrawn. The split records form their
 * own actor — the one a merge absorbed, exactly as it was, when they are its records again.
 */
export async function unmergeRecords(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string,
	splitIds: string[]
): Promise<CensusPlan> {
	const split = new Set(splitIds);
	const { plan } = await rebuildCensus(db, claims, territoryId, {
		reason: { unmerge: actorId, records: [...split] },
		patch: (state) => {
			const mine = state.records.filter((r) => r.actor_id === actorId).map((r) => r.id);
			if (mine.length === 0) throw new CensusInputError('unknown_actor');
			if (![...split].every((id) => mine.includes(id)))
				throw new CensusInputError('unknown_record');
			const stay = mine.filter((id) => !split.has(id));
			if (stay.length === 0) throw new CensusInputError('last_record');
			const pairs: [string, string][] = [];
			for (const s of split) for (const t of stay) pairs.push(orderedPair(s, t));
			const key = (a: string, b: string): string => `${a}|${b}`;
			const affected = new Set(pairs.map(([a, b]) => key(a, b)));
			state.decisions = state.decisions.filter((d) => !affected.has(key(d.record_a, d.record_b)));
			for (const [a, b] of pairs)
				state.decisions.push({ record_a: a, record_b: b, decision: 'different' });
			return pairs;
		},
		persist: async (tx, _state, pairs) => {
			await tx.query(
				`insert into public.match_decision (territory_id, record_a, record_b, decision)
				 select $1, x.a, x.b, 'different' from jsonb_to_recordset($2::text::jsonb) as x(a uuid, b uuid)
				 on conflict (territory_id, record_a, record_b)
				 do update set decision = 'different', decided_by = auth.uid(), decided_at = now()`,
				[territoryId, JSON.stringify(pairs.map(([a, b]) => ({ a, b })))]
			);
			await writeHistory(tx, territoryId, [
				{ actor_id: actorId, action: 'unmerge', detail: { records: [...split] } }
			]);
		}
	});
	return plan;
}

async function loadActor(tx: Tx, territoryId: string, actorId: string): Promise<ActorState> {
	const [row] = await tx.query<ActorState>(
		`select ${ACTOR_STATE_COLUMNS} from ${ACTOR_STATE_FROM} where a.territory_id = $1 and a.id = $2`,
		[territoryId, actorId]
	);
	if (row === undefined) throw new CensusInputError('unknown_actor');
	return toActorState(row);
}

function currentValues(a: ActorState): ActorFieldValues {
	return { ...(a as unknown as ActorFieldValues) };
}

/**
 * Sets (or clears, with null) a value by hand. The merged value stays in the provenance's
 * alternatives; clearing the override brings it back at the next rebuild.
 */
export async function overrideField(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string,
	field: string,
	value: string | null
): Promise<void> {
	if (!isOverridableField(field)) throw new CensusInputError('bad_field');
	if (field === 'kind' && value !== null && !isActorKind(value))
		throw new CensusInputError('bad_value');
	if (field === 'name' && value !== null && value.trim() === '')
		throw new CensusInputError('bad_value');
	await db.asUser(claims, async (tx) => {
		const actor = await loadActor(tx, territoryId, actorId);
		const overrides: Overrides = { ...actor.overrides };
		const before = Object.hasOwn(overrides, field) ? overrides[field] : null;
		if (value === null) delete overrides[field];
		else overrides[field] = value;
		await tx.query(
			`update public.actor set overrides = $3::text::jsonb where territory_id = $1 and id = $2`,
			[territoryId, actorId, JSON.stringify(overrides)]
		);
		if (value !== null) {
			const v = applyOverrides(currentValues(actor), overrides);
			// A person's own email or mobile typed by hand is marked as at import (#8), and does not
			// inherit a « public » the organisation's value had: it goes public only with the page's
			// confirmation.
			const personal = personalFields({ email: v.email, phone: v.phone });
			await tx.query(
				`update public.actor set ${field} = $3, provenance = $4::text::jsonb,
				        personal_fields = $5::text[],
				        contact_visibility = case
				          when $6::text = any ($5::text[]) and contact_visibility ->> $6 = 'public'
				          then contact_visibility - $6 else contact_visibility end
				  where territory_id = $1 and id = $2`,
				[territoryId, actorId, v[field], JSON.stringify(v.provenance), personal, field]
			);
		}
		await writeHistory(tx, territoryId, [
			{ actor_id: actorId, action: 'override', detail: { field, before, after: value } }
		]);
	});
	// Clearing an override: the merged value comes back from the records.
	if (value === null) {
		await rebuildCensus(db, claims, territoryId, { reason: { override: field, actor: actorId } });
	}
}

/** Places an actor by hand (quality "manual"), or with null gives it back to its records. */
export async function placeActor(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string,
	point: { lng: number; lat: number } | null
): Promise<void> {
	if (
		point !== null &&
		!(
			Math.abs(point.lng) <= 180 &&
			Math.abs(point.lat) <= 90 &&
			Number.isFinite(point.lng + point.lat)
		)
	)
		throw new CensusInputError('bad_value');
	await db.asUser(claims, async (tx) => {
		const actor = await loadActor(tx, territoryId, actorId);
		const overrides: Overrides = { ...actor.overrides };
		if (point === null) delete overrides.location;
		else overrides.location = point;
		await tx.query(
			`update public.actor set overrides = $3::text::jsonb,
			        location = case when $4::float8 is null then location
			                        else st_setsrid(st_makepoint($4, $5), 4326)::geography end,
			        location_quality = case when $4::float8 is null then location_quality else 'manual' end
			  where territory_id = $1 and id = $2`,
			[territoryId, actorId, JSON.stringify(overrides), point?.lng ?? null, point?.lat ?? null]
		);
		await writeHistory(tx, territoryId, [
			{
				actor_id: actorId,
				action: 'place',
				detail: {
					before: actor.lng === null ? null : { lng: actor.lng, lat: actor.lat },
					after: point
				}
			}
		]);
	});
	if (point === null)
		await rebuildCensus(db, claims, territoryId, { reason: { place: null, actor: actorId } });
}

/** Takes back a person's word on a pair (undo in the review queue); the engine decides again. */
export async function withdrawDecision(
	db: Database,
	claims: Claims,
	territoryId: string,
	recordA: string,
	recordB: string
): Promise<CensusPlan> {
	const [a, b] = orderedPair(recordA, recordB);
	const { plan } = await rebuildCensus(db, claims, territoryId, {
		reason: { withdraw: [a, b] },
		patch: (state) => {
			state.decisions = state.decisions.filter((d) => !(d.record_a === a && d.record_b === b));
		},
		persist: async (tx) => {
			await tx.query(
				'delete from public.match_decision where territory_id = $1 and record_a = $2 and record_b = $3',
				[territoryId, a, b]
			);
			await writeHistory(tx, territoryId, [
				{ actor_id: null, action: 'decision', detail: { decision: 'withdrawn', records: [a, b] } }
			]);
		}
	});
	return plan;
}
