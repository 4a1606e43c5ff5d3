import { createServerClient } from '@supabase/ssr';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';
import { anonClaims, LOCAL_OPERATOR, userClaims } from '$lib/server/db/types';

/**
 * Two ways to know who is asking:
 * - Supabase configured (PUBLIC_SUPABASE_URL + PUBLIC_SUPABASE_ANON_KEY): Supabase Auth through
 *   @supabase/ssr (https://supabase.com/docs/guides/auth/server-side/sveltekit). The session lives in
 *   cookies; the user is verified on the server with `auth.getUser()`, which asks the Auth server,
 *   rather than trusting the cookie's content.
 * - Otherwise the embedded mode: one local operator, who owns the local workspace. The server then
 *   listens on loopback only (scripts/start.js).
 */
export function supabaseConfig(): { url: string; anonKey: string } | null {
	const url = env.PUBLIC_SUPABASE_URL;
	const anonKey = env.PUBLIC_SUPABASE_ANON_KEY;
	return url && anonKey ? { url, anonKey } : null;
}

export function authMode(): 'supabase' | 'local' {
	return supabaseConfig() ? 'supabase' : 'local';
}

function createRequestClient(event: RequestEvent, config: { url: string; anonKey: string }) {
	return createServerClient(config.url, config.anonKey, {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies) => {
				for (const { name, value, options } of cookies) {
					event.cookies.set(name, value, { ...options, path: '/' });
				}
			}
		}
	});
}

export const handleAuth: Handle = async ({ event, resolve }) => {
	const config = supabaseConfig();
	if (!config) {
		event.locals.supabase = null;
		event.locals.user = { id: LOCAL_OPERATOR.id, email: LOCAL_OPERATOR.email };
		event.locals.claims = userClaims(LOCAL_OPERATOR.id, LOCAL_OPERATOR.email);
		return resolve(event);
	}

	const supabase = createRequestClient(event, config);
	event.locals.supabase = supabase;
	const { data, error } = await supabase.auth.getUser();
	if (error || !data.user) {
		event.locals.user = null;
		event.locals.claims = anonClaims;
	} else {
		const email = data.user.email ?? null;
		event.locals.user = { id: data.user.id, email };
		event.locals.claims = userClaims(data.user.id, email ?? undefined);
	}
	return resolve(event, {
		// supabase-js sets these headers on auth responses; SvelteKit must let them through.
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};
