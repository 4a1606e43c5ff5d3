import { error, fail, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { ACTOR_KINDS } from '$lib/domain/actor-kinds';
import { attemptSeed, drawGroups, replayDraw, sha256Hex, type DrawState } from '$lib/domain/draw';
import { readSeedValue } from '$lib/domain/draw/announcement';
import { isUuid } from '$lib/domain/events/event-input';
import { WORLD_ORDER } from '$lib/domain/network';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import type { Claims, Database } from '$lib/server/db/types';
import {
	actorCommunes,
	actorsMatching,
	addVolunteers,
	closePool,
	deadlines,
	deleteOpenDraw,
	expireOverdue,
	getDraw,
	listAnswers,
	listPool,
	overdue,
	recordAnswers,
	removeVolunteer,
	runDraw
} from '$lib/server/queries/draws';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import { seedValueErrorText } from '../draw-labels';
import type { Actions, PageServerLoad } from './$types';

export interface SeatView {
	actorId: string;
	name: string;
	communeName: string | null;
	worlds: string[];
	status: 'pending' | 'confirmed';
	due: string | null;
	overdue: boolean;
	replaces: string | null;
}

export type LogEntry =
	| { kind: 'confirmed' | 'declined' | 'expired'; at: string; name: string }
	| { kind: 'replaced'; at: string; name: string; group: number; keptMix: boolean }
	| { kind: 'empty'; at: string; group: number };

async function access(db: Database, claims: Claims, slug: string) {
	const { territory, role } = await territoryWithRole(db, claims, slug);
	if (role === null) error(404, m.error_territory_not_found());
	return { territory, role };
}

const firstBlockOf = (text: string) => ({ input: `${text}#0`, hex: sha256Hex(`${text}#0`) });

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const { territory, role } = await access(db, locals.claims, params.territory);
	if (!isUuid(params.id)) error(404, m.draws_not_found());
	const found = await db.asUser(locals.claims, async (tx) => {
		const draw = await getDraw(tx, territory.id, params.id);
		if (!draw) return null;
		const pool = draw.poolClosedAt ? [] : await listPool(tx, territory.id, draw.id);
		const answers = draw.drawnAt ? await listAnswers(tx, territory.id, draw.id) : [];
		const communeCodes =
			!draw.poolClosedAt && canEdit(role) ? await actorCommunes(tx, territory.id) : [];
		return { draw, pool, answers, communeCodes };
	});
	if (!found) error(404, m.draws_not_found());
	const { draw, pool, answers, communeCodes } = found;
	const communes = await loadFrenchCommunes();
	const communeName = (code: string | null) => (code ? (communes.nameOf(code) ?? code) : null);
	const editor = canEdit(role);

	const base = {
		territory: { slug: territory.slug, name: territory.name },
		canEdit: editor,
		canVolunteer: role !== 'viewer',
		draw: {
			id: draw.id,
			title: draw.title,
			description: draw.description,
			periodStart: draw.periodStart,
			periodEnd: draw.periodEnd,
			rules: draw.rules,
			seedSource: draw.seedSource,
			seed: draw.seed,
			confirmDays: draw.confirmDays,
			createdAt: draw.createdAt,
			poolClosedAt: draw.poolClosedAt,
			drawnAt: draw.drawnAt,
			attempts: draw.attempts,
			poolSize: draw.poolSize
		},
		// What anyone can recompute by hand: the first block of the shuffle kept (« seed#0 », or
		// « seed/k#0 » for shuffle k), and the pool's fingerprint.
		firstBlock:
			draw.seed === null ? null : firstBlockOf(attemptSeed(draw.seed, draw.attempts ?? 1)),
		poolHash: draw.snapshot ? sha256Hex(draw.snapshot.map((v) => v.id).join('\n')) : null
	};

	if (!draw.snapshot) {
		return {
			...base,
			pool: pool.map((p) => ({
				id: p.id,
				name: p.name,
				communeName: communeName(p.commune),
				worlds: p.worlds,
				canRemove: editor || (p.mine && role === 'member')
			})),
			bulk: editor
				? {
						kinds: [...ACTOR_KINDS],
						worlds: [...WORLD_ORDER],
						communes: communeCodes
							.map((code) => ({ code, name: communeName(code) ?? code }))
							.sort((a, b) => a.name.localeCompare(b.name, 'fr'))
					}
				: null,
			frozen: [],
			groups: [],
			reserve: [],
			log: [],
			verified: null,
			overdueCount: 0
		};
	}

	if (draw.seed === null) {
		return {
			...base,
			pool: [],
			bulk: null,
			frozen: draw.snapshot
				.map((v) => ({
					id: v.id,
					name: v.name,
					communeName: communeName(v.commune),
					worlds: [...v.worlds]
				}))
				.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
			groups: [],
			reserve: [],
			log: [],
			verified: null,
			overdueCount: 0
		};
	}

	const people = new Map(draw.snapshot.map((v) => [v.id, v]));
	const nameOf = (id: string) => people.get(id)?.name ?? id;
	const replayed = replayDraw(
		draw.snapshot,
		draw.rules,
		draw.seed,
		answers.map(({ actorId, answer }) => ({ actorId, answer }))
	);
	if (!replayed.ok) {
		// The stored answers no longer replay (should not happen: they were replayed when written).
		return {
			...base,
			pool: [],
			bulk: null,
			frozen: [],
			groups: [],
			reserve: [],
			log: [],
			verified: false,
			overdueCount: 0
		};
	}
	const state: DrawState = replayed.state;
	const due = deadlines(draw, state, answers);
	const now = new Date();
	const late = new Set(overdue(state, due, now));
	const again = drawGroups(draw.snapshot, draw.rules, draw.seed);
	const verified =
		again.ok &&
		again.attempts === draw.attempts &&
		state.replacements.every((r) => {
			const stored = answers[r.answer];
			return stored !== undefined && stored.replacementId === r.in && stored.keptMix === r.keptMix;
		});

	const log: LogEntry[] = [];
	answers.forEach((a, index) => {
		log.push({ kind: a.answer, at: a.answeredAt, name: nameOf(a.actorId) });
		const r = state.replacements.find((x) => x.answer === index);
		if (r && r.in) {
			log.push({
				kind: 'replaced',
				at: a.answeredAt,
				name: nameOf(r.in),
				group: r.group,
				keptMix: r.keptMix
			});
		} else if (r) {
			log.push({ kind: 'empty', at: a.answeredAt, group: r.group });
		}
	});

	return {
		...base,
		pool: [],
		bulk: null,
		frozen: [],
		groups: state.groups.map((seats, g) => ({
			n: g + 1,
			missing: draw.rules.groupSize - seats.length,
			seats: seats.map((s): SeatView => ({
				actorId: s.actorId,
				name: nameOf(s.actorId),
				communeName: communeName(people.get(s.actorId)?.commune ?? null),
				worlds: [...(people.get(s.actorId)?.worlds ?? [])],
				status: s.status,
				due: due.get(s.actorId) ?? null,
				overdue: late.has(s.actorId),
				replaces: s.replaces ? nameOf(s.replaces) : null
			}))
		})),
		reserve: state.reserve.map((id) => ({ id, name: nameOf(id) })),
		log,
		verified,
		overdueCount: late.size
	};
};

