/**
 * Coverage gaps (« zones blanches », issue #9) of a territory, read as the requesting user: the
 * counts per commune are aggregated in SQL (a few hundred rows whatever the number of actors),
 * the gaps computed by `$lib/domain/coverage/coverage`.
 *
 * Audience: as the map. Whoever may read the territory (a member, anyone on a public one) sees
 * the same actors and places (RLS); events count for the public only when they are public, as
 * the map's events layer shows them.
 *
 * Communes: the territory's `commune_codes`, else its actors' communes (`territoryCommunes`, the
 * same list the map outlines). A place or event counts in its `commune_code` (an event without
 * one, in its place's).
 */
import {
	coverageInput,
	coverageReport,
	eventPeriodStart,
	type CommuneCount,
	type CoverageReport
} from '$lib/domain/coverage/coverage';
import type { Audience } from '$lib/map/types';
import type { Claims, Database, Tx } from '$lib/server/db/types';
import { territoryCommunes, type TerritoryCommunes } from '$lib/server/geo/commune-map';
import { loadCommuneFacts, type CommuneFacts } from '$lib/server/geo/populations';
import { findMapTerritory, mapAudience, type MapTerritory } from './map';

export interface CoverageData {
	territory: MapTerritory;
	/** The communes the report covers (for the map outlines). */
	communes: TerritoryCommunes;
	audience: Audience;
	/** Start of the event period, ISO 8601. */
	periodStart: string;
	report: CoverageReport;
}

export interface LoadCoverageOptions {
	now?: Date;
	/** Names and populations by INSEE code; default: @etalab/decoupage-administratif. */
	facts?: () => Promise<Map<string, CommuneFacts>>;
}

/** The counts per commune, in the caller's transaction. */
export async function loadCoverageCounts(
	tx: Tx,
	territoryId: string,
	codes: readonly string[],
	audience: Audience,
	now: Date
) {
	const list = [...codes];
	const actorsByKind = await tx.query<CommuneCount & { kind: string }>(
		`select commune_code as commune, kind, count(*)::int as count
		   from public.actor
		  where territory_id = $1 and commune_code = any ($2::text[])
		  group by commune_code, kind`,
		[territoryId, list]
	);
	const actorsBySector = await tx.query<CommuneCount & { sector: string }>(
		`select a.commune_code as commune, s.sector, count(distinct a.id)::int as count
		   from public.actor a
		  cross join lateral unnest(a.sectors) as s(sector)
		  where a.territory_id = $1 and a.commune_code = any ($2::text[])
		    and btrim(s.sector) <> ''
		  group by a.commune_code, s.sector`,
		[territoryId, list]
	);
	const places = await tx.query<CommuneCount>(
		`select commune_code as commune, count(*)::int as count
		   from public.place
		  where territory_id = $1 and commune_code = any ($2::text[])
		  group by commune_code`,
		[territoryId, list]
	);
	const events = await tx.query<CommuneCount>(
		`select coalesce(e.commune_code, p.commune_code) as commune, count(*)::int as count
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1
		    and coalesce(e.commune_code, p.commune_code) = any ($2::text[])
		    and coalesce(e.ends_at, e.starts_at) >= $3::timestamptz
		    and ($4::boolean or e.visibility = 'public')
		  group by 1`,
		[territoryId, list, eventPeriodStart(now).toISOString(), audience === 'members']
	);
	return { actorsByKind, actorsBySector, places, events };
}

/**
 * The coverage report of the territory `slug`, or null when it is unknown or not readable by
 * `claims` (the caller answers 404 for both).
 */
export async function loadCoverage(
	db: Database,
	claims: Claims,
	slug: string,
	options: LoadCoverageOptions = {}
): Promise<CoverageData | null> {
	const now = options.now ?? new Date();
	// Loaded before the transaction opens: the embedded database serves one at a time.
	const facts = await (options.facts ?? loadCommuneFacts)();
	const found = await db.asUser(claims, async (tx) => {
		const territory = await findMapTerritory(tx, slug);
		if (!territory) return null;
		const communes = await territoryCommunes(tx, slug);
		if (!communes) return null;
		const audience = await mapAudience(tx, territory.id);
		const counts = await loadCoverageCounts(tx, territory.id, communes.codes, audience, now);
		return { territory, communes, audience, counts };
	});
	if (!found) return null;
	const input = coverageInput(
		found.communes.codes.map((code) => ({
			code,
			name: facts.get(code)?.name ?? code,
			population: facts.get(code)?.population ?? null
		})),
		found.counts
	);
	return {
		territory: found.territory,
		communes: found.communes,
		audience: found.audience,
		periodStart: eventPeriodStart(now).toISOString(),
		report: coverageReport(input)
	};
}
