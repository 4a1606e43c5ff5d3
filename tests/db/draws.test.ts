/**
 * Random draws (#9) against the real schema: an editor announces a call, members volunteer actors,
 * the draw freezes the pool and is the domain's draw of it, the seed and rules cannot change,
 * answers are recorded with the replacement the replay gives, a run draw is never deleted, and
 * the page and its actions answer each role as it should.
 */
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drawGroups, replayDraw } from '../../src/lib/domain/draw';
import type { Claims } from '../../src/lib/server/db/types';
import {
	actorsMatching,
	addVolunteers,
	closePool,
	createDraw,
	deadlines,
	expireOverdue,
	getDraw,
	listAnswers,
	listDraws,
	listPool,
	overdue,
	recordAnswers,
	runDraw,
	type DrawAnnouncement
} from '../../src/lib/server/queries/draws';
import { asApiCaller, demoWithRoles, type TestDatabase } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const listPage = await import('../../src/routes/t/[territory]/draws/+page.server');
const drawPage = await import('../../src/routes/t/[territory]/draws/[id]/+page.server');
const auditJson = await import('../../src/routes/t/[territory]/draws/[id]/audit.json/+server');

const SLUG = 'pays-d-uzes';
const UZES = '30334';

let db: TestDatabase;
let owner: Claims;
let editor: Claims;
let member: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

const announcement = (a: Partial<DrawAnnouncement> = {}): DrawAnnouncement => ({
	title: 'Binômes de la fête du jeu',
	description: null,
	periodStart: '2027-01-10',
	periodEnd: '2027-03-31',
	rules: { groups: 3, groupSize: 3, mixWorlds: false, mixCommunes: false },
	seedSource: 'Loto du 1er décembre 2026, les cinq numéros',
	confirmDays: 7,
	...a
});

async function code(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'ok';
	} catch (e) {
		return (e as { code?: string }).code ?? String(e);
	}
}

function post(
	action: string,
	claims: Claims,
	drawId: string,
	fields: Record<string, string | string[]>
) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
	const url = `http://maillage.test/t/${SLUG}/draws/${drawId}?/${action}`;
	const event = {
		params: { territory: SLUG, id: drawId },
		locals: { claims, locale: 'fr' },
		url: new URL(url),
		request: new Request(url, { method: 'POST', body: form })
	};
	return (drawPage.actions as Record<string, (e: never) => Promise<unknown>>)[action]!(
		event as never
	);
}

