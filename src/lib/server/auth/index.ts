import { createServerClient } from '@supabase/ssr';
import type { RealtimeClientOptions } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { error, type Handle, type RequestEvent } from '@sveltejs/kit';
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
export interface SupabaseConfig {
	url: string;
	anonKey: string;
}

export function supabaseConfig(
	source: Record<string, string | undefined> = env
): SupabaseConfig | null {
	const url = source.PUBLIC_SUPABASE_URL;
	const anonKey = source.PUBLIC_SUPABASE_ANON_KEY;
	return url && anonKey ? { url, anonKey } : null;
}

export function authMode(): 'supabase' | 'local' {
	return supabaseConfig() ? 'supabase' : 'local';
}

type RealtimeTransport = NonNullable<RealtimeClientOptions['transport']>;

function createRequestClient(event: RequestEvent, config: SupabaseConfig) {
	return createServerClient(config.url, config.anonKey, {
		// supabase-js builds a realtime client even when unused, and on Node 20 (no global
		// WebSocket) that throws unless a WebSocket implementation is given.
		// ws's constructor is typed more loosely than realtime-js's own WebSocket-like interface.
		realtime: { transport: WebSocket as unknown as RealtimeTransport },
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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackAddress(address: string): boolean {
	return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * The local mode trusts every request as the operator, so it must only ever answer this machine:
 * the client on a loopback address (not only the server listening on one), and a loopback Host
 * name, which stops a web page from reaching the server through DNS rebinding.
 */
export function isLocalRequest(event: Pick<RequestEvent, 'url' | 'getClientAddress'>): boolean {
	let client: string;
	try {
		client = event.getClientAddress();
	} catch {
		return false;
	}
	return LOOPBACK_HOSTS.has(event.url.hostname) && isLoopbackAddress(client);
}

/** The auth hook for a given configuration (a parameter so tests can point it at a stand-in). */
export const createHandleAuth =
	(getConfig: () => SupabaseConfig | null): Handle =>
	async ({ event, resolve }) => {
		const config = getConfig();
		if (!config) {
			if (!isLocalRequest(event)) {
				error(403, {
					message:
						'Mode local : Maillage ne répond qu’à cet ordinateur (localhost). Pour l’ouvrir à un ' +
						'réseau, configurez Supabase Auth.',
					code: 'local_mode_remote_request'
				});
			}
			event.locals.supabase = null;
			event.locals.user = { id: LOCAL_OPERATOR.id, email: LOCAL_OPERATOR.email };
			event.locals.claims = userClaims(LOCAL_OPERATOR.id, LOCAL_OPERATOR.email);
			return resolve(event);
		}

		const supabase = createRequestClient(event, config);
		event.locals.supabase = supabase;
		const { data, error: authError } = await supabase.auth.getUser();
		if (authError || !data.user) {
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

export const handleAuth: Handle = createHandleAuth(() => supabaseConfig());
