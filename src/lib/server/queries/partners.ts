/**
 * The partner finder's data (#6): the located actors of a territory as ranking candidates (with
 * what they offer against the event's needs and how often they took part), the event a search is
 * for, and the search itself shared by the pages and the invitation export.
 *
 * A fixed number of queries whatever the size of the territory (actors, offers, places, event):
 * the per-actor work (offers ↔ needs, ranking) happens in TypeScript on those rows. Read as the
 * user: row level security applies (offers and event participations are members only).
 */
import { error } from '@sveltejs/kit';
import { toActorKind } from '$lib/domain/actor-kinds';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import {
	needsMet,
	placeOffers,
	type OfferCategory,
	type OfferText
} from '$lib/domain/offers/needs';
import {
	invitationCsv,
	invitationFileName,
	invitationRows,
	mailtoBcc,
	reachableEmails,
	type InvitationContact,
	type InvitationRow
} from '$lib/domain/partners/invitations';
import { isoDay } from '$lib/domain/offers/match';
import type { LngLat } from '$lib/domain/partners/nearby';
import {
	fold,
	PartnerFinder,
	type PartnerCandidate,
	type RankedPartner
} from '$lib/domain/partners/rank';
import { m } from '$lib/i18n';
import {
	PARTNER_LIST_LIMIT,
	type FacetOption,
	type PartnerFinderData,
	type PartnerOrigin
} from '$lib/partners/types';
import {
	parsePartnerParams,
	parsePointParams,
	type PartnerParams,
	type PointParams
} from '$lib/partners/url';
import type { Claims, Database, Tx } from '$lib/server/db/types';
import { isUuid } from '$lib/server/queries/actor-page';
import { territoryWithRole } from '$lib/server/territory-access';

/** A ranking candidate with what the invitation list needs to reach it. */
export interface PartnerCandidateRow extends PartnerCandidate {
	communeCode: string | null;
	/** Name of the INSEE commune (the code when unknown), null without commune. */
	communeName: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	/** `actor.contact_visibility` as stored. */
	contactVisibility: unknown;
}

type Num = number | string | null;

export type CommuneNamer = (code: string) => string | null | undefined;

async function frenchCommuneNamer(): Promise<CommuneNamer> {
	const communes = await loadFrenchCommunes();
	return (code) => communes.nameOf(code);
}

interface CandidateSqlRow {
	id: string;
	name: string;
	kind: string;
	sectors: string[] | null;
	worlds: string[] | null;
	tags: string[] | null;
	lng: Num;
	lat: Num;
	commune_code: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	contact_visibility: unknown;
	events_attended: Num;
}

interface OfferSqlRow {
	actor_id: string;
	category: OfferCategory;
	title: string;
	description: string | null;
}

interface PlaceSqlRow {
	run_by: string;
	name: string;
	equipment: string[] | null;
}

/**
 * The territory's located actors as ranking candidates. `offers` holds the event's `needs` (as
 * written) that the actor meets with its offers valid on `day` (direction `offer`) or the
 * common places it runs (their room and equipment); empty when there are no needs.
 * `eventsAttended` counts the events that already began, other than `otherThan` (the event the
 * partners are sought for): being registered for it does not make an actor a regular.
 */
