/**
 * Applies a census plan in the caller's transaction, as the user (RLS applies). Bulk writes go
 * through one jsonb parameter each (`$n::text::jsonb`, see server/demo/seed.ts for why), because
 * the embedded database is one connection and row-by-row round trips would hold it for seconds.
 */
import { personalFields } from '../../domain/privacy/personal';
import type { Tx } from '../db/types';
import type { ActorWrite, CensusPlan } from './plan';
import type { AbsorbedRefs } from './state';

export class CensusConflict extends Error {
	readonly code = 'census_conflict';
	constructor() {
		super('The census changed while this change was prepared.');
	}
}

function json(v: unknown): string {
	return JSON.stringify(v);
}

function actorJson(a: ActorWrite): Record<string, unknown> {
	return {
		id: a.id,
		name: a.name,
		kind: a.kind,
		legal_form: a.legal_form,
		address: a.address,
		postcode: a.postcode,
		commune_code: a.commune_code,
		email: a.email,
		phone: a.phone,
		website: a.website,
		siret: a.siret,
		rna: a.rna,
		tags: a.tags,
		lng: a.lng,
		lat: a.lat,
		location_quality: a.location_quality,
		provenance: a.provenance,
		// A person's own email or mobile, detected from the merged values (#8): kept members-only.
		personal: personalFields({ email: a.email, phone: a.phone })
	};
}

const ACTOR_RECORDSET = `jsonb_to_recordset($2::text::jsonb) as x(
	id uuid, name text, kind text, legal_form text, address text, postcode text, commune_code text,
	email text, phone text, website text, siret text, rna text, tags text[], lng float8, lat float8,
	location_quality text, provenance jsonb, personal text[])`;

const POINT = `case when x.lng is null then null
	else st_setsrid(st_makepoint(x.lng, x.lat), 4326)::geography end`;

export interface HistoryEntry {
	actor_id: string | null;
	action:
		| 'import'
		| 'merge'
		| 'absorb'
		| 'restore'
		| 'unmerge'
		| 'decision'
		| 'override'
		| 'place'
		| 'erase'
		| 'visibility';
	detail: Record<string, unknown>;
}

export async function writeHistory(
	tx: Tx,
	territoryId: string,
	entries: HistoryEntry[]
): Promise<void> {
	if (entries.length === 0) return;
	// The database signs each row with the caller and the time (migration 20261127110000).
	await tx.query('select maillage_app.write_history($1, $2::text::jsonb)', [
		territoryId,
		json(entries)
	]);
}

/** Bumps the census version, or throws CensusConflict when someone else wrote since `expected`. */
export async function bumpVersion(tx: Tx, territoryId: string, expected: number): Promise<number> {
	const [row] = await tx.query<{ v: number | null }>(
		'select public.bump_census_version($1, $2) as v',
		[territoryId, expected]
	);
	if (row?.v === null || row?.v === undefined) throw new CensusConflict();
	return row.v;
}

