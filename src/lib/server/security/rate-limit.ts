/**
 * Rate limits kept in the server's memory: a sliding window per key (a client address, an email),
 * exact — at most `limit` hits in any `windowMs` — and with a clock that tests inject.
 *
 * In memory means per process: one Node server (what `npm start` runs) counts everything; several
 * instances behind a load balancer would each count their own share.
 */

export interface Limit {
	/** Hits allowed within the window. */
	limit: number;
	windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Keys kept at most; past it, the keys whose window is over go, then the oldest ones. */
const DEFAULT_MAX_KEYS = 50_000;

export class SlidingWindowLimiter {
	readonly #hits = new Map<string, number[]>();
	readonly #maxKeys: number;

	constructor(
		readonly rule: Limit,
		private readonly now: () => number = Date.now,
		maxKeys = DEFAULT_MAX_KEYS
	) {
		this.#maxKeys = maxKeys;
	}

	/** Counts one hit for `key` when it is allowed; a refused hit is not counted. */
	hit(key: string): Verdict {
		const now = this.now();
		const since = now - this.rule.windowMs;
		const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
		if (hits.length >= this.rule.limit) {
			this.#hits.set(key, hits);
			// The oldest hit in the window leaves it first: then one more is allowed.
			const wait = hits[0]! + this.rule.windowMs - now;
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
		}
		hits.push(now);
		this.#hits.delete(key);
		this.#hits.set(key, hits);
		if (this.#hits.size > this.#maxKeys) this.#sweep(since);
		return { ok: true };
	}

	/** How many keys are remembered (for tests of the memory bound). */
	get size(): number {
		return this.#hits.size;
	}

	#sweep(since: number): void {
		for (const [key, hits] of this.#hits) {
			if (hits[hits.length - 1]! <= since) this.#hits.delete(key);
		}
		// Still too many live keys: forget the least recently seen (Map keeps insertion order,
		// and a hit re-inserts its key).
		for (const key of this.#hits.keys()) {
			if (this.#hits.size <= this.#maxKeys) break;
			this.#hits.delete(key);
		}
	}
}

export class RateLimitConfigError extends Error {
	readonly code = 'rate_limit_config';
}

/**
 * `"10/600"` = 10 hits per 600 seconds; `"off"` (or `0`) = no limit. Unset: the default.
 * A malformed value stops the server at start rather than silently leaving a route unprotected.
 */
export function parseLimit(name: string, value: string | undefined, fallback: Limit): Limit | null {
	const raw = (value ?? '').trim().toLowerCase();
	if (raw === '') return fallback;
	if (raw === 'off' || raw === '0') return null;
	const match = /^(\d+)\s*\/\s*(\d+)$/.exec(raw);
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
		throw new RateLimitConfigError(
			`${name} : « ${value} » n’est pas une limite (attendu : nombre/secondes, ex. 10/600, ou off).`
		);
	}
	return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

export const DEFAULT_LIMITS = {
	/** Login attempts (password and magic link together), per address and per email. */
	login: { limit: 10, windowMs: 10 * 60_000 },
	/** Public reads (GeoJSON, calendar, embed, actor search, map details), per address. */
	public: { limit: 300, windowMs: 60_000 },
	/** The dossier PDF: each one is a page printed by a headless Chromium. */
	pdf: { limit: 30, windowMs: 10 * 60_000 }
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof DEFAULT_LIMITS;

export type RateLimitSettings = Record<LimitName, Limit | null>;

/**
 * The limits from the environment: `MAILLAGE_RATE_LIMIT=off` turns them all off (benchmarks);
 * `MAILLAGE_RATE_LIMIT_LOGIN`, `_PUBLIC`, `_PDF` set one each (`10/600`, `off`).
 */
export function rateLimitSettings(env: Record<string, string | undefined>): RateLimitSettings {
	const all = (env.MAILLAGE_RATE_LIMIT ?? '').trim().toLowerCase();
	if (all === 'off' || all === '0') return { login: null, public: null, pdf: null };
	if (all !== '' && all !== 'on') {
		throw new RateLimitConfigError(
			`MAILLAGE_RATE_LIMIT : « ${env.MAILLAGE_RATE_LIMIT} » (on ou off).`
		);
	}
	return {
		login: parseLimit(
			'MAILLAGE_RATE_LIMIT_LOGIN',
			env.MAILLAGE_RATE_LIMIT_LOGIN,
			DEFAULT_LIMITS.login
		),
		public: parseLimit(
			'MAILLAGE_RATE_LIMIT_PUBLIC',
			env.MAILLAGE_RATE_LIMIT_PUBLIC,
			DEFAULT_LIMITS.public
		),
		pdf: parseLimit('MAILLAGE_RATE_LIMIT_PDF', env.MAILLAGE_RATE_LIMIT_PDF, DEFAULT_LIMITS.pdf)
	};
}

const PUBLIC_PATH =
	/^\/t\/[^/]+\/(?:actors\.geojson|events\.ics|embed(?:\/__data\.json)?|actors\/search|map\/[^/]+\.geojson|map\/detail\/[^/]+\/[^/]+)\/?$/;
const PDF_PATH = /^\/t\/[^/]+\/present\/pdf\/?$/;

/**
 * The path as SvelteKit matches it against the routes (its `decode_pathname`): percent-escapes
 * decoded, `%25` kept. Limits are chosen on this, or `/t/x/%61ctors.geojson` would reach the
 * actors.geojson route without being counted.
 */
export function routePath(pathname: string): string {
	try {
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return pathname;
	}
}

/** Which limit a request path falls under (login is limited in its form actions). */
export function limitOfPath(pathname: string): 'public' | 'pdf' | null {
	const path = routePath(pathname);
	if (PDF_PATH.test(path)) return 'pdf';
	if (PUBLIC_PATH.test(path)) return 'public';
	return null;
}

/** One limiter per rule that is on, sharing a clock. */
export class RateLimits {
	readonly #limiters: Partial<Record<LimitName, SlidingWindowLimiter>> = {};

	constructor(settings: RateLimitSettings, now: () => number = Date.now) {
		for (const name of Object.keys(settings) as LimitName[]) {
			const rule = settings[name];
			if (rule) this.#limiters[name] = new SlidingWindowLimiter(rule, now);
		}
	}

	/** Counts one hit of every key under `name`; refused as soon as one key is over its limit. */
	hit(name: LimitName, ...keys: string[]): Verdict {
		const limiter = this.#limiters[name];
		if (!limiter) return { ok: true };
		for (const key of keys) {
			const verdict = limiter.hit(key);
			if (!verdict.ok) return verdict;
		}
		return { ok: true };
	}
}
