/**
 * The review queue on the real schema: three small listings imported offline (commune centres)
 * leave three pairs for a person. Checks the queue's order and what each card carries, that a
 * "same" decision gathers the two rows into one actor and takes the pair out of the queue, that
 * the decision is the one the page offers to take back (and taking it back brings the pair back
 * first), that a "not the same" decision survives a re-import, and that a viewer sees no queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { commitImport, type ImportFile } from '../../src/lib/server/census/import';
import { decidePair, unmergeRecords, withdrawDecision } from '../../src/lib/server/census/service';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import {
	decisionOn,
	lastDecision,
	listReviewQueue,
	loadReviewQueue,
	type ReviewPairDetail,
	type ReviewQueue
} from '../../src/lib/server/queries/review';
import { pairKey } from '../../src/lib/domain/census/review-order';

const ANNUAIRE = [
	'Nom,Adresse,Code postal,Commune,Téléphone,Courriel',
	'Les Amis du Vieux Moulin,4 chemin du Moulin,30700,Uzès,,',
	'Uzès Basket Club,Stade municipal,30700,Uzès,,',
	'Les Amis du Théâtre,2 place aux Herbes,30700,Uzès,,contact@amis-theatre-uzes.fr',
	'Garage Martin,3 avenue Gambetta,30700,Uzès,04 66 00 00 01,garage.martin@example.fr'
].join('\n');
const MEMBRES = [
	'Structure;Commune;Mail;Téléphone',
	'Amis du Moulin;Uzès;;',
	'Basket Uzès;Uzès;;',
	'Amis du Théâtre Populaire;Uzès;bureau@amis-theatre-uzes.fr;',
	'Collectif Vélo Libre;Uzès;;'
].join('\n');
// A third row of the mill's friends: its actor then gathers two rows.
const AGENDA = [
	'Nom de la structure,Commune,Date',
	'Les Amis du Vieux Moulin,Uzès,2026-06-21'
].join('\n');

const file = (name: string, content: string): ImportFile => ({
	name,
	bytes: new TextEncoder().encode(content + '\n')
});
const geocoder = new CommuneCentreGeocoder();

let db: TestDatabase;
let editor: Claims;
let viewer: Claims;
let territoryId: string;

async function queue(claims = editor, options = {}): Promise<ReviewQueue> {
	return db.asUser(claims, (tx) => loadReviewQueue(tx, territoryId, options));
}
/** Each pair as its two names, the members list's last (A and B follow the record ids). */
const names = (q: ReviewQueue): string[] =>
	q.pairs.map((p) => {
		const [x, y] = p.b.fileName === 'membres.csv' ? [p.a, p.b] : [p.b, p.a];
		return `${x.values.name} / ${y.values.name}`;
	});
function find(q: ReviewQueue, name: string): ReviewPairDetail {
	const p = q.pairs.find((x) => x.a.values.name === name || x.b.values.name === name);
	if (!p) throw new Error(`no pair with ${name}`);
	return p;
}
function side(p: ReviewPairDetail, name: string) {
	return p.a.values.name === name ? p.a : p.b;
}
async function actorOf(recordId: string): Promise<string | null> {
	const [r] = await db.asUser(editor, (tx) =>
		tx.query<{ actor_id: string | null }>(
			'select actor_id from public.source_record where territory_id = $1 and id = $2',
			[territoryId, recordId]
		)
	);
	return r?.actor_id ?? null;
}

