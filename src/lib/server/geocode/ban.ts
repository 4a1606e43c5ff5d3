/**
 * Geocoding with the BAN (Base Adresse Nationale) through its CSV batch endpoint.
 *
 * Endpoint: `POST <base>/search/csv/`, multipart form with `data` (the CSV file), `columns` (the
 * columns whose values, joined, make the searched text; repeatable), `postcode` and `citycode`
 * (the columns used as filters). The API moved from the DINUM (api-adresse.data.gouv.fr, now
 * answering with an `x-api-deprecated` header and reported shut down at the end of January 2026)
 * to the IGN Géoplateforme, with the same paths and answers:
 *   - https://geoservices.ign.fr/documentation/services/services-geoplateforme/geocodage
 *     (`https://data.geopf.fr/geocodage/search`, unit calls or CSV files; 50 requests/s per IP,
 *     beyond which every request gets HTTP 429 with a `retry-after` header, 5 s by default)
 *   - https://adresse.data.gouv.fr/api-doc/adresse (same limit, same 429 behaviour)
 *   - https://guides.data.gouv.fr/reutiliser-des-donnees/prendre-en-main-lapi-adresse-portee-par-lign
 *   - https://pypi.org/project/addok-csv (the `search/csv/` parameters; addok is the engine)
 * Limits of the CSV endpoint: files up to 50 MB (BaseAdresseNationale/api-geocode#16) and
 * 2 simultaneous requests per IP (the api-adresse documentation's "2 requêtes simultanées par IP
 * pour le géocodage de masse"). Only the CSV endpoint is used, so with 2 requests in flight the
 * 50 requests/s of unit calls is never approached.
 * Default base: the Géoplateforme; MAILLAGE_BAN_URL reaches the old host or a self-hosted addok.
 *
 * What this geocoder decides:
 *   - a result is used when `result_status` is 'ok', it has a point, its `result_type` is known
 *     and `result_score` ≥ `minScore` (0.5 by default: the BAN always returns its best guess,
 *     made-up addresses come back around 0.3–0.4 and real ones from 0.7; half way is a judgment
 *     call, tunable);
 *   - a result whose `result_citycode` contradicts the listing's INSEE code is rejected, not
 *     downgraded: the listing's commune is what the census stores and filters on, so the actor
 *     goes to the centre of that commune rather than to a point in another one. The `citycode`
 *     filter makes this rare; it happens for Paris/Lyon/Marseille (sent without the filter) and
 *     with deployments that ignore the filter;
 *   - everything the BAN did not place (not found, low score, other commune, refused file,
 *     service unreachable) goes to the commune-centre fallback, and a warning counts it.
 * Only the address, postcode, INSEE code and commune name leave the server, never names or ids.
 */
import {
	normalizeInseeCode,
	normalizePostcode,
	type CommuneIndex
} from '$lib/domain/census/communes';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { getLocale, m } from '$lib/i18n';
import {
	BAN_COLUMNS,
	chunkRows,
	cleanAddress,
	parseBanResponse,
	HAS_ARRONDISSEMENTS,
	qualityOfType,
	sameCommune,
	type BanChunk,
	type BanRequestRow,
	type BanResultRow
} from './ban-csv';
import { CommuneCentreGeocoder } from './offline';
import type { GeocodeOptions, GeocodeQuery, GeocodeResult, Geocoder } from './types';

export const BAN_GEOPLATEFORME_URL = 'https://data.geopf.fr/geocodage';
export const BAN_LEGACY_URL = 'https://api-adresse.data.gouv.fr';
/** Documented maximum size of one CSV file (read as decimal megabytes, the stricter reading). */
export const BAN_MAX_FILE_BYTES = 50_000_000;
/** Documented maximum of simultaneous CSV requests per IP. */
export const BAN_MAX_CONCURRENT = 2;

