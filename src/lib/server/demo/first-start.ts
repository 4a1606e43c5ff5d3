/**
 * The demo goes into the embedded database once, on its first start, so the map is never empty
 * on a fresh clone; a territory the operator later deletes does not come back.
 * `MAILLAGE_NO_DEMO=1` opts out. A Postgres/Supabase database never gets it implicitly: there
 * the demo is an explicit choice (call `loadDemo`).
 *
 * "First start" is read from the database, not from the migration run: the decision is stored in
 * maillage_private.settings by the very transaction that loads the demo (or records the opt-out).
 * A process that dies between migrating and loading therefore loads the demo on its next start.
 */
import type { Database } from '../db/types';
import {
	loadDemo,
	readDemoDecision,
	recordDemoDeclined,
	type DemoDecision,
	type LoadDemoResult
} from './seed';

export type FirstStartAction = 'load' | 'decline' | 'none';

export function optedOut(env: NodeJS.ProcessEnv = process.env): boolean {
	const optOut = env.MAILLAGE_NO_DEMO;
	return optOut !== undefined && !['', '0', 'false', 'no'].includes(optOut.toLowerCase());
}

/** `decision`: what the database says was decided before, null when nothing was. */
export function firstStartAction(
	kind: Database['kind'],
	decision: DemoDecision | null,
	env: NodeJS.ProcessEnv = process.env
): FirstStartAction {
	if (kind !== 'embedded' || decision !== null) return 'none';
	return optedOut(env) ? 'decline' : 'load';
}

export async function loadDemoOnFirstStart(
	db: Database,
	env: NodeJS.ProcessEnv = process.env
): Promise<LoadDemoResult | null> {
	if (db.kind !== 'embedded') return null;
	const action = firstStartAction(db.kind, await db.asAdmin(readDemoDecision), env);
	if (action === 'decline') await db.asAdmin(recordDemoDeclined);
	return action === 'load' ? loadDemo(db) : null;
}
