/**
 * The census workflow on the real database (the migrations on PGlite, or Postgres with
 * TEST_DATABASE_URL): import of the four gard-dev listings, re-import, diff of a modified copy,
 * human decisions, merge then unmerge restoring exactly, and rollback of a failing import.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerritory, createUser, freshDatabase, type TestDatabase } from './helpers';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { analyseImport, commitImport, type ImportFile } from '../../src/lib/server/census/import';
import {
	decidePair,
	overrideField,
	placeActor,
	unmergeRecords
} from '../../src/lib/server/census/service';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import { runCensus } from '../../src/lib/domain/census/engine';
import { readListing } from '../../src/lib/import/read';
import { loadFrenchCommunes } from '../../src/lib/domain/census/communes-fr';

const data = path.resolve(process.cwd(), '../shared/data/gard-dev');
const names = ['rna.csv', 'sirene.csv', 'membres.csv', 'participants.csv'];
const present = existsSync(path.join(data, 'rna.csv'));
const file = (name: string, bytes?: Uint8Array): ImportFile => ({
	name,
	bytes: bytes ?? new Uint8Array(readFileSync(path.join(data, name)))
});
const geocoder = new CommuneCentreGeocoder();

let db: TestDatabase;
let claims: Claims;
let territoryId: string;

async function q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
	return db.asUser(claims, (tx) => tx.query<T>(sql, params));
}
async function count(table: string): Promise<number> {
	const [r] = await q<{ n: number }>(
		`select count(*)::int as n from public.${table} where territory_id = $1`,
		[territoryId]
	);
	return r!.n;
}

/** Everything a merge and an unmerge may touch, in a stable order. */
async function snapshot() {
	return {
		actors: await q(
			`select a.id, a.name, a.kind, a.legal_form, c.address, a.postcode, a.commune_code,
			        c.email, c.phone, c.contact_name, a.website, a.siret, a.rna, a.tags,
			        st_astext(a.location::geometry) as location, a.location_quality, c.provenance,
			        c.overrides, a.contact_visibility, a.sectors, a.worlds, a.description, a.created_at
			   from public.actor a
			   join public.actor_contacts($1::uuid) c on c.actor_id = a.id
			  where a.territory_id = $1 order by a.id`,
			[territoryId]
		),
		records: await q(
			'select id, actor_id, raw, content_hash, gone from public.source_record where territory_id = $1 order by id',
			[territoryId]
		),
		events: await q(
			'select event_id, actor_id, role from public.event_actor where territory_id = $1 order by 1, 2',
			[territoryId]
		),
		links: await q(
			'select id, from_actor, to_actor, kind from public.link where territory_id = $1 order by id',
			[territoryId]
		)
	};
}

