/**
 * A participants sheet imported into an event. The sheet goes through the census like any
 * listing (commitImport); this module adds, in the import's own transaction:
 * - the event check (an event of this territory, else nothing is written);
 * - the matching of the sheet against actors that no listing backs (entered by hand, or the demo
 *   territory's): the engine only sees records, so such an actor is given one record holding its
 *   current values, in a listing of its own (« Acteurs saisis hors listes »), when the engine finds
 *   it the same as — or doubtful with — a row of the sheet. It then merges (or goes to the review
 *   queue) like any other actor, instead of being duplicated;
 * - the registration of every actor the sheet's rows belong to as a participant of the event
 *   (an organiser stays organiser).
 */
import { createHash } from 'node:crypto';
import { canonicalRow, rowKeys } from '../../domain/census/diff';
import { runCensus } from '../../domain/census/engine';
import type { CommuneIndex } from '../../domain/census/communes';
import type { RoleMapping, SourceListing } from '../../domain/census/types';
import type { ActorKind } from '../../domain/actor-kinds';
import type { Tx } from '../db/types';
import {
	ACTOR_STATE_COLUMNS,
	ACTOR_STATE_FROM,
	toActorState,
	type ActorState,
	type CensusState,
	type RecordRow,
	type SourceRow
} from './state';

export interface ParticipantsResult {
	/** Actors registered as participants by this import. */
	linked: number;
	/** Actors of the sheet that were already organiser or participant of the event. */
	alreadyThere: number;
}

