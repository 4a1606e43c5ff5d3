/**
 * Commune outlines behind one interface (`CommuneShapeProvider`), cached in `public.commune_shape`.
 *
 * Providers:
 *   - `GeoApiProvider`: the Geo API (https://geo.api.gouv.fr/decoupage-administratif/communes),
 *     `GET /departements/{code}/communes?format=geojson&geometry=contour&fields=code,nom`: one
 *     request per département, answering a FeatureCollection of the département's current
 *     communes with `code` and `nom`. The overseas collectivities (975, 977, 978) are answered
 *     as départements too (datagouv/contours-administratifs#23).
 *   - `FileProvider`: a GeoJSON file of the same shape (tests, e2e, a machine without internet
 *     but with a file, e.g. ../shared/data/geo-gard/communes-30-gard.geojson).
 *   - `OfflineProvider`: nothing; the map then has no outlines but still draws its points.
 * Chosen by `communeShapesFromEnv`:
 *   MAILLAGE_COMMUNE_SHAPES_FILE = path of a GeoJSON file → FileProvider (wins over MAILLAGE_GEO);
 *   MAILLAGE_GEO = 'api' (default) → GeoApiProvider | 'offline' → OfflineProvider.
 *
 * Outlines are simplified once, when fetched (see ./geometry.ts), and kept in the database, so a
 * territory's map asks the outside service only for communes nobody asked for before.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Database } from '$lib/server/db/types';
import { asOutline, simplifyOutlines, type Outline } from './geometry';

export interface CommuneShape {
	/** The commune's name as the provider gives it. */
	name: string;
	/** Simplified, coordinates rounded to 5 decimals. */
	geometry: Outline;
}

export interface CommuneShapeProvider {
	/** Recorded as `commune_shape.source`: 'geo.api.gouv.fr', 'file:<file name>'… */
	readonly name: string;
	/**
	 * The outlines of the communes of `codes` the provider knows (current INSEE codes). Codes it
	 * does not know are absent from the result; a failure throws a `CommuneShapeError` carrying
	 * what was fetched before it.
	 */
	fetchShapes(codes: string[]): Promise<Map<string, CommuneShape>>;
}

export type CommuneShapeErrorCode = 'unreachable' | 'timeout' | 'http' | 'invalid' | 'file';

export class CommuneShapeError extends Error {
	constructor(
		readonly code: CommuneShapeErrorCode,
		message: string,
		/** What was fetched before the failure (other départements). */
		readonly partial: Map<string, CommuneShape> = new Map(),
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'CommuneShapeError';
	}
}

export const GEO_API_URL = 'https://geo.api.gouv.fr';
/** Per request, body included: a large département's contours are a few megabytes. */
export const GEO_API_TIMEOUT_MS = 30_000;
/** How long a fetch that left codes without outline is not tried again for the same codes. */
export const FAILURE_MEMO_MS = 10 * 60_000;

const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

export function isCommuneCode(code: string): boolean {
	return INSEE_CODE.test(code);
}

/**
 * The département of a current INSEE commune code: 2A/2B in Corsica, three digits overseas
 * (971–978, and 98x for the Pacific collectivities the Geo API does not cover), else two digits.
 * Null for anything that is not a commune code.
 */
export function departementOfCommune(code: string): string | null {
	if (!INSEE_CODE.test(code)) return null;
	if (code.startsWith('2A') || code.startsWith('2B')) return code.slice(0, 2);
	if (code.startsWith('97') || code.startsWith('98')) return code.slice(0, 3);
	return code.slice(0, 2);
}

/**
 * The outlines of a Geo API answer or a file of the same shape (a FeatureCollection whose
 * features have `code` and `nom`), simplified together so that shared borders stay shared.
 * Features without a code or with a geometry that is not a (Multi)Polygon are skipped.
 */