export interface BanGeocoderOptions {
	/** Base URL, without `/search/csv/`. Default: the Géoplateforme. */
	baseUrl?: string;
	fetch?: typeof fetch;
	/** Size cap of one file; default a little under the documented 50 MB. */
	maxFileBytes?: number;
	/** Rows per file: smaller files give progress and bounded retries. Default 2000. */
	maxRowsPerFile?: number;
	/** Requests in flight; capped at the documented 2. */
	concurrency?: number;
	/** Retries of one file after 429 or 5xx. Default 4. */
	maxRetries?: number;
	/** Retries after a network failure before the service is declared unreachable. Default 1. */
	networkRetries?: number;
	/** Per request, response body included. Default 120 s. */
	timeoutMs?: number;
	/** Results scoring below are not used (see the module comment). Default 0.5. */
	minScore?: number;
	/** First backoff delay when no Retry-After is given; doubles each retry, capped at 30 s. */
	backoffMs?: number;
	/** What places the queries the BAN did not. Default: the commune-centre geocoder. */
	fallback?: Geocoder;
	/** Commune index, to name a commune given by INSEE code only. Default `loadFrenchCommunes`. */
	communes?: () => Promise<CommuneIndex>;
	/** Injectable for tests. Must reject with the signal's reason when it aborts. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

type Outcome =
	| { kind: 'ok'; text: string }
	| { kind: 'too-large' }
	| { kind: 'refused'; status: number }
	| { kind: 'unreachable'; detail: string };

type Reason =
	'not-found' | 'low-score' | 'other-commune' | 'incomplete' | 'refused' | 'unreachable';

/** One distinct query sent to the BAN, and the caller's queries that share it. */
interface Pending {
	row: BanRequestRow;
	queries: GeocodeQuery[];
	/** INSEE codes the answer may carry: the listing's and its current commune's (none: unchecked). */
	codes: string[];
}

interface Run {
	signal: AbortSignal | undefined;
	pending: Map<string, Pending>;
	results: GeocodeResult[];
	fallback: Map<Reason, GeocodeQuery[]>;
	refusedStatuses: Set<number>;
	missing: Pending[];
	unreachable: string | null;
	/** Epoch ms before which no request starts (after a 429: the limit is per IP, not per file). */
	notBefore: number;
	done: number;
	total: number;
	onProgress: ((p: { done: number; total: number }) => void) | undefined;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 120_000;

export class BanGeocoder implements Geocoder {
	readonly name = 'ban';
	readonly endpoint: string;
	private readonly fetchImpl: typeof fetch;
	private readonly maxFileBytes: number;
	private readonly maxRowsPerFile: number;
	private readonly concurrency: number;
	private readonly maxRetries: number;
	private readonly networkRetries: number;
	private readonly timeoutMs: number;
	private readonly minScore: number;
	private readonly backoffMs: number;
	private readonly fallbackGeocoder: Geocoder;
	private readonly communes: () => Promise<CommuneIndex>;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(options: BanGeocoderOptions = {}) {
		const base = (options.baseUrl ?? BAN_GEOPLATEFORME_URL).replace(/\/+$/, '');
		this.endpoint = `${base}/search/csv/`;
		this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
		this.maxFileBytes = options.maxFileBytes ?? BAN_MAX_FILE_BYTES - 1_000_000;
		this.maxRowsPerFile = options.maxRowsPerFile ?? 2000;
		this.concurrency = Math.max(1, Math.min(BAN_MAX_CONCURRENT, options.concurrency ?? 2));
		this.maxRetries = options.maxRetries ?? 4;
		this.networkRetries = options.networkRetries ?? 1;
		this.timeoutMs = options.timeoutMs ?? 120_000;
		this.minScore = options.minScore ?? 0.5;
		this.backoffMs = options.backoffMs ?? 1000;
		this.communes = options.communes ?? loadFrenchCommunes;
		this.fallbackGeocoder =
			options.fallback ?? new CommuneCentreGeocoder({ communes: this.communes });
		this.sleep = options.sleep ?? abortableSleep;
	}

	async geocode(
		queries: GeocodeQuery[],
		options: GeocodeOptions = {}
	): Promise<{ results: GeocodeResult[]; warnings: string[] }> {
		const { signal } = options;
		signal?.throwIfAborted();
		const run: Run = {
			signal,
			pending: new Map(),
			results: [],
			fallback: new Map(),
			refusedStatuses: new Set(),
			missing: [],
			unreachable: null,
			notBefore: 0,
			done: 0,
			total: queries.length,
			onProgress: options.onProgress
		};

		const direct = await this.prepare(queries, run);
		run.done += direct.length;
		run.onProgress?.({ done: run.done, total: run.total });

		const rows = [...run.pending.values()].map((p) => p.row);
		await this.pool(chunkRows(rows, this.limits()), run);
		if (run.missing.length > 0) {
			// The service sometimes returns a truncated file: send what is missing once more.
			const again = run.missing.map((p) => p.row);
			run.missing = [];
			await this.pool(chunkRows(again, this.limits()), run);
			for (const p of run.missing) this.fallBack(run, p, 'incomplete');
			run.missing = [];
		}

		const toFallBack = [...direct, ...[...run.fallback.values()].flat()];
		const warnings = this.warnings(run);
		if (toFallBack.length > 0) {
			const fb = await this.fallbackGeocoder.geocode(toFallBack, { signal });
			// A loop, not push(...): a spread of 100k results would overflow the call stack.
			for (const r of fb.results) run.results.push(r);
			warnings.push(...fb.warnings);
		}
		run.onProgress?.({ done: run.total, total: run.total });
		return { results: run.results, warnings };
	}

