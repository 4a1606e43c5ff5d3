/**
 * The security headers of every response, as a pure function of the request's path and the
 * configuration (so the policy can be read and tested in one place).
 *
 * The Content-Security-Policy (https://www.w3.org/TR/CSP3/) is built here whole. SvelteKit adds a
 * nonce for its inline hydration script (`kit.csp` in svelte.config.js, mode 'auto'); the hook
 * takes the `script-src` SvelteKit computed for the page and puts it into this policy.
 * Why each source is there:
 * - `style-src 'unsafe-inline'`: Svelte's `style:` directives and transitions, Observable Plot's
 *   `<style>` in its SVG, sigma and MapLibre set inline styles. Scripts stay strict (nonce), which
 *   is what keeps injected markup inert.
 * - `worker-src`/`child-src` `blob:`, `img-src data: blob:`: MapLibre GL JS
 *   (https://maplibre.org/maplibre-gl-js/docs/#csp-directives); `data:` images are also the
 *   app's inline SVG icons.
 * - the basemap's origin (IGN Géoplateforme: style, tiles, glyphs, sprites) in `connect-src` and
 *   `img-src`; the Supabase project's origin in `connect-src` when Supabase is configured.
 * - `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for older browsers) everywhere except
 *   the embeddable map `/t/<slug>/embed`, which any site (or the configured list) may frame.
 */

export interface SecurityConfig {
	/** `frame-ancestors` sources of the embed route: `['*']` or a list of origins. */
	embedAncestors: readonly string[];
	/** Extra origins the browser may fetch from (basemap, Supabase), as `scheme://host[:port]`. */
	connectOrigins: readonly string[];
	/** Extra origins images may come from (basemap sprites). */
	imageOrigins: readonly string[];
}

export interface HeaderRequest {
	pathname: string;
	/** The request came over https (HSTS is only sent then). */
	https: boolean;
	/**
	 * `script-src` sources SvelteKit computed for this page (its nonce or hashes), taken from the
	 * header it set; absent for endpoints, then scripts may only come from this origin.
	 */
	scriptSources?: readonly string[];
}

const EMBED_PATH = /^\/t\/[^/]+\/embed(?:\/__data\.json)?\/?$/;

/** The embeddable map (its page and its data request): the one route other sites may frame. */
export function isEmbedPath(pathname: string): boolean {
	return EMBED_PATH.test(pathname);
}

function unique(values: readonly string[]): string[] {
	return [...new Set(values)];
}

/** The Content-Security-Policy value for one request. */
export function contentSecurityPolicy(request: HeaderRequest, config: SecurityConfig): string {
	const scripts = unique(["'self'", ...(request.scriptSources ?? [])]);
	const directives: [string, string[]][] = [
		['default-src', ["'self'"]],
		['script-src', scripts],
		['style-src', ["'self'", "'unsafe-inline'"]],
		['img-src', unique(["'self'", 'data:', 'blob:', ...config.imageOrigins])],
		['font-src', ["'self'", 'data:']],
		['connect-src', unique(["'self'", ...config.connectOrigins])],
		['worker-src', ["'self'", 'blob:']],
		['child-src', ["'self'", 'blob:']],
		['frame-src', ["'self'"]],
		['manifest-src', ["'self'"]],
		['object-src', ["'none'"]],
		['base-uri', ["'self'"]],
		['form-action', ["'self'"]],
		['frame-ancestors', isEmbedPath(request.pathname) ? [...config.embedAncestors] : ["'none'"]]
	];
	return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Every security header of one response (names in lower case). */
export function securityHeaders(
	request: HeaderRequest,
	config: SecurityConfig
): Record<string, string> {
	const headers: Record<string, string> = {
		'content-security-policy': contentSecurityPolicy(request, config),
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'permissions-policy': 'geolocation=(self), camera=(), microphone=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (!isEmbedPath(request.pathname)) headers['x-frame-options'] = 'DENY';
	// Only over https: sent on plain http (the local mode) it would be ignored anyway.
	if (request.https) headers['strict-transport-security'] = 'max-age=15552000';
	return headers;
}

/** The sources of one directive of a policy (`null` when the policy does not have it). */
export function directiveSources(policy: string | null, name: string): string[] | null {
	if (!policy) return null;
	for (const part of policy.split(';')) {
		const [directive, ...sources] = part.trim().split(/\s+/);
		if (directive?.toLowerCase() === name) return sources.filter((s) => s !== '');
	}
	return null;
}

/** A source `frame-ancestors` accepts from configuration: `*`, `'self'` or a scheme/host. */
const ANCESTOR = /^(?:\*|'self'|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?|https?:)$/i;

export class SecurityConfigError extends Error {
	readonly code = 'security_config';
}

/**
 * `MAILLAGE_EMBED_ANCESTORS`: who may frame the embeddable map, separated by spaces or commas
 * (`https://mairie.example.fr https://*.example.org`); unset or empty means any site (`*`).
 * Anything else than origins is refused, so the value can never add a directive to the policy.
 */
export function parseEmbedAncestors(value: string | undefined): string[] {
	const tokens = (value ?? '').split(/[\s,]+/).filter((t) => t !== '');
	if (tokens.length === 0) return ['*'];
	for (const token of tokens) {
		if (!ANCESTOR.test(token)) {
			throw new SecurityConfigError(
				`MAILLAGE_EMBED_ANCESTORS : « ${token} » n’est pas une origine (attendu : * ou ` +
					'https://site.example, séparés par des espaces).'
			);
		}
	}
	return unique(tokens);
}

/** `scheme://host[:port]` of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string | undefined): string | null {
	if (!url) return null;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
	} catch {
		return null;
	}
}