export function communeShapesOf(json: unknown, what = 'answer'): Map<string, CommuneShape> {
	const fc = json as { type?: unknown; features?: unknown } | null;
	if (typeof fc !== 'object' || fc === null || fc.type !== 'FeatureCollection')
		throw new CommuneShapeError('invalid', `${what} is not a GeoJSON FeatureCollection`);
	if (!Array.isArray(fc.features))
		throw new CommuneShapeError('invalid', `${what} has no features array`);
	const names = new Map<string, string>();
	const outlines = new Map<string, Outline>();
	for (const feature of fc.features as unknown[]) {
		const { properties, geometry } = (feature ?? {}) as {
			properties?: { code?: unknown; nom?: unknown } | null;
			geometry?: unknown;
		};
		const code = typeof properties?.code === 'string' ? properties.code.trim().toUpperCase() : '';
		const outline = asOutline(geometry);
		if (!isCommuneCode(code) || outline === null) continue;
		names.set(code, typeof properties?.nom === 'string' ? properties.nom : code);
		outlines.set(code, outline);
	}
	const shapes = new Map<string, CommuneShape>();
	for (const [code, geometry] of simplifyOutlines(outlines))
		shapes.set(code, { name: names.get(code)!, geometry });
	return shapes;
}

function groupByDepartement(codes: string[]): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const code of codes) {
		const dep = departementOfCommune(code);
		if (dep === null) continue;
		const list = groups.get(dep);
		if (list) list.push(code);
		else groups.set(dep, [code]);
	}
	return groups;
}

export interface GeoApiOptions {
	timeoutMs?: number;
}

export class GeoApiProvider implements CommuneShapeProvider {
	readonly name: string;
	private readonly baseUrl: string;
	private readonly timeoutMs: number;

	constructor(
		private readonly fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
		baseUrl: string = GEO_API_URL,
		options: GeoApiOptions = {}
	) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		// 'geo.api.gouv.fr' for the public service; the host of a self-hosted one otherwise.
		this.name = new URL(this.baseUrl).host;
		this.timeoutMs = options.timeoutMs ?? GEO_API_TIMEOUT_MS;
	}

	/** `/departements/{dep}/communes?…` for one département. */
	urlOf(departement: string): string {
		const query = new URLSearchParams({
			format: 'geojson',
			geometry: 'contour',
			fields: 'code,nom'
		});
		return `${this.baseUrl}/departements/${encodeURIComponent(departement)}/communes?${query}`;
	}

	async fetchShapes(codes: string[]): Promise<Map<string, CommuneShape>> {
		const result = new Map<string, CommuneShape>();
		const failures: CommuneShapeError[] = [];
		// One département after the other: a territory spans one or two, and the service asks
		// for moderation (50 requests/s per IP).
		for (const [dep, wanted] of groupByDepartement(codes)) {
			let shapes: Map<string, CommuneShape>;
			try {
				shapes = communeShapesOf(await this.getJson(this.urlOf(dep)), `Geo API answer for ${dep}`);
			} catch (error) {
				failures.push(
					error instanceof CommuneShapeError
						? error
						: new CommuneShapeError('invalid', String(error), undefined, { cause: error })
				);
				continue;
			}
			for (const code of wanted) {
				const shape = shapes.get(code);
				if (shape) result.set(code, shape);
			}
		}
		if (failures.length > 0) {
			throw new CommuneShapeError(
				failures[0]!.code,
				failures.map((f) => f.message).join('; '),
				result,
				{ cause: failures[0] }
			);
		}
		return result;
	}

	private async getJson(url: string): Promise<unknown> {
		const signal = AbortSignal.timeout(this.timeoutMs);
		const timedOut = () => signal.aborted;
		let response: Response;
		try {
			response = await this.fetchFn(url, {
				signal,
				headers: { accept: 'application/geo+json, application/json' }
			});
		} catch (error) {
			throw timedOut()
				? new CommuneShapeError(
						'timeout',
						`Geo API: no answer from ${url} within ${this.timeoutMs} ms`
					)
				: new CommuneShapeError(
						'unreachable',
						`Geo API: ${url} unreachable (${error instanceof Error ? error.message : String(error)})`,
						undefined,
						{ cause: error }
					);
		}
		if (!response.ok) {
			// Let the connection go: the body is not read.
			await response.body?.cancel().catch(() => {});
			throw new CommuneShapeError('http', `Geo API: ${url} answered HTTP ${response.status}`);
		}
		try {
			return await response.json();
		} catch (error) {
			throw timedOut()
				? new CommuneShapeError(
						'timeout',
						`Geo API: answer of ${url} not received within ${this.timeoutMs} ms`
					)
				: new CommuneShapeError('invalid', `Geo API: answer of ${url} is not JSON`, undefined, {
						cause: error
					});
		}
	}
}