	private limits() {
		return { maxBytes: this.maxFileBytes, maxRows: this.maxRowsPerFile };
	}

	/**
	 * Builds one request row per distinct query. Returns the queries that cannot be searched
	 * (no address and no commune name the BAN could look up): they go straight to the fallback.
	 *
	 * Filters: the INSEE code, brought to the current commune (a merged commune's former code
	 * would match nothing), is the `citycode` filter, except for Paris, Marseille and Lyon whose
	 * addresses the BAN files under their arrondissements. The postcode filter is only used when
	 * there is no code: it adds nothing to a code, and a CEDEX or shared postcode would hide the
	 * right answer.
	 */
	private async prepare(queries: GeocodeQuery[], run: Run): Promise<GeocodeQuery[]> {
		const direct: GeocodeQuery[] = [];
		const byKey = new Map<string, Pending>();
		let index: CommuneIndex | null | undefined;
		for (const q of queries) {
			const address = cleanAddress(q.address ?? '');
			let city = cleanAddress(q.communeName ?? '');
			const given = normalizeInseeCode(q.communeCode ?? '');
			let current = given;
			if (given !== null) {
				if (index === undefined) index = await this.communes().catch(() => null);
				// An unknown code is a typo: neither a filter nor a check.
				if (index !== null) current = index.resolve({ code: given })?.code ?? null;
			}
			if (address === '' && city === '' && current !== null) {
				// A commune given by code only: its name lets the BAN place it (type municipality).
				city = index?.nameOf(current) ?? '';
			}
			if (address === '' && city === '') {
				direct.push(q);
				continue;
			}
			const cedex = /\bcedex\b/i.test(`${q.address ?? ''} ${q.communeName ?? ''}`);
			const postcode =
				current === null && !cedex ? (normalizePostcode(q.postcode ?? '') ?? '') : '';
			const citycode = current === null || HAS_ARRONDISSEMENTS.has(current) ? '' : current;
			const key = JSON.stringify([address, postcode, citycode, city, given]);
			const existing = byKey.get(key);
			if (existing !== undefined) {
				existing.queries.push(q);
				continue;
			}
			const mid = String(byKey.size);
			const codes = current === null ? [] : [...new Set([given!, current])];
			const pending: Pending = {
				row: { mid, address, postcode, citycode, city },
				queries: [q],
				codes
			};
			byKey.set(key, pending);
			run.pending.set(mid, pending);
		}
		return direct;
	}

	/** Runs the files with at most `concurrency` requests in flight. */
	private async pool(chunks: BanChunk[], run: Run): Promise<void> {
		const queue = [...chunks];
		const worker = async () => {
			for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) {
				const more = await this.runChunk(chunk, run);
				queue.push(...more);
			}
		};
		const n = Math.min(this.concurrency, queue.length);
		await Promise.all(Array.from({ length: n }, worker));
	}

	/** Sends one file and sorts its rows into results and fallbacks; returns files to send next. */
	private async runChunk(chunk: BanChunk, run: Run): Promise<BanChunk[]> {
		const pendings = chunk.rows.map((r) => run.pending.get(r.mid)!);
		if (run.unreachable !== null) {
			for (const p of pendings) this.fallBack(run, p, 'unreachable');
			return this.progress(run, pendings);
		}
		const outcome = await this.post(chunk, run);
		switch (outcome.kind) {
			case 'ok': {
				const answers = parseBanResponse(outcome.text);
				for (const p of pendings) {
					const answer = answers.get(p.row.mid);
					if (answer === undefined) run.missing.push(p);
					else this.decide(run, p, answer);
				}
				return this.progress(
					run,
					pendings.filter((p) => answers.has(p.row.mid))
				);
			}
			case 'too-large':
				if (chunk.rows.length > 1) {
					const half = Math.ceil(chunk.rows.length / 2);
					const limits = { maxBytes: Infinity, maxRows: half };
					return chunkRows(chunk.rows, limits);
				}
				run.refusedStatuses.add(413);
				this.fallBack(run, pendings[0]!, 'refused');
				return this.progress(run, pendings);
			case 'refused':
				run.refusedStatuses.add(outcome.status);
				for (const p of pendings) this.fallBack(run, p, 'refused');
				return this.progress(run, pendings);
			case 'unreachable':
				run.unreachable ??= outcome.detail;
				for (const p of pendings) this.fallBack(run, p, 'unreachable');
				return this.progress(run, pendings);
		}
	}

	private progress(run: Run, decided: Pending[]): [] {
		for (const p of decided) run.done += p.queries.length;
		run.onProgress?.({ done: Math.min(run.done, run.total), total: run.total });
		return [];
	}

