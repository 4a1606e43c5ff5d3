import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LIMITS,
	limitOfPath,
	parseLimit,
	RateLimitConfigError,
	RateLimits,
	rateLimitSettings,
	SlidingWindowLimiter
} from './rate-limit';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('SlidingWindowLimiter', () => {
	it('allows `limit` hits in the window, refuses the next with the wait until a slot frees', () => {
		const c = clock();
		const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000 }, c.now);
		expect(limiter.hit('a').ok).toBe(true);
		c.advance(10_000);
		expect(limiter.hit('a').ok).toBe(true);
		expect(limiter.hit('a').ok).toBe(true);
		// The first hit (at t0) leaves the window at t0 + 60 s, 50 s from now.
		expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 50 });
		c.advance(49_000);
		expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
		c.advance(1_000);
		expect(limiter.hit('a').ok).toBe(true);
		// The two hits at t0 + 10 s are still in the window.
		expect(limiter.hit('a').ok).toBe(false);
	});

	it('counts each key on its own', () => {
		const c = clock();
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000 }, c.now);
		expect(limiter.hit('a').ok).toBe(true);
		expect(limiter.hit('a').ok).toBe(false);
		expect(limiter.hit('b').ok).toBe(true);
	});

	it('does not count refused hits (a client that keeps knocking is not locked out for ever)', () => {
		const c = clock();
		const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 10_000 }, c.now);
		limiter.hit('a');
		limiter.hit('a');
		for (let i = 0; i < 50; i++) {
			c.advance(100);
			expect(limiter.hit('a').ok).toBe(false);
		}
		c.advance(10_000);
		expect(limiter.hit('a').ok).toBe(true);
	});

	it('never waits less than a second', () => {
		const c = clock();
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000 }, c.now);
		limiter.hit('a');
		c.advance(999);
		expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
	});

	it('keeps a bounded number of keys, forgetting the ones whose window is over first', () => {
		const c = clock();
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000 }, c.now, 100);
		for (let i = 0; i < 100; i++) limiter.hit(`old-${i}`);
		c.advance(2_000);
		expect(limiter.size).toBe(100);
		// The 101st key: the old ones, out of their window, are swept.
		limiter.hit('live');
		expect(limiter.size).toBe(1);
		// Past the bound with live keys only, the least recently seen go.
		for (let i = 0; i < 150; i++) limiter.hit(`burst-${i}`);
		expect(limiter.size).toBeLessThanOrEqual(100);
		expect(limiter.hit('burst-149').ok).toBe(false);
	});
});

describe('parseLimit and rateLimitSettings', () => {
	const fallback = { limit: 5, windowMs: 5_000 };

	it('reads count/seconds, off, or the default', () => {
		expect(parseLimit('X', '10/600', fallback)).toEqual({ limit: 10, windowMs: 600_000 });
		expect(parseLimit('X', ' 3 / 1 ', fallback)).toEqual({ limit: 3, windowMs: 1_000 });
		expect(parseLimit('X', undefined, fallback)).toBe(fallback);
		expect(parseLimit('X', '', fallback)).toBe(fallback);
		expect(parseLimit('X', 'off', fallback)).toBeNull();
		expect(parseLimit('X', 'OFF', fallback)).toBeNull();
		expect(parseLimit('X', '0', fallback)).toBeNull();
	});

	it('refuses a malformed value, naming the variable', () => {
		for (const bad of ['10', '10/0', '0/60', 'ten/60', '10/60/2', '-1/60']) {
			expect(() => parseLimit('MAILLAGE_RATE_LIMIT_LOGIN', bad, fallback), bad).toThrow(
				/MAILLAGE_RATE_LIMIT_LOGIN/
			);
		}
		expect(() => parseLimit('X', '10', fallback)).toThrow(RateLimitConfigError);
	});

	it('has defaults, one setting per limit, and an off switch for all', () => {
		expect(rateLimitSettings({})).toEqual(DEFAULT_LIMITS);
		expect(
			rateLimitSettings({ MAILLAGE_RATE_LIMIT_LOGIN: '3/60', MAILLAGE_RATE_LIMIT_PDF: 'off' })
		).toEqual({
			login: { limit: 3, windowMs: 60_000 },
			public: DEFAULT_LIMITS.public,
			pdf: null
		});
		expect(
			rateLimitSettings({ MAILLAGE_RATE_LIMIT: 'off', MAILLAGE_RATE_LIMIT_LOGIN: '3/60' })
		).toEqual({ login: null, public: null, pdf: null });
		expect(() => rateLimitSettings({ MAILLAGE_RATE_LIMIT: 'peut-être' })).toThrow(
			RateLimitConfigError
		);
	});
});

describe('limitOfPath', () => {
	it('limits the public endpoints', () => {
		for (const path of [
			'/t/pays-d-uzes/actors.geojson',
			'/t/pays-d-uzes/map/actors.geojson',
			'/t/pays-d-uzes/map/places.geojson',
			'/t/pays-d-uzes/map/events.geojson',
			'/t/pays-d-uzes/map/communes.geojson',
			'/t/pays-d-uzes/map/detail/actor/123',
			'/t/pays-d-uzes/events.ics',
			'/t/pays-d-uzes/embed',
			'/t/pays-d-uzes/embed/__data.json',
			'/t/pays-d-uzes/actors/search'
		]) {
			expect(limitOfPath(path), path).toBe('public');
		}
		expect(limitOfPath('/t/pays-d-uzes/present/pdf')).toBe('pdf');
	});

	it('reads the path as the router does: percent-escapes cannot dodge the limit', () => {
		expect(limitOfPath('/t/pays-d-uzes/%61ctors.geojson')).toBe('public');
		expect(limitOfPath('/t/pays-d-uzes/%65mbed')).toBe('public');
		expect(limitOfPath('/t/pays-d-uzes/present/%70df')).toBe('pdf');
		// A malformed escape is not a route either.
		expect(limitOfPath('/t/pays-d-uzes/%E0%A4%A')).toBeNull();
	});

	it('leaves pages and the other routes alone', () => {
		for (const path of [
			'/',
			'/login',
			'/t/pays-d-uzes/map',
			'/t/pays-d-uzes/present',
			'/t/pays-d-uzes/import/commit',
			'/t/pays-d-uzes/actors/42',
			'/_app/immutable/entry/start.js'
		]) {
			expect(limitOfPath(path), path).toBeNull();
		}
	});
});

describe('RateLimits', () => {
	it('refuses when any of the keys is over the limit', () => {
		const c = clock();
		const limits = new RateLimits(
			{ login: { limit: 2, windowMs: 60_000 }, public: null, pdf: null },
			c.now
		);
		expect(limits.hit('login', 'address:1', 'email:a').ok).toBe(true);
		expect(limits.hit('login', 'address:2', 'email:a').ok).toBe(true);
		// Third try on email a, from a third address.
		expect(limits.hit('login', 'address:3', 'email:a').ok).toBe(false);
		expect(limits.hit('login', 'address:1', 'email:b').ok).toBe(true);
		// address 1 has now been used twice.
		expect(limits.hit('login', 'address:1', 'email:c').ok).toBe(false);
	});

	it('lets everything through when a limit is off', () => {
		const limits = new RateLimits({ login: null, public: null, pdf: null });
		for (let i = 0; i < 1_000; i++) expect(limits.hit('public', 'address:1').ok).toBe(true);
	});
});