export async function loadPartnerCandidates(
	tx: Tx,
	territoryId: string,
	needs: readonly string[],
	/** Commune names; pass them loaded before the transaction (8 MB read on first use). */
	communeName?: CommuneNamer,
	options: {
		/**
		 * Only the actors within this circle (PostGIS `ST_DWithin` on the GiST index, with a small
		 * margin: the ranking's own great-circle test then draws the exact edge). Without it, every
		 * located actor of the territory.
		 */
		near?: { at: readonly [number, number]; radiusKm: number };
		/** The day offers must be valid on (`YYYY-MM-DD`): the event's day; today by default. */
		day?: string;
		otherThan?: string | null;
	} = {}
): Promise<PartnerCandidateRow[]> {
	const { near, otherThan = null } = options;
	const day = options.day ?? isoDay(new Date());
	const params: unknown[] = [territoryId, otherThan];
	let within = '';
	if (near) {
		params.push(near.at[0], near.at[1], near.radiusKm * 1000 * 1.01 + 50);
		within = `and st_dwithin(a.location, st_setsrid(st_makepoint($3, $4), 4326)::geography, $5)`;
	}
	const rows = await tx.query<CandidateSqlRow>(
		`select a.id, a.name, a.kind, a.sectors, a.worlds, a.tags,
		        st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
		        a.commune_code, c.email, c.phone, a.website, a.contact_visibility,
		        coalesce(ea.n, 0)::int as events_attended
		   from public.actor a
		   left join public.actor_contacts($1::uuid) c on c.actor_id = a.id
		   left join (select ea.actor_id, count(*) as n
		                from public.event_actor ea
		                join public.event e on e.territory_id = ea.territory_id and e.id = ea.event_id
		               where ea.territory_id = $1 and e.starts_at < now()
		                 and e.id is distinct from $2::uuid
		               group by ea.actor_id) ea on ea.actor_id = a.id
		  where a.territory_id = $1 and a.location is not null ${within}
		  order by a.id`,
		params
	);

	const offersOf = new Map<string, OfferText[]>();
	const give = (actorId: string, offers: OfferText[]) => {
		const list = offersOf.get(actorId);
		if (list) list.push(...offers);
		else offersOf.set(actorId, [...offers]);
	};
	if (needs.length > 0) {
		const offers = await tx.query<OfferSqlRow>(
			`select actor_id, category, title, description
			   from public.offer
			  where territory_id = $1 and direction = 'offer'
			    and (valid_from is null or valid_from <= $2::date)
			    and (valid_until is null or valid_until >= $2::date)`,
			[territoryId, day]
		);
		for (const o of offers) {
			give(o.actor_id, [{ category: o.category, title: o.title, description: o.description }]);
		}
		const places = await tx.query<PlaceSqlRow>(
			`select run_by, name, equipment from public.place
			  where territory_id = $1 and run_by is not null`,
			[territoryId]
		);
		for (const p of places) {
			give(p.run_by, placeOffers({ name: p.name, equipment: p.equipment ?? [] }));
		}
	}

	const nameOf = communeName ?? (await frenchCommuneNamer());
	return rows.flatMap((row) => {
		const lng = Number(row.lng);
		const lat = Number(row.lat);
		if (row.lng === null || row.lat === null || !Number.isFinite(lng) || !Number.isFinite(lat)) {
			return [];
		}
		const offers = offersOf.get(row.id);
		return [
			{
				id: row.id,
				name: row.name,
				kind: row.kind,
				sectors: row.sectors ?? [],
				worlds: row.worlds ?? [],
				tags: row.tags ?? [],
				position: [lng, lat] as LngLat,
				offers: offers ? needsMet(needs, offers) : [],
				eventsAttended: Number(row.events_attended ?? 0),
				communeCode: row.commune_code,
				communeName: row.commune_code ? (nameOf(row.commune_code) ?? row.commune_code) : null,
				email: row.email,
				phone: row.phone,
				website: row.website,
				contactVisibility: row.contact_visibility
			}
		];
	});
}

/** The event a partner search is for. */
export interface PartnerEvent {
	id: string;
	title: string;
	/** ISO 8601, UTC. */
	startsAt: string;
	/** Its own location, else its common place's; null when neither is known. */
	position: LngLat | null;
	placeName: string | null;
	communeCode: string | null;
	theme: string | null;
	needs: string[];
	/** Its organisers: never proposed as their own partners. */
	organiserIds: string[];
	/** Its participants: already coming, so not proposed either. */
	participantIds: string[];
}

interface EventSqlRow {
	id: string;
	title: string;
	starts_at: string;
	lng: Num;
	lat: Num;
	place_name: string | null;
	commune_code: string | null;
	theme: string | null;
	needs: string[] | null;
	organiser_ids: string[] | null;
	participant_ids: string[] | null;
}

