/**
 * A participants sheet imported into an event of the demo territory, through the census engine:
 * two participants are demo actors written differently (case, accents, punctuation), two are new.
 * The census grows by two, the event gains the four, a second import adds nobody, and a failing
 * import writes nothing — no listing, no actor, no participant.
 */
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/lib/server/demo/seed';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { commitImport, ImportError, type ImportFile } from '../../src/lib/server/census/import';
import {
	linkParticipants,
	ParticipantsError,
	UNLISTED_SOURCE_NAME
} from '../../src/lib/server/census/participants';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import { loadFrenchCommunes } from '../../src/lib/domain/census/communes-fr';
import { createTerritory, createUser, freshDatabase, type TestDatabase } from './helpers';

const geocoder = new CommuneCentreGeocoder();

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
vi.mock('$env/dynamic/private', () => ({ env: { MAILLAGE_GEOCODER: 'offline' } }));
const page = await import('../../src/routes/t/[territory]/import/+page.server');
const commitEndpoint = await import('../../src/routes/t/[territory]/import/commit/+server');

async function loadPage(query: string) {
	try {
		return await page.load({
			params: { territory: 'pays-d-uzes' },
			locals: { claims, locale: 'fr' },
			url: new URL(`http://maillage.test/t/pays-d-uzes/import${query}`)
		} as never);
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}

/** Posts the wizard's form to the commit endpoint and returns its last NDJSON message. */
async function postCommit(file: ImportFile, event: string): Promise<Record<string, unknown>> {
	const form = new FormData();
	form.append('file', new File([file.bytes as BlobPart], file.name), file.name);
	form.append('plan', JSON.stringify([{ name: file.name, target: 'new' }]));
	form.append('event', event);
	const response = await commitEndpoint.POST({
		params: { territory: 'pays-d-uzes' },
		locals: { claims, locale: 'fr' },
		request: new Request('http://maillage.test/t/pays-d-uzes/import/commit', {
			method: 'POST',
			body: form
		})
	} as never);
	const lines = (await response.text()).trim().split('\n');
	return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

let db: TestDatabase;
let claims: Claims;
let territoryId: string;
let eventId: string;
let otherEventId: string;
let organiserId: string;
const known: { id: string; name: string; commune: string }[] = [];

async function q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
	return db.asUser(claims, (tx) => tx.query<T>(sql, params));
}
async function count(table: string, where = ''): Promise<number> {
	const [r] = await q<{ n: number }>(
		`select count(*)::int as n from public.${table} where territory_id = $1 ${where}`,
		[territoryId]
	);
	return r!.n;
}
async function participantsOf(event: string): Promise<Map<string, string>> {
	const rows = await q<{ actor_id: string; role: string }>(
		'select actor_id, role from public.event_actor where territory_id = $1 and event_id = $2',
		[territoryId, event]
	);
	return new Map(rows.map((r) => [r.actor_id, r.role]));
}

/** "Les Amis du Vieil Uzès" → "LES AMIS DU VIEIL UZES." — same actor for a person. */
function writtenDifferently(name: string, k: number): string {
	const plain = name.normalize('NFD').replace(/\p{M}/gu, '');
	return k === 0 ? `${plain.toUpperCase()}.` : plain.toLowerCase().replace(/'/g, ' ');
}

function sheet(rows: string[][]): ImportFile {
	const text = ['nom;commune;courriel', ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
	return { name: 'inscrits-fete.csv', bytes: new TextEncoder().encode(text) };
}

let rows: string[][];

describe('participants sheet imported into an event', () => {
	beforeAll(async () => {
		db = await freshDatabase();
		const ownerId = await createUser(db, 'coordination@example.org');
		claims = userClaims(ownerId);
		({ territoryId } = await loadDemo(db, { ownerId, now: new Date('2026-03-01T10:00:00Z') }));
		current.db = db;
		// Two associations of the demo with a distinctive name (accents help the test), not yet
		// participants of the chosen event.
		const [event] = await q<{ id: string }>(
			'select id from public.event where territory_id = $1 order by starts_at, id limit 1',
			[territoryId]
		);
		eventId = event!.id;
		const communes = await loadFrenchCommunes();
		const picked = await q<{ id: string; name: string; commune_code: string }>(
			`select a.id, a.name, a.commune_code from public.actor a
			  where a.territory_id = $1 and a.kind = 'association' and a.name ~ '[éèàçô]'
			    and a.commune_code is not null
			    and not exists (select 1 from public.event_actor e
			                     where e.event_id = $2 and e.actor_id = a.id)
			  order by a.name limit 2`,
			[territoryId, eventId]
		);
		expect(picked).toHaveLength(2);
		for (const p of picked)
			known.push({ id: p.id, name: p.name, commune: communes.nameOf(p.commune_code)! });
		// An organiser of the event who is also on the sheet stays organiser.
		const [org] = await q<{ actor_id: string }>(
			`select actor_id from public.event_actor where territory_id = $1 and event_id = $2
			    and role = 'organiser' limit 1`,
			[territoryId, eventId]
		);
		organiserId = org?.actor_id ?? '';
		rows = [
			[writtenDifferently(known[0]!.name, 0), known[0]!.commune, ''],
			[writtenDifferently(known[1]!.name, 1), known[1]!.commune.toUpperCase(), ''],
			['Collectif des Jardins Partagés du Mas Neuf', 'Uzès', 'jardins.masneuf@example.org'],
			['Chorale La Clé des Champs de Montaren', 'Montaren-et-Saint-Médiers', '']
		];
		const other = await createTerritory(db, claims, 'ailleurs', 'Ailleurs');
		const [ev] = await q<{ id: string }>(
			`insert into public.event (territory_id, title, starts_at) values ($1, 'Ailleurs', now())
			 returning id`,
			[other]
		);
		otherEventId = ev!.id;
	});
	afterAll(async () => {
		await db?.close();
	});

	it('rejects an event of another territory before writing anything', async () => {
		const before = {
			actors: await count('actor'),
			sources: await count('source'),
			links: await count('event_actor')
		};
		await expect(
			commitImport(db, claims, territoryId, [sheet(rows)], { geocoder, eventId: otherEventId })
		).rejects.toMatchObject({ code: 'unknown_event' });
		await expect(
			commitImport(db, claims, territoryId, [sheet(rows)], { geocoder, eventId: 'pas-un-uuid' })
		).rejects.toBeInstanceOf(ImportError);
		expect({
			actors: await count('actor'),
			sources: await count('source'),
			links: await count('event_actor')
		}).toEqual(before);
	});

	it('a failure inside the write transaction leaves no listing, actor or participant', async () => {
		const before = {
			actors: await count('actor'),
			sources: await count('source'),
			records: await count('source_record'),
			links: await count('event_actor')
		};
		await expect(
			commitImport(db, claims, territoryId, [sheet(rows)], {
				geocoder,
				eventId,
				beforeCommit: async () => {
					throw new Error('disk full');
				}
			})
		).rejects.toThrow('disk full');
		expect({
			actors: await count('actor'),
			sources: await count('source'),
			records: await count('source_record'),
			links: await count('event_actor')
		}).toEqual(before);
	});

	it('a file that cannot be read changes nothing', async () => {
		const before = { actors: await count('actor'), links: await count('event_actor') };
		const bad: ImportFile = { name: 'inscrits.csv', bytes: new Uint8Array([0, 159, 146, 150, 0]) };
		await expect(
			commitImport(db, claims, territoryId, [bad], { geocoder, eventId })
		).rejects.toBeInstanceOf(ImportError);
		expect({ actors: await count('actor'), links: await count('event_actor') }).toEqual(before);
	});

	it('matches the two demo actors, creates the two others, and registers the four', async () => {
		const actorsBefore = await count('actor');
		const before = await participantsOf(eventId);
		const summary = await commitImport(db, claims, territoryId, [sheet(rows)], {
			geocoder,
			eventId
		});
		expect(summary.noop).toBe(false);
		expect(await count('actor')).toBe(actorsBefore + 2);
		expect(summary.newActors).toBe(2);
		expect(summary.participants).toEqual({ linked: 4, alreadyThere: 0 });

		const after = await participantsOf(eventId);
		expect(after.size).toBe(before.size + 4);
		for (const k of known) expect(after.get(k.id)).toBe('participant');
		// The demo actors kept their id and their name (their own values win over the sheet's).
		const names = await q<{ id: string; name: string }>(
			'select id, name from public.actor where territory_id = $1 and id = any($2::uuid[])',
			[territoryId, known.map((k) => k.id)]
		);
		expect(new Map(names.map((n) => [n.id, n.name]))).toEqual(
			new Map(known.map((k) => [k.id, k.name]))
		);
		// The sheet's rows belong to the four participants.
		const sheetActors = await q<{ actor_id: string }>(
			`select distinct r.actor_id from public.source_record r
			   join public.source s on s.id = r.source_id
			  where r.territory_id = $1 and s.file_name = 'inscrits-fete.csv'`,
			[territoryId]
		);
		expect(sheetActors).toHaveLength(4);
		for (const { actor_id } of sheetActors) expect(after.get(actor_id)).toBe('participant');
		// Only the two matched demo actors were given a record, in the listing of unlisted actors.
		expect(
			await count(
				'source_record',
				`and source_id in (select id from public.source where name = '${UNLISTED_SOURCE_NAME}')`
			)
		).toBe(2);
	});

	it('re-importing the same sheet adds nobody', async () => {
		const actors = await count('actor');
		const links = await count('event_actor');
		const summary = await commitImport(db, claims, territoryId, [sheet(rows)], {
			geocoder,
			eventId
		});
		expect(summary.noop).toBe(true);
		expect(summary.participants).toEqual({ linked: 0, alreadyThere: 4 });
		expect(await count('actor')).toBe(actors);
		expect(await count('event_actor')).toBe(links);
	});

	it('an organiser on the sheet stays organiser', async () => {
		if (organiserId === '') return expect.fail('the demo event has an organiser');
		const [org] = await q<{ name: string; commune_code: string | null }>(
			'select name, commune_code from public.actor where territory_id = $1 and id = $2',
			[territoryId, organiserId]
		);
		const commune = (await loadFrenchCommunes()).nameOf(org!.commune_code ?? '') ?? '';
		const file: ImportFile = {
			name: 'organisateurs.csv',
			bytes: new TextEncoder().encode(`nom;commune\r\n${org!.name};${commune}\r\n`)
		};
		const summary = await commitImport(db, claims, territoryId, [file], { geocoder, eventId });
		expect(summary.participants).toEqual({ linked: 0, alreadyThere: 1 });
		expect((await participantsOf(eventId)).get(organiserId)).toBe('organiser');
	});

	it('the wizard page knows the event (banner data) and answers 404 for an unknown one', async () => {
		const data = await loadPage(`?event=${eventId}`);
		if (typeof data === 'number') throw new Error(`status ${data}`);
		const [event] = await q<{ title: string }>('select title from public.event where id = $1', [
			eventId
		]);
		expect(data!.event).toMatchObject({ id: eventId, title: event!.title });
		expect(data!.event!.date).toMatch(/^\d{1,2} \S+ 20\d\d$/); // « 14 mars 2026 »
		expect(await loadPage(`?event=${otherEventId}`)).toBe(404);
		expect(await loadPage('?event=inconnu')).toBe(404);
		const plain = await loadPage('');
		if (typeof plain === 'number') throw new Error(`status ${plain}`);
		expect(plain!.event).toBeNull();
	});

	it('the commit endpoint takes the event from the form', async () => {
		const [ev] = await q<{ id: string }>(
			`insert into public.event (territory_id, title, starts_at) values ($1, 'Atelier', now())
			 returning id`,
			[territoryId]
		);
		const file: ImportFile = {
			name: 'atelier.csv',
			bytes: new TextEncoder().encode(
				`nom;commune\r\n${rows[2]!.join(';').replace(/;[^;]*$/, '')}\r\nRucher école des Garrigues;Uzès\r\n`
			)
		};
		const done = await postCommit(file, ev!.id);
		expect(done).toMatchObject({
			type: 'done',
			summary: { participants: { linked: 2, alreadyThere: 0 } }
		});
		expect((await participantsOf(ev!.id)).size).toBe(2);

		const actors = await count('actor');
		const refused = await postCommit({ ...file, name: 'autre.csv' }, otherEventId);
		expect(refused).toMatchObject({ type: 'error' });
		expect(await count('actor')).toBe(actors);
	});

	it('linkParticipants refuses an event of another territory (the transaction rolls back)', async () => {
		await expect(
			db.asUser(claims, (tx) => linkParticipants(tx, territoryId, otherEventId, []))
		).rejects.toBeInstanceOf(ParticipantsError);
	});
});
