/**
 * Common places on a real database with the demo territory: list and detail content (what each
 * audience sees through row level security), create / update / delete with their validation, and
 * refusals (viewer, anonymous) answered as 403 — never a 500 — through the pages' actions.
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFrenchCommunes } from '../../src/lib/domain/census/communes-fr';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import type { Geocoder, GeocodeQuery } from '../../src/lib/server/geocode';
import {
	PlaceError,
	createPlace,
	deletePlace,
	listPlaces,
	loadPlace,
	parseEquipment,
	placeFilterOptions,
	placeKinds,
	placeOptions,
	placeValues,
	updatePlace,
	validatePlace,
	type PlaceValues
} from '../../src/lib/server/queries/places';
import { createTerritory, demoWithRoles, type TestDatabase } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
// The pages geocode through geocoderFromEnv(env): commune centres only, nothing leaves the test.
vi.mock('$env/dynamic/private', () => ({ env: { MAILLAGE_GEOCODER: 'offline' } }));

const listPage = await import('../../src/routes/t/[territory]/places/+page.server');
const newPage = await import('../../src/routes/t/[territory]/places/new/+page.server');
const detailPage = await import('../../src/routes/t/[territory]/places/[id]/+page.server');

const SLUG = 'pays-d-uzes';
const UZES = '30334';
/** The demo's "now": events are placed relative to it. */
const DEMO_NOW = new Date('2026-03-01T10:00:00Z');

/** A geocoder that answers a fixed point and records what it was asked. */
function fakeGeocoder(point: { lng: number; lat: number } | null) {
	const asked: GeocodeQuery[] = [];
	const geocoder: Geocoder = {
		name: 'fake',
		async geocode(queries) {
			asked.push(...queries);
			return {
				results: point
					? queries.map((q) => ({
							id: q.id,
							...point,
							quality: 'exact' as const,
							label: q.address,
							score: 0.9,
							provider: 'ban' as const
						}))
					: [],
				warnings: []
			};
		}
	};
	return { geocoder, asked };
}

function values(partial: Partial<PlaceValues>): PlaceValues {
	return placeValues(partial);
}

function formData(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
	return form;
}

type Outcome =
	| { kind: 'data'; data: Record<string, unknown> }
	| { kind: 'fail'; status: number; data: Record<string, unknown> }
	| { kind: 'redirect'; location: string }
	| { kind: 'error'; status: number };

/** The data a load or action returned; throws (failing the test) on any other outcome. */
function dataOf<T>(outcome: Outcome): T {
	if (outcome.kind !== 'data') throw new Error(`expected data, got ${JSON.stringify(outcome)}`);
	return outcome.data as T;
}

async function run(fn: () => unknown): Promise<Outcome> {
	try {
		const result = (await fn()) as Record<string, unknown> | undefined;
		if (result && typeof result === 'object' && 'status' in result && 'data' in result)
			return {
				kind: 'fail',
				status: result.status as number,
				data: result.data as Record<string, unknown>
			};
		return { kind: 'data', data: result ?? {} };
	} catch (thrown) {
		if (isRedirect(thrown)) return { kind: 'redirect', location: thrown.location };
		if (isHttpError(thrown)) return { kind: 'error', status: thrown.status };
		throw thrown;
	}
}

function event(claims: Claims, params: Record<string, string>, path: string, form?: FormData) {
	const url = new URL(`http://maillage.test${path}`);
	return {
		params,
		locals: { claims, locale: 'fr' },
		url,
		request: new Request(url, { method: 'POST', body: form ?? new FormData() })
	} as never;
}