function loadDrawPage(claims: Claims, drawId: string) {
	return drawPage.load({
		params: { territory: SLUG, id: drawId },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${SLUG}/draws/${drawId}`)
	} as never) as Promise<Record<string, unknown>>;
}

async function status(promise: unknown): Promise<number | 'ok'> {
	try {
		await promise;
		return 'ok';
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, editor, member, viewer, outsider }
	} = await demoWithRoles({ roles: ['editor', 'member', 'viewer'] }));
	current.db = db;
});

afterAll(async () => {
	await db?.close();
});

describe('the demo territory', () => {
	it('holds a drawn call whose answers replay to its log, and an open call with volunteers', async () => {
		const draws = await db.asUser(viewer, (tx) => listDraws(tx, territoryId));
		const drawn = draws.find((d) => d.drawnAt !== null)!;
		const open = draws.find((d) => d.drawnAt === null)!;
		expect(drawn.rules).toMatchObject({ groups: 3, groupSize: 3, mixCommunes: true });
		expect(open.poolSize).toBeGreaterThan(0);
		const page = (await loadDrawPage(viewer, drawn.id)) as {
			verified: boolean;
			log: { kind: string }[];
			groups: { seats: { status: string }[] }[];
		};
		expect(page.verified).toBe(true);
		expect(page.log.map((e) => e.kind)).toEqual(['confirmed', 'declined', 'replaced']);
		expect(
			page.groups.flatMap((g) => g.seats.map((s) => s.status)).filter((x) => x === 'confirmed')
		).toHaveLength(1);
	});
});

describe('a draw in the database', () => {
	let drawId: string;
	let uzes: string[];

	it('an editor announces a call; members volunteer actors; viewers and outsiders cannot', async () => {
		drawId = await db.asUser(editor, (tx) => createDraw(tx, territoryId, announcement()));
		expect(await code(db.asUser(member, (tx) => createDraw(tx, territoryId, announcement())))).toBe(
			'42501'
		);
		uzes = await db.asUser(editor, (tx) => actorsMatching(tx, territoryId, { communeCode: UZES }));
		expect(uzes.length).toBeGreaterThan(12);
		const half = Math.ceil(uzes.length / 2);
		expect(
			await db.asUser(member, (tx) => addVolunteers(tx, territoryId, drawId, uzes.slice(0, half)))
		).toBe(half);
		expect(await db.asUser(editor, (tx) => addVolunteers(tx, territoryId, drawId, uzes))).toBe(
			uzes.length - half
		);
		expect(
			await code(db.asUser(viewer, (tx) => addVolunteers(tx, territoryId, drawId, uzes)))
		).toBe('42501');
		expect(await db.asUser(outsider, (tx) => listDraws(tx, territoryId))).toEqual([]);
		const [listed] = await db.asUser(viewer, (tx) => listDraws(tx, territoryId));
		expect(listed).toMatchObject({ id: drawId, poolSize: uzes.length, drawnAt: null });
	});

	it('the seed source and the rules are fixed once announced; only the app closes or draws', async () => {
		expect(
			await code(
				db.asUser(editor, (tx) =>
					tx.query(`update public.draw set seed_source = 'autre source' where id = $1`, [drawId])
				)
			)
		).toBe('42501');
		// Through the API (no maillage.writer = app): no forged pool, seed or draw date.
		expect(
			await code(
				asApiCaller(db, editor, (tx) =>
					tx.query(
						`update public.draw set pool_snapshot = '[]', pool_closed_at = now() where id = $1`,
						[drawId]
					)
				)
			)
		).toBe('42501');
		expect(
			await code(
				asApiCaller(db, editor, (tx) =>
					tx.query(
						`insert into public.draw (territory_id, title, group_count, group_size, seed_source, created_at)
						 values ($1, 'Antidaté', 1, 1, 'source', '2020-01-01') returning created_at`,
						[territoryId]
					)
				)
			)
		).toBe('ok');
		const [backdated] = await db.asAdmin((tx) =>
			tx.query<{ created_at: Date }>(`select created_at from public.draw where title = 'Antidaté'`)
		);
		expect(new Date(backdated!.created_at).getFullYear()).toBeGreaterThan(2025);
		expect(
			await code(
				asApiCaller(db, editor, (tx) =>
					tx.query(`update public.draw set group_size = 2 where id = $1`, [drawId])
				)
			)
		).toBe('42501');
		// The title may still be corrected.
		await db.asUser(editor, (tx) =>
			tx.query(`update public.draw set title = 'Binômes de la fête du jeu 2027' where id = $1`, [
				drawId
			])
		);
	});

	it('closing freezes the pool; running it with the seed read afterwards stores the domain’s draw', async () => {
		expect(await db.asUser(editor, (tx) => runDraw(tx, territoryId, drawId, '7 12 23'))).toEqual({
			ok: false,
			reason: 'not_closed'
		});
		expect(await db.asUser(editor, (tx) => closePool(tx, territoryId, drawId))).toEqual({
			ok: true,
			size: uzes.length
		});
		expect(
			await code(db.asUser(member, (tx) => addVolunteers(tx, territoryId, drawId, uzes)))
		).toBe('42501');
		// A closed call stays on record.
		expect(
			await db.asUser(owner, (tx) =>
				tx.query(`delete from public.draw where id = $1 returning id`, [drawId])
			)
		).toEqual([]);
		const result = await db.asUser(editor, (tx) =>
			runDraw(tx, territoryId, drawId, 'Loto du 1er décembre 2026 : 7 12 23 34 41')
		);
		expect(result).toEqual({ ok: true });
		const draw = (await db.asUser(viewer, (tx) => getDraw(tx, territoryId, drawId)))!;
		expect(draw.drawnAt).not.toBeNull();
		expect(draw.snapshot!.map((v) => v.id).sort()).toEqual([...uzes].sort());
		expect(draw.snapshot!.every((v) => v.commune === UZES && typeof v.name === 'string')).toBe(
			true
		);
		expect(draw.seed).toBe('Loto du 1er décembre 2026 : 7 12 23 34 41');
		const again = drawGroups(draw.snapshot!, draw.rules, draw.seed!);
		expect(again.ok && again.attempts).toBe(draw.attempts);
		// A second run changes nothing; the drawn call is not deleted.
		expect(await db.asUser(editor, (tx) => runDraw(tx, territoryId, drawId, 'autre'))).toEqual({
			ok: false,
			reason: 'drawn'
		});
		const deleted = await db.asUser(owner, (tx) =>
			tx.query(`delete from public.draw where id = $1 returning id`, [drawId])
		);
		expect(deleted).toEqual([]);
	});

	it('a decline is recorded with the replacement the replay gives; members cannot record answers', async () => {
		const draw = (await db.asUser(viewer, (tx) => getDraw(tx, territoryId, drawId)))!;
		const drawn = drawGroups(draw.snapshot!, draw.rules, draw.seed!);
		if (!drawn.ok) throw new Error('draw failed');
		const leaving = drawn.groups[1]![2]!;
		const result = await db.asUser(editor, (tx) =>
			recordAnswers(tx, territoryId, drawId, [{ actorId: leaving, answer: 'declined' }])
		);
		if (!result.ok) throw new Error(JSON.stringify(result));
		const waiting = drawn.order.slice(draw.rules.groups * draw.rules.groupSize);
		expect(result.state.replacements).toEqual([
			{ answer: 0, group: 2, out: leaving, reason: 'declined', in: waiting[0], keptMix: true }
		]);
		const [stored] = await db.asUser(viewer, (tx) => listAnswers(tx, territoryId, drawId));
		expect(stored).toMatchObject({
			actorId: leaving,
			answer: 'declined',
			replacementId: waiting[0]
		});
		// The one who declined cannot answer again.
		expect(
			await db.asUser(editor, (tx) =>
				recordAnswers(tx, territoryId, drawId, [{ actorId: leaving, answer: 'confirmed' }])
			)
		).toMatchObject({ ok: false, reason: 'not_seated' });
		expect(
			await code(
				db.asUser(member, (tx) =>
					tx.query(
						`insert into public.draw_answer (territory_id, draw_id, actor_id, answer, position) values ($1, $2, $3, 'confirmed', 9)`,
						[territoryId, drawId, drawn.groups[0]![0]]
					)
				)
			)
		).toBe('42501');
		// Through the API an editor cannot write an answer either: the app replays the draw first.
		expect(
			await code(
				asApiCaller(db, editor, (tx) =>
					tx.query(
						`insert into public.draw_answer (territory_id, draw_id, actor_id, answer, position)
						 values ($1, $2, $3, 'declined', 1)`,
						[territoryId, drawId, drawn.groups[0]![0]]
					)
				)
			)
		).toBe('42501');
		// Answers are append-only, even for editors.
		const changed = await db.asUser(editor, (tx) =>
			tx.query(
				`update public.draw_answer set answer = 'confirmed' where draw_id = $1 returning id`,
				[drawId]
			)
		);
		expect(changed).toEqual([]);
		const replay = replayDraw(draw.snapshot!, draw.rules, draw.seed!, [
			{ actorId: leaving, answer: 'declined' }
		]);
		expect(replay).toEqual(result);
	});

	it('silences past the deadline free their seats in one batch; none before it', async () => {
		const draw = (await db.asUser(viewer, (tx) => getDraw(tx, territoryId, drawId)))!;
		const drawnAt = Date.parse(draw.drawnAt!);
		// The day before the deadline (confirmDays = 7): nobody is overdue.
		const early = new Date(drawnAt + 6 * 86_400_000);
		expect(await db.asUser(editor, (tx) => expireOverdue(tx, territoryId, drawId, early))).toBe(0);
		const before = await db.asUser(viewer, (tx) => listAnswers(tx, territoryId, drawId));
		const replayed = replayDraw(draw.snapshot!, draw.rules, draw.seed!, before);
		if (!replayed.ok) throw new Error('replay failed');
		const pending = replayed.state.groups.flat().filter((s) => s.status === 'pending');
		// A day after the deadline: every pending seat is silent (the one the decline seated has
		// its deadline from that answer, recorded moments after the draw).
		const late = new Date(drawnAt + 8 * 86_400_000);
		const due = deadlines(draw, replayed.state, before);
		expect(overdue(replayed.state, due, late)).toEqual(pending.map((s) => s.actorId));
		const expired = await db.asUser(editor, (tx) => expireOverdue(tx, territoryId, drawId, late));
		expect(expired).toBe(pending.length);
		const after = await db.asUser(viewer, (tx) => listAnswers(tx, territoryId, drawId));
		expect(after.slice(before.length).map((a) => [a.actorId, a.answer])).toEqual(
			pending.map((s) => [s.actorId, 'expired'])
		);
		// Their replacements have a week from now: nothing is overdue the day before.
		const lastAnswer = Date.parse(after.at(-1)!.answeredAt);
		const soon = new Date(lastAnswer + 6 * 86_400_000);
		expect(await db.asUser(editor, (tx) => expireOverdue(tx, territoryId, drawId, soon))).toBe(0);
		// Members cannot do it at all.
		expect(
			await code(
				db.asUser(member, (tx) =>
					expireOverdue(tx, territoryId, drawId, new Date(drawnAt + 30 * 86_400_000))
				)
			)
		).toBe('42501');
	});
});

describe('the draw pages', () => {
	let drawId: string;

	it('the list is for members only; an editor opens a call through the form, errors name the field', async () => {
		const load = (claims: Claims) =>
			listPage.load({
				params: { territory: SLUG },
				locals: { claims, locale: 'fr' },
				url: new URL(`http://maillage.test/t/${SLUG}/draws`)
			} as never);
		expect(await status(load(outsider))).toBe(404);
		expect(((await load(viewer)) as { draws: unknown[] }).draws.length).toBeGreaterThan(0);

		const create = (claims: Claims, fields: Record<string, string>) => {
			const form = new FormData();
			for (const [k, v] of Object.entries(fields)) form.append(k, v);
			const url = `http://maillage.test/t/${SLUG}/draws?/create`;
			return listPage.actions.create!({
				params: { territory: SLUG },
				locals: { claims, locale: 'fr' },
				url: new URL(url),
				request: new Request(url, { method: 'POST', body: form })
			} as never);
		};
		const fields = {
			title: 'Trinômes des communes',
			groups: '2',
			groupSize: '3',
			mixWorlds: 'on',
			mixCommunes: 'on',
			seedSource: 'Numéro publié le 2 décembre',
			confirmDays: '5'
		};
		expect(await status(create(member, fields))).toBe(403);
		const bad = await create(editor, { ...fields, seedSource: ' ', groupSize: '1' });
		expect(isActionFailure(bad) && bad.data).toMatchObject({
			errors: { seedSource: 'required', groupSize: 'mix_needs_two' }
		});
		try {
			await create(editor, fields);
			throw new Error('expected a redirect');
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			drawId = thrown.location.split('/').at(-1)!;
		}
		expect(drawId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('an editor fills the pool by commune, runs a mixed draw, a decline shows its replacement', async () => {
		const none = await post('addMatching', editor, drawId, {});
		expect(isActionFailure(none)).toBe(true);
		expect(await status(post('addMatching', member, drawId, { commune: UZES }))).toBe(403);
		// Two communes' actors so that groups can mix communes.
		const page0 = (await loadDrawPage(editor, drawId)) as {
			bulk: { communes: { code: string }[] };
		};
		const other = page0.bulk.communes.map((c) => c.code).find((c) => c !== UZES)!;
		await post('addMatching', editor, drawId, { commune: UZES, kind: 'association' });
		await post('addMatching', editor, drawId, { commune: other });
		expect(await status(post('close', member, drawId, {}))).toBe(403);
		expect(await post('close', editor, drawId, {})).toMatchObject({ closed: expect.any(Number) });
		expect(await status(post('run', member, drawId, { seed: '7 12 23' }))).toBe(403);
		const noSeed = await post('run', editor, drawId, { seed: 'sept\u200bdouze' });
		expect(isActionFailure(noSeed) && noSeed.data).toMatchObject({
			seedError: 'Graine lue à sa source : valeur invalide.'
		});
		const ran = await post('run', editor, drawId, { seed: '2 décembre : 7 12 23' });
		expect(ran).toEqual({ ran: true });
		const page = (await loadDrawPage(viewer, drawId)) as {
			canEdit: boolean;
			groups: { seats: { actorId: string; name: string; communeName: string | null }[] }[];
			reserve: { id: string; name: string }[];
			verified: boolean;
		};
		expect(page.canEdit).toBe(false);
		expect(page.verified).toBe(true);
		for (const group of page.groups) {
			expect(group.seats).toHaveLength(3);
			expect(new Set(group.seats.map((s) => s.communeName)).size).toBeGreaterThan(1);
		}
		const leaving = page.groups[0]!.seats[1]!;
		expect(
			await status(post('answer', viewer, drawId, { actor: leaving.actorId, answer: 'declined' }))
		).toBe(403);
		const answered = (await post('answer', editor, drawId, {
			actor: leaving.actorId,
			answer: 'declined'
		})) as { answered: string };
		expect(answered.answered).toContain(leaving.name);
		const after = (await loadDrawPage(viewer, drawId)) as {
			groups: { seats: { actorId: string; replaces: string | null; name: string }[] }[];
			log: { kind: string; name?: string; group?: number }[];
			verified: boolean;
		};
		const incoming = after.groups[0]!.seats.find((s) => s.replaces === leaving.name)!;
		expect(incoming).toBeDefined();
		expect(answered.answered).toContain(incoming.name);
		expect(after.log).toEqual([
			{ kind: 'declined', at: expect.any(String), name: leaving.name },
			{ kind: 'replaced', at: expect.any(String), name: incoming.name, group: 1, keptMix: true }
		]);
		expect(after.verified).toBe(true);
	});

	it('the audit JSON replays to the same state, for members only', async () => {
		const get = (claims: Claims) =>
			auditJson.GET({
				params: { territory: SLUG, id: drawId },
				locals: { claims, locale: 'fr' },
				url: new URL(`http://maillage.test/t/${SLUG}/draws/${drawId}/audit.json`)
			} as never);
		expect(await status(get(outsider))).toBe(404);
		const body = (await (await get(viewer)).json()) as {
			draw: { seed: string; rules: Parameters<typeof replayDraw>[1] };
			pool: Parameters<typeof replayDraw>[0];
			answers: { actorId: string; answer: 'declined' }[];
			result: unknown;
		};
		const replay = replayDraw(body.pool, body.draw.rules, body.draw.seed, body.answers);
		expect(replay.ok && replay.state).toEqual(body.result);
		expect(body.answers).toHaveLength(1);
	});

	it('the pool lists who volunteered while a call is open; a member withdraws only what they added', async () => {
		const id = await db.asUser(editor, (tx) =>
			createDraw(tx, territoryId, announcement({ title: 'Appel ouvert' }))
		);
		const [a, b] = await db.asUser(editor, (tx) =>
			actorsMatching(tx, territoryId, { communeCode: UZES }, 2)
		);
		await db.asUser(member, (tx) => addVolunteers(tx, territoryId, id, [a!]));
		await db.asUser(editor, (tx) => addVolunteers(tx, territoryId, id, [b!]));
		const pool = await db.asUser(member, (tx) => listPool(tx, territoryId, id));
		expect(pool.map((p) => [p.id, p.mine]).sort()).toEqual(
			[
				[a, true],
				[b, false]
			].sort()
		);
		expect(await status(post('remove', member, id, { actor: b!, name: 'B' }))).toBe(403);
		expect(await post('remove', member, id, { actor: a!, name: 'A' })).toEqual({ removed: 'A' });
		expect(
			(await db.asUser(viewer, (tx) => listPool(tx, territoryId, id))).map((p) => p.id)
		).toEqual([b]);
	});

	it('deleting an open call asks first (without JavaScript too), then deletes it', async () => {
		const id = await db.asUser(editor, (tx) =>
			createDraw(tx, territoryId, announcement({ title: 'Appel à supprimer' }))
		);
		const exists = async () =>
			(await db.asUser(viewer, (tx) => getDraw(tx, territoryId, id))) !== null;
		expect(await post('delete', editor, id, {})).toEqual({ deleteConfirm: true });
		expect(await exists()).toBe(true);
		expect(await status(post('delete', member, id, { confirm: '1' }))).toBe(403);
		expect(await exists()).toBe(true);
		let location: string | null = null;
		try {
			await post('delete', editor, id, { confirm: '1' });
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			location = thrown.location;
		}
		expect(location).toBe(`/t/${SLUG}/draws`);
		expect(await exists()).toBe(false);
	});
});
