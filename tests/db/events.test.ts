/**
 * Events written and read through src/lib/server/queries/events.ts and the events pages on the
 * real schema (row level security applies): a common place, an address or a map point; the
 * organisers replaced on edit; errors by field; a viewer refused (403); anonymous visitors of a
 * public territory see the public events only.
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { utcToParisLocal } from '../../src/lib/domain/events/datetime';
import type { EventFormValues } from '../../src/lib/domain/events/event-input';
import { DEFAULT_COMMUNE_CENTRES } from '../../src/lib/domain/geo/commune-centres';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import type { GeocodeQuery, Geocoder } from '../../src/lib/server/geocode';
import {
	deleteEvent,
	eventToFormValues,
	listEvents,
	loadEvent,
	saveEvent,
	type SaveEventResult
} from '../../src/lib/server/queries/events';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
vi.mock('$env/dynamic/private', () => ({ env: { MAILLAGE_GEOCODER: 'offline' } }));
const listPage = await import('../../src/routes/t/[territory]/events/+page.server');
const newPage = await import('../../src/routes/t/[territory]/events/new/+page.server');
const eventPage = await import('../../src/routes/t/[territory]/events/[id]/+page.server');

const UZES = '30334';
const SAINT_QUENTIN = '30294';
const uuid = () => crypto.randomUUID();

let db: TestDatabase;
let owner: Claims;
let editor: Claims;
let viewer: Claims;
let territoryId: string;
let publicId: string;
const actor = { mediatheque: uuid(), chorale: uuid(), fablab: uuid(), mairie: uuid() };
const place = { salle: uuid() };

/** Records the queries it is asked; answers with a street-level point, or nothing. */
class FakeGeocoder implements Geocoder {
	readonly name = 'fake';
	queries: GeocodeQuery[] = [];
	constructor(private readonly hit: { lng: number; lat: number } | null) {}
	async geocode(queries: GeocodeQuery[]) {
		this.queries.push(...queries);
		const hit = this.hit;
		return {
			results: hit
				? queries.map((q) => ({
						id: q.id,
						...hit,
						quality: 'street' as const,
						label: q.address,
						score: 0.8,
						provider: 'ban' as const
					}))
				: [],
			warnings: []
		};
	}
}

const form = (patch: Partial<EventFormValues> = {}): EventFormValues => ({
	title: 'Nuit de la lecture',
	description: '',
	startDate: '2026-12-05',
	startTime: '19:00',
	endDate: '',
	endTime: '23:00',
	place: 'other',
	address: '',
	lng: '',
	lat: '',
	commune: '',
	theme: 'culture',
	format: 'lecture',
	needs: 'lecteurs bénévoles, sono',
	visibility: 'members',
	organisers: [],
	participants: [],
	...patch
});

