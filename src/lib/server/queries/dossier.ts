/**
 * What the dossier's figures (#7, `$lib/domain/dossier/figures`) are computed from, read as the
 * user: row level security decides what is visible. One query per table, each filtered by
 * territory and, for an EPCI or a commune, by the scope's commune codes (offers excepted: a
 * request of the scope may be met by an offer from anywhere in the territory).
 *
 * Audience: a member gets the members' dossier unless `audience: 'public'` is asked for; anybody
 * else (a visitor of a public territory) always gets the public one. The public dossier reads only
 * public events and nothing of what members alone may read (listings and their rows, decisions,
 * offers, who takes part in events), so a member previewing it sees what a visitor would.
 */
import { lastTwelveMonths } from '$lib/domain/dossier/figures';
import { scopeCodes } from '$lib/domain/dossier/scope';
import type {
	DossierAudience,
	DossierCommune,
	DossierInput,
	DossierScope
} from '$lib/domain/dossier/types';
import { toActorKind } from '$lib/domain/actor-kinds';
import type { Tx } from '$lib/server/db/types';
import { loadCommuneFacts, type CommuneFacts } from '$lib/server/geo/populations';
import { listTerritoryOffers } from './offers';

export interface LoadDossierOptions {
	/** 'public' gives the public dossier to a member too; default: what the caller may see. */
	audience?: DossierAudience;
	/** Names and populations by INSEE code; default: @etalab/decoupage-administratif. */
	facts?: () => Promise<Map<string, CommuneFacts>>;
}

/**
 * The dossier's rows for `scope` at `now` (events: the 12 months before `now` only). Null when
 * the territory is not readable by the caller.
 */
export async function loadDossierInput(
	tx: Tx,
	territoryId: string,
	scope: DossierScope,
	now: Date,
	options: LoadDossierOptions = {}
): Promise<DossierInput | null> {
	const [territory] = await tx.query<{ commune_codes: string[] | null; role: string | null }>(
		`select commune_codes, public.territory_role(id) as role
		   from public.territory where id = $1`,
		[territoryId]
	);
	if (!territory) return null;
	const audience: DossierAudience =
		options.audience === 'public' || territory.role === null ? 'public' : 'members';
	const members = audience === 'members';
	const codes = scopeCodes(scope);
	const codeList = codes === null ? null : [...codes];

	const actors = await tx.query<{
		id: string;
		kind: string;
		sectors: string[] | null;
		worlds: string[] | null;
		commune_code: string | null;
	}>(
		`select id, kind, sectors, worlds, commune_code from public.actor
		  where territory_id = $1 and ($2::text[] is null or commune_code = any ($2::text[]))`,
		[territoryId, codeList]
	);

	let census: DossierInput['census'] = null;
	if (members) {
		const listings = await tx.query<{ id: string; name: string }>(
			'select id, name from public.source where territory_id = $1 order by created_at, id',
			[territoryId]
		);
		// A row is in the scope through the actor it was merged into (see listingsMerged). Rows
		// come through source_record_links: members may not read source_record (raw values), only
		// which row of which listing went into which actor.
		const records = await tx.query<{
			id: string;
			source_id: string;
			actor_id: string | null;
			gone: boolean;
		}>(
			`select r.id, r.source_id, r.actor_id, r.gone
			   from public.source_record_links($1::uuid) r
			   left join public.actor a on a.territory_id = r.territory_id and a.id = r.actor_id
			  where ($2::text[] is null or a.commune_code = any ($2::text[]))`,
			[territoryId, codeList]
		);
		// Human decisions are few; the figure keeps those touching a row of the scope.
		const decisions = await tx.query<{
			record_a: string;
			record_b: string;
			decision: 'same' | 'different';
		}>('select record_a, record_b, decision from public.match_decision where territory_id = $1', [
			territoryId
		]);
		census = {
			listings,
			records: records.map((r) => ({
				id: r.id,
				listingId: r.source_id,
				actorId: r.actor_id,
				gone: r.gone === true
			})),
			decisions: decisions.map((d) => ({
				recordA: d.record_a,
				recordB: d.record_b,
				decision: d.decision
			}))
		};
	}

	const places = await tx.query<{ id: string; commune_code: string | null }>(
		`select id, commune_code from public.place
		  where territory_id = $1 and ($2::text[] is null or commune_code = any ($2::text[]))`,
		[territoryId, codeList]
	);

	const { from, to } = lastTwelveMonths(now);
	// The event's commune, or its place's. Participants come from event_actor (members only).
	const events = await tx.query<{
		id: string;
		starts_at: Date | string;
		commune_code: string | null;
		actor_ids: string[] | null;
	}>(
		`select e.id, e.starts_at, coalesce(e.commune_code, p.commune_code) as commune_code,
		        case when $5::boolean then array(select ea.actor_id::text from public.event_actor ea
		                                 where ea.territory_id = e.territory_id
		                                   and ea.event_id = e.id
		                                 order by ea.actor_id)
		        end as actor_ids
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1
		    and e.starts_at >= $3 and e.starts_at <= $4
		    and ($5::boolean or e.visibility = 'public')
		    and ($2::text[] is null or coalesce(e.commune_code, p.commune_code) = any ($2::text[]))`,
		[territoryId, codeList, from.toISOString(), to.toISOString(), members]
	);

	const offers = members ? await listTerritoryOffers(tx, territoryId) : null;

	const communes = await communesOf(
		territory.commune_codes ?? [],
		codeList,
		[actors, places, events].flatMap((rows) => rows.map((r) => r.commune_code)),
		options.facts ?? loadCommuneFacts
	);

	return {
		audience,
		communes,
		actors: actors.map((a) => ({
			id: a.id,
			kind: toActorKind(a.kind),
			sectors: a.sectors ?? [],
			worlds: a.worlds ?? [],
			communeCode: a.commune_code
		})),
		census,
		places: places.map((p) => ({ id: p.id, communeCode: p.commune_code })),
		events: events.map((e) => ({
			id: e.id,
			startsAt: new Date(e.starts_at).toISOString(),
			communeCode: e.commune_code,
			actorIds: members ? (e.actor_ids ?? []) : null
		})),
		offers
	};
}

/**
 * The territory's communes: its `commune_codes`, or, when it lists none, the communes its rows
 * are in; plus the scope's own codes. Named and counted from the INSEE list (a code it does not
 * know keeps its code as name and an unknown population).
 */
async function communesOf(
	territoryCodes: readonly string[],
	scopeCodes: readonly string[] | null,
	rowCodes: readonly (string | null)[],
	facts: () => Promise<Map<string, CommuneFacts>>
): Promise<DossierCommune[]> {
	const codes = new Set(territoryCodes);
	if (codes.size === 0) for (const code of rowCodes) if (code !== null) codes.add(code);
	for (const code of scopeCodes ?? []) codes.add(code);
	if (codes.size === 0) return [];
	const known = await facts();
	return [...codes].sort().map((code) => {
		const fact = known.get(code);
		return { code, name: fact?.name ?? code, population: fact?.population ?? null };
	});
}
