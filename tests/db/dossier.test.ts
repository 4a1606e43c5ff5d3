/**
 * The dossier's input (#7) read from the demo territory as its members and as the public see it,
 * its figures checked against direct SQL counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI } from '../../src/lib/domain/demo/communes';
import { dossierFigures } from '../../src/lib/domain/dossier/figures';
import type { DossierInput, DossierScope } from '../../src/lib/domain/dossier/types';
import { anonClaims, type Claims, type Tx } from '../../src/lib/server/db/types';
import { loadDossierInput, type LoadDossierOptions } from '../../src/lib/server/queries/dossier';
import { loadRequestMatches } from '../../src/lib/server/queries/offers';
import { countingTx, createTerritory, demoWithRoles, type TestDatabase } from './helpers';

const NOW = new Date('2026-03-01T10:00:00Z');
const FROM = '2025-03-01T10:00:00.000Z';
const UZES = '30334';
const TERRITORY: DossierScope = { kind: 'territory' };

let db: TestDatabase;
let owner: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;
let privateId: string;

function load(
	claims: Claims,
	scope: DossierScope = TERRITORY,
	options: LoadDossierOptions = {}
): Promise<DossierInput | null> {
	return db.asUser(claims, (tx) => loadDossierInput(tx, territoryId, scope, NOW, options));
}

async function sqlCount(sql: string, params: unknown[] = [territoryId]): Promise<number> {
	const [row] = await db.asAdmin((tx) => tx.query<{ n: number }>(sql, params));
	return Number(row!.n);
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: NOW }));
	privateId = await createTerritory(db, owner, 'prive', 'Territoire privé');

	// The demo has no imported listing: one of three rows, two of them the same actor, and a
	// decision on that pair, as an import and a review would leave them.
	await db.asAdmin(async (tx) => {
		const [uzes1, uzes2] = await tx.query<{ id: string }>(
			`select id from public.actor where territory_id = $1 and commune_code = $2
			  order by id limit 2`,
			[territoryId, UZES]
		);
		const [source] = await tx.query<{ id: string }>(
			`insert into public.source (territory_id, name) values ($1, 'Annuaire') returning id`,
			[territoryId]
		);
		const records = await tx.query<{ id: string }>(
			`insert into public.source_record (territory_id, source_id, row_number, raw, content_hash,
			                                   actor_id, gone)
			 values ($1, $2, 1, '{}', 'h1', $3, false), ($1, $2, 2, '{}', 'h2', $3, false),
			        ($1, $2, 3, '{}', 'h3', $4, false), ($1, $2, 4, '{}', 'h4', $4, true)
			 returning id`,
			[territoryId, source!.id, uzes1!.id, uzes2!.id]
		);
		const [a, b] = [records[0]!.id, records[1]!.id].sort();
		await tx.query(
			`insert into public.match_decision (territory_id, record_a, record_b, decision)
			 values ($1, $2, $3, 'same')`,
			[territoryId, a, b]
		);
	});
});

afterAll(async () => {
	await db?.close();
});

describe('loadDossierInput', () => {
	it('reads each table once, filtered by territory', async () => {
		let queries = 0;
		const count = (tx: Tx): Tx => countingTx(tx, () => (queries += 1));
		await db.asUser(viewer, (tx) => loadDossierInput(count(tx), territoryId, TERRITORY, NOW));
		// territory, actor, source, source_record_links, match_decision, place, event, offer.
		expect(queries).toBe(8);
		queries = 0;
		await db.asUser(anonClaims, (tx) => loadDossierInput(count(tx), territoryId, TERRITORY, NOW));
		// territory, actor, place, event: nothing members alone may read.
		expect(queries).toBe(4);
	});

	it('gives members figures that agree with direct SQL counts', async () => {
		const input = (await load(viewer))!;
		expect(input.audience).toBe('members');
		const figures = dossierFigures(input, TERRITORY, NOW);

		const actors = await sqlCount(
			'select count(*)::int as n from public.actor where territory_id = $1'
		);
		expect(actors).toBeGreaterThan(0);
		expect(figures.actorsByKind.value.total).toBe(actors);
		const kinds = await db.asAdmin((tx) =>
			tx.query<{ kind: string; n: number }>(
				`select kind, count(*)::int as n from public.actor where territory_id = $1 group by kind`,
				[territoryId]
			)
		);
		expect(
			Object.fromEntries(figures.actorsByKind.value.kinds.map((k) => [k.kind, k.count]))
		).toEqual(Object.fromEntries(kinds.map((k) => [k.kind, k.n])));

		const places = await sqlCount(
			'select count(*)::int as n from public.place where territory_id = $1'
		);
		expect(figures.commonPlaces.value.total).toBe(places);

		const events = await sqlCount(
			`select count(*)::int as n from public.event
			  where territory_id = $1 and starts_at >= $2 and starts_at <= $3`,
			[territoryId, FROM, NOW.toISOString()]
		);
		expect(events).toBeGreaterThan(0);
		expect(figures.eventsLastYear.value.count).toBe(events);
		const hosts = await sqlCount(
			`select count(distinct coalesce(e.commune_code, p.commune_code))::int as n
			   from public.event e left join public.place p on p.id = e.place_id
			  where e.territory_id = $1 and e.starts_at >= $2 and e.starts_at <= $3`,
			[territoryId, FROM, NOW.toISOString()]
		);
		expect(figures.eventsLastYear.value.communes.length).toBe(hosts);
		const involved = await sqlCount(
			`select count(distinct ea.actor_id)::int as n
			   from public.event_actor ea join public.event e on e.id = ea.event_id
			  where e.territory_id = $1 and e.starts_at >= $2 and e.starts_at <= $3`,
			[territoryId, FROM, NOW.toISOString()]
		);
		expect(figures.eventsLastYear.value.actorsInvolved).toBe(involved);
		// 35 communes, each with a population: every commune has a rate.
		expect(figures.eventGaps.value.communes.length).toBe(35 - hosts);
		expect(figures.actorsPerThousand.value.communes).toHaveLength(35);
		const uzes = figures.actorsPerThousand.value.communes.find((c) => c.code === UZES)!;
		const uzesActors = await sqlCount(
			'select count(*)::int as n from public.actor where territory_id = $1 and commune_code = $2',
			[territoryId, UZES]
		);
		expect(uzes).toMatchObject({ name: 'Uzès', actors: uzesActors });
		expect(uzes.population).toBe(PAYS_D_UZES_COMMUNES.find((c) => c.code === UZES)!.population);
		expect(uzes.rate).toBeCloseTo((uzesActors * 1000) / uzes.population!, 10);

		const offers = figures.offersAndRequests;
		if (!offers.available) throw new Error('members see offers');
		expect(offers.value.offers).toBe(
			await sqlCount(
				`select count(*)::int as n from public.offer where territory_id = $1 and direction = 'offer'`
			)
		);
		expect(offers.value.requests).toBe(
			await sqlCount(
				`select count(*)::int as n from public.offer where territory_id = $1 and direction = 'request'`
			)
		);
		// The same count as the matching view's: open requests with at least one offer.
		const matches = await db.asUser(viewer, (tx) =>
			loadRequestMatches(tx, territoryId, offers.value.today)
		);
		expect(offers.value.openRequests).toBe(matches.length);
		expect(offers.value.matchedRequests).toBe(matches.filter((m) => m.offers.length > 0).length);
		expect(offers.value.matchedRequests).toBeGreaterThan(0);

		const listings = figures.listingsMerged;
		if (!listings.available) throw new Error('members see listings');
		// 4 rows, one gone: 3 current rows → 2 actors, 1 duplicate; the decision on rows 1–2.
		expect(listings.value).toEqual({
			listings: 1,
			rows: 3,
			actors: 2,
			duplicatesResolved: 1,
			unattachedRows: 0,
			decisions: { total: 1, same: 1, different: 0 }
		});
		expect(listings.method.params).toMatchObject({ gone: 1 });
	});

	it('reads only the scope’s rows for a commune or an EPCI', async () => {
		const scope: DossierScope = { kind: 'commune', code: UZES };
		const input = (await load(viewer, scope))!;
		expect(input.actors.length).toBe(
			await sqlCount(
				'select count(*)::int as n from public.actor where territory_id = $1 and commune_code = $2',
				[territoryId, UZES]
			)
		);
		expect(input.actors.every((a) => a.communeCode === UZES)).toBe(true);
		expect(input.places.every((p) => p.communeCode === UZES)).toBe(true);
		expect(input.events.every((e) => e.communeCode === UZES)).toBe(true);
		const figures = dossierFigures(input, scope, NOW);
		expect(figures.commonPlaces.value.total).toBe(
			await sqlCount(
				'select count(*)::int as n from public.place where territory_id = $1 and commune_code = $2',
				[territoryId, UZES]
			)
		);
		expect(figures.actorsPerThousand.value.communes.map((c) => c.code)).toEqual([UZES]);
		// Both Uzès rows of the listing are here (the demo's first two Uzès actors).
		const listings = figures.listingsMerged;
		expect(listings.available && listings.value.rows).toBe(3);

		// The EPCI covering the whole demo gives the territory's figures.
		const epci: DossierScope = {
			kind: 'epci',
			code: PAYS_D_UZES_EPCI,
			communeCodes: PAYS_D_UZES_COMMUNES.map((c) => c.code)
		};
		const all = dossierFigures((await load(viewer))!, TERRITORY, NOW);
		const byEpci = dossierFigures((await load(viewer, epci))!, epci, NOW);
		expect(byEpci.actorsByKind.value).toEqual(all.actorsByKind.value);
		expect(byEpci.eventsLastYear.value).toEqual(all.eventsLastYear.value);
	});

	it('gives the public only public rows, to visitors and to members who ask for it', async () => {
		const anon = (await load(anonClaims))!;
		expect(anon.audience).toBe('public');
		expect(anon.census).toBeNull();
		expect(anon.offers).toBeNull();
		expect(anon.events.every((e) => e.actorIds === null)).toBe(true);
		const publicEvents = await sqlCount(
			`select count(*)::int as n from public.event
			  where territory_id = $1 and visibility = 'public' and starts_at >= $2 and starts_at <= $3`,
			[territoryId, FROM, NOW.toISOString()]
		);
		const allEvents = (await load(viewer))!.events.length;
		expect(publicEvents).toBeLessThan(allEvents);
		expect(anon.events.length).toBe(publicEvents);

		const preview = (await load(owner, TERRITORY, { audience: 'public' }))!;
		expect(preview).toEqual(anon);
		// A visitor of the public territory who is a member elsewhere gets the same.
		expect(await load(outsider)).toEqual(anon);
		const figures = dossierFigures(anon, TERRITORY, NOW);
		expect(figures.listingsMerged.available).toBe(false);
		expect(figures.offersAndRequests.available).toBe(false);
		expect(figures.eventsLastYear.value.actorsInvolved).toBeNull();
	});

	it('finds nothing in a territory the caller cannot read', async () => {
		const read = (claims: Claims) =>
			db.asUser(claims, (tx) => loadDossierInput(tx, privateId, TERRITORY, NOW));
		expect(await read(outsider)).toBeNull();
		expect(await read(anonClaims)).toBeNull();
		// Its owner reads it: no communes listed and no rows, so no commune at all.
		expect(await read(owner)).toMatchObject({ audience: 'members', communes: [], actors: [] });
	});
});
