import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { authMode, handleAuth } from '$lib/server/auth';
import { ensureLocalOperator, getDatabase } from '$lib/server/db';
import { loadDemoOnFirstStart } from '$lib/server/demo/first-start';
import { handleLocale } from '$lib/server/i18n-handle';
import { handleRateLimit, handleSecurityHeaders, initSecurity } from '$lib/server/security';

// Open (and migrate) the database before the first request, and load the demo territory when
// the embedded database was just created, so the map of a fresh clone is never empty.
export const init: ServerInit = async () => {
	// A malformed MAILLAGE_EMBED_ANCESTORS or MAILLAGE_RATE_LIMIT_* stops the start here.
	initSecurity();
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

// Headers first so that every response gets them, the language's redirects included; the rate
// limit after the language (its message is translated) and before Auth (no call to the Auth
// server for a refused request).
export const handle = sequence(handleSecurityHeaders, handleLocale, handleRateLimit, handleAuth);