describe('common places', () => {
	let db: TestDatabase;
	let owner: Claims;
	let viewer: Claims;
	let outsider: Claims;
	let territoryId: string;
	let otherTerritoryId: string;
	let filatureId: string;
	let tiersLieuActor: { id: string; name: string };
	let otherActorId: string;

	beforeAll(async () => {
		({
			db,
			territoryId,
			claims: { owner, viewer, outsider }
		} = await demoWithRoles({ roles: ['viewer'], now: DEMO_NOW }));
		current.db = db;
		otherTerritoryId = await createTerritory(db, outsider, 'ailleurs', 'Ailleurs');
		const [other] = await db.asUser(outsider, (tx) =>
			tx.query<{ id: string }>(
				`insert into public.actor (territory_id, name) values ($1, 'Voisin') returning id`,
				[otherTerritoryId]
			)
		);
		otherActorId = other!.id;
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ id: string; run_by: string; name: string }>(
				`select p.id, p.run_by, a.name from public.place p join public.actor a on a.id = p.run_by
				  where p.territory_id = $1 and p.name = 'La Filature'`,
				[territoryId]
			)
		);
		filatureId = row!.id;
		tiersLieuActor = { id: row!.run_by, name: row!.name };
	});
	afterAll(async () => {
		await db?.close();
	});

	describe('reading', () => {
		it('lists every place of the demo with its equipment, commune, runner and events', async () => {
			const [{ n }] = (await db.asAdmin((tx) =>
				tx.query<{ n: number }>(
					'select count(*)::int as n from public.place where territory_id = $1',
					[territoryId]
				)
			)) as [{ n: number }];
			const places = await db.asUser(owner, (tx) => listPlaces(tx, territoryId, { now: DEMO_NOW }));
			expect(places).toHaveLength(n);
			expect(n).toBeGreaterThanOrEqual(11);
			const filature = places.find((p) => p.name === 'La Filature')!;
			expect(filature).toMatchObject({
				id: filatureId,
				kind: 'tiers-lieu',
				communeCode: UZES,
				communeName: 'Uzès',
				capacity: 80,
				runBy: tiersLieuActor,
				hasLocation: true,
				upcomingEvents: 0
			});
			expect(filature.equipment).toEqual([
				'wifi',
				'vidéoprojecteur',
				'cuisine partagée',
				'bureaux partagés',
				'atelier'
			]);
			// The médiathèque hosts the « Nuit de la lecture », 12 days after the demo's now.
			const mediatheque = places.find((p) => p.name === 'Médiathèque intercommunale')!;
			expect(mediatheque.upcomingEvents).toBeGreaterThanOrEqual(1);
			// Name order, accents ignored.
			const names = places.map((p) => p.name);
			expect(names).toEqual(
				[...names].sort(new Intl.Collator('fr', { sensitivity: 'base' }).compare)
			);
		});

		it('filters by commune and by equipment (case and accents ignored)', async () => {
			const inUzes = await db.asUser(owner, (tx) => listPlaces(tx, territoryId, { commune: UZES }));
			expect(inUzes.length).toBeGreaterThan(0);
			expect(inUzes.every((p) => p.communeCode === UZES)).toBe(true);
			expect(inUzes.map((p) => p.name)).toContain('La Filature');

			const projector = await db.asUser(owner, (tx) =>
				listPlaces(tx, territoryId, { equipment: 'VIDEOPROJECTEUR' })
			);
			expect(projector.map((p) => p.name)).toEqual(
				expect.arrayContaining(['La Filature', 'Médiathèque intercommunale'])
			);
			for (const p of projector) expect(p.equipment).toContain('vidéoprojecteur');
			expect(projector.map((p) => p.name)).not.toContain('Stade municipal');

			const options = await db.asUser(owner, (tx) => placeFilterOptions(tx, territoryId));
			expect(options.communes).toContainEqual({ code: UZES, name: 'Uzès' });
			expect(options.equipment).toContain('vidéoprojecteur');
			expect(new Set(options.equipment.map((e) => e.toLowerCase())).size).toBe(
				options.equipment.length
			);
		});

		it('shows La Filature with its events and the offers of the actor running it', async () => {
			const place = await db.asUser(owner, (tx) =>
				loadPlace(tx, territoryId, filatureId, DEMO_NOW)
			);
			expect(place).not.toBeNull();
			expect(place!.equipment).toContain('cuisine partagée');
			expect(place!.accessibility).toContain('fauteuil');
			expect(place!.runBy).toMatchObject({ ...tiersLieuActor, kind: 'cooperative' });
			expect(place!.location).not.toBeNull();
			expect(place!.upcomingEvents).toEqual([]);
			expect(place!.pastEvents.map((e) => e.title)).toContain('Rencontre élus – associations');
			expect(place!.pastEvents.find((e) => e.title.startsWith('Rencontre'))!.visibility).toBe(
				'members'
			);
			expect(place!.offers.map((o) => o.title)).toContain('Salle de réunion en semaine');
			expect(place!.offers.every((o) => o.id && o.category)).toBe(true);
		});

		it('gives anonymous visitors the place but neither members-only events nor offers', async () => {
			const place = await db.asUser(anonClaims, (tx) =>
				loadPlace(tx, territoryId, filatureId, DEMO_NOW)
			);
			expect(place?.name).toBe('La Filature');
			expect(place!.pastEvents.map((e) => e.title)).not.toContain('Rencontre élus – associations');
			expect(place!.offers).toEqual([]);
		});

		it('only counts offers valid today', async () => {
			await db.asUser(owner, (tx) =>
				tx.query(
					`insert into public.offer (territory_id, actor_id, direction, category, title, valid_until)
					 values ($1, $2, 'offer', 'equipment', 'Offre expirée', '2025-01-01'),
					        ($1, $2, 'request', 'equipment', 'Une demande', null)`,
					[territoryId, tiersLieuActor.id]
				)
			);
			const place = await db.asUser(owner, (tx) =>
				loadPlace(tx, territoryId, filatureId, DEMO_NOW)
			);
			const titles = place!.offers.map((o) => o.title);
			expect(titles).not.toContain('Offre expirée');
			expect(titles).not.toContain('Une demande');
		});

		it('offers kinds and places for forms', async () => {
			const kinds = await db.asUser(owner, (tx) => placeKinds(tx, territoryId));
			expect(kinds).toEqual(expect.arrayContaining(['tiers-lieu', 'salle des fêtes', 'jardin']));
			const options = await db.asUser(owner, (tx) => placeOptions(tx, territoryId));
			expect(options.find((o) => o.id === filatureId)).toEqual({
				id: filatureId,
				name: 'La Filature',
				communeCode: UZES,
				communeName: 'Uzès',
				capacity: 80
			});
		});

		it('serves the list and the detail pages to anonymous visitors of a public territory', async () => {
			const list = await run(() =>
				listPage.load(event(anonClaims, { territory: SLUG }, `/t/${SLUG}/places`) as never)
			);
			expect(list.kind).toBe('data');
			const data = dataOf<{ canEdit: boolean; places: { name: string }[] }>(list);
			expect(data.canEdit).toBe(false);
			expect(data.places.map((p) => p.name)).toContain('La Filature');

			const filtered = await run(() =>
				listPage.load(
					event(
						anonClaims,
						{ territory: SLUG },
						`/t/${SLUG}/places?equipment=four%20c%C3%A9ramique`
					) as never
				)
			);
			expect(dataOf<{ places: { name: string }[] }>(filtered).places.map((p) => p.name)).toEqual([
				'Atelier céramique partagé'
			]);

			const detail = await run(() =>
				detailPage.load(
					event(
						anonClaims,
						{ territory: SLUG, id: filatureId },
						`/t/${SLUG}/places/${filatureId}`
					) as never
				)
			);
			expect(detail.kind).toBe('data');
			const d = dataOf<{ canEdit: boolean; formValues: unknown; place: { name: string } }>(detail);
			expect(d.place.name).toBe('La Filature');
			expect(d.canEdit).toBe(false);
			expect(d.formValues).toBeNull();
		});

		it('prefills the edit form for editors, commune by name', async () => {
			const detail = await run(() =>
				detailPage.load(
					event(
						owner,
						{ territory: SLUG, id: filatureId },
						`/t/${SLUG}/places/${filatureId}`
					) as never
				)
			);
			const d = dataOf<{ canEdit: boolean; formValues: Record<string, string>; place: unknown }>(
				detail
			);
			expect(d.canEdit).toBe(true);
			expect(d.formValues.commune).toBe('Uzès');
			expect(d.formValues.equipment?.split('\n')).toContain('wifi');
			expect(d.formValues.capacity).toBe('80');
		});

		it('answers 404 for an unknown id, a place of another territory, or a private territory', async () => {
			const load = (claims: Claims, slug: string, id: string) =>
				run(() =>
					detailPage.load(
						event(claims, { territory: slug, id }, `/t/${slug}/places/${id}`) as never
					)
				);
			expect(await load(owner, SLUG, crypto.randomUUID())).toEqual({ kind: 'error', status: 404 });
			expect(await load(owner, SLUG, 'pas-un-uuid')).toEqual({ kind: 'error', status: 404 });
			const [theirs] = await db.asUser(outsider, (tx) =>
				tx.query<{ id: string }>(
					`insert into public.place (territory_id, name) values ($1, 'Leur salle') returning id`,
					[otherTerritoryId]
				)
			);
			expect(await load(owner, SLUG, theirs!.id)).toEqual({ kind: 'error', status: 404 });
			// 'ailleurs' is private: neither its list nor its places exist for others.
			expect(await load(owner, 'ailleurs', theirs!.id)).toEqual({ kind: 'error', status: 404 });
			expect(
				await run(() =>
					listPage.load(event(anonClaims, { territory: 'ailleurs' }, '/t/ailleurs/places') as never)
				)
			).toEqual({ kind: 'error', status: 404 });
		});
	});

	describe('validation', () => {
		let communes: Awaited<ReturnType<typeof loadFrenchCommunes>>;
		beforeAll(async () => {
			communes = await loadFrenchCommunes();
		});
		const errorsOf = (v: Partial<PlaceValues>) => {
			const result = validatePlace(values({ name: 'Salle', ...v }), communes);
			return result.ok ? [] : result.errors.map((e) => [e.field, e.code, e.message]);
		};

		it('needs a name of at most 200 characters', () => {
			expect(errorsOf({ name: '' })).toEqual([
				['name', 'required', 'Le nom du lieu est obligatoire.']
			]);
			expect(errorsOf({ name: 'x'.repeat(201) })).toEqual([
				['name', 'too_long', '« Nom » dépasse 200 caractères.']
			]);
			expect(errorsOf({ name: 'x'.repeat(200) })).toEqual([]);
		});

		it('wants a capacity as a whole number of people, 0 or more', () => {
			for (const bad of ['-3', '12.5', 'douze', '1e3'])
				expect(errorsOf({ capacity: bad }).map((e) => e.slice(0, 2))).toEqual([
					['capacity', 'not_a_count']
				]);
			const ok = validatePlace(values({ name: 'Salle', capacity: '1 200' }), communes);
			expect(ok.ok && ok.input.capacity).toBe(1200);
			const zero = validatePlace(values({ name: 'Salle', capacity: '0' }), communes);
			expect(zero.ok && zero.input.capacity).toBe(0);
		});

		it('reads equipment as a list: trimmed, deduplicated, ≤ 80 characters each, ≤ 40 items', () => {
			expect(parseEquipment(' tables, chaises\nsono ;Tables\r\n\n  vidéo   projecteur ')).toEqual([
				'tables',
				'chaises',
				'sono',
				'vidéo projecteur'
			]);
			expect(parseEquipment('Vidéoprojecteur, videoprojecteur')).toEqual(['Vidéoprojecteur']);
			expect(errorsOf({ equipment: `tables, ${'x'.repeat(81)}` })).toEqual([
				[
					'equipment',
					'item_too_long',
					'Chaque élément d’équipement doit faire au plus 80 caractères.'
				]
			]);
			const many = Array.from({ length: 41 }, (_, i) => `objet ${i}`).join('\n');
			expect(errorsOf({ equipment: many }).map((e) => e.slice(0, 2))).toEqual([
				['equipment', 'too_many']
			]);
		});

		it('resolves the commune by name or INSEE code, and says when it cannot', () => {
			const byName = validatePlace(values({ name: 'Salle', commune: 'uzès' }), communes);
			expect(byName.ok && byName.input.communeCode).toBe(UZES);
			const byCode = validatePlace(values({ name: 'Salle', commune: UZES }), communes);
			expect(byCode.ok && byCode.input.communeCode).toBe(UZES);
			expect(errorsOf({ commune: 'Nulle-Part-sur-Mer' }).map((e) => e.slice(0, 2))).toEqual([
				['commune', 'unknown_commune']
			]);
		});

		it('checks the map point and the runner id, and reports every field at once', () => {
			expect(errorsOf({ lng: 'abc', lat: '44' }).map((e) => e.slice(0, 2))).toEqual([
				['lng', 'bad_point']
			]);
			expect(errorsOf({ lng: '200', lat: '44' }).map((e) => e.slice(0, 2))).toEqual([
				['lng', 'bad_point']
			]);
			const ok = validatePlace(values({ name: 'Salle', lng: '4,42', lat: '44.01' }), communes);
			expect(ok.ok && ok.input.point).toEqual({ lng: 4.42, lat: 44.01 });
			expect(
				errorsOf({ name: '', capacity: '-1', run_by: 'quelqu’un' }).map((e) => e.slice(0, 2))
			).toEqual([
				['name', 'required'],
				['capacity', 'not_a_count'],
				['run_by', 'unknown_actor']
			]);
		});
	});

	describe('writing', () => {
		it('creates a place: equipment as a list, commune by name, run by an actor, address geocoded', async () => {
			const { geocoder, asked } = fakeGeocoder({ lng: 4.4201, lat: 44.0123 });
			const id = await createPlace(
				db,
				owner,
				territoryId,
				values({
					name: '  Salle du Temple  ',
					kind: 'salle des fêtes',
					capacity: '150',
					equipment: 'tables\nchaises, sono\nTables',
					commune: 'Uzès',
					address: '3 rue du Temple',
					run_by: tiersLieuActor.id
				}),
				{ geocoder }
			);
			expect(asked).toEqual([
				expect.objectContaining({
					address: '3 rue du Temple',
					communeCode: UZES,
					communeName: 'Uzès'
				})
			]);
			const place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id));
			expect(place).toMatchObject({
				name: 'Salle du Temple',
				kind: 'salle des fêtes',
				capacity: 150,
				equipment: ['tables', 'chaises', 'sono'],
				communeCode: UZES,
				address: '3 rue du Temple',
				runBy: { id: tiersLieuActor.id, name: tiersLieuActor.name },
				location: { lng: 4.4201, lat: 44.0123 }
			});
		});

		it('lets a map click win over the address, and saves without a point when geocoding finds nothing', async () => {
			const { geocoder, asked } = fakeGeocoder({ lng: 1, lat: 1 });
			const clicked = await createPlace(
				db,
				owner,
				territoryId,
				values({
					name: 'Cliqué',
					address: '1 place du Duché',
					commune: UZES,
					lng: '4.4',
					lat: '44.02'
				}),
				{ geocoder }
			);
			expect(asked).toEqual([]);
			const a = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, clicked));
			expect(a!.location).toEqual({ lng: 4.4, lat: 44.02 });

			const nowhere = await createPlace(
				db,
				owner,
				territoryId,
				values({ name: 'Introuvable', address: 'Lieu-dit inconnu' }),
				{ geocoder: fakeGeocoder(null).geocoder }
			);
			const b = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, nowhere));
			expect(b!.location).toBeNull();
			expect(b!.address).toBe('Lieu-dit inconnu');
		});

		it('refuses invalid input with the fields to correct, and an actor of another territory', async () => {
			const attempt = (v: Partial<PlaceValues>) =>
				createPlace(db, owner, territoryId, values(v)).then(
					() => null,
					(e: unknown) => e
				);
			const invalid = (await attempt({ name: '', capacity: 'beaucoup' })) as PlaceError;
			expect(invalid).toBeInstanceOf(PlaceError);
			expect(invalid.status).toBe(400);
			expect(invalid.fields.map((f) => [f.field, f.code])).toEqual([
				['name', 'required'],
				['capacity', 'not_a_count']
			]);
			const foreign = (await attempt({ name: 'Salle', run_by: otherActorId })) as PlaceError;
			expect(foreign.code).toBe('invalid');
			expect(foreign.fields).toEqual([
				expect.objectContaining({ field: 'run_by', code: 'unknown_actor' })
			]);
		});

		it('updates a place: fields replaced, position kept unless the address changes or a click is given', async () => {
			const { geocoder, asked } = fakeGeocoder({ lng: 4.41, lat: 44.0 });
			const id = await createPlace(
				db,
				owner,
				territoryId,
				values({ name: 'Atelier', equipment: 'établis', address: '1 rue A', commune: UZES }),
				{ geocoder }
			);
			expect(asked).toHaveLength(1);

			// Same address, no click: no geocoding, the position stays.
			await updatePlace(
				db,
				owner,
				territoryId,
				id,
				values({
					name: 'Atelier partagé',
					equipment: 'scies\nétablis',
					address: '1 rue A',
					commune: 'Uzès',
					capacity: '12',
					run_by: ''
				}),
				{ geocoder: fakeGeocoder({ lng: 9, lat: 9 }).geocoder }
			);
			let place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id));
			expect(place).toMatchObject({
				name: 'Atelier partagé',
				equipment: ['scies', 'établis'],
				capacity: 12,
				runBy: null,
				location: { lng: 4.41, lat: 44.0 }
			});

			// A new address is geocoded again.
			const moved = fakeGeocoder({ lng: 4.43, lat: 44.03 });
			await updatePlace(
				db,
				owner,
				territoryId,
				id,
				values({ name: 'Atelier partagé', address: '9 rue B', commune: UZES }),
				{ geocoder: moved.geocoder }
			);
			place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id));
			expect(moved.asked.map((q) => q.address)).toEqual(['9 rue B']);
			expect(place!.location).toEqual({ lng: 4.43, lat: 44.03 });
			expect(place!.equipment).toEqual([]);

			// A click wins over the (changed) address.
			await updatePlace(
				db,
				owner,
				territoryId,
				id,
				values({ name: 'Atelier partagé', address: '10 rue C', lng: '4.5', lat: '44.1' }),
				{ geocoder: fakeGeocoder({ lng: 0, lat: 0 }).geocoder }
			);
			place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id));
			expect(place!.location).toEqual({ lng: 4.5, lat: 44.1 });
			expect(place!.communeCode).toBeNull();
		});

		it('deletes a place; its events stay, without a place', async () => {
			const id = await createPlace(db, owner, territoryId, values({ name: 'Éphémère' }));
			const [ev] = await db.asUser(owner, (tx) =>
				tx.query<{ id: string }>(
					`insert into public.event (territory_id, title, starts_at, place_id)
					 values ($1, 'Fête éphémère', '2026-06-01T18:00:00Z', $2) returning id`,
					[territoryId, id]
				)
			);
			await deletePlace(db, owner, territoryId, id);
			expect(await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id))).toBeNull();
			const [after] = await db.asAdmin((tx) =>
				tx.query<{ place_id: string | null }>('select place_id from public.event where id = $1', [
					ev!.id
				])
			);
			expect(after).toEqual({ place_id: null });
			await expect(deletePlace(db, owner, territoryId, id)).rejects.toMatchObject({
				code: 'not_found',
				status: 404
			});
		});
	});

	describe('refusals', () => {
		const count = async () => {
			const [row] = await db.asAdmin((tx) =>
				tx.query<{ n: number }>(
					'select count(*)::int as n from public.place where territory_id = $1',
					[territoryId]
				)
			);
			return row!.n;
		};

		it('refuses writes by a viewer, anonymous visitors and non-members as « forbidden » (403)', async () => {
			const before = await count();
			for (const claims of [viewer, anonClaims, outsider]) {
				await expect(
					createPlace(db, claims, territoryId, values({ name: 'Intrus' }))
				).rejects.toMatchObject({ code: 'forbidden', status: 403 });
				await expect(
					updatePlace(db, claims, territoryId, filatureId, values({ name: 'Piratée' }))
				).rejects.toMatchObject({ status: 403 });
				await expect(deletePlace(db, claims, territoryId, filatureId)).rejects.toMatchObject({
					status: 403
				});
			}
			expect(await count()).toBe(before);
			const place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, filatureId));
			expect(place!.name).toBe('La Filature');
		});

		it('is refused by row level security itself, not only by the application', async () => {
			await expect(
				db.asUser(viewer, (tx) =>
					tx.query(`insert into public.place (territory_id, name) values ($1, 'Direct')`, [
						territoryId
					])
				)
			).rejects.toThrow(/row-level security/);
			const updated = await db.asUser(viewer, (tx) =>
				tx.query(`update public.place set name = 'Direct' where id = $1 returning id`, [filatureId])
			);
			expect(updated).toEqual([]);
		});

		it('answers the pages’ actions with 403 for a viewer and anonymous, 404 on a private territory', async () => {
			const before = await count();
			const post = (claims: Claims) =>
				run(() =>
					newPage.actions.default!(
						event(
							claims,
							{ territory: SLUG },
							`/t/${SLUG}/places/new`,
							formData({ name: 'Intrus' })
						)
					)
				);
			expect(await post(viewer)).toMatchObject({ kind: 'fail', status: 403 });
			expect(await post(anonClaims)).toMatchObject({ kind: 'fail', status: 403 });
			const update = await run(() =>
				detailPage.actions.update!(
					event(
						viewer,
						{ territory: SLUG, id: filatureId },
						`/t/${SLUG}/places/${filatureId}`,
						formData({ name: 'Piratée' })
					)
				)
			);
			expect(update).toMatchObject({ kind: 'fail', status: 403 });
			const del = await run(() =>
				detailPage.actions.delete!(
					event(
						anonClaims,
						{ territory: SLUG, id: filatureId },
						`/t/${SLUG}/places/${filatureId}`,
						formData({ confirm: '1' })
					)
				)
			);
			expect(del).toMatchObject({ kind: 'fail', status: 403 });
			expect(
				await run(() =>
					newPage.load(event(viewer, { territory: SLUG }, `/t/${SLUG}/places/new`) as never)
				)
			).toEqual({ kind: 'error', status: 403 });
			const privatePost = await run(() =>
				newPage.actions.default!(
					event(owner, { territory: 'ailleurs' }, '/t/ailleurs/places/new', formData({ name: 'X' }))
				)
			);
			expect(privatePost).toEqual({ kind: 'error', status: 404 });
			expect(await count()).toBe(before);
		});
	});

	describe('page actions', () => {
		it('creates through the new page and redirects to the place', async () => {
			const outcome = await run(() =>
				newPage.actions.default!(
					event(
						owner,
						{ territory: SLUG },
						`/t/${SLUG}/places/new`,
						formData({
							name: 'Halle du marché',
							kind: 'halle',
							commune: 'Uzès',
							address: 'Place aux Herbes',
							equipment: 'barnums, tables',
							run_by: tiersLieuActor.id
						})
					)
				)
			);
			expect(outcome.kind).toBe('redirect');
			if (outcome.kind !== 'redirect') throw new Error(JSON.stringify(outcome));
			const location = outcome.location;
			expect(location).toMatch(new RegExp(`^/t/${SLUG}/places/[0-9a-f-]{36}\\?saved=1$`));
			const id = location.split('/').pop()!.split('?')[0]!;
			const place = await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id));
			expect(place).toMatchObject({ name: 'Halle du marché', equipment: ['barnums', 'tables'] });
			// Offline geocoding: the commune centre of Uzès.
			expect(place!.location).not.toBeNull();
		});

		it('gives the form back with messages by field and the chosen actor’s name', async () => {
			const outcome = await run(() =>
				newPage.actions.default!(
					event(
						owner,
						{ territory: SLUG },
						`/t/${SLUG}/places/new`,
						formData({ name: '', capacity: '-2', commune: 'Atlantide', run_by: tiersLieuActor.id })
					)
				)
			);
			expect(outcome.kind).toBe('fail');
			if (outcome.kind !== 'fail') throw new Error(JSON.stringify(outcome));
			const { status, data } = outcome;
			expect(status).toBe(400);
			expect(data.errors).toEqual({
				name: 'Le nom du lieu est obligatoire.',
				capacity: 'La capacité doit être un nombre entier de personnes (0 ou plus).',
				commune: 'Commune inconnue : saisissez son nom exact ou son code INSEE.'
			});
			expect(data.values).toMatchObject({ name: '', capacity: '-2', commune: 'Atlantide' });
			expect(data.runBy).toEqual([tiersLieuActor]);
		});

		it('asks for confirmation before deleting, then deletes and goes back to the list', async () => {
			const id = await createPlace(db, owner, territoryId, values({ name: 'À supprimer' }));
			const params = { territory: SLUG, id };
			const ask = await run(() =>
				detailPage.actions.delete!(event(owner, params, `/t/${SLUG}/places/${id}`, formData({})))
			);
			expect(ask).toEqual({ kind: 'data', data: { action: 'delete', confirm: true } });
			expect(await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id))).not.toBeNull();
			const done = await run(() =>
				detailPage.actions.delete!(
					event(owner, params, `/t/${SLUG}/places/${id}`, formData({ confirm: '1' }))
				)
			);
			expect(done).toEqual({ kind: 'redirect', location: `/t/${SLUG}/places?deleted=1` });
			expect(await db.asUser(owner, (tx) => loadPlace(tx, territoryId, id))).toBeNull();
		});
	});
});
