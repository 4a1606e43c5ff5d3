/**
 * Field-level privacy of contacts (#8): personal values detected at import (`personal_fields`),
 * an editor choosing who sees each field, a person's own value made public only with a
 * confirmation, and what each caller then reads through `actor_contacts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import { commitImport, type ImportFile } from '../../src/lib/server/census/import';
import { overrideField } from '../../src/lib/server/census/service';
import { setContactVisibility, VisibilityError } from '../../src/lib/server/census/visibility';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import { contactReadable, loadActorPage } from '../../src/lib/server/queries/actor-page';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

const LISTING = [
	'Nom,Commune,Courriel,Téléphone',
	'Mairie de Blauzac,Blauzac,mairie@blauzac.example.fr,04 66 81 00 00',
	'Atelier de Marie,Uzès,marie.dupont@gmail.com,06 12 34 56 78'
].join('\n');

const file = (name: string, content: string): ImportFile => ({
	name,
	bytes: new TextEncoder().encode(content + '\n')
});

let db: TestDatabase;
let editor: Claims;
let member: Claims;
let territoryId: string;
const ids = { mairie: '', marie: '' };

const personal = () =>
	db.asAdmin((tx) =>
		tx.query<{ name: string; personal_fields: string[] }>(
			'select name, personal_fields from public.actor where territory_id = $1 order by name',
			[territoryId]
		)
	);

const contactsAs = (who: Claims, actorId: string) =>
	db.asUser(who, async (tx) => {
		const [row] = await tx.query<{ email: string | null; phone: string | null }>(
			'select email, phone from public.actor_contacts($1, $2)',
			[territoryId, actorId]
		);
		return row ?? null;
	});

beforeAll(async () => {
	db = await freshDatabase();
	editor = userClaims(await createUser(db, 'editor@example.org'));
	const memberId = await createUser(db, 'member@example.org');
	member = userClaims(memberId);
	territoryId = await createTerritory(db, editor, 'coordonnees', 'Coordonnées');
	await addMember(db, editor, territoryId, memberId, 'member');
	await db.asUser(editor, (tx) =>
		tx.query("update public.territory set visibility = 'public' where id = $1", [territoryId])
	);
	await commitImport(db, editor, territoryId, [file('annuaire.csv', LISTING)], {
		geocoder: new CommuneCentreGeocoder()
	});
	for (const r of await db.asAdmin((tx) =>
		tx.query<{ id: string; name: string }>(
			'select id, name from public.actor where territory_id = $1',
			[territoryId]
		)
	)) {
		if (r.name.startsWith('Mairie')) ids.mairie = r.id;
		else ids.marie = r.id;
	}
}, 120_000);

afterAll(async () => {
	await db?.close();
});

describe('personal contacts and their visibility', () => {
	it("marks a person's own email and mobile at import, not the town hall's", async () => {
		expect(await personal()).toEqual([
			{ name: 'Atelier de Marie', personal_fields: ['email', 'phone'] },
			{ name: 'Mairie de Blauzac', personal_fields: [] }
		]);
	});

	it('keeps every contact for members by default: the public reads none', async () => {
		expect(await contactsAs(anonClaims, ids.mairie)).toEqual({ email: null, phone: null });
		expect(await contactsAs(member, ids.marie)).toEqual({
			email: 'marie.dupont@gmail.com',
			phone: '06 12 34 56 78'
		});
	});

	it("publishes the organisation's phone when an editor says so, and logs who did", async () => {
		await setContactVisibility(db, editor, territoryId, ids.mairie, 'phone', 'public');
		expect(await contactsAs(anonClaims, ids.mairie)).toEqual({
			email: null,
			phone: '04 66 81 00 00'
		});
		const page = (await db.asUser(editor, (tx) => loadActorPage(tx, territoryId, ids.mairie)))!;
		expect(page.contacts?.find((c) => c.field === 'phone')).toMatchObject({
			level: 'public',
			personal: false,
			filled: true
		});
		expect(page.history?.[0]).toMatchObject({
			action: 'visibility',
			field: 'phone',
			after: 'public',
			by: 'editor@example.org'
		});
	});

	it("asks for a confirmation before a person's own value goes public", async () => {
		await expect(
			setContactVisibility(db, editor, territoryId, ids.marie, 'phone', 'public')
		).rejects.toThrow(VisibilityError);
		expect(await contactsAs(anonClaims, ids.marie)).toEqual({ email: null, phone: null });
		await setContactVisibility(db, editor, territoryId, ids.marie, 'phone', 'public', {
			confirmPersonal: true
		});
		expect((await contactsAs(anonClaims, ids.marie))?.phone).toBe('06 12 34 56 78');
	});

	it('hides a value marked for editors from members', async () => {
		await setContactVisibility(db, editor, territoryId, ids.marie, 'email', 'editors');
		expect((await contactsAs(member, ids.marie))?.email).toBeNull();
		expect((await contactsAs(editor, ids.marie))?.email).toBe('marie.dupont@gmail.com');
		// Members do not get the visibility section at all.
		const page = (await db.asUser(member, (tx) => loadActorPage(tx, territoryId, ids.marie)))!;
		expect(page.contacts).toBeNull();
	});

	it('refuses a member, an unknown field or level', async () => {
		await expect(
			setContactVisibility(db, member, territoryId, ids.mairie, 'email', 'public')
		).rejects.toThrow(VisibilityError);
		expect((await contactsAs(anonClaims, ids.mairie))?.email).toBeNull();
		await expect(
			setContactVisibility(db, editor, territoryId, ids.mairie, 'siret', 'public')
		).rejects.toThrow('bad_field');
		await expect(
			setContactVisibility(db, editor, territoryId, ids.mairie, 'email', 'world')
		).rejects.toThrow('bad_value');
	});

	it('gives the provenance of a contact field only to whom may read the field', async () => {
		// The alternatives other listings gave hold contact values: not a column the API serves.
		await expect(
			db.asUser(anonClaims, (tx) => tx.query('select provenance from public.actor'))
		).rejects.toThrow(/permission denied/);
		const provenanceAs = async (who: Claims) => {
			const [row] = await db.asUser(who, (tx) =>
				tx.query<{ provenance: Record<string, unknown> }>(
					'select provenance from public.actor_contacts($1, $2)',
					[territoryId, ids.mairie]
				)
			);
			return Object.keys(row!.provenance).sort();
		};
		// The town hall's phone is public (above), its email for members.
		expect(await provenanceAs(editor)).toEqual(expect.arrayContaining(['email', 'name', 'phone']));
		expect(await provenanceAs(member)).toEqual(expect.arrayContaining(['email', 'phone']));
		const anon = await provenanceAs(anonClaims);
		expect(anon).toContain('phone');
		expect(anon).toContain('name');
		expect(anon).not.toContain('email');
	});

	it('gives the address only to whom its mark allows, through the function and the view (G1)', async () => {
		await db.asAdmin((tx) =>
			tx.query(`update public.actor set address = '2 place de la Mairie' where id = $1`, [
				ids.mairie
			])
		);
		await expect(
			db.asUser(anonClaims, (tx) => tx.query('select address from public.actor'))
		).rejects.toThrow(/permission denied/);
		const addressAs = async (who: Claims) => {
			const [viaFunction] = await db.asUser(who, (tx) =>
				tx.query<{ address: string | null }>('select address from public.actor_contacts($1, $2)', [
					territoryId,
					ids.mairie
				])
			);
			const [viaView] = await db.asUser(who, (tx) =>
				tx.query<{ address: string | null }>(
					'select address from public.actor_address where actor_id = $1',
					[ids.mairie]
				)
			);
			expect(viaView?.address ?? null).toBe(viaFunction?.address ?? null);
			return viaFunction?.address ?? null;
		};
		// Unmarked: members only.
		expect(await addressAs(anonClaims)).toBeNull();
		expect(await addressAs(member)).toBe('2 place de la Mairie');
		await setContactVisibility(db, editor, territoryId, ids.mairie, 'address', 'public');
		expect(await addressAs(anonClaims)).toBe('2 place de la Mairie');
		await setContactVisibility(db, editor, territoryId, ids.mairie, 'address', 'editors');
		expect(await addressAs(member)).toBeNull();
		expect(await addressAs(editor)).toBe('2 place de la Mairie');
		// A private territory's addresses are nobody else's, whatever their mark.
		const outsider = userClaims(await createUser(db, 'outsider@example.org'));
		await db.asUser(editor, (tx) =>
			tx.query("update public.territory set visibility = 'private' where id = $1", [territoryId])
		);
		await setContactVisibility(db, editor, territoryId, ids.mairie, 'address', 'public');
		expect(
			await db.asUser(outsider, (tx) =>
				tx.query('select address from public.actor_address where actor_id = $1', [ids.mairie])
			)
		).toEqual([]);
		await db.asUser(editor, (tx) =>
			tx.query("update public.territory set visibility = 'public' where id = $1", [territoryId])
		);
	});

	it('marks a mobile typed by hand as personal at once', async () => {
		await overrideField(db, editor, territoryId, ids.mairie, 'phone', '07 11 22 33 44');
		expect((await personal()).find((r) => r.name === 'Mairie de Blauzac')).toEqual({
			name: 'Mairie de Blauzac',
			personal_fields: ['phone']
		});
		// Its phone was public (above): the person's own number is not, until confirmed.
		expect((await contactsAs(anonClaims, ids.mairie))?.phone).toBeNull();
		await expect(
			setContactVisibility(db, editor, territoryId, ids.mairie, 'phone', 'public')
		).rejects.toThrow('personal_needs_confirmation');
	});

	it("reads contacts by the database's one rule, which the actor page repeats", async () => {
		const roles = [null, 'viewer', 'member', 'editor', 'owner'] as const;
		const marks = [undefined, 'public', 'members', 'editors'] as const;
		const sql = await db.asAdmin((tx) =>
			tx.query<{ mark: string | null; role: string | null; readable: boolean }>(
				`select m.mark, r.role,
				        public.contact_readable(
				          case when m.mark is null then '{}'::jsonb
				               else jsonb_build_object('email', m.mark) end, 'email', r.role) as readable
				   from unnest($1::text[]) m(mark), unnest($2::text[]) r(role)`,
				[marks.map((x) => x ?? null), roles.map((x) => x ?? null)]
			)
		);
		expect(sql).toHaveLength(marks.length * roles.length);
		for (const row of sql) {
			const visibility = row.mark === null ? {} : { email: row.mark };
			expect(
				contactReadable(visibility, 'email', row.role as (typeof roles)[number]),
				`${row.mark} × ${row.role}`
			).toBe(row.readable);
		}
		// And the rule itself: editors-only values for owners and editors, unmarked for members.
		const table = Object.fromEntries(sql.map((r) => [`${r.mark}/${r.role}`, r.readable]));
		expect(table['editors/member']).toBe(false);
		expect(table['editors/editor']).toBe(true);
		expect(table['null/viewer']).toBe(true);
		expect(table['null/null']).toBe(false);
		expect(table['public/null']).toBe(true);
	});

	it('updates the marks when a re-import changes the value', async () => {
		const changed = LISTING.replace('06 12 34 56 78', '04 66 22 33 44');
		await commitImport(db, editor, territoryId, [file('annuaire.csv', changed)], {
			geocoder: new CommuneCentreGeocoder()
		});
		expect((await personal()).find((r) => r.name === 'Atelier de Marie')).toEqual({
			name: 'Atelier de Marie',
			personal_fields: ['email']
		});
	});
});