export class FileProvider implements CommuneShapeProvider {
	readonly name: string;
	readonly path: string;
	private shapes: Promise<Map<string, CommuneShape>> | null = null;

	constructor(path: string) {
		this.path = resolve(path);
		this.name = `file:${basename(this.path)}`;
	}

	async fetchShapes(codes: string[]): Promise<Map<string, CommuneShape>> {
		// Read and simplified once: every later territory picks its communes from the same map.
		this.shapes ??= readFile(this.path, 'utf8').then(
			(text) => communeShapesOf(JSON.parse(text), this.path),
			(error: unknown) => {
				throw new CommuneShapeError(
					'file',
					`Commune outlines file ${this.path} unreadable (${error instanceof Error ? error.message : String(error)})`,
					undefined,
					{ cause: error }
				);
			}
		);
		let all: Map<string, CommuneShape>;
		try {
			all = await this.shapes;
		} catch (error) {
			this.shapes = null;
			if (error instanceof CommuneShapeError) throw error;
			throw new CommuneShapeError('invalid', `${this.path} is not JSON`, undefined, {
				cause: error
			});
		}
		const result = new Map<string, CommuneShape>();
		for (const code of codes) {
			const shape = all.get(code);
			if (shape) result.set(code, shape);
		}
		return result;
	}
}

/** No outside service and no file: no outlines (the map still draws its points). */
export class OfflineProvider implements CommuneShapeProvider {
	readonly name = 'offline';
	async fetchShapes(): Promise<Map<string, CommuneShape>> {
		return new Map();
	}
}

const MODES = ['api', 'offline'] as const;

/** Throws on a misspelt MAILLAGE_GEO, as `geocoderFromEnv` does for its own variable. */
export function communeShapesFromEnv(
	env: Record<string, string | undefined>,
	fetchFn?: typeof fetch
): CommuneShapeProvider {
	const file = env.MAILLAGE_COMMUNE_SHAPES_FILE?.trim();
	if (file) return new FileProvider(file);
	const mode = (env.MAILLAGE_GEO ?? '').trim().toLowerCase() || 'api';
	if (!(MODES as readonly string[]).includes(mode))
		throw new Error(`MAILLAGE_GEO="${env.MAILLAGE_GEO}" is not one of: ${MODES.join(', ')}`);
	if (mode === 'offline') return new OfflineProvider();
	return new GeoApiProvider(fetchFn);
}

export interface LoadOptions {
	/** Clock of the failure memo (tests). */
	now?: () => number;
	log?: (message: string) => void;
}

interface ProviderMemo {
	/** Sorted code list → time until which it is not fetched again. */
	failed: Map<string, number>;
	/** Sorted code list → the fetch in progress, shared by simultaneous page views. */
	inFlight: Map<string, Promise<Map<string, CommuneShape>>>;
}

// Process-wide on purpose, like the database connection: it holds only which communes could not
// be fetched lately (public reference data, nothing about any user), per provider instance.
const memos = new WeakMap<CommuneShapeProvider, ProviderMemo>();

function memoOf(provider: CommuneShapeProvider): ProviderMemo {
	let memo = memos.get(provider);
	if (!memo) {
		memo = { failed: new Map(), inFlight: new Map() };
		memos.set(provider, memo);
	}
	return memo;
}

