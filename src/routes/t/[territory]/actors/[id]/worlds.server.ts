/**
 * The actor page's `worlds` action (#9): an editor answers, pair by pair, which world the actor
 * belongs to (src/lib/domain/worlds.ts). Refused with 403 for anyone who may not edit, with 400
 * and a message naming the pair for a value that is not one of its two ends.
 */
import { fail } from '@sveltejs/kit';
import { parseWorldChoices, type WorldPairId } from '$lib/domain/worlds';
import { getDatabase } from '$lib/server/db';
import { ActorWorldsError, saveActorWorlds } from '$lib/server/queries/actor-page';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import type { RequestEvent } from './$types';

export type WorldsActionError =
	'forbidden' | 'unknown_actor' | 'unknown_world' | 'unknown_pair' | 'both_ends';

export interface WorldsActionFailure {
	action: 'worlds';
	error: WorldsActionError;
	/** The pair the error is about, to show the message next to its fieldset. */
	pair: WorldPairId | null;
	/** The refused value, as sent. */
	value: string | null;
}

export async function worlds({ request, params, locals }: RequestEvent) {
	const form = await request.formData();
	const refuse = (
		status: number,
		error: WorldsActionError,
		pair: WorldPairId | null = null,
		value: string | null = null
	) => fail(status, { action: 'worlds', error, pair, value } satisfies WorldsActionFailure);

	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	if (!canEdit(role)) return refuse(403, 'forbidden');
	const parsed = parseWorldChoices(form.entries());
	if (!parsed.ok) {
		const e = parsed.error;
		if (e.code === 'both_ends') return refuse(400, 'both_ends', e.pair);
		return refuse(400, e.pair === null ? 'unknown_pair' : 'unknown_world', e.pair, e.value);
	}
	try {
		const change = await db.asUser(locals.claims, (tx) =>
			saveActorWorlds(tx, territory.id, params.id, parsed.choices)
		);
		return { action: 'worlds' as const, saved: true, changed: change.changed };
	} catch (e) {
		if (e instanceof ActorWorldsError) return refuse(e.code === 'forbidden' ? 403 : 400, e.code);
		throw e;
	}
}
