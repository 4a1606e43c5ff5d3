/**
 * Offers and requests against the real schema (#6): writes by editors, French validation errors
 * naming the field, a clear 403 for a viewer (RLS would refuse too), members-only reads, and the
 * matching on the demo territory (the chorale's request for a room finds the rooms nearest first,
 * the potters' request for a van finds the minibus), an event's needs with the common places'
 * equipment, the offers page and the actor page's form actions.
 */
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kmBetween } from '../../src/lib/domain/offers/match';
import { anonClaims, type Claims, type Tx } from '../../src/lib/server/db/types';
import {
	OfferError,
	createOffer,
	deleteOffer,
	listActorOffers,
	listTerritoryOffers,
	loadNeedMatches,
	loadRequestMatches,
	offerValues,
	updateOffer,
	validateOffer,
	type OfferValues
} from '../../src/lib/server/queries/offers';
import { demoWithRoles, type TestDatabase } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const offersPage = await import('../../src/routes/t/[territory]/offers/+page.server');
const actorPage = await import('../../src/routes/t/[territory]/actors/[id]/+page.server');

const SLUG = 'pays-d-uzes';
/** The demo's "now": its offers' validity dates are counted from it. */
const NOW = new Date('2026-03-01T10:00:00Z');
const TODAY = '2026-03-01';

let db: TestDatabase;
let owner: Claims;
let editor: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

const values = (v: Partial<OfferValues> = {}): OfferValues => ({
	direction: 'offer',
	category: 'equipment',
	title: 'Tables pliantes',
	description: 'Dix tables de 2 m.',
	conditions: 'À rendre propres.',
	validFrom: '2026-03-01',
	validUntil: '2026-12-31',
	...v
});

async function actorNamed(title: string): Promise<{ id: string; name: string }> {
	const [row] = await db.asAdmin((tx) =>
		tx.query<{ id: string; name: string }>(
			`select a.id, a.name from public.offer o join public.actor a on a.id = o.actor_id
			  where o.territory_id = $1 and o.title = $2`,
			[territoryId, title]
		)
	);
	return row!;
}

async function rejection(promise: Promise<unknown>): Promise<OfferError> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof OfferError) return e;
		throw e;
	}
	throw new Error('expected an OfferError');
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, editor, viewer, outsider }
	} = await demoWithRoles({ roles: ['editor', 'viewer'], now: NOW }));
	current.db = db;
});

afterAll(async () => {
	await db?.close();
});

describe('validation', () => {
	it('accepts a complete offer and empty optional fields', () => {
		const ok = validateOffer(
			values({ description: '', conditions: '', validFrom: '', validUntil: '' })
		);
		expect(ok).toEqual({
			ok: true,
			input: {
				direction: 'offer',
				category: 'equipment',
				title: 'Tables pliantes',
				description: null,
				conditions: null,
				validFrom: null,
				validUntil: null
			}
		});
	});

	it('names each wrong field in French', () => {
		const result = validateOffer(
			values({
				direction: 'donner',
				category: 'piano',
				title: '',
				description: 'x'.repeat(2001),
				conditions: 'y'.repeat(2001),
				validFrom: '2027-02-30',
				validUntil: '12/03/2027'
			})
		);
		if (result.ok) throw new Error('expected errors');
		expect(result.errors.map((e) => [e.field, e.code])).toEqual([
			['direction', 'invalid'],
			['category', 'invalid'],
			['title', 'required'],
			['description', 'too_long'],
			['conditions', 'too_long'],
			['validFrom', 'invalid'],
			['validUntil', 'invalid']
		]);
		const message = (field: string) => result.errors.find((e) => e.field === field)!.message;
		expect(message('title')).toBe('Le titre est obligatoire.');
		expect(message('category')).toMatch(/^La catégorie doit être salle, matériel/);
		expect(message('description')).toMatch(/description.*2000/);
		expect(message('conditions')).toMatch(/conditions d’activation.*2000/);
		expect(message('validFrom')).toMatch(/début de validité/);
		expect(message('validUntil')).toMatch(/fin de validité/);
	});

	it('limits the title to 200 characters and wants the end on or after the start', () => {
		expect(validateOffer(values({ title: 'é'.repeat(200) })).ok).toBe(true);
		const long = validateOffer(values({ title: 'é'.repeat(201) }));
		expect(long.ok ? [] : long.errors.map((e) => [e.field, e.code])).toEqual([
			['title', 'too_long']
		]);
		expect(validateOffer(values({ validFrom: '2026-03-02', validUntil: '2026-03-02' })).ok).toBe(
			true
		);
		const before = validateOffer(values({ validFrom: '2026-03-02', validUntil: '2026-03-01' }));
		expect(before.ok ? [] : before.errors.map((e) => [e.field, e.code, e.message])).toEqual([
			[
				'validUntil',
				'before_start',
				'La date de fin de validité doit être le même jour que la date de début ou après.'
			]
		]);
	});

	it('reads a posted form, trimming values', () => {
		const form = new FormData();
		form.set('title', '  Sono  ');
		form.set('direction', 'request');
		expect(offerValues(form)).toMatchObject({ title: 'Sono', direction: 'request', category: '' });
	});
});