describe('review queue', () => {
	beforeAll(async () => {
		db = await freshDatabase();
		editor = userClaims(await createUser(db, 'editor@example.org'));
		const viewerId = await createUser(db, 'viewer@example.org');
		viewer = userClaims(viewerId);
		territoryId = await createTerritory(db, editor, 'uzes', 'Pays d’Uzès');
		await addMember(db, editor, territoryId, viewerId, 'viewer');
		await commitImport(
			db,
			editor,
			territoryId,
			[file('annuaire.csv', ANNUAIRE), file('membres.csv', MEMBRES), file('agenda.csv', AGENDA)],
			{ geocoder }
		);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	it('lists the pairs most useful first: likeliest, then the one gathering more rows', async () => {
		const q = await queue();
		expect(q.total).toBe(3);
		// Théâtre: same e-mail domain on top of the name (6.83). Moulin and Basket tie on score
		// (4.83); the mill's actor already gathers two rows, so deciding it settles more.
		expect(names(q)).toEqual([
			'Les Amis du Théâtre / Amis du Théâtre Populaire',
			'Les Amis du Vieux Moulin / Amis du Moulin',
			'Uzès Basket Club / Basket Uzès'
		]);
		expect(q.pairs.map((p) => p.gathered)).toEqual([2, 3, 2]);
		expect(q.pairs[0]!.score).toBeCloseTo(6.83, 2);
		expect(q.pairs[1]!.score).toBeCloseTo(q.pairs[2]!.score, 5);
	});

	it('gives each card both rows, their listings, actors and the engine comparisons', async () => {
		const theatre = find(await queue(), 'Les Amis du Théâtre');
		expect(theatre.recordA < theatre.recordB).toBe(true);
		const a = side(theatre, 'Les Amis du Théâtre');
		const b = side(theatre, 'Amis du Théâtre Populaire');
		expect(a).toMatchObject({
			sourceName: 'annuaire',
			fileName: 'annuaire.csv',
			rowNumber: 3,
			gone: false,
			values: {
				name: 'Les Amis du Théâtre',
				address: '2 place aux Herbes',
				postcode: '30700',
				commune: 'Uzès',
				email: 'contact@amis-theatre-uzes.fr'
			}
		});
		expect(a.values.phone).toBeUndefined();
		expect(a.cells.map((c) => c.column)).toEqual([
			'Nom',
			'Adresse',
			'Code postal',
			'Commune',
			'Téléphone',
			'Courriel'
		]);
		expect(b).toMatchObject({
			fileName: 'membres.csv',
			rowNumber: 3,
			values: { name: 'Amis du Théâtre Populaire', email: 'bureau@amis-theatre-uzes.fr' }
		});
		expect(a.actor!.id).not.toBe(b.actor!.id);
		expect(a.actor!.records).toBe(1);
		// Placed at the centre of Uzès (offline geocoder), both of them.
		expect(a.actor!.point).toMatchObject({ quality: 'commune' });
		expect(a.actor!.point!.lng).toBeCloseTo(4.42, 1);
		expect(a.actor!.point!.lat).toBeCloseTo(44.01, 1);
		expect(a.actor!.communeCode).toBe('30334');
		expect(theatre.comparisons.map((c) => c.field).sort()).toEqual(['commune', 'email', 'name']);
		expect(theatre.comparisons.find((c) => c.field === 'email')).toEqual({
			field: 'email',
			weight: 2,
			detail: 'même domaine'
		});
		const mill = find(await queue(), 'Amis du Moulin');
		expect(side(mill, 'Les Amis du Vieux Moulin').actor!.records).toBe(2);
	});

	it('reads the cards of the first pairs only, and orders skipped pairs last', async () => {
		const full = await queue();
		const q = await queue(editor, { window: 1 });
		expect(q.total).toBe(3);
		expect(q.pairs).toHaveLength(1);
		const first = full.pairs[0]!;
		const skipped = await queue(editor, { skipped: [pairKey(first.recordA, first.recordB)] });
		expect(names(skipped)).toEqual([...names(full).slice(1), names(full)[0]]);
		expect(skipped.skippedCount).toBe(1);
		expect(full.skippedCount).toBe(0);
	});

	it('shows no queue to a viewer', async () => {
		expect(await queue(viewer)).toEqual({ total: 0, skippedCount: 0, pairs: [] });
		expect(await db.asUser(viewer, (tx) => listReviewQueue(tx, territoryId))).toEqual([]);
	});

	it('after "same", the pair is gone and its two rows share an actor', async () => {
		const theatre = find(await queue(), 'Les Amis du Théâtre');
		expect(await db.asUser(editor, (tx) => lastDecision(tx, territoryId))).toBeNull();
		await decidePair(db, editor, territoryId, theatre.recordB, theatre.recordA, 'same');

		const q = await queue();
		expect(q.total).toBe(2);
		expect(names(q)).not.toContain('Les Amis du Théâtre / Amis du Théâtre Populaire');
		expect(await actorOf(theatre.recordA)).not.toBeNull();
		expect(await actorOf(theatre.recordA)).toBe(await actorOf(theatre.recordB));
		expect(await db.asUser(editor, (tx) => lastDecision(tx, territoryId))).toEqual({
			recordA: theatre.recordA,
			recordB: theatre.recordB,
			decision: 'same',
			nameA: theatre.a.values.name,
			nameB: theatre.b.values.name
		});
		expect([theatre.a.values.name, theatre.b.values.name].sort()).toEqual([
			'Amis du Théâtre Populaire',
			'Les Amis du Théâtre'
		]);
	});

	it('walks back through the decisions; a pair taken back comes first', async () => {
		const basket = find(await queue(), 'Basket Uzès');
		await decidePair(db, editor, territoryId, basket.recordA, basket.recordB, 'different');
		expect((await queue()).total).toBe(1);
		const last = await db.asUser(editor, (tx) => lastDecision(tx, territoryId));
		expect(last).toMatchObject({ recordA: basket.recordA, decision: 'different' });

		await withdrawDecision(db, editor, territoryId, basket.recordA, basket.recordB);
		expect(
			await db.asUser(editor, (tx) => decisionOn(tx, territoryId, basket.recordB, basket.recordA))
		).toBeNull();
		const back = await queue(editor, { first: [basket.recordA, basket.recordB] });
		expect(back.total).toBe(2);
		expect(names(back)[0]).toBe('Uzès Basket Club / Basket Uzès');
		// The "same" on the theatre is now the last one standing.
		const previous = await db.asUser(editor, (tx) => lastDecision(tx, territoryId));
		expect(previous).toMatchObject({ decision: 'same' });
		expect([previous!.nameA, previous!.nameB]).toContain('Les Amis du Théâtre');
	});

	it('honours "not the same" when the listing is imported again', async () => {
		const basket = find(await queue(), 'Basket Uzès');
		await decidePair(db, editor, territoryId, basket.recordA, basket.recordB, 'different');
		expect(
			await db.asUser(editor, (tx) => decisionOn(tx, territoryId, basket.recordA, basket.recordB))
		).toBe('different');
		// The same members list with one more row: the basket pair does not come back.
		const summary = await commitImport(
			db,
			editor,
			territoryId,
			[
				{
					...file('membres.csv', MEMBRES + '\nÉcole de musique;Uzès;;'),
					target: side(basket, 'Basket Uzès').sourceId
				}
			],
			{ geocoder }
		);
		expect(summary.files[0]!.diff).toMatchObject({ added: 1, changed: 0, unchanged: 4, gone: 0 });
		const q = await queue();
		expect(names(q)).toEqual(['Les Amis du Vieux Moulin / Amis du Moulin']);
		expect(await actorOf(basket.recordA)).not.toBe(await actorOf(basket.recordB));
	});

	it('does not offer to undo the "not the same" an unmerge wrote', async () => {
		const before = await db.asUser(editor, (tx) => lastDecision(tx, territoryId));
		expect(before).toMatchObject({ decision: 'different' });
		// The theatre's two rows were merged by a "same" decision: split them on the actor page.
		const [row] = await db.asUser(editor, (tx) =>
			tx.query<{ actor_id: string; ids: string[] }>(
				`select actor_id, array_agg(id order by id) as ids from public.source_record
				  where territory_id = $1 and actor_id is not null
				  group by actor_id having count(*) = 2
				     and bool_or(raw ->> 'Nom' = 'Les Amis du Théâtre')`,
				[territoryId]
			)
		);
		await unmergeRecords(db, editor, territoryId, row!.actor_id, [row!.ids[1]!]);
		expect(
			await db.asUser(editor, (tx) => decisionOn(tx, territoryId, row!.ids[0]!, row!.ids[1]!))
		).toBe('different');
		expect(await db.asUser(editor, (tx) => lastDecision(tx, territoryId))).toEqual(before);
	});
});
