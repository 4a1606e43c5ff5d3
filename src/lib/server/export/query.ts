/**
 * What the census export reads. Every function takes the transaction of `db.asUser(…)`: row level
 * security decides what is exported. A member reads actors, listings and records; anybody reads
 * the actors of a public territory but not its listings (so no provenance), and receives only the
 * contact details the actor marked public (`actor.contact_visibility`).
 */
import {
	buildExportRows,
	type ActorExportSource,
	type BuildOptions,
	type ExportRow,
	type ExportSource,
	type RecordRef,
	type SourceRef
} from '$lib/domain/export';
import type { Tx } from '$lib/server/db/types';

export type ListExportOptions = Omit<BuildOptions, 'publicContactsOnly'>;

export async function listExportRows(
	tx: Tx,
	territoryId: string,
	options: ListExportOptions = {}
): Promise<ExportRow[]> {
	const [role] = await tx.query<{ role: string | null }>(
		'select public.territory_role($1) as role',
		[territoryId]
	);
	const actors = await tx.query<ActorExportSource>(
		`select a.id, a.name, a.kind, a.legal_form, a.sectors, a.worlds, a.tags, c.address,
		        a.postcode, a.commune_code, c.email, c.phone, a.website, a.siret, a.rna,
		        st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
		        a.location_quality, c.provenance, a.contact_visibility,
		        coalesce(c.overrides, '{}'::jsonb) as overrides
		   from public.actor a
		   left join public.actor_contacts($1::uuid) c on c.actor_id = a.id
		  where a.territory_id = $1
		  order by a.id`,
		[territoryId]
	);
	const sources = await tx.query<SourceRef>(
		'select id, name from public.source where territory_id = $1',
		[territoryId]
	);
	// Only the records some actor's provenance names (main value or alternative). Ids are compared
	// as text so that a malformed id in the jsonb cannot make the uuid cast fail the export.
	const records = await tx.query<RecordRef>(
		`with named as (
		   select p.value->>'record_id' as id
		     from public.actor_contacts($1::uuid) a
		    cross join lateral jsonb_each(
		          case jsonb_typeof(a.provenance) when 'object' then a.provenance else '{}' end) p
		    where jsonb_typeof(p.value) = 'object'
		   union
		   select r.value
		     from public.actor_contacts($1::uuid) a
		    cross join lateral jsonb_each(
		          case jsonb_typeof(a.provenance) when 'object' then a.provenance else '{}' end) p
		    cross join lateral jsonb_array_elements(
		          case jsonb_typeof(p.value->'alternatives') when 'array' then p.value->'alternatives'
		          else '[]' end) alt
		    cross join lateral jsonb_array_elements_text(
		          case jsonb_typeof(alt->'record_ids') when 'array' then alt->'record_ids'
		          else '[]' end) r
		    where jsonb_typeof(p.value) = 'object'
		 )
		 select sr.id, sr.source_id, sr.row_number
		   from public.source_record_links($1::uuid) sr
		   join named on named.id = sr.id::text
		  where sr.territory_id = $1`,
		[territoryId]
	);
	const rows = buildExportRows(actors, records, sources, {
		...options,
		publicContactsOnly: role?.role == null
	});
	// By name as a French reader expects it (accents and case aside), which the database's
	// collation (often "C") would not give; by id among equal names so the order is stable.
	return rows.sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The territory's licence and the listings the reader may see, for the licence sheet. */
export async function readExportContext(
	tx: Tx,
	territoryId: string
): Promise<{ licence: string; sources: ExportSource[] }> {
	const [territory] = await tx.query<{ licence: string }>(
		'select licence from public.territory where id = $1',
		[territoryId]
	);
	const sources = await tx.query<ExportSource>(
		`select name, file_name as "fileName",
		        to_char(imported_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as "importedAt"
		   from public.source
		  where territory_id = $1
		  order by imported_at, name`,
		[territoryId]
	);
	return { licence: territory?.licence ?? '', sources };
}
