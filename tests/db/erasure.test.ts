/**
 * « A demandé à ne pas figurer » (RGPD erasure, #8) on the real migrations: two listings name the
 * same person (with email and phone); once erased, nothing in the database still reads her name,
 * address or number, and re-importing the listings (through the wizard's path and as a
 * participants sheet) leaves her rows out and says how many. Only owners and editors of the
 * territory may erase.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import { analyseImport, commitImport, type ImportFile } from '../../src/lib/server/census/import';
import { decidePair, overrideField, unmergeRecords } from '../../src/lib/server/census/service';
import { digestKey, ErasureError, eraseActor } from '../../src/lib/server/census/suppression';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import { loadReviewQueue } from '../../src/lib/server/queries/review';
import { loadOverlapData } from '../../src/lib/server/queries/overlap';

const geocoder = new CommuneCentreGeocoder();

function csv(name: string, lines: string[]): ImportFile {
	return { name, bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n') };
}

// Two listings, different columns, naming Marie Dupont with her email and mobile.
const inscriptions = csv('inscriptions.csv', [
	'nom;commune;courriel;telephone',
	'Marie Dupont;Uzès;marie.dupont@example.fr;06 12 34 56 78',
	'Les Jardins du Mas;Uzès;contact@jardins-du-mas.example.org;04 66 22 33 44',
	'Atelier Vélo Solidaire;Uzès;atelier@velo-uzes.example.org;04 66 55 66 77'
]);
const adherents = csv('adherents.csv', [
	'Nom;Ville;Email;Tel',
	'DUPONT Marie;Uzès;Marie.Dupont@example.fr;+33 6 12 34 56 78',
	'Café associatif La Bobine;Uzès;bonjour@labobine.example.org;04 66 01 02 03'
]);

/** Every way her data could be written down, as a lowercase needle. */
const NEEDLES = ['marie.dupont', 'dupont', '12 34 56 78', '612345678', '0612345678'];

let db: TestDatabase;
let owner: Claims;
let editor: Claims;
let member: Claims;
let viewer: Claims;
let otherEditor: Claims;
let territoryId: string;
let otherTerritoryId: string;

async function q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
	return db.asUser(owner, (tx) => tx.query<T>(sql, params));
}
async function admin<T = Record<string, unknown>>(
	sql: string,
	params: unknown[] = []
): Promise<T[]> {
	return db.asAdmin((tx) => tx.query<T>(sql, params));
}

/**
 * Every row of every table of the schemas that hold data (public, maillage_private, auth), read
 * as the superuser and cast to text, that contains one of the needles: { "schema.table": n }.
 */
async function scan(needles: string[]): Promise<Record<string, number>> {
	const tables = await admin<{ schema: string; name: string }>(
		`select table_schema::text as schema, table_name::text as name from information_schema.tables
		  where table_type = 'BASE TABLE'
		    and table_schema in ('public', 'maillage_private', 'maillage_app', 'auth')
		  order by 1, 2`
	);
	expect(tables.map((t) => t.name)).toEqual(
		expect.arrayContaining(['actor', 'source_record', 'census_history', 'suppression'])
	);
	const found: Record<string, number> = {};
	for (const t of tables) {
		const [row] = await admin<{ n: number }>(
			`select count(*)::int as n from "${t.schema}"."${t.name}" x
			  where lower(x::text) like any ($1::text[])`,
			[needles.map((n) => `%${n}%`)]
		);
		if (row!.n > 0) found[`${t.schema}.${t.name}`] = row!.n;
	}
	return found;
}

async function actorIdsNamed(pattern: string): Promise<string[]> {
	const rows = await q<{ id: string }>(
		'select id from public.actor where territory_id = $1 and name ilike $2 order by id',
		[territoryId, pattern]
	);
	return rows.map((r) => r.id);
}

async function recordsOf(actorId: string): Promise<{ id: string; source_id: string }[]> {
	return q(
		`select id, source_id from public.source_record where territory_id = $1 and actor_id = $2
		  order by row_number, id`,
		[territoryId, actorId]
	);
}

let marie: string;
let marieRecords: string[];
let absorbed: string;
let jardins: string;

