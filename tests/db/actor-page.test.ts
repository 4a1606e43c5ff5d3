/**
 * The actor page's query on the real schema: two small listings imported offline (commune
 * centres), one actor fed by both. Checks the provenance it resolves to "listing, row", the
 * alternatives the listings disagree on, an override and its clearing, placement, unmerge and the
 * history, and that someone outside the territory gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addMember,
	asApiCaller,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { commitImport, type ImportFile } from '../../src/lib/server/census/import';
import { overrideField, placeActor, unmergeRecords } from '../../src/lib/server/census/service';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import {
	actorOfRecord,
	loadActorPage,
	type ActorFieldView,
	type ActorPageData
} from '../../src/lib/server/queries/actor-page';

const ANNUAIRE = [
	'Nom,Adresse,Code postal,Commune,Téléphone,Courriel',
	"Association Les Jardins d'Uzès,12 rue de la République,30700,Uzès,04 66 22 11 00,contact@jardins-uzes.fr",
	'Garage Martin,3 avenue Gambetta,30700,Uzès,04 66 00 00 01,garage.martin@example.fr'
].join('\n');
const MEMBRES = [
	'Structure,Commune,Mail,Téléphone',
	"Les Jardins d'Uzès,Uzès,bonjour@jardins-uzes.fr,04 66 22 11 00",
	'Collectif Vélo Libre,Saint-Quentin-la-Poterie,,'
].join('\n');

const file = (name: string, content: string): ImportFile => ({
	name,
	bytes: new TextEncoder().encode(content + '\n')
});

let db: TestDatabase;
let editor: Claims;
let outsider: Claims;
let viewer: Claims;
let territoryId: string;
let jardins: string;

async function page(claims: Claims, actorId = jardins): Promise<ActorPageData | null> {
	return db.asUser(claims, (tx) => loadActorPage(tx, territoryId, actorId));
}

function field(data: ActorPageData, name: ActorFieldView['field']): ActorFieldView {
	const f = data.fields.find((x) => x.field === name);
	if (!f) throw new Error(`no field ${name}`);
	return f;
}

describe('actor page query', () => {
	beforeAll(async () => {
		db = await freshDatabase();
		editor = userClaims(await createUser(db, 'editor@example.org'));
		outsider = userClaims(await createUser(db, 'outsider@example.org'));
		const viewerId = await createUser(db, 'viewer@example.org');
		viewer = userClaims(viewerId);
		territoryId = await createTerritory(db, editor, 'uzes', 'Pays d’Uzès');
		await addMember(db, editor, territoryId, viewerId, 'viewer');
		await commitImport(
			db,
			editor,
			territoryId,
			[file('annuaire.csv', ANNUAIRE), file('membres.csv', MEMBRES)],
			{ geocoder: new CommuneCentreGeocoder() }
		);
		const [row] = await db.asUser(editor, (tx) =>
			tx.query<{ actor_id: string; n: number }>(
				`select actor_id, count(*)::int as n from public.source_record
				  where territory_id = $1 and raw->>'Téléphone' = '04 66 22 11 00'
				  group by actor_id`,
				[territoryId]
			)
		);
		jardins = row!.actor_id;
	}, 120_000);
	afterAll(async () => {
		await db?.close();
	});

	it('merges the two rows of the same association into one actor with both records', async () => {
		const data = (await page(editor))!;
		expect(data.role).toBe('owner');
		expect(data.records).toHaveLength(2);
		expect(data.records.map((r) => [r.sourceName, r.rowNumber])).toEqual([
			['annuaire', 1],
			['membres', 1]
		]);
		// Raw cells in the listing's column order, with the role each column was read as.
		expect(data.records[0]!.cells.map((c) => c.column)).toEqual([
			'Nom',
			'Adresse',
			'Code postal',
			'Commune',
			'Téléphone',
			'Courriel'
		]);
		expect(data.records[0]!.cells.find((c) => c.column === 'Courriel')).toMatchObject({
			value: 'contact@jardins-uzes.fr',
			role: 'email'
		});
		expect(data.records[1]!.geocode).toMatchObject({ quality: 'commune' });
	});

	it('resolves each field to its listing and row, with the alternatives', async () => {
		const data = (await page(editor))!;
		const address = field(data, 'address');
		expect(address.value).toBe('12 rue de la République');
		expect(address.origin).toMatchObject({
			kind: 'record',
			ref: { sourceName: 'annuaire', rowNumber: 1, gone: false }
		});
		const email = field(data, 'email');
		expect(email.origin.kind).toBe('record');
		expect(email.alternatives).toHaveLength(2);
		expect(email.alternatives.filter((a) => a.current)).toHaveLength(1);
		expect(email.alternatives.find((a) => a.current)!.value).toBe(email.value);
		const byValue = Object.fromEntries(
			email.alternatives.map((a) => [
				a.value,
				a.records.map((r) => `${r.sourceName} ligne ${r.rowNumber}`)
			])
		);
		expect(byValue).toEqual({
			'contact@jardins-uzes.fr': ['annuaire ligne 1'],
			'bonjour@jardins-uzes.fr': ['membres ligne 1']
		});
		// The two agree on the phone: no alternatives to choose from.
		expect(field(data, 'phone').alternatives).toEqual([]);
		expect(field(data, 'kind')).toMatchObject({
			value: 'association',
			origin: { kind: 'derived' }
		});
		expect(field(data, 'commune_code')).toMatchObject({
			value: '30334',
			origin: { kind: 'record' }
		});
		expect(data.placement).toMatchObject({ quality: 'commune', manual: false });
		expect(data.placement!.origin.kind).toBe('record');
		expect(data.history!.map((h) => h.action)).toContain('import');
	});

	it('shows an override as set by hand with what the listings say, and clearing it brings the merged value back', async () => {
		const before = field((await page(editor))!, 'email');
		const other = before.alternatives.find((a) => !a.current)!.value;
		await overrideField(db, editor, territoryId, jardins, 'email', other);
		let email = field((await page(editor))!, 'email');
		expect(email).toMatchObject({ value: other, overridden: true, origin: { kind: 'manual' } });
		expect(email.alternatives).toEqual([]);
		expect(email.listingValues.map((l) => [l.value, l.ref.sourceName, l.ref.rowNumber])).toEqual([
			['contact@jardins-uzes.fr', 'annuaire', 1],
			['bonjour@jardins-uzes.fr', 'membres', 1]
		]);

		await overrideField(db, editor, territoryId, jardins, 'email', null);
		email = field((await page(editor))!, 'email');
		expect(email).toMatchObject({
			value: before.value,
			overridden: false,
			origin: { kind: 'record' }
		});
		expect(email.alternatives).toHaveLength(2);

		const history = (await page(editor))!.history!;
		// Each entry says who did it.
		expect(history.slice(0, 2)).toMatchObject([
			{ action: 'override', field: 'email', after: null, by: 'editor@example.org' },
			{ action: 'override', field: 'email', after: other, by: 'editor@example.org' }
		]);
		// Newest first.
		expect(history[0]!.doneAt >= history[history.length - 1]!.doneAt).toBe(true);
	}, 60_000);

	it('places the actor by hand, then gives it back to its listings', async () => {
		await placeActor(db, editor, territoryId, jardins, { lng: 4.4191, lat: 44.0123 });
		let data = (await page(editor))!;
		expect(data.placement).toMatchObject({
			lng: 4.4191,
			lat: 44.0123,
			quality: 'manual',
			manual: true,
			origin: { kind: 'manual' }
		});
		await placeActor(db, editor, territoryId, jardins, null);
		data = (await page(editor))!;
		expect(data.placement).toMatchObject({ quality: 'commune', manual: false });
		expect(data.history!.slice(0, 2).map((h) => h.action)).toEqual(['place', 'place']);
	}, 60_000);

	it('shows a change made outside the app, logged by the database, with its author', async () => {
		// What PostgREST runs for an editor.
		await asApiCaller(db, editor, async (tx) => {
			await tx.query(
				`update public.actor set siret = '12345678900011', website = 'https://jardins.example'
				  where id = $1`,
				[jardins]
			);
		});
		const [latest] = (await page(editor))!.history!;
		expect(latest).toMatchObject({
			action: 'edit',
			op: 'update',
			fields: ['siret', 'website'],
			by: 'editor@example.org'
		});
	}, 60_000);

	it('hides the history from viewers, and the actor from people outside the territory', async () => {
		const seen = (await page(viewer))!;
		expect(seen.role).toBe('viewer');
		expect(seen.records).toHaveLength(2);
		expect(seen.history).toBeNull();
		expect(await page(outsider)).toBeNull();
		expect(await page(editor, '00000000-0000-4000-8000-00000000abcd')).toBeNull();
		expect(await page(editor, 'not-a-uuid')).toBeNull();
	});

	it('after an unmerge, the split record leads to its own actor, and both histories say so', async () => {
		const data = (await page(editor))!;
		const split = data.records.find((r) => r.sourceName === 'membres')!;
		await unmergeRecords(db, editor, territoryId, jardins, [split.id]);
		const now = await db.asUser(editor, (tx) => actorOfRecord(tx, territoryId, split.id));
		expect(now).not.toBeNull();
		expect(now!.id).not.toBe(jardins);
		const left = (await page(editor))!;
		expect(left.records.map((r) => r.sourceName)).toEqual(['annuaire']);
		expect(left.history![0]).toMatchObject({ action: 'unmerge', count: 1 });
		// The old alternatives named the membres row: gone from this actor's page now.
		expect(field(left, 'email').alternatives).toEqual([]);
		const other = (await page(editor, now!.id))!;
		expect(other.records.map((r) => r.sourceName)).toEqual(['membres']);
		expect(field(other, 'email').value).toBe('bonjour@jardins-uzes.fr');
	}, 60_000);
});