export async function applyPlan(
	tx: Tx,
	territoryId: string,
	plan: CensusPlan,
	reason: Record<string, unknown>
): Promise<void> {
	const history: HistoryEntry[] = [];

	// 1. Actors that appear: new ones, and absorbed ones an unmerge brings back as they were.
	if (plan.insertActors.length > 0) {
		await tx.query(
			`insert into public.actor (id, territory_id, name, kind, legal_form, address, postcode,
			   commune_code, email, phone, website, siret, rna, tags, location, location_quality, provenance,
			   personal_fields)
			 select x.id, $1, x.name, x.kind, x.legal_form, x.address, x.postcode, x.commune_code,
			        x.email, x.phone, x.website, x.siret, x.rna, coalesce(x.tags, '{}'), ${POINT},
			        x.location_quality, coalesce(x.provenance, '{}'), coalesce(x.personal, '{}')
			   from ${ACTOR_RECORDSET}`,
			[territoryId, json(plan.insertActors.map(actorJson))]
		);
	}
	for (const r of plan.restored) {
		const s = r.snapshot;
		await tx.query(
			`update public.actor set created_at = $3::timestamptz, overrides = $4::text::jsonb,
			        contact_visibility = $5::text::jsonb, sectors = $6::text[], worlds = $7::text[],
			        description = $8, contact_name = $9
			  where territory_id = $1 and id = $2`,
			[
				territoryId,
				r.actor_id,
				s.created_at,
				json(s.overrides ?? {}),
				json(s.contact_visibility ?? {}),
				(s.sectors as string[] | undefined) ?? [],
				(s.worlds as string[] | undefined) ?? [],
				(s.description as string | null | undefined) ?? null,
				(s.contact_name as string | null | undefined) ?? null
			]
		);
		await restoreRefs(tx, territoryId, r.actor_id, r.absorbed_into, r.refs);
		await tx.query('delete from public.absorbed_actor where territory_id = $1 and actor_id = $2', [
			territoryId,
			r.actor_id
		]);
		history.push({
			actor_id: r.actor_id,
			action: 'restore',
			detail: { ...reason, from: r.absorbed_into }
		});
	}
	for (const a of plan.insertActors) {
		if (a.origin === 'new')
			history.push({
				actor_id: a.id,
				action: 'import',
				detail: { ...reason, records: a.recordIds.length }
			});
	}

	// 2. Records follow their cluster.
	if (plan.recordActor.length > 0) {
		await tx.query(
			`update public.source_record r set actor_id = x.actor_id
			   from jsonb_to_recordset($2::text::jsonb) as x(id uuid, actor_id uuid)
			  where r.territory_id = $1 and r.id = x.id`,
			[territoryId, json(plan.recordActor)]
		);
	}

	// 3. Actors merged into another: keep a snapshot, move what points at them, remove them.
	for (const { actorId, into, recordIds } of plan.absorb) {
		await absorbActor(tx, territoryId, actorId, into, recordIds);
		history.push({ actor_id: actorId, action: 'absorb', detail: { ...reason, into } });
		history.push({ actor_id: into, action: 'merge', detail: { ...reason, absorbed: actorId } });
	}

	// 4. Actors whose merged view changed.
	if (plan.updateActors.length > 0) {
		await tx.query(
			`update public.actor a set name = x.name, kind = x.kind, legal_form = x.legal_form,
			        address = x.address, postcode = x.postcode, commune_code = x.commune_code,
			        email = x.email, phone = x.phone, website = x.website, siret = x.siret, rna = x.rna,
			        tags = coalesce(x.tags, '{}'), location = ${POINT},
			        location_quality = x.location_quality, provenance = coalesce(x.provenance, '{}'),
			        personal_fields = coalesce(x.personal, '{}')
			   from ${ACTOR_RECORDSET}
			  where a.territory_id = $1 and a.id = x.id`,
			[territoryId, json(plan.updateActors.map(actorJson))]
		);
	}

	// 5. The review queue is the engine's latest word.
	await tx.query('delete from public.review_pair where territory_id = $1', [territoryId]);
	if (plan.reviews.length > 0) {
		await tx.query(
			`insert into public.review_pair (territory_id, record_a, record_b, score, comparisons)
			 select $1, x.record_a, x.record_b, x.score, x.comparisons
			   from jsonb_to_recordset($2::text::jsonb)
			     as x(record_a uuid, record_b uuid, score real, comparisons jsonb)
			 on conflict do nothing`,
			[territoryId, json(plan.reviews)]
		);
	}
	await writeHistory(tx, territoryId, history);
}

