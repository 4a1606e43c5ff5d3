import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { directiveSources, type SecurityConfig } from './headers';
import {
	createHandleRateLimit,
	createHandleSecurityHeaders,
	loginAttempt,
	securityConfigFromEnv,
	waitText
} from './index';
import { RateLimits } from './rate-limit';

const CONFIG: SecurityConfig = {
	embedAncestors: ['*'],
	connectOrigins: ['https://data.geopf.fr'],
	imageOrigins: ['https://data.geopf.fr']
};

function fakeEvent(path: string, address = '203.0.113.7') {
	const set: Record<string, string> = {};
	const event = {
		url: new URL(`http://127.0.0.1:3000${path}`),
		getClientAddress: () => address,
		setHeaders: (headers: Record<string, string>) => Object.assign(set, headers)
	};
	return { event: event as unknown as RequestEvent, set };
}

type Resolve = (event: RequestEvent, options?: ResolveOptions) => Promise<Response>;

describe('the security headers hook', () => {
	const handle = createHandleSecurityHeaders(() => CONFIG);

	it("replaces SvelteKit's policy by the full one, keeping its nonce", async () => {
		const { event } = fakeEvent('/t/pays-d-uzes/map');
		const resolve: Resolve = async () =>
			new Response('<html></html>', {
				headers: {
					'content-type': 'text/html',
					'content-security-policy': "script-src 'self' 'nonce-Zm9v'"
				}
			});
		const response = await handle({ event, resolve });
		const csp = response.headers.get('content-security-policy');
		expect(directiveSources(csp, 'script-src')).toEqual(["'self'", "'nonce-Zm9v'"]);
		expect(directiveSources(csp, 'frame-ancestors')).toEqual(["'none'"]);
		expect(directiveSources(csp, 'worker-src')).toEqual(["'self'", 'blob:']);
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('lets the embed route be framed, whatever the route itself sets', async () => {
		const { event, set } = fakeEvent('/t/pays-d-uzes/embed');
		const resolve: Resolve = async (e) => {
			// What the embed page's load does; it would replace SvelteKit's policy and its nonce.
			e.setHeaders({ 'content-security-policy': 'frame-ancestors *', 'cache-control': 'no-store' });
			return new Response('<html></html>', {
				headers: { 'content-security-policy': "script-src 'self' 'nonce-YmFy'" }
			});
		};
		const response = await handle({ event, resolve });
		expect(set).toEqual({ 'cache-control': 'no-store' });
		const csp = response.headers.get('content-security-policy');
		expect(directiveSources(csp, 'frame-ancestors')).toEqual(['*']);
		expect(directiveSources(csp, 'script-src')).toEqual(["'self'", "'nonce-YmFy'"]);
		expect(response.headers.has('x-frame-options')).toBe(false);
	});

	it('also covers responses with immutable headers (redirects, fetched responses)', async () => {
		const { event } = fakeEvent('/t/pays-d-uzes/map/actors.geojson');
		const resolve: Resolve = async () => Response.redirect('http://127.0.0.1:3000/', 303);
		const response = await handle({ event, resolve });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('http://127.0.0.1:3000/');
		expect(directiveSources(response.headers.get('content-security-policy'), 'script-src')).toEqual(
			["'self'"]
		);
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	});
});

describe('the rate limit hook', () => {
	const limits = () =>
		new RateLimits({ login: null, public: { limit: 2, windowMs: 60_000 }, pdf: null });

	it('answers 429 in JSON with Retry-After and a French message past the limit', async () => {
		const fresh = limits();
		const handle = createHandleRateLimit(() => fresh);
		let resolved = 0;
		const resolve: Resolve = async () => {
			resolved++;
			return new Response('{}');
		};
		for (let i = 0; i < 2; i++) {
			const { event } = fakeEvent('/t/pays-d-uzes/map/actors.geojson');
			expect((await handle({ event, resolve })).status).toBe(200);
		}
		const { event } = fakeEvent('/t/pays-d-uzes/map/places.geojson');
		const refused = await handle({ event, resolve });
		expect(refused.status).toBe(429);
		expect(resolved).toBe(2);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		const body = (await refused.json()) as { message: string; code: string };
		expect(body.code).toBe('rate_limited');
		expect(body.message).toMatch(
			/^Trop de requêtes depuis votre adresse\. Réessayez dans 1 min\.$/
		);

		// Another address is not affected; a page that is not limited neither.
		const other = fakeEvent('/t/pays-d-uzes/map/actors.geojson', '198.51.100.1');
		expect((await handle({ event: other.event, resolve })).status).toBe(200);
		const page = fakeEvent('/t/pays-d-uzes/map');
		expect((await handle({ event: page.event, resolve })).status).toBe(200);
	});

	it('answers the embed page in plain text (it is read by people, in an iframe)', async () => {
		const fresh = limits();
		const handle = createHandleRateLimit(() => fresh);
		const resolve: Resolve = async () => new Response('ok');
		let last: Response | null = null;
		for (let i = 0; i < 3; i++)
			last = await handle({ event: fakeEvent('/t/x/embed').event, resolve });
		expect(last!.status).toBe(429);
		expect(last!.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await last!.text()).toContain('Trop de requêtes');
	});
});

describe('loginAttempt', () => {
	it('counts per address and per email (case and spaces aside)', () => {
		const limits = new RateLimits({
			login: { limit: 2, windowMs: 600_000 },
			public: null,
			pdf: null
		});
		const from = (address: string) => ({ getClientAddress: () => address });
		expect(loginAttempt(from('1.1.1.1'), 'Anne@Example.fr', limits)).toBeNull();
		expect(loginAttempt(from('2.2.2.2'), ' anne@example.fr ', limits)).toBeNull();
		expect(loginAttempt(from('3.3.3.3'), 'anne@example.fr', limits)).toBe(600);
		expect(loginAttempt(from('3.3.3.3'), 'paul@example.fr', limits)).toBeNull();
	});
});

describe('configuration from the environment', () => {
	it('allows the basemap, and the Supabase project when configured', () => {
		const local = securityConfigFromEnv({}, undefined);
		expect(local.connectOrigins).toEqual(['https://data.geopf.fr']);
		expect(local.embedAncestors).toEqual(['*']);
		const hosted = securityConfigFromEnv(
			{ MAILLAGE_EMBED_ANCESTORS: 'https://mairie.example.fr' },
			'https://abc.supabase.co'
		);
		expect(hosted.connectOrigins).toEqual([
			'https://data.geopf.fr',
			'https://abc.supabase.co',
			'wss://abc.supabase.co'
		]);
		expect(hosted.embedAncestors).toEqual(['https://mairie.example.fr']);
	});

	it('says how long to wait in seconds, then minutes', () => {
		expect(waitText(1)).toBe('1 s');
		expect(waitText(59)).toBe('59 s');
		expect(waitText(60)).toBe('1 min');
		expect(waitText(61)).toBe('2 min');
	});
});
