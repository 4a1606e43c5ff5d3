/**
 * Actors carry their worlds (#9): an editor sets them pair by pair on the actor page (the
 * `worlds` form action and saveActorWorlds), row level security refuses everybody else — through
 * the app and through the API path alike — and each change is in the census history.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseWorldChoices } from '../../src/lib/domain/worlds';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import {
	ActorWorldsError,
	loadActorPage,
	saveActorWorlds
} from '../../src/lib/server/queries/actor-page';
import {
	addMember,
	asApiCaller,
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
const actorPage = await import('../../src/routes/t/[territory]/actors/[id]/+page.server');

const SLUG = 'mondes';
let db: TestDatabase;
let editor: Claims;
let member: Claims;
let territoryId: string;
let actorId: string;

const worldsOf = async (id = actorId) => {
	const [row] = await db.asAdmin((tx) =>
		tx.query<{ worlds: string[] }>('select worlds from public.actor where id = $1', [id])
	);
	return row?.worlds;
};

const setWorlds = (worlds: string[]) =>
	db.asAdmin((tx) =>
		tx.query('update public.actor set worlds = $2::text[] where id = $1', [actorId, worlds])
	);

function choices(fields: Record<string, string>) {
	const r = parseWorldChoices(Object.entries(fields));
	if (!r.ok) throw new Error(r.error.code);
	return r.choices;
}

interface ActionAnswer {
	status?: number;
	data?: { action: string; error?: string; pair?: string | null; value?: string | null };
	action?: string;
	saved?: boolean;
	changed?: boolean;
}

function post(claims: Claims, fields: [string, string][], id = actorId): Promise<ActionAnswer> {
	const form = new FormData();
	for (const [k, v] of fields) form.append(k, v);
	const url = `http://maillage.test/t/${SLUG}/actors/${id}?/worlds`;
	const event = {
		params: { territory: SLUG, id },
		locals: { claims, locale: 'fr' },
		url: new URL(url),
		request: new Request(url, { method: 'POST', body: form })
	};
	return (actorPage.actions.worlds as (e: never) => Promise<ActionAnswer>)(event as never);
}

beforeAll(async () => {
	db = await freshDatabase();
	current.db = db;
	editor = userClaims(await createUser(db, 'editrice@example.org'));
	const memberId = await createUser(db, 'membre@example.org');
	member = userClaims(memberId);
	territoryId = await createTerritory(db, editor, SLUG, 'Mondes');
	await addMember(db, editor, territoryId, memberId, 'member');
	const [row] = await db.asUser(editor, (tx) =>
		tx.query<{ id: string }>(
			`insert into public.actor (territory_id, name, commune_code, worlds)
			 values ($1, 'Foyer rural de Lussan', '30151', array['urbain', 'associatif', 'culture'])
			 returning id`,
			[territoryId]
		)
	);
	actorId = row!.id;
}, 120_000);

afterAll(async () => {
	await db?.close();
});

describe('an editor sets an actor’s worlds', () => {
	it('replaces the answered pairs only, keeps the rest, and logs who did it', async () => {
		const change = await db.asUser(editor, (tx) =>
			saveActorWorlds(
				tx,
				territoryId,
				actorId,
				choices({ 'worlds.urbain-rural': 'rural', 'worlds.institution-citoyen': 'citoyen' })
			)
		);
		expect(change).toEqual({
			before: ['urbain', 'associatif', 'culture'],
			after: ['rural', 'citoyen', 'associatif', 'culture'],
			changed: true
		});
		expect(await worldsOf()).toEqual(['rural', 'citoyen', 'associatif', 'culture']);

		const page = (await db.asUser(editor, (tx) => loadActorPage(tx, territoryId, actorId)))!;
		expect(page.actor.worlds).toEqual(['rural', 'citoyen', 'associatif', 'culture']);
		expect(page.history?.[0]).toMatchObject({
			action: 'override',
			field: 'worlds',
			after: 'rural, citoyen, associatif, culture',
			by: 'editrice@example.org'
		});
		const [entry] = await db.asAdmin((tx) =>
			tx.query<{ detail: { before: string[]; worlds: string[] } }>(
				`select detail from public.census_history
				  where actor_id = $1 and action = 'override' order by id desc limit 1`,
				[actorId]
			)
		);
		expect(entry!.detail.before).toEqual(['urbain', 'associatif', 'culture']);
		expect(entry!.detail.worlds).toEqual(['rural', 'citoyen', 'associatif', 'culture']);
	});

	it('writes nothing, history included, when the answer changes nothing', async () => {
		const count = async () =>
			(
				await db.asAdmin((tx) =>
					tx.query<{ n: number }>(
						'select count(*)::int as n from public.census_history where actor_id = $1',
						[actorId]
					)
				)
			)[0]!.n;
		const before = await count();
		const change = await db.asUser(editor, (tx) =>
			saveActorWorlds(tx, territoryId, actorId, choices({ 'worlds.urbain-rural': 'rural' }))
		);
		expect(change.changed).toBe(false);
		expect(await count()).toBe(before);
	});

	it('saves through the page’s form action, « non renseigné » clearing a pair', async () => {
		const answer = await post(editor, [
			['worlds.urbain-rural', 'urbain'],
			['worlds.institution-citoyen', ''],
			['worlds.professionnel-amateur', 'amateur']
		]);
		expect(answer).toEqual({ action: 'worlds', saved: true, changed: true });
		expect(await worldsOf()).toEqual(['amateur', 'urbain', 'associatif', 'culture']);
	});

	it('refuses an unknown world with 400 and a message naming the pair, changing nothing', async () => {
		const before = await worldsOf();
		const unknown = await post(editor, [['worlds.urbain-rural', 'montagnard']]);
		expect(unknown.status).toBe(400);
		expect(unknown.data).toEqual({
			action: 'worlds',
			error: 'unknown_world',
			pair: 'urbain-rural',
			value: 'montagnard'
		});
		const both = await post(editor, [
			['worlds.urbain-rural', 'urbain'],
			['worlds.urbain-rural', 'rural']
		]);
		expect(both.status).toBe(400);
		expect(both.data?.error).toBe('both_ends');
		const pair = await post(editor, [['worlds.jeunes-anciens', 'jeunes']]);
		expect(pair.status).toBe(400);
		expect(pair.data?.error).toBe('unknown_pair');
		expect(await worldsOf()).toEqual(before);
	});

	it('answers 400 for an actor that is not there', async () => {
		const answer = await post(editor, [['worlds.urbain-rural', 'rural']], crypto.randomUUID());
		expect(answer.status).toBe(400);
		expect(answer.data?.error).toBe('unknown_actor');
	});
});

describe('nobody else may', () => {
	it('refuses a member at the form action (403) and at the database (RLS)', async () => {
		await setWorlds(['urbain']);
		const answer = await post(member, [['worlds.urbain-rural', 'rural']]);
		expect(answer.status).toBe(403);
		expect(answer.data?.error).toBe('forbidden');
		// Past the page's own check, row level security still refuses the member.
		await expect(
			db.asUser(member, (tx) =>
				saveActorWorlds(tx, territoryId, actorId, choices({ 'worlds.urbain-rural': 'rural' }))
			)
		).rejects.toEqual(new ActorWorldsError('forbidden'));
		expect(await worldsOf()).toEqual(['urbain']);
	});

	it('lets an editor, not a member, update the column through the API path', async () => {
		const update = (who: Claims, worlds: string[]) =>
			asApiCaller(db, who, (tx) =>
				tx.query<{ id: string }>(
					'update public.actor set worlds = $2::text[] where id = $1 returning id',
					[actorId, worlds]
				)
			);
		expect(await update(member, ['rural'])).toEqual([]);
		expect(await worldsOf()).toEqual(['urbain']);
		expect(await update(editor, ['rural'])).toEqual([{ id: actorId }]);
		expect(await worldsOf()).toEqual(['rural']);
	});
});
