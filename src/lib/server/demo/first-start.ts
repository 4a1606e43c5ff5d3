/**
 * The demo goes into the embedded database once, on the start that created it, so the map is
 * never empty on a fresh clone; a territory the operator later deletes does not come back.
 * `MAILLAGE_NO_DEMO=1` opts out. A Postgres/Supabase database never gets it implicitly: there
 * the demo is an explicit choice (call `loadDemo`).
 */
import type { OpenedDatabase } from '../db/types';
import { loadDemo, type LoadDemoResult } from './seed';

export function wantsDemo(
	db: Pick<OpenedDatabase, 'kind' | 'fresh'>,
	env: NodeJS.ProcessEnv = process.env
): boolean {
	const optOut = env.MAILLAGE_NO_DEMO;
	const disabled = optOut !== undefined && !['', '0', 'false', 'no'].includes(optOut.toLowerCase());
	return db.kind === 'embedded' && db.fresh && !disabled;
}

export async function loadDemoOnFirstStart(
	db: OpenedDatabase,
	env: NodeJS.ProcessEnv = process.env
): Promise<LoadDemoResult | null> {
	return wantsDemo(db, env) ? loadDemo(db) : null;
}
