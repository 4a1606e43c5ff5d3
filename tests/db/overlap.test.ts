/**
 * Listings overlap against the real schema: the query as a member, then the domain numbers.
 *
 * Territory T, three listings imported in this order:
 *   RNA      : Alpha, Bravo, Charlie, Delta(gone)
 *   SIRENE   : Bravo, Charlie, Echo, Foxtrot(gone in its only record here)
 *   Réseau   : Charlie, Echo, Golf
 *   no record: Hotel (entered by hand)
 * Delta has two records in RNA, both gone; Bravo has two in RNA, one gone: Bravo is not gone.
 * One record of RNA is linked to no actor (still under review): it counts for no one.
 * Territory U has its own listing with Alpha's twin: it must not leak into T.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capIntersections, computeOverlap } from '../../src/lib/domain/census/overlap';
import { userClaims, type Tx } from '../../src/lib/server/db/types';
import { loadOverlapData } from '../../src/lib/server/queries/overlap';
import { createUser, freshDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let territoryT: string;
let viewer: string;
let outsider: string;
const actor: Record<string, string> = {};
const source: Record<string, string> = {};

async function insertId(tx: Tx, sql: string, params: unknown[]): Promise<string> {
	const [row] = await tx.query<{ id: string }>(sql, params);
	if (!row) throw new Error(`No row returned by: ${sql}`);
	return row.id;
}

beforeAll(async () => {
	db = await freshDatabase();
	viewer = await createUser(db, 'viewer@example.org');
	outsider = await createUser(db, 'outsider@example.org');

	await db.asAdmin(async (tx) => {
		territoryT = await insertId(
			tx,
			"insert into territory (slug, name) values ('t', 'Territoire T') returning id",
			[]
		);
		const territoryU = await insertId(
			tx,
			"insert into territory (slug, name) values ('u', 'Territoire U') returning id",
			[]
		);
		await tx.query(
			"insert into membership (territory_id, user_id, role) values ($1, $2, 'viewer')",
			[territoryT, viewer]
		);

		for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel']) {
			actor[name] = await insertId(
				tx,
				'insert into actor (territory_id, name) values ($1, $2) returning id',
				[territoryT, name]
			);
		}
		const listings: [string, string, string][] = [
			['RNA', 'Extrait RNA', '2026-01-01T10:00:00Z'],
			['SIRENE', 'Extrait SIRENE', '2026-02-01T10:00:00Z'],
			['Reseau', 'Membres du réseau', '2026-03-01T10:00:00Z']
		];
		for (const [key, name, importedAt] of listings) {
			source[key] = await insertId(
				tx,
				`insert into source (territory_id, name, file_name, record_count, imported_at)
				 values ($1, $2, $3, 0, $4) returning id`,
				[territoryT, name, `${key.toLowerCase()}.csv`, importedAt]
			);
		}

		let row = 0;
		const record = async (src: string, who: string | null, gone = false, t = territoryT) => {
			row += 1;
			await tx.query(
				`insert into source_record
				   (territory_id, source_id, row_number, raw, content_hash, actor_id, gone)
				 values ($1, $2, $3, '{}', $4, $5, $6)`,
				[t, src, row, `h${row}`, who, gone]
			);
		};
		await record(source.RNA!, actor.Alpha!);
		await record(source.RNA!, actor.Bravo!);
		await record(source.RNA!, actor.Bravo!, true);
		await record(source.RNA!, actor.Charlie!);
		await record(source.RNA!, actor.Delta!, true);
		await record(source.RNA!, actor.Delta!, true);
		await record(source.RNA!, null);
		await record(source.SIRENE!, actor.Bravo!);
		await record(source.SIRENE!, actor.Charlie!);
		await record(source.SIRENE!, actor.Echo!);
		await record(source.SIRENE!, actor.Foxtrot!, true);
		await record(source.Reseau!, actor.Charlie!);
		await record(source.Reseau!, actor.Echo!);
		await record(source.Reseau!, actor.Golf!);
		await tx.query(
			'update source set record_count = (select count(*) from source_record r where r.source_id = source.id)'
		);

		const otherSource = await insertId(
			tx,
			"insert into source (territory_id, name) values ($1, 'Liste U') returning id",
			[territoryU]
		);
		const twin = await insertId(
			tx,
			"insert into actor (territory_id, name) values ($1, 'Alpha') returning id",
			[territoryU]
		);
		await record(otherSource, twin, false, territoryU);
	});
});

afterAll(async () => {
	await db?.close();
});

describe('loadOverlapData', () => {
	it('returns the listings in import order with their counts, and the caller’s role', async () => {
		const data = await db.asUser(userClaims(viewer), (tx) => loadOverlapData(tx, territoryT));
		expect(data.role).toBe('viewer');
		expect(
			data.sources.map((s) => [s.name, s.fileName, s.recordCount, s.importedAt.slice(0, 10)])
		).toEqual([
			['Extrait RNA', 'rna.csv', 7, '2026-01-01'],
			['Extrait SIRENE', 'sirene.csv', 4, '2026-02-01'],
			['Membres du réseau', 'reseau.csv', 3, '2026-03-01']
		]);
		expect(data.actors).toHaveLength(8);
	});

	it('gives one membership per actor and listing, gone only when all its records are', async () => {
		const data = await db.asUser(userClaims(viewer), (tx) => loadOverlapData(tx, territoryT));
		const byName = Object.fromEntries(Object.entries(actor).map(([name, id]) => [id, name]));
		const bySource = Object.fromEntries(Object.entries(source).map(([key, id]) => [id, key]));
		const rows = data.memberships
			.map((m) => `${bySource[m.sourceId]}:${byName[m.actorId]}${m.gone ? ' (gone)' : ''}`)
			.sort();
		expect(rows).toEqual([
			'RNA:Alpha',
			'RNA:Bravo',
			'RNA:Charlie',
			'RNA:Delta (gone)',
			'Reseau:Charlie',
			'Reseau:Echo',
			'Reseau:Golf',
			'SIRENE:Bravo',
			'SIRENE:Charlie',
			'SIRENE:Echo',
			'SIRENE:Foxtrot (gone)'
		]);
	});

	it('shows nothing of the listings to someone outside the territory', async () => {
		const data = await db.asUser(userClaims(outsider), (tx) => loadOverlapData(tx, territoryT));
		expect(data).toEqual({ role: null, sources: [], memberships: [], actors: [] });
	});
});

describe('overlap of the territory', () => {
	it('computes the matrix, the combinations and the exclusive actors', async () => {
		const data = await db.asUser(userClaims(viewer), (tx) => loadOverlapData(tx, territoryT));
		const overlap = computeOverlap({
			listings: data.sources,
			memberships: data.memberships,
			actors: data.actors
		});

		// Rows and columns: RNA, SIRENE, Réseau.
		expect(overlap.matrix).toEqual([
			[4, 2, 1],
			[2, 4, 2],
			[1, 2, 3]
		]);
		expect(overlap.intersections).toEqual([
			{ listings: [0], count: 2, goneCount: 1 }, // Alpha, Delta
			{ listings: [1], count: 1, goneCount: 1 }, // Foxtrot
			{ listings: [2], count: 1, goneCount: 0 }, // Golf
			{ listings: [0, 1], count: 1, goneCount: 0 }, // Bravo
			{ listings: [1, 2], count: 1, goneCount: 0 }, // Echo
			{ listings: [0, 1, 2], count: 1, goneCount: 0 } // Charlie
		]);
		expect(
			overlap.exclusives.map((g) => g.actors.map((a) => `${a.name}${a.gone ? ' (gone)' : ''}`))
		).toEqual([['Alpha', 'Delta (gone)'], ['Foxtrot (gone)'], ['Golf']]);
		expect(overlap.listings.map((l) => [l.actorCount, l.goneCount, l.exclusiveCount])).toEqual([
			[4, 1, 2],
			[4, 1, 1],
			[3, 0, 1]
		]);
		expect(overlap.unlisted).toEqual({
			total: 1,
			actors: [{ id: actor.Hotel, name: 'Hotel', gone: false }]
		});
		expect(overlap.listedCount).toBe(7);

		const capped = capIntersections(overlap.intersections, 5);
		expect(capped.others).toEqual({ combinations: 1, count: 1, goneCount: 0 });
	});
});
