import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { handleAuth } from '$lib/server/auth';
import { getDatabase } from '$lib/server/db';
import { loadDemoOnFirstStart } from '$lib/server/demo/first-start';
import { handleLocale } from '$lib/server/i18n-handle';

// Open (and migrate) the database before the first request, and load the demo territory when
// the embedded database was just created, so the map of a fresh clone is never empty.
export const init: ServerInit = async () => {
	const db = await getDatabase();
	const demo = await loadDemoOnFirstStart(db);
	if (demo?.loaded) console.info('[maillage] territoire de démonstration chargé (Pays d’Uzès)');
};

export const handle = sequence(handleLocale, handleAuth);