export interface ImportEvent {
	id: string;
	title: string;
	/** ISO 8601, UTC. */
	starts_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEventId(value: string): boolean {
	return UUID.test(value);
}

/** The event, when it belongs to this territory and the user can read it; else null. */
export async function findEvent(
	tx: Tx,
	territoryId: string,
	eventId: string
): Promise<ImportEvent | null> {
	if (!isEventId(eventId)) return null;
	const [row] = await tx.query<ImportEvent>(
		`select id, title,
		        to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at
		   from public.event
		  where territory_id = $1 and id = $2`,
		[territoryId, eventId]
	);
	return row ?? null;
}

export class ParticipantsError extends Error {
	readonly code = 'unknown_event';
	constructor() {
		super("L'événement n'existe pas (ou plus) dans ce territoire : rien n'a été enregistré.");
	}
}

/**
 * Registers as participants the actors that the current (not gone) rows of these listings belong
 * to. Runs in the import's transaction: throws (and so rolls everything back) when the event is
 * not one of the territory's.
 */
export async function linkParticipants(
	tx: Tx,
	territoryId: string,
	eventId: string,
	sourceIds: readonly string[]
): Promise<ParticipantsResult> {
	if ((await findEvent(tx, territoryId, eventId)) === null) throw new ParticipantsError();
	const [row] = await tx.query<{ total: number; linked: number }>(
		`with sheet as (
		   select distinct r.actor_id from public.source_record r
		    where r.territory_id = $1 and r.source_id = any($3::uuid[])
		      and not r.gone and r.actor_id is not null
		 ), added as (
		   insert into public.event_actor (territory_id, event_id, actor_id, role)
		   select $1, $2, actor_id, 'participant' from sheet
		   on conflict do nothing
		   returning actor_id
		 )
		 select (select count(*) from sheet)::int as total, (select count(*) from added)::int as linked`,
		[territoryId, eventId, [...sourceIds]]
	);
	const total = row?.total ?? 0;
	const linked = row?.linked ?? 0;
	return { linked, alreadyThere: total - linked };
}

// --- Actors no listing backs ---------------------------------------------------------------

/** Name of the listing that holds the records given to actors no listing backed. */
export const UNLISTED_SOURCE_NAME = 'Acteurs saisis hors listes';

const UNLISTED_HEADERS = [
	'nom',
	'type',
	'adresse',
	'code_postal',
	'code_commune',
	'courriel',
	'telephone',
	'site',
	'siret',
	'rna',
	'mots_cles'
];

const UNLISTED_ROLES: RoleMapping = {
	name: ['nom'],
	kind: ['type'],
	address: ['adresse'],
	postcode: ['code_postal'],
	commune_code: ['code_commune'],
	email: ['courriel'],
	phone: ['telephone'],
	website: ['site'],
	siret: ['siret'],
	rna: ['rna'],
	tags: ['mots_cles']
};

/** Words the census reads back as the same kind (see kindOf in domain/census/actor-fields). */
const KIND_WORD: Record<ActorKind, string> = {
	association: 'association',
	business: 'entreprise',
	cooperative: 'coopérative',
	public_body: 'collectivité',
	informal_group: 'collectif',
	elected_body: 'élus',
	other: ''
};

export interface UnlistedActor extends ActorState {
	raw: Record<string, string>;
}

/** Actors of the territory that no row of any listing belongs to. */
export async function loadUnlistedActors(tx: Tx, territoryId: string): Promise<UnlistedActor[]> {
	const rows = await tx.query<ActorState>(
		`select ${ACTOR_STATE_COLUMNS} from ${ACTOR_STATE_FROM}
		  where a.territory_id = $1
		    and not exists (select 1 from public.source_record r
		                     where r.territory_id = a.territory_id and r.actor_id = a.id)
		  order by a.created_at, a.id`,
		[territoryId]
	);
	return rows.map((r) => {
		const a = toActorState(r);
		const values: (string | null)[] = [
			a.name,
			KIND_WORD[a.kind as ActorKind] ?? '',
			a.address,
			a.postcode,
			a.commune_code,
			a.email,
			a.phone,
			a.website,
			a.siret,
			a.rna,
			a.tags.join(' ; ')
		];
		const raw: Record<string, string> = {};
		UNLISTED_HEADERS.forEach((h, i) => (raw[h] = values[i] ?? ''));
		return { ...a, raw };
	});
}

/**
 * The unlisted actors the engine finds the same as, or doubtful with, a row of the incoming
 * listings. Pure: the engine runs on those actors and the incoming rows only.
 */
export function unlistedToAdopt(
	unlisted: readonly UnlistedActor[],
	incoming: readonly SourceListing[],
	communes: CommuneIndex | null
): UnlistedActor[] {
	if (unlisted.length === 0 || incoming.every((l) => l.records.length === 0)) return [];
	const file = '\u0000unlisted';
	const listings: SourceListing[] = [
		{
			file,
			roles: UNLISTED_ROLES,
			priority: 1,
			records: unlisted.map((a, k) => ({ file, row: k + 1, raw: a.raw }))
		},
		...incoming
	];
	const result = runCensus(listings, { communes });
	const isUnlisted = (i: number): boolean => result.records[i]!.file === file;
	const wanted = new Set<number>();
	for (const actor of result.actors) {
		if (!actor.records.some((i) => !isUnlisted(i))) continue;
		for (const i of actor.records) if (isUnlisted(i)) wanted.add(result.records[i]!.row - 1);
	}
	for (const r of result.reviews) {
		const [a, b] = [isUnlisted(r.a), isUnlisted(r.b)];
		if (a && !b) wanted.add(result.records[r.a]!.row - 1);
		if (b && !a) wanted.add(result.records[r.b]!.row - 1);
	}
	return [...wanted].sort((x, y) => x - y).map((k) => unlisted[k]!);
}

export interface Adoption {
	/** Set when the listing of unlisted actors is created by this import. */
	newSource: SourceRow | null;
	sourceId: string;
	records: RecordRow[];
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/**
 * Gives each adopted actor one record in the listing of unlisted actors, in the loaded state
 * (the rebuild then sees them), and returns what `persistAdoption` writes. Priority 1: the values
 * an actor had win over a sheet's when they disagree.
 */
export function adoptIntoState(
	state: CensusState,
	adopted: readonly UnlistedActor[]
): Adoption | null {
	// Recomputed per attempt: an actor a concurrent import gave records to is no longer unlisted.
	const backed = new Set(state.records.map((r) => r.actor_id));
	const todo = adopted.filter((a) => !backed.has(a.id) && !state.actors.has(a.id));
	if (todo.length === 0) return null;
	let source = state.sources.find((s) => s.file_name === null && s.name === UNLISTED_SOURCE_NAME);
	let newSource: SourceRow | null = null;
	if (source === undefined) {
		source = newSource = {
			id: crypto.randomUUID(),
			name: UNLISTED_SOURCE_NAME,
			file_name: null,
			headers: UNLISTED_HEADERS,
			column_mapping: UNLISTED_ROLES,
			priority: 1,
			record_count: 0
		};
		state.sources.push(source);
	}
	const sourceId = source.id;
	let row = Math.max(
		0,
		...state.records.filter((r) => r.source_id === sourceId).map((r) => r.row_number)
	);
	const keys = rowKeys(
		todo.map((a) => ({ file: sourceId, row: 0, raw: a.raw })),
		source.column_mapping
	);
	const records = todo.map((a, k): RecordRow => {
		const { raw, ...actor } = a;
		state.actors.set(a.id, actor);
		return {
			id: crypto.randomUUID(),
			source_id: sourceId,
			row_number: ++row,
			raw,
			content_hash: sha256(`${canonicalRow(raw)}#${a.id}`),
			row_key: keys[k]!,
			geocode:
				a.lng === null || a.lat === null
					? null
					: {
							lng: a.lng,
							lat: a.lat,
							// A place set by hand stays the best the census knows of.
							quality:
								a.location_quality === 'street' || a.location_quality === 'commune'
									? a.location_quality
									: 'exact',
							label: null,
							score: null,
							provider: 'actor'
						},
			actor_id: a.id,
			gone: false
		};
	});
	state.records.push(...records);
	source.record_count += records.length;
	return { newSource, sourceId, records };
}

/** Writes an adoption, in the rebuild's transaction, before the plan is applied. */
export async function persistAdoption(
	tx: Tx,
	territoryId: string,
	adoption: Adoption
): Promise<void> {
	const s = adoption.newSource;
	if (s !== null) {
		await tx.query(
			`insert into public.source (id, territory_id, name, file_name, headers, column_mapping, priority,
			   created_at)
			 values ($1, $2, $3, null, $4::text[], $5::text::jsonb, $6, clock_timestamp())`,
			[s.id, territoryId, s.name, s.headers, JSON.stringify(s.column_mapping), s.priority]
		);
	}
	await tx.query(
		`insert into public.source_record (id, territory_id, source_id, row_number, raw, content_hash,
		   row_key, geocode, geocode_quality, actor_id, gone)
		 select x.id, $1, x.source_id, x.row_number, x.raw, x.content_hash, x.row_key, x.geocode,
		        x.geocode ->> 'quality', x.actor_id, false
		   from jsonb_to_recordset($2::text::jsonb) as x(id uuid, source_id uuid, row_number int,
		     raw jsonb, content_hash text, row_key text, geocode jsonb, actor_id uuid)`,
		[territoryId, JSON.stringify(adoption.records)]
	);
	await tx.query(
		`update public.source set record_count = (select count(*) from public.source_record r
		   where r.territory_id = $1 and r.source_id = $2), imported_at = now()
		  where territory_id = $1 and id = $2`,
		[territoryId, adoption.sourceId]
	);
}