describe.skipIf(!present)('census workflow in the database', () => {
	beforeAll(async () => {
		db = await freshDatabase();
		const user = await createUser(db, 'editor@example.org');
		claims = userClaims(user);
		territoryId = await createTerritory(db, claims, 'gard', 'Gard test');
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	it('imports the four gard-dev listings into as many actors as the engine finds', async () => {
		const files = names.map((n) => file(n));
		const analyses = await analyseImport(db, claims, territoryId, files);
		expect(analyses.map((a) => a.diff.added)).toEqual([
			analyses[0]!.rowCount,
			analyses[1]!.rowCount,
			analyses[2]!.rowCount,
			analyses[3]!.rowCount
		]);
		expect(analyses.find((a) => a.file === 'membres.csv')).toMatchObject({
			encoding: 'windows-1252',
			delimiter: ';'
		});
		const stages = new Set<string>();
		const summary = await commitImport(db, claims, territoryId, files, {
			geocoder,
			onProgress: (p) => stages.add(p.stage)
		});
		expect([...stages]).toEqual(['read', 'geocode', 'match', 'save']);

		const communes = await loadFrenchCommunes();
		const listings = await Promise.all(names.map((n) => readListing(n, file(n).bytes)));
		const engine = runCensus(listings, { communes });
		expect(summary.actorsAfter).toBe(engine.stats.actors);
		expect(await count('actor')).toBe(engine.stats.actors);
		expect(await count('source_record')).toBe(3718);
		expect(await count('review_pair')).toBe(engine.stats.reviewPairs);
		// Every record feeds an actor; every actor is placed at least at its commune centre.
		const [orphans] = await q<{ n: number }>(
			'select count(*)::int as n from public.source_record where territory_id = $1 and actor_id is null',
			[territoryId]
		);
		expect(orphans!.n).toBe(0);
		const [placed] = await q<{ n: number }>(
			'select count(*)::int as n from public.actor where territory_id = $1 and location is not null',
			[territoryId]
		);
		// Offline: placed at the commune centre when the commune is in the shipped reference.
		expect(placed!.n).toBeGreaterThan(0);
		const qualities = await q<{ location_quality: string }>(
			'select distinct location_quality from public.actor where territory_id = $1 and location is not null',
			[territoryId]
		);
		expect(qualities.map((x) => x.location_quality)).toEqual(['commune']);
	}, 120_000);

	it('re-importing the same file changes nothing and says so', async () => {
		const before = await snapshot();
		const summary = await commitImport(db, claims, territoryId, [file('rna.csv')], { geocoder });
		expect(summary.noop).toBe(true);
		expect(summary.files[0]!.diff).toMatchObject({ added: 0, changed: 0, gone: 0 });
		expect(summary.files[0]!.diff.unchanged).toBe(summary.files[0]!.rowCount);
		expect(await snapshot()).toEqual(before);
	}, 60_000);

	it('previews a modified copy as new / changed / gone, and flags gone rows without deleting', async () => {
		const original = readFileSync(path.join(data, 'rna.csv'), 'utf8');
		const eol = original.includes('\r\n') ? '\r\n' : '\n';
		const text = original.split(eol);
		const header = text[0]!;
		const rows = text.slice(1).filter((l) => l.trim() !== '');
		// 3 rows removed, 2 rows edited (object column), 4 rows added.
		const kept = rows.slice(3);
		const cells = kept[0]!.split(',');
		cells[2] = 'Objet modifié';
		kept[0] = cells.join(',');
		const edited0 = kept[0] !== rows[3];
		const cells1 = kept[1]!.split(',');
		cells1[3] = '999';
		kept[1] = cells1.join(',');
		const added = [1, 2, 3, 4].map(
			(i) =>
				`W30900000${i},NOUVELLE ASSOCIATION ${i},Culture,${i},R,DES ECOLES,30700,UZES,2024-01-0${i}`
		);
		const modified = [header, ...kept, ...added].join(eol) + eol;
		const bytes = new TextEncoder().encode(modified);
		const [a] = await analyseImport(db, claims, territoryId, [file('rna.csv', bytes)]);
		expect(edited0).toBe(true);
		expect(a!.target).not.toBeNull();
		expect(a!.diff).toMatchObject({ added: 4, changed: 2, gone: 3, unchanged: rows.length - 5 });

		const recordsBefore = await count('source_record');
		const summary = await commitImport(db, claims, territoryId, [file('rna.csv', bytes)], {
			geocoder
		});
		expect(summary.noop).toBe(false);
		expect(await count('source_record')).toBe(recordsBefore + 4);
		const [gone] = await q<{ n: number }>(
			'select count(*)::int as n from public.source_record where territory_id = $1 and gone',
			[territoryId]
		);
		expect(gone!.n).toBe(3);
		// The edited rows kept their identity (same record id, new raw values).
		const [edited] = await q<{ n: number }>(
			"select count(*)::int as n from public.source_record where territory_id = $1 and raw->>'objet' = 'Objet modifié'",
			[territoryId]
		);
		expect(edited!.n).toBeGreaterThanOrEqual(1);
	}, 120_000);

	it('stores a decision "same", and an unmerge then restores the records exactly', async () => {
		// Two actors with one record each, in different listings, both in an event and linked.
		const pair = await q<{ a: string; b: string; actor_a: string; actor_b: string }>(
			`select p.record_a as a, p.record_b as b, ra.actor_id as actor_a, rb.actor_id as actor_b
			   from public.review_pair p
			   join public.source_record ra on ra.id = p.record_a
			   join public.source_record rb on rb.id = p.record_b
			  where p.territory_id = $1 and ra.actor_id <> rb.actor_id
			    and (select count(*) from public.source_record x where x.actor_id = ra.actor_id) = 1
			    and (select count(*) from public.source_record x where x.actor_id = rb.actor_id) = 1
			  order by p.score desc limit 1`,
			[territoryId]
		);
		expect(pair).toHaveLength(1);
		const { a, b, actor_a, actor_b } = pair[0]!;
		const [ev] = await q<{ id: string }>(
			"insert into public.event (territory_id, title, starts_at) values ($1, 'Forum', now()) returning id",
			[territoryId]
		);
		await q(
			"insert into public.event_actor (territory_id, event_id, actor_id, role) values ($1, $2, $3, 'organiser'), ($1, $2, $4, 'participant')",
			[territoryId, ev!.id, actor_a, actor_b]
		);
		const [other] = await q<{ id: string }>(
			'select id from public.actor where territory_id = $1 and id not in ($2, $3) limit 1',
			[territoryId, actor_a, actor_b]
		);
		await q(
			"insert into public.link (territory_id, from_actor, to_actor, kind) values ($1, $2, $3, 'partner'), ($1, $3, $4, 'member_of')",
			[territoryId, actor_b, other!.id, actor_a]
		);
		await overrideField(db, claims, territoryId, actor_b, 'phone', '04 66 00 00 00');
		const before = await snapshot();
		const actorsBefore = await count('actor');

		await decidePair(db, claims, territoryId, a, b, 'same');
		expect(await count('actor')).toBe(actorsBefore - 1);
		const owners = await q<{ actor_id: string }>(
			'select distinct actor_id from public.source_record where id in ($1, $2)',
			[a, b]
		);
		expect(owners).toHaveLength(1);
		const merged = owners[0]!.actor_id;
		expect([actor_a, actor_b]).toContain(merged);
		const [pending] = await q<{ n: number }>(
			'select count(*)::int as n from public.review_pair where record_a = $1 and record_b = $2',
			[a < b ? a : b, a < b ? b : a]
		);
		expect(pending!.n).toBe(0);

		const split = merged === actor_a ? b : a;
		await unmergeRecords(db, claims, territoryId, merged, [split]);
		expect(await snapshot()).toEqual(before);
		const history = await q<{ action: string }>(
			'select action from public.census_history where territory_id = $1 and actor_id in ($2, $3) order by id',
			[territoryId, actor_a, actor_b]
		);
		expect(history.map((h) => h.action)).toEqual(
			expect.arrayContaining(['override', 'decision', 'merge', 'absorb', 'unmerge', 'restore'])
		);
	}, 120_000);

	it('places an actor by hand and keeps the manual placement across rebuilds', async () => {
		const [actor] = await q<{ id: string }>(
			'select actor_id as id from public.source_record where territory_id = $1 limit 1',
			[territoryId]
		);
		await placeActor(db, claims, territoryId, actor!.id, { lng: 4.42, lat: 44.01 });
		await commitImport(
			db,
			claims,
			territoryId,
			[
				file('participants.csv', new TextEncoder().encode('Structure,Commune\nAtelier neuf,Uzès\n'))
			],
			{ geocoder }
		);
		const [row] = await q<{ lng: number; quality: string }>(
			'select st_x(location::geometry) as lng, location_quality as quality from public.actor where id = $1',
			[actor!.id]
		);
		expect(Number(row!.lng)).toBeCloseTo(4.42, 6);
		expect(row!.quality).toBe('manual');
	}, 120_000);

	it('a failing import leaves the census exactly as it was', async () => {
		const before = await snapshot();
		const versionBefore = await q('select census_version from public.territory where id = $1', [
			territoryId
		]);
		await expect(
			commitImport(
				db,
				claims,
				territoryId,
				[file('neuf.csv', new TextEncoder().encode('Nom,Ville\nCafé associatif,Uzès\n'))],
				{
					geocoder,
					beforeCommit: async () => {
						throw new Error('interrupted');
					}
				}
			)
		).rejects.toThrow('interrupted');
		expect(await snapshot()).toEqual(before);
		expect(
			await q('select census_version from public.territory where id = $1', [territoryId])
		).toEqual(versionBefore);
		expect(await count('source')).toBe(5);
	}, 60_000);
});
