/**
 * The hooks that harden every response: security headers (./headers.ts) and rate limits
 * (./rate-limit.ts), with their configuration read from the environment.
 */
import { json, text, type Handle, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { m } from '$lib/i18n';
import { ONLINE_STYLE_URL } from '$lib/map/basemap';
import { supabaseConfig } from '$lib/server/auth';
import {
	directiveSources,
	isEmbedPath,
	originOf,
	parseEmbedAncestors,
	securityHeaders,
	type SecurityConfig
} from './headers';
import { limitOfPath, RateLimits, rateLimitSettings, routePath, type Verdict } from './rate-limit';

export { securityHeaders, type SecurityConfig } from './headers';
export { RateLimits, rateLimitSettings } from './rate-limit';

/** The headers' configuration from the environment (throws on a malformed value). */
export function securityConfigFromEnv(
	privateEnv: Record<string, string | undefined> = env,
	supabaseUrl: string | undefined = supabaseConfig()?.url
): SecurityConfig {
	const basemap = originOf(ONLINE_STYLE_URL);
	const supabase = originOf(supabaseUrl);
	const connect: string[] = [];
	if (basemap) connect.push(basemap);
	if (supabase) {
		connect.push(supabase);
		// supabase-js realtime (websocket) on the same host, should the browser ever use it.
		connect.push(supabase.replace(/^http/, 'ws'));
	}
	return {
		embedAncestors: parseEmbedAncestors(privateEnv.MAILLAGE_EMBED_ANCESTORS),
		connectOrigins: connect,
		imageOrigins: basemap ? [basemap] : []
	};
}

// Process-wide on purpose: a rate limit counts across requests, and the configuration is read
// once (the environment does not change while the server runs).
let config: SecurityConfig | null = null;
let limits: RateLimits | null = null;

/** Reads and checks the configuration; called at start so a typo stops the server early. */
export function initSecurity(): void {
	config = securityConfigFromEnv();
	limits = new RateLimits(rateLimitSettings(env));
}

function currentConfig(): SecurityConfig {
	return (config ??= securityConfigFromEnv());
}

function currentLimits(): RateLimits {
	return (limits ??= new RateLimits(rateLimitSettings(env)));
}

/** The client's address (adapter-node: the socket's, or ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** "45 s", "3 min": how long to wait, for the messages. */
export function waitText(seconds: number): string {
	return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * Security headers on every response. SvelteKit's own policy (with the nonce of its inline
 * script) is replaced by the full one, keeping its `script-src`. A route that sets a
 * content-security-policy itself with `setHeaders` would replace SvelteKit's (and lose the nonce):
 * that header is the hook's alone, so such a value is dropped — framing is decided here by path.
 */
export const createHandleSecurityHeaders =
	(getConfig: () => SecurityConfig): Handle =>
	async ({ event, resolve }) => {
		const setHeaders = event.setHeaders;
		event.setHeaders = (headers) => {
			const kept = Object.fromEntries(
				Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy')
			);
			setHeaders(kept);
		};
		let response = await resolve(event);
		const headers = securityHeaders(
			{
				pathname: event.url.pathname,
				https: event.url.protocol === 'https:',
				scriptSources:
					directiveSources(response.headers.get('content-security-policy'), 'script-src') ??
					undefined
			},
			getConfig()
		);
		try {
			for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		} catch {
			// A response with immutable headers (one returned by fetch): copy it.
			response = new Response(response.body, response);
			for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		}
		if (isEmbedPath(event.url.pathname)) response.headers.delete('x-frame-options');
		return response;
	};

export const handleSecurityHeaders: Handle = createHandleSecurityHeaders(currentConfig);

function tooMany(event: RequestEvent, verdict: Extract<Verdict, { ok: false }>): Response {
	const message = m.sec_rate_limited({ wait: waitText(verdict.retryAfterSeconds) });
	const headers = {
		'retry-after': String(verdict.retryAfterSeconds),
		'cache-control': 'no-store'
	};
	// The embed page is shown to people (in an iframe); everything else is read by scripts.
	if (isEmbedPath(routePath(event.url.pathname)) && !event.isDataRequest) {
		return text(message, {
			status: 429,
			headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return json({ message, code: 'rate_limited' }, { status: 429, headers });
}

/** Rate limit of the public endpoints, per client address. */
export const createHandleRateLimit =
	(getLimits: () => RateLimits): Handle =>
	async ({ event, resolve }) => {
		const name = limitOfPath(event.url.pathname);
		if (name !== null) {
			const verdict = getLimits().hit(name, clientAddress(event));
			if (!verdict.ok) return tooMany(event, verdict);
		}
		return resolve(event);
	};

export const handleRateLimit: Handle = createHandleRateLimit(currentLimits);

/**
 * One login attempt (password or magic link) from this address for this email: refused past the
 * login limit of either. `null` when allowed, else the seconds to wait.
 */
export function loginAttempt(
	event: Pick<RequestEvent, 'getClientAddress'>,
	email: string,
	rateLimits: RateLimits = currentLimits()
): number | null {
	const verdict = rateLimits.hit(
		'login',
		`address:${clientAddress(event)}`,
		`email:${email.trim().toLowerCase()}`
	);
	return verdict.ok ? null : verdict.retryAfterSeconds;
}