	private decide(run: Run, p: Pending, answer: BanResultRow): void {
		const quality = qualityOfType(answer.type);
		if (answer.status !== 'ok' || answer.lng === null || answer.lat === null || quality === null)
			return this.fallBack(run, p, 'not-found');
		if (answer.score === null || answer.score < this.minScore)
			return this.fallBack(run, p, 'low-score');
		if (
			p.codes.length > 0 &&
			!p.codes.some((c) => sameCommune(c, answer.citycode, answer.oldcitycode))
		)
			return this.fallBack(run, p, 'other-commune');
		for (const q of p.queries)
			run.results.push({
				id: q.id,
				lng: answer.lng,
				lat: answer.lat,
				quality,
				label: answer.label === '' ? null : answer.label,
				score: answer.score,
				provider: 'ban'
			});
	}

	private fallBack(run: Run, p: Pending, reason: Reason): void {
		const list = run.fallback.get(reason);
		if (list === undefined) run.fallback.set(reason, [...p.queries]);
		else for (const q of p.queries) list.push(q);
	}

	/** One POST with retries; never throws except when the caller aborts. */
	private async post(chunk: BanChunk, run: Run): Promise<Outcome> {
		const user = run.signal;
		for (let attempt = 0; ; attempt++) {
			const wait = run.notBefore - Date.now();
			if (wait > 0) await this.sleep(wait, user);
			user?.throwIfAborted();

			const form = new FormData();
			form.append('data', new Blob([chunk.csv], { type: 'text/csv' }), 'maillage.csv');
			form.append('columns', BAN_COLUMNS.address);
			form.append('columns', BAN_COLUMNS.city);
			form.append('postcode', BAN_COLUMNS.postcode);
			form.append('citycode', BAN_COLUMNS.citycode);
			const timeout = AbortSignal.timeout(this.timeoutMs);
			const signal = user === undefined ? timeout : AbortSignal.any([user, timeout]);

			let failure: string;
			try {
				const res = await this.fetchImpl(this.endpoint, {
					method: 'POST',
					body: form,
					headers: { accept: 'text/csv' },
					signal
				});
				if (res.ok) return { kind: 'ok', text: await res.text() };
				await res.body?.cancel().catch(() => undefined);
				if (RETRYABLE.has(res.status)) {
					if (attempt < this.maxRetries) {
						const delay = retryAfterMs(res.headers.get('retry-after')) ?? this.backoff(attempt);
						if (res.status === 429) run.notBefore = Math.max(run.notBefore, Date.now() + delay);
						await this.sleep(delay, user);
						continue;
					}
					// Still overloaded after the retries: stop asking, the rest falls back.
					return { kind: 'unreachable', detail: `HTTP ${res.status}` };
				}
				if (res.status === 413) return { kind: 'too-large' };
				return { kind: 'refused', status: res.status };
			} catch (e) {
				if (user?.aborted) throw user.reason;
				failure = timeout.aborted
					? `timeout ${this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`}`
					: e instanceof Error
						? e.message
						: String(e);
			}
			if (attempt >= this.networkRetries) return { kind: 'unreachable', detail: failure };
			await this.sleep(this.backoff(attempt), user);
		}
	}

	private backoff(attempt: number): number {
		return Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt);
	}

	private warnings(run: Run): string[] {
		const count = (r: Reason) => run.fallback.get(r)?.length ?? 0;
		const w: string[] = [];
		if (run.unreachable !== null)
			w.push(
				m.geocode_warning_unreachable({ detail: run.unreachable, count: count('unreachable') })
			);
		if (count('refused') > 0)
			w.push(
				m.geocode_warning_refused({
					count: count('refused'),
					status: [...run.refusedStatuses].sort().join(', ')
				})
			);
		if (count('incomplete') > 0)
			w.push(m.geocode_warning_incomplete({ count: count('incomplete') }));
		if (count('not-found') > 0) w.push(m.geocode_warning_not_found({ count: count('not-found') }));
		if (count('low-score') > 0)
			w.push(
				m.geocode_warning_low_score({
					count: count('low-score'),
					min: this.minScore.toLocaleString(getLocale())
				})
			);
		if (count('other-commune') > 0)
			w.push(m.geocode_warning_other_commune({ count: count('other-commune') }));
		return w;
	}
}

/** `Retry-After` as delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
	if (header === null) return null;
	const h = header.trim();
	if (/^\d+$/.test(h)) return Math.min(MAX_RETRY_AFTER_MS, Number(h) * 1000);
	const date = Date.parse(h);
	if (Number.isNaN(date)) return null;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal!.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