async function absorbActor(
	tx: Tx,
	territoryId: string,
	actorId: string,
	into: string,
	recordIds: string[]
): Promise<void> {
	const [snap] = await tx.query<{ snapshot: Record<string, unknown> }>(
		// The row as it was, contact values from actor_contacts (the API roles may not read them
		// in actor itself; the engine runs for owners and editors, who see them all).
		`select to_jsonb(s) as snapshot
		   from (select a.id, a.territory_id, a.name, a.kind, a.legal_form, a.sectors, a.worlds,
		                a.tags, a.description, c.address, a.postcode, a.commune_code, c.email,
		                c.phone, c.contact_name, a.website, a.siret, a.rna, a.location_quality,
		                c.provenance, coalesce(c.overrides, '{}'::jsonb) as overrides,
		                a.contact_visibility, a.created_at, a.updated_at
		           from public.actor a
		           left join public.actor_contacts($1::uuid, $2::uuid) c on c.actor_id = a.id
		          where a.territory_id = $1 and a.id = $2) s`,
		[territoryId, actorId]
	);
	if (snap === undefined) return;
	const refs: AbsorbedRefs = {};
	const events = await tx.query<{ event_id: string; role: string; moved: boolean }>(
		`select e.event_id, e.role,
		        not exists (select 1 from public.event_actor s
		                     where s.territory_id = e.territory_id and s.event_id = e.event_id
		                       and s.actor_id = $3) as moved
		   from public.event_actor e where e.territory_id = $1 and e.actor_id = $2`,
		[territoryId, actorId, into]
	);
	if (events.length > 0) {
		refs.event_actor = events;
		await tx.query(
			`insert into public.event_actor (territory_id, event_id, actor_id, role)
			 select territory_id, event_id, $3, role from public.event_actor
			  where territory_id = $1 and actor_id = $2
			 on conflict do nothing`,
			[territoryId, actorId, into]
		);
	}
	const links = await tx.query<NonNullable<AbsorbedRefs['link']>[number]>(
		`select id, from_actor, to_actor, kind, since::text as since, created_at::text as created_at
		   from public.link where territory_id = $1 and (from_actor = $2 or to_actor = $2)`,
		[territoryId, actorId]
	);
	if (links.length > 0) {
		refs.link = links;
		// A link between the two merged actors would point at itself: it goes (kept in refs).
		await tx.query(
			`delete from public.link where territory_id = $1
			   and ((from_actor = $2 and to_actor = $3) or (from_actor = $3 and to_actor = $2))`,
			[territoryId, actorId, into]
		);
		await tx.query(
			'update public.link set from_actor = $3 where territory_id = $1 and from_actor = $2',
			[territoryId, actorId, into]
		);
		await tx.query(
			'update public.link set to_actor = $3 where territory_id = $1 and to_actor = $2',
			[territoryId, actorId, into]
		);
	}
	const offers = await tx.query<{ id: string }>(
		'update public.offer set actor_id = $3 where territory_id = $1 and actor_id = $2 returning id',
		[territoryId, actorId, into]
	);
	if (offers.length > 0) refs.offer = offers.map((o) => o.id);
	const places = await tx.query<{ id: string }>(
		'update public.place set run_by = $3 where territory_id = $1 and run_by = $2 returning id',
		[territoryId, actorId, into]
	);
	if (places.length > 0) refs.place = places.map((p) => p.id);

	await tx.query(
		`insert into public.absorbed_actor (territory_id, actor_id, record_ids, snapshot, refs, absorbed_into)
		 values ($1, $2, $3::uuid[], $4::text::jsonb, $5::text::jsonb, $6)
		 on conflict (territory_id, actor_id) do update
		   set record_ids = excluded.record_ids, snapshot = excluded.snapshot, refs = excluded.refs,
		       absorbed_into = excluded.absorbed_into, absorbed_at = now()`,
		[territoryId, actorId, [...recordIds].sort(), json(snap.snapshot), json(refs), into]
	);
	await tx.query('delete from public.actor where territory_id = $1 and id = $2', [
		territoryId,
		actorId
	]);
}

async function restoreRefs(
	tx: Tx,
	territoryId: string,
	actorId: string,
	from: string | null,
	refs: AbsorbedRefs
): Promise<void> {
	for (const e of refs.event_actor ?? []) {
		if (e.moved && from !== null) {
			await tx.query(
				'delete from public.event_actor where territory_id = $1 and event_id = $2 and actor_id = $3',
				[territoryId, e.event_id, from]
			);
		}
		await tx.query(
			`insert into public.event_actor (territory_id, event_id, actor_id, role)
			 select $1, $2, $3, $4 where exists (select 1 from public.event where territory_id = $1 and id = $2)
			 on conflict do nothing`,
			[territoryId, e.event_id, actorId, e.role]
		);
	}
	for (const l of refs.link ?? []) {
		await tx.query('delete from public.link where territory_id = $1 and id = $2', [
			territoryId,
			l.id
		]);
		await tx.query(
			`insert into public.link (id, territory_id, from_actor, to_actor, kind, since, created_at)
			 select $2, $1, $3, $4, $5, $6::date, $7::timestamptz
			  where exists (select 1 from public.actor where territory_id = $1 and id = $3)
			    and exists (select 1 from public.actor where territory_id = $1 and id = $4)`,
			[territoryId, l.id, l.from_actor, l.to_actor, l.kind, l.since, l.created_at]
		);
	}
	if (refs.offer?.length)
		await tx.query(
			'update public.offer set actor_id = $2 where territory_id = $1 and id = any($3::uuid[])',
			[territoryId, actorId, refs.offer]
		);
	if (refs.place?.length)
		await tx.query(
			'update public.place set run_by = $2 where territory_id = $1 and id = any($3::uuid[])',
			[territoryId, actorId, refs.place]
		);
}
