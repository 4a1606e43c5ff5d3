/**
 * Everything needed to re-run a draw elsewhere (#9): the announcement (seed and rules), the pool
 * as it was frozen, the answers in order, and what Maillage computed from them. Members only,
 * like the page.
 */
import { error, json } from '@sveltejs/kit';
import { replayDraw } from '$lib/domain/draw';
import { isUuid } from '$lib/domain/events/event-input';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { getDraw, listAnswers } from '$lib/server/queries/draws';
import { territoryWithRole } from '$lib/server/territory-access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (role === null) error(404, m.error_territory_not_found());
	if (!isUuid(params.id)) error(404, m.draws_not_found());
	const found = await db.asUser(locals.claims, async (tx) => {
		const draw = await getDraw(tx, territory.id, params.id);
		if (!draw) return null;
		return { draw, answers: draw.drawnAt ? await listAnswers(tx, territory.id, draw.id) : [] };
	});
	if (!found) error(404, m.draws_not_found());
	const { draw, answers } = found;
	const replayed =
		draw.snapshot && draw.seed !== null
			? replayDraw(
					draw.snapshot,
					draw.rules,
					draw.seed,
					answers.map(({ actorId, answer }) => ({ actorId, answer }))
				)
			: null;
	const body = {
		algorithm:
			'Maillage draw v2: src/lib/domain/draw/draw.ts — pool sorted by id (code points); ' +
			'shuffle k (k = 1, 2…) reads the stream of S = "<seed>" for k = 1, "<seed>/<k>" after: ' +
			'block i = SHA-256(UTF-8 "<S>#<i>") read as 32-bit big-endian words; below(n) by ' +
			'rejection (u < 2^32 - 2^32 mod n → u mod n); Fisher–Yates (i = 0…n−2, j = i + below(n−i)) ' +
			'from the sorted pool; groups = consecutive slices of the order; the first shuffle whose ' +
			'groups all have the requested mix is kept (at most 10,000); a freed seat goes to the ' +
			'first waiting name keeping the mix, else the first.',
		draw: {
			id: draw.id,
			title: draw.title,
			seedSource: draw.seedSource,
			seed: draw.seed,
			rules: draw.rules,
			confirmDays: draw.confirmDays,
			periodStart: draw.periodStart,
			periodEnd: draw.periodEnd,
			announcedAt: draw.createdAt,
			poolClosedAt: draw.poolClosedAt,
			drawnAt: draw.drawnAt,
			attempts: draw.attempts
		},
		pool: draw.snapshot,
		answers: answers.map((a) => ({
			actorId: a.actorId,
			answer: a.answer,
			answeredAt: a.answeredAt,
			replacementId: a.replacementId,
			keptMix: a.keptMix
		})),
		result: replayed && replayed.ok ? replayed.state : null
	};
	return json(body, {
		headers: {
			'content-disposition': `attachment; filename="tirage-${draw.id}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