/** One event of the territory, or null when unknown, malformed or not readable by the user. */
export async function loadPartnerEvent(
	tx: Tx,
	territoryId: string,
	id: string
): Promise<PartnerEvent | null> {
	if (!isUuid(id)) return null;
	const [row] = await tx.query<EventSqlRow>(
		`select e.id, e.title,
		        to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
		        st_x(coalesce(e.location, p.location)::geometry) as lng,
		        st_y(coalesce(e.location, p.location)::geometry) as lat,
		        p.name as place_name,
		        coalesce(e.commune_code, p.commune_code) as commune_code,
		        e.theme, e.needs,
		        array(select ea.actor_id::text from public.event_actor ea
		               where ea.territory_id = e.territory_id and ea.event_id = e.id
		                 and ea.role = 'organiser'
		               order by ea.actor_id) as organiser_ids,
		        array(select ea.actor_id::text from public.event_actor ea
		               where ea.territory_id = e.territory_id and ea.event_id = e.id
		                 and ea.role = 'participant'
		               order by ea.actor_id) as participant_ids
		   from public.event e
		   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
		  where e.territory_id = $1 and e.id = $2`,
		[territoryId, id]
	);
	if (!row) return null;
	const lng = row.lng === null ? NaN : Number(row.lng);
	const lat = row.lat === null ? NaN : Number(row.lat);
	return {
		id: row.id,
		title: row.title,
		startsAt: row.starts_at,
		position: Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null,
		placeName: row.place_name,
		communeCode: row.commune_code,
		theme: row.theme,
		needs: row.needs ?? [],
		organiserIds: row.organiser_ids ?? [],
		participantIds: row.participant_ids ?? []
	};
}

// ---------------------------------------------------------------- the search

/** Where a search starts from: an event of the territory, or a point of the map. */
export type PartnerSource = { type: 'event'; id: string } | { type: 'point' };

export interface PartnerSearch {
	data: PartnerFinderData;
	/** Every proposal, ranked (the page shows the first PARTNER_LIST_LIMIT). */
	ranked: RankedPartner[];
	/** Contact data of the proposals, for the invitation list. */
	contacts: Map<string, InvitationContact>;
	/** The event's title (or null around a point), for the file name and the mail subject. */
	title: string | null;
}

function facet(
	inRadius: readonly PartnerCandidateRow[],
	values: (c: PartnerCandidateRow) => readonly string[],
	selected: readonly string[]
): FacetOption[] {
	// Same value whatever its case or accents (« Culture », « culture »): the filters fold too.
	const counts = new Map<string, { value: string; count: number }>();
	for (const c of inRadius) {
		for (const value of new Set(
			values(c)
				.map((v) => v.trim())
				.filter((v) => v !== '')
		)) {
			const key = fold(value);
			const entry = counts.get(key);
			if (entry) entry.count += 1;
			else counts.set(key, { value, count: 1 });
		}
	}
	// A checked value stays in the form even when nothing within the radius has it any more.
	for (const value of selected) {
		if (!counts.has(fold(value))) counts.set(fold(value), { value, count: 0 });
	}
	const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
	return [...counts.values()].sort(
		(a, b) => b.count - a.count || collator.compare(a.value, b.value)
	);
}

/**
 * The partner search of a page or an export: members of the territory only (404 for anyone
 * else, as for an unknown territory or event), parameters from the URL (see $lib/partners/url).
 */
