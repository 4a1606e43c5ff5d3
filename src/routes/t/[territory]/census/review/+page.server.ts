import { error, fail, redirect } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { DEFAULT_THRESHOLDS } from '$lib/domain/census/engine';
import { pairKey, parseSkipped } from '$lib/domain/census/review-order';
import { m } from '$lib/i18n';
import {
	CensusConflict,
	CensusInputError,
	decidePair,
	withdrawDecision
} from '$lib/server/census/service';
import { getDatabase } from '$lib/server/db';
import { territoryWithRole } from '$lib/server/territory-access';
import type { Claims } from '$lib/server/db/types';
import {
	decisionOn,
	lastDecision,
	loadReviewQueue,
	type ReviewPairDetail,
	type ReviewRecord
} from '$lib/server/queries/review';
import { canEdit, findTerritoryBySlug, territoryRole } from '$lib/server/queries/territories';
import { buildFieldRows, haversineMeters, sketchPair } from './pair-view';
import type { Actions, PageServerLoad } from './$types';

/** Cards sent per load: enough to skip through without asking again, light on a big territory. */
const WINDOW = 12;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pair named by `first=<uuid>,<uuid>` (the one just taken back), if well formed. */
function parseFirst(value: string | null): string[] {
	const ids = (value ?? '').split(',').filter((id) => UUID.test(id));
	return ids.length === 2 ? ids : [];
}

const DONE = ['same', 'different', 'undo'] as const;
type Done = (typeof DONE)[number];

function side(r: ReviewRecord) {
	return {
		recordId: r.id,
		sourceName: r.sourceName,
		fileName: r.fileName,
		rowNumber: r.rowNumber,
		gone: r.gone,
		name: r.values.name ?? '',
		actor: r.actor && { id: r.actor.id, name: r.actor.name, records: r.actor.records },
		cells: r.cells
	};
}

function card(p: ReviewPairDetail, communeName: (code: string) => string | undefined) {
	const { rows, others, distance } = buildFieldRows(p.a.values, p.b.values, p.comparisons);
	// The engine compares communes by INSEE code: name them ("30334 (Uzès)").
	const withNames = (detail: string) =>
		detail.replace(/\b\d[\dAB]\d{3}\b/g, (code) => {
			const name = communeName(code);
			return name === undefined ? code : `${code} (${name})`;
		});
	for (const c of [...rows.flatMap((r) => r.comparisons), ...others])
		if (c.field === 'commune') c.detail = withNames(c.detail);
	for (const row of rows) {
		if (row.role !== 'commune_code') continue;
		const named = (code: string) => {
			const name = code === '' ? undefined : communeName(code);
			return name === undefined ? code : `${code} (${name})`;
		};
		row.a = named(row.a);
		row.b = named(row.b);
	}
	const pa = p.a.actor?.point ?? null;
	const pb = p.b.actor?.point ?? null;
	const meters = pa && pb ? haversineMeters(pa, pb) : null;
	return {
		key: pairKey(p.recordA, p.recordB),
		recordA: p.recordA,
		recordB: p.recordB,
		score: p.score,
		a: side(p.a),
		b: side(p.b),
		fields: rows,
		others,
		engineDistance: distance,
		place:
			pa && pb && meters !== null
				? {
						meters,
						sketch: sketchPair(pa, pb),
						approximate: pa.quality === 'commune' || pb.quality === 'commune'
					}
				: null
	};
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const skipped = parseSkipped(url.searchParams.get('skip'));
	const first = parseFirst(url.searchParams.get('first'));
	const doneParam = url.searchParams.get('done');
	const done: Done | null = (DONE as readonly string[]).includes(doneParam ?? '')
		? (doneParam as Done)
		: null;

	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const role = await territoryRole(tx, territory.id);
		if (!canEdit(role)) return { territory, review: null };
		return {
			territory,
			review: {
				queue: await loadReviewQueue(tx, territory.id, { skipped, first, window: WINDOW }),
				last: await lastDecision(tx, territory.id)
			}
		};
	});
	// Unknown and unreadable look the same on purpose: RLS hides the row, and so do we.
	if (!found) error(404, m.error_territory_not_found());

	const territory = { slug: found.territory.slug, name: found.territory.name };
	if (found.review === null)
		return {
			territory,
			canReview: false as const,
			total: 0,
			skippedCount: 0,
			pairs: [],
			skipped: [] as string[]
		};

	const communes = await loadFrenchCommunes();
	const { queue, last } = found.review;
	return {
		territory,
		canReview: true as const,
		total: queue.total,
		skippedCount: queue.skippedCount,
		pairs: queue.pairs.map((p) => card(p, (code) => communes.nameOf(code))),
		skipped,
		last,
		done,
		thresholds: DEFAULT_THRESHOLDS
	};
};