describe('writes', () => {
	it('an editor creates, updates and deletes an offer of an actor', async () => {
		const actor = await actorNamed('Minibus neuf places');
		const id = await db.asUser(editor, (tx) => createOffer(tx, territoryId, actor.id, values()));
		let mine = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(mine.find((o) => o.id === id)).toMatchObject({
			actorName: actor.name,
			direction: 'offer',
			category: 'equipment',
			title: 'Tables pliantes',
			conditions: 'À rendre propres.',
			validFrom: '2026-03-01',
			validUntil: '2026-12-31'
		});

		await db.asUser(editor, (tx) =>
			updateOffer(
				tx,
				territoryId,
				actor.id,
				id,
				values({ direction: 'request', title: 'Tables pour la fête', validUntil: '' })
			)
		);
		mine = await db.asUser(viewer, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(mine.find((o) => o.id === id)).toMatchObject({
			direction: 'request',
			title: 'Tables pour la fête',
			validUntil: null
		});

		await db.asUser(owner, (tx) => deleteOffer(tx, territoryId, actor.id, id));
		mine = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(mine.some((o) => o.id === id)).toBe(false);
		const gone = await rejection(
			db.asUser(editor, (tx) => deleteOffer(tx, territoryId, actor.id, id))
		);
		expect([gone.code, gone.status]).toEqual(['not_found', 404]);
	});

	it('refuses invalid values with the fields to correct (400), nothing written', async () => {
		const actor = await actorNamed('Minibus neuf places');
		const before = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		const e = await rejection(
			db.asUser(editor, (tx) =>
				createOffer(tx, territoryId, actor.id, values({ title: ' ', category: 'piano' }))
			)
		);
		expect(e.status).toBe(400);
		expect(e.fields.map((f) => f.field)).toEqual(['category', 'title']);
		const after = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(after).toEqual(before);
	});

	it('a viewer may read but not write: 403 for create, update and delete', async () => {
		const actor = await actorNamed('Minibus neuf places');
		const [minibus] = (
			await db.asUser(viewer, (tx) => listActorOffers(tx, territoryId, actor.id))
		).filter((o) => o.title === 'Minibus neuf places');
		expect(minibus).toBeDefined();
		const writes: ((tx: Tx) => Promise<unknown>)[] = [
			(tx) => createOffer(tx, territoryId, actor.id, values()),
			(tx) => updateOffer(tx, territoryId, actor.id, minibus!.id, values({ title: 'Volé' })),
			(tx) => deleteOffer(tx, territoryId, actor.id, minibus!.id)
		];
		for (const write of writes) {
			const e = await rejection(db.asUser(viewer, write));
			expect([e.code, e.status]).toEqual(['forbidden', 403]);
		}
		const still = await db.asUser(viewer, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(still.find((o) => o.id === minibus!.id)?.title).toBe('Minibus neuf places');
		// Row level security says the same without the role check in front of it.
		await expect(
			db.asUser(viewer, (tx) =>
				tx.query(
					`insert into public.offer (territory_id, actor_id, direction, category, title)
					 values ($1, $2, 'offer', 'other', 'x')`,
					[territoryId, actor.id]
				)
			)
		).rejects.toThrow(/row-level security/);
	});

	it('an offer for an actor of another territory or an unknown one is not found', async () => {
		const e = await rejection(
			db.asUser(editor, (tx) => createOffer(tx, territoryId, crypto.randomUUID(), values()))
		);
		expect(e.status).toBe(404);
	});
});

describe('reads', () => {
	it('lists the demo’s offers for members only, with actor, commune and position', async () => {
		const all = await db.asUser(viewer, (tx) => listTerritoryOffers(tx, territoryId));
		expect(all.length).toBeGreaterThanOrEqual(20);
		const minibus = all.find((o) => o.title === 'Minibus neuf places')!;
		expect(minibus).toMatchObject({
			direction: 'offer',
			category: 'vehicle',
			communeCode: '30184'
		});
		expect(minibus.position).toHaveLength(2);
		const rooms = await db.asUser(viewer, (tx) =>
			listTerritoryOffers(tx, territoryId, { direction: 'offer', category: 'room' })
		);
		expect(rooms.map((o) => o.title).sort()).toEqual([
			'Prêt de la salle des fêtes',
			'Salle de réunion en semaine',
			'Salle d’animation pour ateliers gratuits'
		]);
		expect(await db.asUser(outsider, (tx) => listTerritoryOffers(tx, territoryId))).toEqual([]);
		expect(await db.asUser(anonClaims, (tx) => listTerritoryOffers(tx, territoryId))).toEqual([]);
	});
});

describe('matching on the demo', () => {
	it('the chorale’s request for a room finds the rooms offered, nearest first', async () => {
		const matches = await db.asUser(viewer, (tx) => loadRequestMatches(tx, territoryId, TODAY));
		const chorale = matches.find((r) => r.request.title === 'Salle pour les répétitions')!;
		expect(chorale).toBeDefined();
		const titles = chorale.offers.map((m) => m.offer.title);
		for (const room of [
			'Prêt de la salle des fêtes',
			'Salle d’animation pour ateliers gratuits',
			'Salle de réunion en semaine'
		]) {
			expect(titles).toContain(room);
		}
		expect(chorale.offers.every((m) => m.offer.actorId !== chorale.request.actorId)).toBe(true);
		const kms = chorale.offers.map((m) => m.km!);
		expect(kms.every((km) => typeof km === 'number')).toBe(true);
		expect([...kms].sort((a, b) => a - b)).toEqual(kms);
		// The distances are the actors' own: checked against PostGIS (spheroid vs sphere: < 1 %).
		const [ref] = await db.asAdmin((tx) =>
			tx.query<{ km: number }>(
				`select st_distance(a.location, b.location) / 1000 as km
				   from public.actor a, public.actor b where a.id = $1 and b.id = $2`,
				[chorale.request.actorId, chorale.offers[0]!.offer.actorId]
			)
		);
		expect(Math.abs(kms[0]! - Number(ref!.km))).toBeLessThan(0.01 * Number(ref!.km) + 0.01);
		// Saint-Quentin's chorale is nearer to Uzès' rooms than to Blauzac's salle des fêtes.
		expect(titles.indexOf('Prêt de la salle des fêtes')).toBeGreaterThan(
			titles.indexOf('Salle de réunion en semaine')
		);
		const fetes = chorale.offers.find((m) => m.offer.title === 'Prêt de la salle des fêtes')!;
		expect(fetes.why).toEqual({ kind: 'category', category: 'room' });
	});

	it('the potters’ request for a van finds the minibus while it is open', async () => {
		const potters = (r: { request: { title: string } }) =>
			r.request.title === 'Utilitaire pour le marché des potiers';
		// On the demo's day the request (60 days old, valid 30 days) has expired: hidden by default.
		const open = await db.asUser(viewer, (tx) => loadRequestMatches(tx, territoryId, TODAY));
		expect(open.some(potters)).toBe(false);
		const all = await db.asUser(viewer, (tx) =>
			loadRequestMatches(tx, territoryId, TODAY, { includeExpired: true })
		);
		expect(all.find(potters)!.offers.map((m) => m.offer.title)).toContain('Minibus neuf places');
		// A month and a half earlier it was open, and the minibus was already offered.
		const then = await db.asUser(viewer, (tx) => loadRequestMatches(tx, territoryId, '2026-01-15'));
		const request = then.find(potters)!;
		expect(request.offers.map((m) => m.offer.title)).toContain('Minibus neuf places');
		expect(request.offers.every((m) => m.offer.category === 'vehicle')).toBe(true);
		// The cargo bike is offered from 31 December (60 days before the demo's day), not before.
		const earlier = await db.asUser(viewer, (tx) =>
			loadRequestMatches(tx, territoryId, '2025-12-30')
		);
		expect(earlier.find(potters)!.offers.map((m) => m.offer.title)).not.toContain(
			'Vélo cargo à prêter'
		);
	});

	it('an event’s needs: offers and common places’ equipment, nearest to the event first', async () => {
		const [event] = await db.asAdmin((tx) =>
			tx.query<{ lng: number; lat: number }>(
				`select st_x(location::geometry) as lng, st_y(location::geometry) as lat
				   from public.event where territory_id = $1 and title = 'Concert des chorales de l’Uzège'`,
				[territoryId]
			)
		);
		const at: [number, number] = [Number(event!.lng), Number(event!.lat)];
		const [sono, piano] = await db.asUser(viewer, (tx) =>
			loadNeedMatches(tx, territoryId, ['sono', 'piano à queue'], at, TODAY)
		);
		expect(sono!.need).toBe('sono');
		const titles = sono!.offers.map((m) => m.offer.title);
		expect(titles).toContain('Sono et éclairage de scène');
		const fromPlaces = sono!.offers.filter((m) => m.offer.place);
		expect(fromPlaces.length).toBeGreaterThan(0);
		// A place's equipment is lent by whoever runs the place, and sits where the place is.
		const [place] = await db.asAdmin((tx) =>
			tx.query<{ run_by: string; name: string; lng: number; lat: number }>(
				`select p.run_by, a.name, st_x(p.location::geometry) as lng, st_y(p.location::geometry) as lat
				   from public.place p join public.actor a on a.id = p.run_by where p.id = $1`,
				[fromPlaces[0]!.offer.place!.id]
			)
		);
		expect(fromPlaces[0]!.offer).toMatchObject({ actorId: place!.run_by, actorName: place!.name });
		expect(fromPlaces[0]!.km).toBeCloseTo(
			kmBetween(at, [Number(place!.lng), Number(place!.lat)])!,
			6
		);
		const kms = sono!.offers.map((m) => m.km ?? Infinity);
		expect([...kms].sort((a, b) => a - b)).toEqual(kms);
		expect(piano).toEqual({ need: 'piano à queue', offers: [] });
		// Outsiders read no offers; places of a public territory stay readable.
		const seen = await db.asUser(outsider, (tx) =>
			loadNeedMatches(tx, territoryId, ['sono'], at, TODAY)
		);
		expect(seen[0]!.offers.every((m) => m.offer.place)).toBe(true);
	});
});

// ---------------------------------------------------------------- pages

async function status(promise: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await promise;
		return 'ok';
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}

function loadOffers(claims: Claims, query = '') {
	const url = new URL(`http://maillage.test/t/${SLUG}/offers${query}`);
	return offersPage.load({
		params: { territory: SLUG },
		locals: { claims, locale: 'fr' },
		url
	} as never) as Promise<
		Record<string, unknown> & { items: { title: string; expired: boolean }[] }
	>;
}

describe('/t/<slug>/offers', () => {
	it('is for members only: 404 for a visitor and a signed-in outsider', async () => {
		expect(await status(loadOffers(anonClaims))).toBe(404);
		expect(await status(loadOffers(outsider))).toBe(404);
		expect(await status(loadOffers(viewer))).toBe('ok');
	});

	it('lists offers or requests, filters by category, hides expired ones unless asked', async () => {
		const offers = await loadOffers(viewer);
		expect(offers.view).toBe('offers');
		expect(offers.items.some((i) => i.title === 'Minibus neuf places')).toBe(true);
		expect(offers.items.some((i) => i.title === 'Salle pour les répétitions')).toBe(false);

		const vehicles = await loadOffers(viewer, '?view=requests&category=vehicle');
		expect(vehicles.items).toEqual([]);
		expect(vehicles.hiddenExpired).toBe(1); // the potters' request
		const withExpired = await loadOffers(viewer, '?view=requests&category=vehicle&expired=1');
		expect(withExpired.items.map((i) => [i.title, i.expired])).toEqual([
			['Utilitaire pour le marché des potiers', true]
		]);
	});

	it('the matching view lists open requests with their nearest offers', async () => {
		const page = (await loadOffers(viewer, '?view=matching')) as unknown as {
			matches: {
				request: { title: string; actorName: string };
				offers: { title: string; km: number | null; actorId: string }[];
			}[];
		};
		const chorale = page.matches.find((r) => r.request.title === 'Salle pour les répétitions')!;
		expect(chorale.offers.length).toBeGreaterThan(0);
		expect(chorale.offers.length).toBeLessThanOrEqual(5);
		expect(chorale.offers[0]!.km).toBeTypeOf('number');
	});
});

function post(
	action: 'offerSave' | 'offerDelete',
	claims: Claims,
	actorId: string,
	form: FormData
) {
	const url = `http://maillage.test/t/${SLUG}/actors/${actorId}?/${action}`;
	const event = {
		params: { territory: SLUG, id: actorId },
		locals: { claims, locale: 'fr' },
		url: new URL(url),
		request: new Request(url, { method: 'POST', body: form })
	};
	return (actorPage.actions[action] as (e: never) => Promise<unknown>)(event as never);
}

function formOf(v: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, value] of Object.entries(v)) form.set(k, value);
	return form;
}