function saved(result: SaveEventResult): string {
	if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result.errors)}`);
	return result.id;
}

async function row(id: string) {
	const [r] = await db.asAdmin((tx) =>
		tx.query<{
			place_id: string | null;
			commune_code: string | null;
			lng: number | null;
			lat: number | null;
			own_point: boolean;
			starts_at: string;
			ends_at: string | null;
			needs: string[];
		}>(
			// Where the event shows: its own point, else its place's (as every reader does).
			`select e.place_id, e.commune_code,
			        st_x(coalesce(e.location, p.location)::geometry) as lng,
			        st_y(coalesce(e.location, p.location)::geometry) as lat,
			        e.location is not null as own_point,
			        to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as starts_at,
			        to_char(e.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as ends_at, e.needs
			   from public.event e
			   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
			  where e.id = $1`,
			[id]
		)
	);
	return r!;
}

async function roles(eventId: string) {
	const rows = await db.asAdmin((tx) =>
		tx.query<{ actor_id: string; role: string }>(
			'select actor_id, role from public.event_actor where event_id = $1 order by role, actor_id',
			[eventId]
		)
	);
	return rows.map((r) => `${r.role}:${r.actor_id}`).sort();
}

const offline = new FakeGeocoder(null);

beforeAll(async () => {
	db = await freshDatabase();
	current.db = db;
	owner = userClaims(await createUser(db, 'proprietaire@example.org'));
	editor = userClaims(await createUser(db, 'editrice@example.org'));
	viewer = userClaims(await createUser(db, 'lecteur@example.org'));
	territoryId = await createTerritory(db, owner, 'uzege', 'Uzège');
	await addMember(db, owner, territoryId, editor.sub!, 'editor');
	await addMember(db, owner, territoryId, viewer.sub!, 'viewer');
	publicId = await createTerritory(db, owner, 'ouvert', 'Territoire ouvert');
	await db.asAdmin(async (tx) => {
		await tx.query(`update public.territory set visibility = 'public' where id = $1`, [publicId]);
		for (const [key, id] of Object.entries(actor)) {
			await tx.query(
				`insert into public.actor (id, territory_id, name, kind, commune_code)
				 values ($1, $2, $3, 'association', $4)`,
				[id, territoryId, `Acteur ${key}`, UZES]
			);
		}
		await tx.query(
			`insert into public.place (id, territory_id, name, capacity, commune_code, location)
			 values ($1, $2, 'Salle des fêtes', 200, $3,
			         st_setsrid(st_makepoint(4.3, 44.05), 4326)::geography)`,
			[place.salle, territoryId, SAINT_QUENTIN]
		);
	});
});

afterAll(async () => {
	await db?.close();
});

describe('saveEvent: where the event is', () => {
	it('at a common place that is not on the map: the commune centre stands in', async () => {
		const nowhere = uuid();
		await db.asAdmin((tx) =>
			tx.query(
				`insert into public.place (id, territory_id, name, commune_code)
				 values ($1, $2, 'Salle sans adresse', $3)`,
				[nowhere, territoryId, UZES]
			)
		);
		const id = saved(
			await saveEvent(db, editor, territoryId, null, form({ place: nowhere, commune: '' }), {
				geocoder: offline
			})
		);
		const r = await row(id);
		expect(r.commune_code).toBe(UZES);
		expect(r.own_point).toBe(true);
		const centre = DEFAULT_COMMUNE_CENTRES.get(UZES)!.centre;
		expect([Number(r.lng), Number(r.lat)].map((v) => v.toFixed(5))).toEqual(
			centre.map((v) => v.toFixed(5))
		);
	});

	it('at a common place: its commune and point, Paris time stored as UTC, needs as a list', async () => {
		const id = saved(
			await saveEvent(
				db,
				editor,
				territoryId,
				null,
				form({
					place: place.salle,
					organisers: [actor.mediatheque],
					participants: [actor.chorale]
				}),
				{ geocoder: offline }
			)
		);
		const r = await row(id);
		expect(r.place_id).toBe(place.salle);
		expect(r.commune_code).toBe(SAINT_QUENTIN);
		expect([Number(r.lng), Number(r.lat)]).toEqual([4.3, 44.05]);
		// The place's point, not a copy: moving the place moves the event.
		expect(r.own_point).toBe(false);
		expect(r.starts_at).toBe('2026-12-05T18:00Z');
		expect(r.ends_at).toBe('2026-12-05T22:00Z');
		expect(r.needs).toEqual(['lecteurs bénévoles', 'sono']);
		expect(await roles(id)).toEqual(
			[`organiser:${actor.mediatheque}`, `participant:${actor.chorale}`].sort()
		);
		expect(offline.queries).toEqual([]);
	});

	it('at an address: geocoded, with its commune by name', async () => {
		const geocoder = new FakeGeocoder({ lng: 4.4194, lat: 44.0125 });
		const result = await saveEvent(
			db,
			editor,
			territoryId,
			null,
			form({ address: '1 place aux Herbes', commune: 'Uzès' }),
			{ geocoder }
		);
		const r = await row(saved(result));
		expect(result.ok && result.warnings).toEqual([]);
		expect(r.place_id).toBeNull();
		expect(r.commune_code).toBe(UZES);
		expect([Number(r.lng), Number(r.lat)]).toEqual([4.4194, 44.0125]);
		expect(geocoder.queries).toEqual([
			{
				id: 'event',
				address: '1 place aux Herbes',
				postcode: null,
				communeCode: UZES,
				communeName: 'Uzès'
			}
		]);
	});

	it('at an address the geocoder cannot place: saved at the commune centre, with a warning', async () => {
		const result = await saveEvent(
			db,
			editor,
			territoryId,
			null,
			form({ address: 'Lieu-dit inconnu', commune: UZES }),
			{ geocoder: new FakeGeocoder(null) }
		);
		const r = await row(saved(result));
		expect(result.ok && result.warnings).toHaveLength(1);
		expect(r.commune_code).toBe(UZES);
		expect(r.lng).not.toBeNull(); // Uzès' centre, from the shipped table
		expect(Math.abs(Number(r.lng) - 4.42)).toBeLessThan(0.1);
	});

	it('at a map point: the point wins over the address, which is not geocoded', async () => {
		const geocoder = new FakeGeocoder({ lng: 1, lat: 1 });
		const id = saved(
			await saveEvent(
				db,
				editor,
				territoryId,
				null,
				form({ address: '1 place aux Herbes', lng: '4.401', lat: '44.02', commune: 'Uzès' }),
				{ geocoder }
			)
		);
		const r = await row(id);
		expect([Number(r.lng), Number(r.lat)]).toEqual([4.401, 44.02]);
		expect(geocoder.queries).toEqual([]);
	});
});

describe('saveEvent: editing', () => {
	it('replaces the organisers and participants in the same save', async () => {
		const id = saved(
			await saveEvent(
				db,
				editor,
				territoryId,
				null,
				form({
					commune: UZES,
					organisers: [actor.mediatheque, actor.chorale],
					participants: [actor.fablab]
				}),
				{ geocoder: offline }
			)
		);
		const again = await saveEvent(
			db,
			owner,
			territoryId,
			id,
			form({
				title: 'Nuit de la lecture (2e édition)',
				commune: UZES,
				organisers: [actor.mairie],
				participants: [actor.mediatheque, actor.mairie],
				// What the edit form was loaded with (eventToFormValues).
				actorsBefore: [actor.mediatheque, actor.chorale, actor.fablab]
			}),
			{ geocoder: offline }
		);
		expect(saved(again)).toBe(id);
		expect(await roles(id)).toEqual(
			[`organiser:${actor.mairie}`, `participant:${actor.mediatheque}`].sort()
		);
		const event = await db.asUser(editor, (tx) => loadEvent(tx, territoryId, id));
		expect(event?.title).toBe('Nuit de la lecture (2e édition)');
		expect(event?.organisers.map((a) => a.name)).toEqual(['Acteur mairie']);
		expect(event?.participants.map((a) => a.id)).toEqual([actor.mediatheque]);
	});

	it('keeps the participants added while the form was open (an import meanwhile)', async () => {
		const id = saved(
			await saveEvent(
				db,
				editor,
				territoryId,
				null,
				form({ commune: UZES, organisers: [actor.mairie], participants: [actor.fablab] }),
				{ geocoder: offline }
			)
		);
		const loaded = await db.asUser(editor, (tx) => loadEvent(tx, territoryId, id));
		const values = eventToFormValues(loaded!, utcToParisLocal);
		expect([...values.actorsBefore!].sort()).toEqual([actor.mairie, actor.fablab].sort());
		// Someone imports a sign-up sheet: the chorale registers.
		await db.asAdmin((tx) =>
			tx.query(
				`insert into public.event_actor (event_id, actor_id, territory_id, role)
				 values ($1, $2, $3, 'participant')`,
				[id, actor.chorale, territoryId]
			)
		);
		// The editor, with the form opened before, removes the fab lab and renames the event.
		const again = await saveEvent(
			db,
			editor,
			territoryId,
			id,
			{ ...values, title: 'Renommé', participants: [] },
			{ geocoder: offline }
		);
		expect(saved(again)).toBe(id);
		expect(await roles(id)).toEqual(
			[`organiser:${actor.mairie}`, `participant:${actor.chorale}`].sort()
		);
	});

	it('answers 404 for an event that does not exist', async () => {
		const result = await saveEvent(db, editor, territoryId, uuid(), form({ commune: UZES }), {
			geocoder: offline
		});
		expect(result.ok === false && result.status).toBe(404);
	});
});

describe('saveEvent: errors by field', () => {
	it('names each field in French and writes nothing', async () => {
		const before = await db.asAdmin((tx) => tx.query('select id from public.event'));
		const result = await saveEvent(
			db,
			editor,
			territoryId,
			null,
			form({ title: '', startTime: '20:00', endTime: '19:00', lng: '200', lat: '44' }),
			{ geocoder: offline }
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.status).toBe(400);
		expect(Object.keys(result.errors).sort()).toEqual(['commune', 'end', 'point', 'title']);
		expect(result.errors.title).toMatch(/titre/i);
		expect(result.errors.end).toMatch(/fin/i);
		expect(result.errors.point).toMatch(/longitude/i);
		const after = await db.asAdmin((tx) => tx.query('select id from public.event'));
		expect(after).toHaveLength(before.length);
	});

	it('checks the place, the commune and the actors against the database', async () => {
		const result = await saveEvent(
			db,
			editor,
			territoryId,
			null,
			form({ place: uuid(), commune: 'Nulle-Part-sur-Mer', organisers: [uuid()] }),
			{ geocoder: offline }
		);
		expect(result.ok === false && Object.keys(result.errors).sort()).toEqual([
			'commune',
			'organisers',
			'place'
		]);
	});

	it('requires a commune when no common place is chosen', async () => {
		const result = await saveEvent(db, editor, territoryId, null, form({ address: 'Rue haute' }), {
			geocoder: offline
		});
		expect(result.ok === false && result.errors).toEqual({
			commune: 'La commune est obligatoire quand aucun lieu commun n’est choisi.'
		});
	});
});

describe('rights', () => {
	it('refuses a viewer: 403 to create, update and delete, and nothing changes', async () => {
		const id = saved(
			await saveEvent(db, editor, territoryId, null, form({ commune: UZES }), { geocoder: offline })
		);
		const create = await saveEvent(db, viewer, territoryId, null, form({ commune: UZES }), {
			geocoder: offline
		});
		expect(create.ok === false && create.status).toBe(403);
		expect(create.ok === false && create.errors.form).toMatch(/éditeurs/);
		const update = await saveEvent(
			db,
			viewer,
			territoryId,
			id,
			form({ title: 'Pris', commune: UZES }),
			{
				geocoder: offline
			}
		);
		expect(update.ok === false && update.status).toBe(403);
		expect(await deleteEvent(db, viewer, territoryId, id)).toBe('forbidden');
		const event = await db.asUser(viewer, (tx) => loadEvent(tx, territoryId, id));
		expect(event?.title).toBe('Nuit de la lecture');
		expect(await deleteEvent(db, editor, territoryId, id)).toBe('deleted');
		expect(await db.asUser(editor, (tx) => loadEvent(tx, territoryId, id))).toBeNull();
	});

	it('is refused by row level security too, not only by the role check in code', async () => {
		// The viewer writes directly: RLS, not the role check, stops it.
		const attempt = db.asUser(viewer, (tx) =>
			tx.query(
				`insert into public.event (territory_id, title, starts_at) values ($1, 'x', now())`,
				[territoryId]
			)
		);
		await expect(attempt).rejects.toThrow(/row-level security/);
	});
});

describe('reading as an anonymous visitor', () => {
	let publicEvent: string;
	let membersEvent: string;

	beforeAll(async () => {
		await db.asAdmin((tx) =>
			tx.query(
				`insert into public.actor (id, territory_id, name, kind) values ($1, $2, 'Comité', 'association')`,
				[uuid(), publicId]
			)
		);
		publicEvent = saved(
			await saveEvent(
				db,
				owner,
				publicId,
				null,
				form({ title: 'Bal public', commune: UZES, visibility: 'public', startDate: '2099-06-20' }),
				{ geocoder: offline }
			)
		);
		membersEvent = saved(
			await saveEvent(
				db,
				owner,
				publicId,
				null,
				form({ title: 'Réunion interne', commune: UZES, startDate: '2099-06-21' }),
				{ geocoder: offline }
			)
		);
	});

	it('lists only the public events; members see both', async () => {
		const anon = await db.asUser(anonClaims, (tx) => listEvents(tx, publicId));
		expect(anon.map((e) => e.title)).toEqual(['Bal public']);
		expect(anon[0]!.communeName).toBe('Uzès');
		const members = await db.asUser(owner, (tx) => listEvents(tx, publicId));
		expect(members.map((e) => e.title)).toEqual(['Bal public', 'Réunion interne']);
	});

	it('opens a public event read-only and answers 404 for a members-only one', async () => {
		const page = (await eventPage.load(pageEvent('ouvert', publicEvent, anonClaims))) as {
			canEdit: boolean;
			isMember: boolean;
			values: unknown;
			event: { title: string };
		};
		expect(page.event.title).toBe('Bal public');
		expect(page.canEdit).toBe(false);
		expect(page.isMember).toBe(false);
		expect(page.values).toBeNull();
		expect(await status(() => eventPage.load(pageEvent('ouvert', membersEvent, anonClaims)))).toBe(
			404
		);
	});

	it('answers 404 for a private territory, and 403 on the new-event page to non-editors', async () => {
		expect(await status(() => listPage.load(pageEvent('uzege', null, anonClaims)))).toBe(404);
		expect(await status(() => newPage.load(pageEvent('uzege', null, viewer)))).toBe(403);
		expect(await status(() => newPage.load(pageEvent('ouvert', null, anonClaims)))).toBe(403);
	});

	it('shows the month calendar with the public event in its Paris day', async () => {
		const page = (await listPage.load(
			pageEvent('ouvert', null, anonClaims, '?view=calendar&month=2099-06')
		)) as {
			isPublic: boolean;
			calendar: { weeks: { date: string; events: { event: { title: string } }[] }[][] };
		};
		expect(page.isPublic).toBe(true);
		const days = page.calendar.weeks
			.flat()
			.filter((c) => c.events.length > 0)
			.map((c) => [c.date, c.events.map((e) => e.event.title)]);
		expect(days).toEqual([['2099-06-20', ['Bal public']]]);
	});
});

describe('the pages’ actions', () => {
	it('creates through the new-event form and redirects to the event (303)', async () => {
		const body = new FormData();
		for (const [k, v] of Object.entries({
			title: 'Repair café',
			start_date: '2026-11-14',
			start_time: '09:30',
			place: place.salle,
			visibility: 'members'
		}))
			body.set(k, v);
		body.append('organisers', actor.fablab);
		const thrown = await caught(() =>
			newPage.actions.default!(actionEvent('uzege', null, editor, body) as never)
		);
		expect(isRedirect(thrown)).toBe(true);
		if (!isRedirect(thrown)) return;
		expect(thrown.status).toBe(303);
		const id = /\/t\/uzege\/events\/([0-9a-f-]{36})\?saved=created$/.exec(thrown.location)?.[1];
		expect(id).toBeDefined();
		expect(await roles(id!)).toEqual([`organiser:${actor.fablab}`]);
		expect((await row(id!)).starts_at).toBe('2026-11-14T08:30Z');
	});

	it('answers the form again with its values, the chosen actors and the errors', async () => {
		const body = new FormData();
		body.set('title', '');
		body.set('start_date', '2026-11-14');
		body.set('start_time', '09:30');
		body.set('commune', 'Uzès');
		body.append('participants', actor.chorale);
		const result = (await newPage.actions.default!(
			actionEvent('uzege', null, editor, body) as never
		)) as { status: number; data: { errors: Record<string, string>; participants: unknown } };
		expect(result.status).toBe(400);
		expect(Object.keys(result.data.errors)).toEqual(['title']);
		expect(result.data.participants).toEqual([{ id: actor.chorale, name: 'Acteur chorale' }]);
	});
});

// ---------------------------------------------------------------- helpers

function pageEvent(slug: string, id: string | null, claims: Claims, search = '') {
	const path = id ? `/t/${slug}/events/${id}` : `/t/${slug}/events`;
	return {
		params: { territory: slug, ...(id ? { id } : {}) },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test${path}${search}`)
	} as never;
}

function actionEvent(slug: string, id: string | null, claims: Claims, body: FormData) {
	return {
		params: { territory: slug, ...(id ? { id } : {}) },
		locals: { claims, locale: 'fr' },
		request: new Request('http://maillage.test/', { method: 'POST', body })
	};
}

async function caught(fn: () => unknown): Promise<unknown> {
	try {
		await fn();
	} catch (thrown) {
		return thrown;
	}
	throw new Error('did not throw');
}

async function status(fn: () => unknown): Promise<number> {
	const thrown = await caught(fn);
	if (isHttpError(thrown)) return thrown.status;
	throw thrown;
}
