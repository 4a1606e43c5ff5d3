import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { authMode, handleAuth } from '$lib/server/auth';
import { ensureLocalOperator, getDatabase } from '$lib/server/db';
import { loadDemoOnFirstStart } from '$lib/server/demo/first-start';
import { handleLocale } from '$lib/server/i18n-handle';

// Open (and migrate) the database before the first request, and load the demo territory when
// the embedded database was just created, so the map of a fresh clone is never empty.
export const init: ServerInit = async () => {
	const db = await getDatabase();
	if (authMode() === 'supabase' && db.kind === 'embedded') {
		// Supabase Auth users live in the Supabase project's auth.users, not in the embedded one.
		throw new Error(
			'Supabase Auth est configuré (PUBLIC_SUPABASE_URL) mais pas sa base : définissez ' +
				'DATABASE_URL avec la chaîne de connexion du projet Supabase.'
		);
	}
	if (authMode() === 'local' && db.kind === 'postgres') await ensureLocalOperator(db);
	const demo = await loadDemoOnFirstStart(db);
	if (demo?.loaded) console.info('[maillage] territoire de démonstration chargé (Pays d’Uzès)');
};

export const handle = sequence(handleLocale, handleAuth);