describe('erasure of an actor who asked not to appear', () => {
	beforeAll(async () => {
		db = await freshDatabase();
		const ids = {
			owner: await createUser(db, 'owner@maillage.test'),
			editor: await createUser(db, 'editor@maillage.test'),
			member: await createUser(db, 'member@maillage.test'),
			viewer: await createUser(db, 'viewer@maillage.test'),
			other: await createUser(db, 'other-editor@maillage.test')
		};
		owner = userClaims(ids.owner);
		editor = userClaims(ids.editor);
		member = userClaims(ids.member);
		viewer = userClaims(ids.viewer);
		otherEditor = userClaims(ids.other);
		territoryId = await createTerritory(db, owner, 'uzege', 'Uzège');
		await addMember(db, owner, territoryId, ids.editor, 'editor');
		await addMember(db, owner, territoryId, ids.member, 'member');
		await addMember(db, owner, territoryId, ids.viewer, 'viewer');
		otherTerritoryId = await createTerritory(db, otherEditor, 'ailleurs', 'Ailleurs');

		await commitImport(db, editor, territoryId, [inscriptions, adherents], { geocoder });
		// Before anything: the data is there, so the scan can see it.
		expect(Object.keys(await scan(NEEDLES)).length).toBeGreaterThan(0);

		const [id] = await actorIdsNamed('%dupont%');
		marie = id!;
		expect(await actorIdsNamed('%dupont%')).toHaveLength(1);
		const records = await recordsOf(marie);
		expect(records).toHaveLength(2);

		// A merge leaves a snapshot of the actor it folds: split her rows, then join them again.
		await unmergeRecords(db, editor, territoryId, marie, [records[1]!.id]);
		const split = await actorIdsNamed('%dupont%');
		expect(split).toHaveLength(2);
		await decidePair(db, editor, territoryId, records[0]!.id, records[1]!.id, 'same');
		const [survivor] = await actorIdsNamed('%dupont%');
		marie = survivor!;
		absorbed = split.find((a) => a !== marie)!;
		marieRecords = (await recordsOf(marie)).map((r) => r.id);
		expect(marieRecords).toHaveLength(2);
		const [snap] = await q<{ n: number }>(
			`select count(*)::int as n from public.absorbed_actor
			  where territory_id = $1 and actor_id = $2 and absorbed_into = $3`,
			[territoryId, absorbed, marie]
		);
		expect(snap!.n).toBe(1);

		// A value set by hand (history keeps before / after), a review pair naming one of her rows,
		// an event she takes part in, a link and an offer of hers.
		await overrideField(db, editor, territoryId, marie, 'name', 'Marie Dupont (bénévole)');
		jardins = (await actorIdsNamed('%jardins%'))[0]!;
		const [jardinsRecord] = await recordsOf(jardins);
		await admin(
			`insert into public.review_pair (territory_id, record_a, record_b, score, comparisons)
			 values ($1, $2, $3, 4, $4::jsonb)`,
			[
				territoryId,
				marieRecords[0],
				jardinsRecord!.id,
				JSON.stringify([{ field: 'name', a: 'Marie Dupont', b: 'Les Jardins du Mas' }])
			]
		);
		await q(
			`with e as (
			   insert into public.event (territory_id, title, starts_at) values ($1, 'Fête', now())
			   returning id
			 )
			 insert into public.event_actor (territory_id, event_id, actor_id)
			 select $1, e.id, $2 from e`,
			[territoryId, marie]
		);
		await q(
			`insert into public.link (territory_id, from_actor, to_actor, kind) values ($1, $2, $3, 'member_of')`,
			[territoryId, marie, jardins]
		);
		await q(
			`insert into public.offer (territory_id, actor_id, direction, category, title)
			 values ($1, $2, 'offer', 'skill', 'Cours de couture avec Marie Dupont')`,
			[territoryId, marie]
		);
	}, 120_000);

	afterAll(async () => {
		await db?.close();
	});

	it('refuses members, viewers, visitors and editors of another territory', async () => {
		for (const claims of [member, viewer, otherEditor]) {
			await expect(eraseActor(db, claims, territoryId, marie)).rejects.toSatisfy(
				(e) => e instanceof ErasureError && (e.code === 'forbidden' || e.code === 'unknown_actor')
			);
			// The function itself, called directly as the API role would.
			await expect(
				db.asUser(claims, (tx) =>
					tx.query('select maillage_app.erase_actor($1, $2, $3::text[], 0)', [
						territoryId,
						marie,
						[digestKey('email:x@example.org')]
					])
				)
			).rejects.toThrow(/éditeurs|permission denied/);
			await expect(
				db.asUser(claims, (tx) =>
					tx.query('select * from maillage_app.suppressed_keys($1, $2::text[])', [
						territoryId,
						['x']
					])
				)
			).rejects.toThrow(/éditeurs|permission denied/);
		}
		await expect(
			db.asUser(anonClaims, (tx) =>
				tx.query('select maillage_app.erase_actor($1, $2, $3::text[], 0)', [territoryId, marie, []])
			)
		).rejects.toThrow(/permission denied/);
		// An editor of another territory cannot aim its own function call at this one either.
		await expect(eraseActor(db, otherEditor, otherTerritoryId, marie)).rejects.toSatisfy(
			(e) => e instanceof ErasureError && e.code === 'unknown_actor'
		);
		expect(await actorIdsNamed('%dupont%')).toEqual([marie]);
	});

	it('erases the actor and every row holding her data; the history keeps only that it happened', async () => {
		const result = await eraseActor(db, editor, territoryId, marie);
		expect(result.records).toBe(2);
		expect(result.snapshots).toBe(1);
		expect(result.keys).toBeGreaterThan(3);

		expect(await actorIdsNamed('%dupont%')).toEqual([]);
		const gone = await q<{ actors: number; records: number; pairs: number; snapshots: number }>(
			`select
			   (select count(*)::int from public.actor where territory_id = $1 and id = any ($2::uuid[])) as actors,
			   (select count(*)::int from public.source_record where territory_id = $1 and id = any ($3::uuid[])) as records,
			   (select count(*)::int from public.review_pair where territory_id = $1
			      and (record_a = any ($3::uuid[]) or record_b = any ($3::uuid[]))) as pairs,
			   (select count(*)::int from public.absorbed_actor where territory_id = $1) as snapshots`,
			[territoryId, [marie, absorbed], marieRecords]
		);
		expect(gone[0]).toEqual({ actors: 0, records: 0, pairs: 0, snapshots: 0 });
		const linked = await q<{ n: number }>(
			`select (select count(*) from public.event_actor where territory_id = $1 and actor_id = $2)
			      + (select count(*) from public.link
			          where territory_id = $1 and (from_actor = $2 or to_actor = $2))
			      + (select count(*) from public.offer where territory_id = $1 and actor_id = $2) as n`,
			[territoryId, marie]
		);
		expect(Number(linked[0]!.n)).toBe(0);

		// Her history (and that of the actor merged into her) is still there, but says nothing.
		const history = await q<{ actor_id: string; action: string; detail: unknown }>(
			`select actor_id, action, detail from public.census_history
			  where territory_id = $1 and actor_id = any ($2::uuid[]) order by id`,
			[territoryId, [marie, absorbed]]
		);
		expect(history.length).toBeGreaterThan(3);
		const erase = history.filter((h) => h.action === 'erase');
		expect(erase).toHaveLength(1);
		expect(erase[0]!.detail).toEqual({ erased: true, records: 2, listings: 2 });
		for (const h of history.filter((x) => x.action !== 'erase'))
			expect(h.detail).toEqual({ erased: true });

		// The other actors are untouched.
		expect(await actorIdsNamed('%jardins%')).toEqual([jardins]);
		const [listings] = await q<{ counts: number[] }>(
			`select array_agg(record_count order by name) as counts from public.source where territory_id = $1`,
			[territoryId]
		);
		expect(listings!.counts).toEqual([1, 2]);

		// The review queue and the overlap page work on what is left.
		const { queue, overlap } = await db.asUser(editor, async (tx) => ({
			queue: await loadReviewQueue(tx, territoryId),
			overlap: await loadOverlapData(tx, territoryId)
		}));
		const mentioned = JSON.stringify({ queue, overlap });
		for (const id of [marie, absorbed, ...marieRecords]) expect(mentioned).not.toContain(id);
		expect(overlap.sources).toHaveLength(2);
		expect(overlap.actors.map((a) => a.id)).toContain(jardins);
	});

	it('leaves no readable trace anywhere: not her name, address, phone, nor their plain digests', async () => {
		expect(await scan(NEEDLES)).toEqual({});
		const rows = await admin<{ keys: string[]; reason: string; created_by: string }>(
			'select keys, reason, created_by from public.suppression where territory_id = $1',
			[territoryId]
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.reason).toBe('rgpd');
		expect(rows[0]!.created_by).toBe(editor.sub);
		for (const k of rows[0]!.keys) expect(k).toMatch(/^[0-9a-f]{64}$/);
		// Salted: neither the key's digest nor a plain hash of it is stored.
		const email = 'email:marie.dupont@example.fr';
		const sha = (s: string) => createHash('sha256').update(s).digest('hex');
		for (const plain of [digestKey(email), sha(digestKey(email)), sha(email)])
			expect(rows[0]!.keys).not.toContain(plain);
		// The salt lives where the API roles cannot read it.
		await expect(
			db.asUser(editor, (tx) => tx.query('select * from maillage_private.suppression_salt'))
		).rejects.toThrow(/permission denied/);
		// The list is for owners and editors.
		const seen = async (c: Claims) =>
			(await db.asUser(c, (tx) => tx.query('select id from public.suppression'))).length;
		expect(await seen(editor)).toBe(1);
		expect(await seen(owner)).toBe(1);
		expect(await seen(member)).toBe(0);
		expect(await seen(otherEditor)).toBe(0);
	});

	it('a re-import of the same listings leaves her rows out and counts them', async () => {
		const analyses = await analyseImport(db, editor, territoryId, [inscriptions, adherents]);
		expect(analyses.map((a) => a.suppressed)).toEqual([1, 1]);
		expect(analyses.map((a) => a.rowCount)).toEqual([2, 1]);
		// The other rows are unchanged: nothing new, nothing gone.
		expect(analyses.map((a) => a.diff)).toEqual([
			{ added: 0, changed: 0, unchanged: 2, gone: 0, returned: 0 },
			{ added: 0, changed: 0, unchanged: 1, gone: 0, returned: 0 }
		]);
		// Someone types her in again, in another file, with her number written another way.
		const again = csv('nouvelle-liste.csv', [
			'Nom;Commune;Mobile;Courriel',
			'Mme Marie DUPONT;Uzès;06.12.34.56.78;',
			'Jeanne Durand;Uzès;06 98 76 54 32;jeanne.durand@example.fr',
			'Quelqu’un;Nîmes;;MARIE.DUPONT@example.fr'
		]);
		const summary = await commitImport(db, editor, territoryId, [inscriptions, adherents, again], {
			geocoder
		});
		expect(summary.suppressed).toBe(4);
		expect(summary.files.map((f) => f.suppressed)).toEqual([1, 1, 2]);
		expect(await actorIdsNamed('%dupont%')).toEqual([]);
		// A different person is imported as usual.
		expect(await actorIdsNamed('%durand%')).toHaveLength(1);
		expect(await actorIdsNamed('%jardins%')).toEqual([jardins]);
		expect(await scan(NEEDLES)).toEqual({});
	});

	it('a participants sheet of an event leaves her out too', async () => {
		const [event] = await q<{ id: string }>(
			`insert into public.event (territory_id, title, starts_at) values ($1, 'Forum', now()) returning id`,
			[territoryId]
		);
		const sheet = csv('inscrits-forum.csv', [
			'nom;commune;courriel',
			'Marie Dupont;Uzès;marie.dupont@example.fr',
			'Atelier Vélo Solidaire;Uzès;atelier@velo-uzes.example.org'
		]);
		const summary = await commitImport(db, editor, territoryId, [sheet], {
			geocoder,
			eventId: event!.id
		});
		expect(summary.suppressed).toBe(1);
		expect(summary.participants).toEqual({ linked: 1, alreadyThere: 0 });
		expect(await scan(NEEDLES)).toEqual({});
	});

	it('a key she shared with another actor is not kept: that actor still imports', async () => {
		// Paul shares the association's switchboard number; erasing him must not drop the association.
		await commitImport(
			db,
			editor,
			territoryId,
			[
				csv('benevoles.csv', [
					'nom;commune;telephone;courriel',
					'Paul Leroy;Nîmes;04 66 22 33 44;paul.leroy@example.fr'
				])
			],
			{ geocoder }
		);
		const [paul] = await actorIdsNamed('%leroy%');
		expect(paul).toBeDefined();
		await eraseActor(db, owner, territoryId, paul!);
		const sheet = csv('annuaire-2027.csv', [
			'nom;commune;telephone',
			'Les Jardins du Mas;Uzès;04 66 22 33 44',
			'Paul Leroy;Nîmes;'
		]);
		const analyses = await analyseImport(db, editor, territoryId, [sheet]);
		expect(analyses[0]!.suppressed).toBe(1);
		expect(analyses[0]!.rowCount).toBe(1);
	});
});