type ActionError =
	'forbidden' | 'bad_pair' | 'unknown_record' | 'census_conflict' | 'nothing_to_undo';

/** The territory's id when the user may review it, null otherwise (404 when unreadable). */
async function reviewableTerritoryId(claims: Claims, slug: string): Promise<string | null> {
	const { territory, role } = await territoryWithRole(await getDatabase(), claims, slug);
	return canEdit(role) ? territory.id : null;
}

function readPair(form: FormData): [string, string] | null {
	const a = String(form.get('a') ?? '');
	const b = String(form.get('b') ?? '');
	return UUID.test(a) && UUID.test(b) && a !== b ? [a, b] : null;
}

function errorCode(e: unknown): ActionError {
	if (e instanceof CensusInputError) return 'unknown_record';
	if (e instanceof CensusConflict) return 'census_conflict';
	throw e;
}

/** Back to the queue: the person's skips kept, what was done said, a pair brought first. */
function queueLocation(pathname: string, form: FormData, done: Done, first?: string[]): string {
	const query = new URLSearchParams();
	const skipped = parseSkipped(String(form.get('skip') ?? ''));
	if (skipped.length > 0) query.set('skip', skipped.join(','));
	if (first) query.set('first', first.join(','));
	query.set('done', done);
	return `${pathname}?${query}`;
}

export const actions: Actions = {
	/** "Same actor" / "not the same": stored, the census rebuilt, then the next pair. */
	decide: async ({ request, params, locals, url }) => {
		const form = await request.formData();
		const pair = readPair(form);
		const decision = String(form.get('decision') ?? '');
		const territoryId = await reviewableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { error: 'forbidden' as ActionError });
		if (pair === null || (decision !== 'same' && decision !== 'different'))
			return fail(400, { error: 'bad_pair' as ActionError });
		try {
			await decidePair(await getDatabase(), locals.claims, territoryId, ...pair, decision);
		} catch (e) {
			return fail(400, { error: errorCode(e) });
		}
		redirect(303, queueLocation(url.pathname, form, decision));
	},

	/** Takes back a decision of this person; the pair, if the engine still hesitates, comes first. */
	undo: async ({ request, params, locals, url }) => {
		const form = await request.formData();
		const pair = readPair(form);
		const territoryId = await reviewableTerritoryId(locals.claims, params.territory);
		if (territoryId === null) return fail(403, { error: 'forbidden' as ActionError });
		if (pair === null) return fail(400, { error: 'bad_pair' as ActionError });
		const db = await getDatabase();
		const standing = await db.asUser(locals.claims, (tx) => decisionOn(tx, territoryId, ...pair));
		if (standing === null) return fail(400, { error: 'nothing_to_undo' as ActionError });
		try {
			await withdrawDecision(db, locals.claims, territoryId, ...pair);
		} catch (e) {
			return fail(400, { error: errorCode(e) });
		}
		redirect(303, queueLocation(url.pathname, form, 'undo', pair));
	}
};