export async function runPartnerSearch(
	db: Database,
	claims: Claims,
	slug: string,
	source: PartnerSource,
	url: URL
): Promise<PartnerSearch> {
	const { territory, role } = await territoryWithRole(db, claims, slug);
	if (role === null) error(404, m.error_territory_not_found());
	const params: PartnerParams = parsePartnerParams(url.searchParams);
	const point: PointParams | null =
		source.type === 'point' ? parsePointParams(url.searchParams) : null;

	// Before the transaction: the embedded database serves one at a time.
	const communeName = await frenchCommuneNamer();
	const loaded = await db.asUser(claims, async (tx) => {
		let event: PartnerEvent | null = null;
		if (source.type === 'event') {
			event = await loadPartnerEvent(tx, territory.id, source.id);
			if (!event) return null;
		}
		const needs = event ? event.needs : (point?.needs ?? []);
		const at = event ? event.position : (point?.at ?? null);
		// No centre, nothing to rank: spare the actors' query.
		const candidates = at
			? await loadPartnerCandidates(tx, territory.id, needs, communeName, {
					near: { at, radiusKm: params.radiusKm },
					// Offers must be valid on the event's day (Paris), a point search on today.
					day: isoDay(event ? new Date(event.startsAt) : new Date()),
					otherThan: event?.id ?? null
				})
			: [];
		return { event, needs, at, candidates };
	});
	if (!loaded) error(404, m.partners_event_not_found());
	const { event, needs, at, candidates } = loaded;

	const theme = event ? event.theme : point?.theme || null;
	const exclude = event ? [...event.organiserIds, ...event.participantIds] : [];
	const finder = new PartnerFinder(candidates);
	const base = { radiusKm: params.radiusKm, exclude };
	const ranked = at
		? finder.find({
				...base,
				at,
				theme,
				needs,
				kinds: params.kinds,
				sectors: params.sectors,
				worlds: params.worlds,
				participation: params.participation,
				newcomersFirst: params.newcomersFirst
			})
		: [];
	const byId = new Map(candidates.map((c) => [c.id, c]));
	const inRadius = at
		? finder.find({ ...base, at, participation: params.participation }).map((p) => byId.get(p.id)!)
		: [];

	const contacts = new Map<string, InvitationContact>();
	for (const p of ranked) {
		const c = byId.get(p.id)!;
		contacts.set(p.id, {
			id: c.id,
			kind: c.kind,
			communeName: c.communeName,
			email: c.email,
			phone: c.phone,
			website: c.website,
			contactVisibility: c.contactVisibility
		});
	}
	// The mail links follow the same visibility rule as the CSV: built from its rows.
	const rows = invitationRows(ranked, contacts, 'member', { kindLabel: (k) => k });
	const emails = reachableEmails(rows.map((r) => r.Courriel));
	const title = event?.title ?? null;
	const subject = title ? m.partners_mail_subject_event({ title }) : m.partners_mail_subject();

	let origin: PartnerOrigin = { type: 'point' };
	if (event) {
		origin = {
			type: 'event',
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			placeName: event.placeName,
			communeName: event.communeCode ? (communeName(event.communeCode) ?? event.communeCode) : null,
			theme: event.theme,
			needs: event.needs
		};
	}

	const data: PartnerFinderData = {
		territory: { slug: territory.slug, name: territory.name },
		origin,
		at,
		params,
		point,
		options: {
			kinds: facet(inRadius, (c) => [toActorKind(c.kind)], params.kinds),
			sectors: facet(inRadius, (c) => c.sectors, params.sectors),
			worlds: facet(inRadius, (c) => c.worlds, params.worlds)
		},
		partners: ranked.slice(0, PARTNER_LIST_LIMIT).map((p, i) => {
			const c = byId.get(p.id)!;
			return {
				rank: i + 1,
				id: p.id,
				name: p.name,
				kind: toActorKind(c.kind),
				communeName: c.communeName,
				km: p.km,
				reasons: p.reasons,
				position: c.position
			};
		}),
		total: ranked.length,
		mail: {
			links: mailtoBcc(emails, subject),
			reachable: emails.length,
			without: rows.filter((r) => reachableEmails([r.Courriel]).length === 0).length
		}
	};
	return { data, ranked, contacts, title };
}

/** The invitation rows of a search, for the CSV (French file: French kind labels). */
export function searchInvitationRows(search: PartnerSearch): InvitationRow[] {
	return invitationRows(search.ranked, search.contacts, 'member', {
		kindLabel: (kind) => m[`kind_${toActorKind(kind)}`]({}, { locale: 'fr' })
	});
}

/**
 * The invitation list of a search as a CSV download (`excel=1`: the Excel-France dialect), named
 * after the event (`invitations-<slug of its title>.csv`) or, around a point, the territory.
 */
export function invitationResponse(search: PartnerSearch, url: URL): Response {
	const excelFrance = url.searchParams.get('excel') === '1';
	const body = invitationCsv(searchInvitationRows(search), { excelFrance });
	const name = invitationFileName(search.title ?? search.data.territory.slug);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			// invitationFileName gives plain ASCII: no quoting nor RFC 5987 form needed.
			'content-disposition': `attachment; filename="${name}"`,
			// Per-user data (RLS, members only): never shared by a cache.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