describe('actor page', () => {
	it('shows the actor’s offers to members, nothing to read for others', async () => {
		const actor = await actorNamed('Minibus neuf places');
		const load = (claims: Claims) =>
			actorPage.load({
				params: { territory: SLUG, id: actor.id },
				locals: { claims, locale: 'fr' }
			} as never) as Promise<{ offers: { title: string }[] | null }>;
		const member = await load(viewer);
		expect(member.offers!.map((o) => o.title)).toContain('Minibus neuf places');
		expect((await load(anonClaims)).offers).toBeNull();
	});

	it('offerSave creates then updates; offerDelete removes; errors come back by field', async () => {
		const actor = await actorNamed('Vélo cargo à prêter');
		const created = await post(
			'offerSave',
			editor,
			actor.id,
			formOf({ ...values({ title: 'Remorque vélo', category: 'vehicle' }), offerId: '' })
		);
		expect(created).toMatchObject({ action: 'offerSave', saved: true });
		let list = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		const id = list.find((o) => o.title === 'Remorque vélo')!.id;

		const bad = await post(
			'offerSave',
			editor,
			actor.id,
			formOf({ ...values({ title: '', validUntil: '2026-01-01' }), offerId: id })
		);
		if (!isActionFailure(bad)) throw new Error('expected a failure');
		expect(bad.status).toBe(400);
		expect(bad.data).toMatchObject({
			action: 'offerSave',
			offerId: id,
			error: 'invalid',
			values: { title: '', validUntil: '2026-01-01' }
		});
		const fields = (bad.data as unknown as { fields: { field: string; message: string }[] }).fields;
		expect(fields.map((f) => f.field)).toEqual(['title', 'validUntil']);

		const updated = await post(
			'offerSave',
			editor,
			actor.id,
			formOf({ ...values({ title: 'Remorque pour vélo cargo', category: 'vehicle' }), offerId: id })
		);
		expect(updated).toMatchObject({ saved: true });
		list = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(list.find((o) => o.id === id)?.title).toBe('Remorque pour vélo cargo');

		const refused = await post('offerDelete', viewer, actor.id, formOf({ offerId: id }));
		if (!isActionFailure(refused)) throw new Error('expected a failure');
		expect(refused.status).toBe(403);
		expect(refused.data).toMatchObject({ action: 'offerDelete', error: 'forbidden' });

		expect(await post('offerDelete', editor, actor.id, formOf({ offerId: id }))).toMatchObject({
			deleted: true
		});
		list = await db.asUser(editor, (tx) => listActorOffers(tx, territoryId, actor.id));
		expect(list.some((o) => o.id === id)).toBe(false);
	});
});
