/**
 * The census of one territory as the rebuild needs it: listings, their rows, human decisions,
 * the actors that rows feed, and the actors earlier merges absorbed. Read as the user (RLS).
 */
import type { Tx } from '../db/types';
import type { RoleMapping } from '../../domain/census/types';
import type { ActorFieldValues, Overrides } from '../../domain/census/actor-fields';

export interface StoredGeocode {
	lng: number;
	lat: number;
	quality: 'exact' | 'street' | 'commune';
	label: string | null;
	score: number | null;
	provider: string;
}

export interface SourceRow {
	id: string;
	name: string;
	file_name: string | null;
	headers: string[];
	column_mapping: RoleMapping;
	priority: number;
	record_count: number;
}

export interface RecordRow {
	id: string;
	source_id: string;
	row_number: number;
	raw: Record<string, string>;
	content_hash: string;
	row_key: string | null;
	geocode: StoredGeocode | null;
	actor_id: string | null;
	gone: boolean;
}

export interface DecisionRow {
	record_a: string;
	record_b: string;
	decision: 'same' | 'different';
}

/** The computed columns of an actor as stored, to write only what a rebuild changes. */
export type ActorState = Omit<ActorFieldValues, 'kind' | 'location_quality' | 'provenance'> & {
	id: string;
	created_at: string;
	overrides: Overrides;
	kind: string;
	location_quality: string | null;
	provenance: Record<string, unknown>;
};

export interface AbsorbedRow {
	actor_id: string;
	record_ids: string[];
	snapshot: Record<string, unknown>;
	refs: AbsorbedRefs;
	absorbed_into: string | null;
}

/** What a merge moved from the absorbed actor to the one that absorbed it. */
export interface AbsorbedRefs {
	/** `moved`: re-pointed to the survivor; otherwise dropped because the survivor was there. */
	event_actor?: { event_id: string; role: string; moved: boolean }[];
	/** Full rows: links are deleted and re-inserted as they were. */
	link?: {
		id: string;
		from_actor: string;
		to_actor: string;
		kind: string;
		since: string | null;
		created_at: string;
	}[];
	offer?: string[];
	place?: string[];
}

export interface CensusState {
	territoryId: string;
	version: number;
	sources: SourceRow[];
	records: RecordRow[];
	decisions: DecisionRow[];
	actors: Map<string, ActorState>;
	absorbed: AbsorbedRow[];
}

/**
 * An actor as the census engine sees it, selected `from ${ACTOR_STATE_FROM}`: contact values and
 * hand-set overrides come through `actor_contacts($1)`, the only way the API roles may read them
 * (the engine runs for owners and editors, who see them all).
 */
export const ACTOR_STATE_COLUMNS = `a.id, a.created_at::text as created_at,
	coalesce(c.overrides, '{}'::jsonb) as overrides, a.name, a.kind, a.legal_form, c.address,
	a.postcode, a.commune_code, c.email, c.phone, a.website, a.siret, a.rna, a.tags,
	st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat, a.location_quality,
	c.provenance`;

/** The actor `a` and its contact values `c`; `$1` must be the territory. */
export const ACTOR_STATE_FROM = `public.actor a
	left join public.actor_contacts($1::uuid) c on c.actor_id = a.id`;

export function toActorState(r: ActorState): ActorState {
	return {
		...r,
		lng: r.lng === null ? null : Number(r.lng),
		lat: r.lat === null ? null : Number(r.lat)
	};
}

export async function loadCensusState(tx: Tx, territoryId: string): Promise<CensusState> {
	const [territory] = await tx.query<{ census_version: number }>(
		'select census_version from public.territory where id = $1',
		[territoryId]
	);
	if (territory === undefined) throw new Error('territory not readable');
	const sources = await tx.query<SourceRow>(
		`select id, name, file_name, headers, column_mapping, priority, record_count
		   from public.source where territory_id = $1 order by created_at, id`,
		[territoryId]
	);
	const records = await tx.query<RecordRow>(
		`select id, source_id, row_number, raw, content_hash, row_key, geocode, actor_id, gone
		   from public.source_record where territory_id = $1 order by source_id, row_number, id`,
		[territoryId]
	);
	const decisions = await tx.query<DecisionRow>(
		'select record_a, record_b, decision from public.match_decision where territory_id = $1',
		[territoryId]
	);
	const actorRows = await tx.query<ActorState>(
		`select ${ACTOR_STATE_COLUMNS} from ${ACTOR_STATE_FROM}
		  where a.territory_id = $1
		    and exists (select 1 from public.source_record r
		                 where r.territory_id = a.territory_id and r.actor_id = a.id)
		  order by a.created_at, a.id`,
		[territoryId]
	);
	const absorbed = await tx.query<AbsorbedRow>(
		`select actor_id, record_ids, snapshot, refs, absorbed_into
		   from public.absorbed_actor where territory_id = $1`,
		[territoryId]
	);
	return {
		territoryId,
		version: territory.census_version,
		sources,
		records,
		decisions,
		actors: new Map(actorRows.map((a) => [a.id, toActorState(a)])),
		absorbed
	};
}