const defaultLog = (message: string) => console.warn(`[maillage geo] ${message}`);

/**
 * The outlines of `codes`: read from the cache, the missing ones fetched from `provider` and
 * stored for next time. Never throws: what cannot be read or fetched is just missing from the
 * result. A fetch that leaves codes without outline (service unreachable, offline, unknown
 * code) is not tried again for the same codes during `FAILURE_MEMO_MS`, so that an offline
 * server does not wait on the network at every page view.
 *
 * Runs its own transactions with `db.asAdmin` (the cache is written by the server only): do not
 * call it inside another transaction of the embedded database, which has a single connection.
 */
export async function loadCommuneShapes(
	db: Database,
	codes: string[],
	provider: CommuneShapeProvider,
	options: LoadOptions = {}
): Promise<Map<string, CommuneShape>> {
	const now = options.now ?? Date.now;
	const log = options.log ?? defaultLog;
	const wanted = [...new Set(codes.filter(isCommuneCode))].sort();
	const result = new Map<string, CommuneShape>();
	if (wanted.length === 0) return result;

	try {
		const rows = await db.asAdmin((tx) =>
			tx.query<{ code: string; name: string; geometry: unknown }>(
				'select code, name, geometry from public.commune_shape where code = any($1::text[])',
				[wanted]
			)
		);
		for (const row of rows) {
			const geometry = asOutline(
				typeof row.geometry === 'string' ? JSON.parse(row.geometry) : row.geometry
			);
			if (geometry) result.set(row.code, { name: row.name, geometry });
		}
	} catch (error) {
		log(`commune outlines cache unreadable: ${error instanceof Error ? error.message : error}`);
		return result;
	}

	const missing = wanted.filter((code) => !result.has(code));
	if (missing.length === 0) return result;
	const memo = memoOf(provider);
	const memoKey = missing.join(',');
	const until = memo.failed.get(memoKey);
	if (until !== undefined && until > now()) return result;
	memo.failed.delete(memoKey);

	let fetching = memo.inFlight.get(memoKey);
	if (!fetching) {
		fetching = fetchAndStore(db, missing, provider, memo, now, log).finally(() =>
			memo.inFlight.delete(memoKey)
		);
		memo.inFlight.set(memoKey, fetching);
	}
	for (const [code, shape] of await fetching) result.set(code, shape);
	return result;
}

async function fetchAndStore(
	db: Database,
	missing: string[],
	provider: CommuneShapeProvider,
	memo: ProviderMemo,
	now: () => number,
	log: (message: string) => void
): Promise<Map<string, CommuneShape>> {
	let fetched: Map<string, CommuneShape>;
	try {
		fetched = await provider.fetchShapes(missing);
	} catch (error) {
		fetched = error instanceof CommuneShapeError ? error.partial : new Map();
		log(
			`commune outlines not fetched from ${provider.name}: ${error instanceof Error ? error.message : error}`
		);
	}
	const asked = new Set(missing);
	const found = new Map([...fetched].filter(([code]) => asked.has(code)));
	const still = missing.filter((code) => !found.has(code));
	if (still.length > 0) memo.failed.set(still.join(','), now() + FAILURE_MEMO_MS);
	if (found.size > 0) {
		const rows = [...found].map(([code, s]) => ({ code, name: s.name, geometry: s.geometry }));
		try {
			// One statement whatever the number of communes; jsonb sent as text so that both
			// drivers store objects, not JSON strings.
			await db.asAdmin((tx) =>
				tx.query(
					`insert into public.commune_shape (code, name, geometry, source)
					 select r.code, r.name, r.geometry, $2
					   from jsonb_to_recordset($1::text::jsonb) as r(code text, name text, geometry jsonb)
					 on conflict (code) do nothing`,
					[JSON.stringify(rows), provider.name]
				)
			);
		} catch (error) {
			log(`commune outlines not cached: ${error instanceof Error ? error.message : error}`);
		}
	}
	return found;
}
