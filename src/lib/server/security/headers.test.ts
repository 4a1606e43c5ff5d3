import { describe, expect, it } from 'vitest';
import {
	contentSecurityPolicy,
	directiveSources,
	isEmbedPath,
	originOf,
	parseEmbedAncestors,
	SecurityConfigError,
	securityHeaders,
	type SecurityConfig
} from './headers';

const CONFIG: SecurityConfig = {
	embedAncestors: ['*'],
	connectOrigins: ['https://data.geopf.fr', 'https://abc.supabase.co', 'wss://abc.supabase.co'],
	imageOrigins: ['https://data.geopf.fr']
};

function policy(pathname: string, scriptSources?: string[], config = CONFIG) {
	return contentSecurityPolicy({ pathname, https: false, scriptSources }, config);
}

describe('isEmbedPath', () => {
	it('is the embed page and its data request only', () => {
		expect(isEmbedPath('/t/pays-d-uzes/embed')).toBe(true);
		expect(isEmbedPath('/t/pays-d-uzes/embed/')).toBe(true);
		expect(isEmbedPath('/t/pays-d-uzes/embed/__data.json')).toBe(true);
		expect(isEmbedPath('/t/pays-d-uzes/map')).toBe(false);
		expect(isEmbedPath('/t/pays-d-uzes/embed/other')).toBe(false);
		expect(isEmbedPath('/t/a/b/embed')).toBe(false);
		expect(isEmbedPath('/embed')).toBe(false);
	});
});

describe('securityHeaders', () => {
	it('forbids framing everywhere but the embed route', () => {
		const map = securityHeaders({ pathname: '/t/pays-d-uzes/map', https: false }, CONFIG);
		expect(map['x-frame-options']).toBe('DENY');
		expect(directiveSources(map['content-security-policy']!, 'frame-ancestors')).toEqual([
			"'none'"
		]);
		const home = securityHeaders({ pathname: '/', https: false }, CONFIG);
		expect(home['x-frame-options']).toBe('DENY');

		const embed = securityHeaders({ pathname: '/t/pays-d-uzes/embed', https: false }, CONFIG);
		expect(embed['x-frame-options']).toBeUndefined();
		expect(directiveSources(embed['content-security-policy']!, 'frame-ancestors')).toEqual(['*']);
	});

	it('uses the configured ancestors on the embed route, and only there', () => {
		const config = { ...CONFIG, embedAncestors: ['https://mairie.example.fr', "'self'"] };
		expect(directiveSources(policy('/t/x/embed', undefined, config), 'frame-ancestors')).toEqual([
			'https://mairie.example.fr',
			"'self'"
		]);
		expect(directiveSources(policy('/t/x/map', undefined, config), 'frame-ancestors')).toEqual([
			"'none'"
		]);
	});

	it('sends the same fixed headers on every response', () => {
		for (const pathname of ['/', '/t/x/map', '/t/x/embed', '/t/x/map/actors.geojson']) {
			const headers = securityHeaders({ pathname, https: false }, CONFIG);
			expect(headers['x-content-type-options']).toBe('nosniff');
			expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
			expect(headers['permissions-policy']).toBe('geolocation=(self), camera=(), microphone=()');
			expect(headers['cross-origin-opener-policy']).toBe('same-origin');
			expect(headers['strict-transport-security']).toBeUndefined();
		}
	});

	it('asks for https only when served over https', () => {
		const headers = securityHeaders({ pathname: '/', https: true }, CONFIG);
		expect(headers['strict-transport-security']).toBe('max-age=15552000');
	});
});

describe('contentSecurityPolicy', () => {
	it('keeps the nonce SvelteKit put in script-src, and never allows inline or eval scripts', () => {
		const csp = policy('/t/x/map', ["'self'", "'nonce-abc123'"]);
		expect(directiveSources(csp, 'script-src')).toEqual(["'self'", "'nonce-abc123'"]);
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
		// Without SvelteKit's sources (an endpoint): this origin's scripts only.
		expect(directiveSources(policy('/t/x/map/actors.geojson'), 'script-src')).toEqual(["'self'"]);
	});

	it('lets MapLibre work: blob workers, data/blob images, the basemap origin', () => {
		const csp = policy('/t/x/map');
		expect(directiveSources(csp, 'worker-src')).toEqual(["'self'", 'blob:']);
		expect(directiveSources(csp, 'child-src')).toEqual(["'self'", 'blob:']);
		expect(directiveSources(csp, 'img-src')).toEqual([
			"'self'",
			'data:',
			'blob:',
			'https://data.geopf.fr'
		]);
		expect(directiveSources(csp, 'connect-src')).toEqual([
			"'self'",
			'https://data.geopf.fr',
			'https://abc.supabase.co',
			'wss://abc.supabase.co'
		]);
		// Inline styles (Svelte, Observable Plot, sigma, MapLibre) are allowed; scripts are not.
		expect(directiveSources(csp, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
	});

	it('closes plugins, base URL hijacking and off-site form posts', () => {
		const csp = policy('/');
		expect(directiveSources(csp, 'object-src')).toEqual(["'none'"]);
		expect(directiveSources(csp, 'base-uri')).toEqual(["'self'"]);
		expect(directiveSources(csp, 'form-action')).toEqual(["'self'"]);
		expect(directiveSources(csp, 'default-src')).toEqual(["'self'"]);
	});

	it('names each directive once', () => {
		const names = policy('/t/x/embed', ["'self'", "'self'", "'nonce-x'"])
			.split(';')
			.map((part) => part.trim().split(' ')[0]);
		expect(new Set(names).size).toBe(names.length);
		expect(directiveSources(policy('/', ["'self'", "'self'"]), 'script-src')).toEqual(["'self'"]);
	});
});

describe('parseEmbedAncestors', () => {
	it('defaults to any site', () => {
		expect(parseEmbedAncestors(undefined)).toEqual(['*']);
		expect(parseEmbedAncestors('  ')).toEqual(['*']);
	});

	it('takes origins separated by spaces or commas', () => {
		expect(
			parseEmbedAncestors('https://mairie.example.fr, https://*.example.org  http://localhost:8080')
		).toEqual(['https://mairie.example.fr', 'https://*.example.org', 'http://localhost:8080']);
		expect(parseEmbedAncestors("'self' https:")).toEqual(["'self'", 'https:']);
	});

	it('refuses anything that could add a directive or a keyword', () => {
		for (const bad of [
			"https://a.example; script-src 'unsafe-inline'",
			"'unsafe-inline'",
			'javascript:',
			'https://a.example/path',
			'data:'
		]) {
			expect(() => parseEmbedAncestors(bad), bad).toThrow(SecurityConfigError);
		}
	});
});

describe('originOf', () => {
	it('keeps the origin of http(s) URLs only', () => {
		expect(originOf('https://abc.supabase.co/')).toBe('https://abc.supabase.co');
		expect(originOf('http://127.0.0.1:54321/auth/v1')).toBe('http://127.0.0.1:54321');
		expect(originOf('javascript:alert(1)')).toBeNull();
		expect(originOf('')).toBeNull();
		expect(originOf(undefined)).toBeNull();
	});
});