async function editorAccess(db: Database, claims: Claims, slug: string) {
	const { territory, role } = await access(db, claims, slug);
	if (!canEdit(role)) error(403, m.draws_error_forbidden());
	return territory;
}

/** The draw of the URL, in this territory (an id of another territory is not found). */
async function drawIdOf(
	db: Database,
	claims: Claims,
	territoryId: string,
	params: { id: string }
): Promise<string> {
	if (!isUuid(params.id)) error(404, m.draws_not_found());
	const draw = await db.asUser(claims, (tx) => getDraw(tx, territoryId, params.id));
	if (!draw) error(404, m.draws_not_found());
	return draw.id;
}

export const actions: Actions = {
	addVolunteers: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const { territory, role } = await access(db, locals.claims, params.territory);
		if (role === 'viewer') error(403, m.draws_error_viewer());
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const form = await request.formData();
		const ids = form
			.getAll('actors')
			.filter((v): v is string => typeof v === 'string' && isUuid(v));
		const added = await db.asUser(locals.claims, (tx) =>
			addVolunteers(tx, territory.id, drawId, ids)
		);
		return { pool: { added } };
	},
	addMatching: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const form = await request.formData();
		const pick = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
		};
		const criteria = { kind: pick('kind'), communeCode: pick('commune'), world: pick('world') };
		if (!criteria.kind && !criteria.communeCode && !criteria.world) {
			return fail(400, { bulkError: m.draws_pool_bulk_need_one() });
		}
		const added = await db.asUser(locals.claims, async (tx) =>
			addVolunteers(tx, territory.id, drawId, await actorsMatching(tx, territory.id, criteria))
		);
		return { pool: { added } };
	},
	remove: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const { territory } = await access(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const form = await request.formData();
		const actor = form.get('actor');
		if (typeof actor !== 'string' || !isUuid(actor)) return fail(400, {});
		const name = String(form.get('name') ?? '');
		const removed = await db.asUser(locals.claims, (tx) =>
			removeVolunteer(tx, territory.id, drawId, actor)
		);
		if (!removed) error(403, m.draws_error_forbidden());
		return { removed: name };
	},
	close: async ({ params, locals }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const result = await db.asUser(locals.claims, (tx) => closePool(tx, territory.id, drawId));
		if (result.ok) return { closed: result.size };
		switch (result.reason) {
			case 'pool_too_small':
				return fail(400, {
					runError: m.draws_run_too_small({ available: result.available, needed: result.needed })
				});
			case 'pool_too_large':
				return fail(400, {
					runError: m.draws_close_too_large({ size: result.size, max: result.max })
				});
			case 'cannot_mix':
				return fail(400, {
					runError:
						result.constraint === 'worlds'
							? m.draws_run_cannot_mix_worlds({ attempts: result.attempts })
							: m.draws_run_cannot_mix_communes({ attempts: result.attempts })
				});
			default:
				return fail(409, { runError: m.draws_close_not_open() });
		}
	},
	run: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const form = await request.formData();
		const raw = form.get('seed');
		const read = readSeedValue(typeof raw === 'string' ? raw : null);
		if (!read.ok) {
			return fail(400, {
				seedValue: typeof raw === 'string' ? raw : '',
				seedError: seedValueErrorText(read.error)
			});
		}
		const result = await db.asUser(locals.claims, (tx) =>
			runDraw(tx, territory.id, drawId, read.seed)
		);
		if (result.ok) return { ran: true };
		switch (result.reason) {
			case 'pool_too_small':
				return fail(400, {
					runError: m.draws_run_too_small({ available: result.available, needed: result.needed })
				});
			case 'cannot_mix':
				return fail(400, {
					runError:
						result.constraint === 'worlds'
							? m.draws_run_cannot_mix_worlds({ attempts: result.attempts })
							: m.draws_run_cannot_mix_communes({ attempts: result.attempts })
				});
			case 'not_closed':
				return fail(409, { runError: m.draws_run_not_closed() });
			default:
				return fail(409, { runError: m.draws_run_not_open() });
		}
	},
	answer: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const form = await request.formData();
		const actor = form.get('actor');
		const answer = form.get('answer');
		if (
			typeof actor !== 'string' ||
			!isUuid(actor) ||
			(answer !== 'confirmed' && answer !== 'declined')
		) {
			return fail(400, { answerError: m.draws_answer_error({ name: '?' }) });
		}
		const result = await db.asUser(locals.claims, (tx) =>
			recordAnswers(tx, territory.id, drawId, [{ actorId: actor, answer }])
		);
		const draw = await db.asUser(locals.claims, (tx) => getDraw(tx, territory.id, drawId));
		const nameOf = (id: string) => draw?.snapshot?.find((v) => v.id === id)?.name ?? id;
		if (!result.ok)
			return fail(400, { answerError: m.draws_answer_error({ name: nameOf(actor) }) });
		if (answer === 'confirmed')
			return { answered: m.draws_answer_done_confirmed({ name: nameOf(actor) }) };
		const replacement = result.state.replacements.at(-1)?.in ?? null;
		return {
			answered: replacement
				? m.draws_answer_done_declined({ name: nameOf(actor), replacement: nameOf(replacement) })
				: m.draws_answer_done_declined_empty({ name: nameOf(actor) })
		};
	},
	expire: async ({ params, locals }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		const count = await db.asUser(locals.claims, (tx) => expireOverdue(tx, territory.id, drawId));
		return { expired: count };
	},
	delete: async ({ params, locals, request }) => {
		const db = await getDatabase();
		const territory = await editorAccess(db, locals.claims, params.territory);
		const drawId = await drawIdOf(db, locals.claims, territory.id, params);
		// Without JavaScript the page asks first: the same question, then `confirm=1`.
		const form = await request.formData();
		if (form.get('confirm') !== '1') return { deleteConfirm: true as const };
		const deleted = await db.asUser(locals.claims, (tx) =>
			deleteOpenDraw(tx, territory.id, drawId)
		);
		if (!deleted) return fail(409, { runError: m.draws_delete_closed() });
		redirect(303, resolve('/t/[territory]/draws', { territory: territory.slug }));
	}
};
