import { describe, expect, it } from 'vitest';
import { getLocale, m } from '$lib/i18n';
import { BAN_LEGACY_URL, BanGeocoder, type BanGeocoderOptions } from './ban';
import { CommuneCentreGeocoder } from './offline';
import { fakeBan, fixtureAnswer, readFixture, testCommunes, type FakeBan } from './test-helpers';
import type { GeocodeProgress, GeocodeQuery, GeocodeResult } from './types';

const UZES: [number, number] = [4.4162, 44.01334];
const CASTILLON: [number, number] = [4.55586, 43.97821];

/** The listing rows of `tests/fixtures/ban/pays-uzes.*.csv` (see the README there). */
const QUERIES: GeocodeQuery[] = [
	q('a1', '12 Place aux Herbes', '30700', '30334', 'Uzès'),
	q('a2', 'Chemin de la Fontaine', '30700', '30295', 'Saint-Quentin-la-Poterie'),
	q('a3', 'Les Mazes', '30190', '30184', 'Moussac'),
	q('a4', null, '30700', '30041', 'Blauzac'),
	q('a5', 'zzz inconnu 999', '30210', '30073', 'Castillon-du-Gard'),
	q('a6', '12 Place aux Herbes', '75001', '75056', 'Paris'),
	q('a7', 'Rue Imaginaire', '30000', '30189', 'Nîmes'),
	q('a8', '"Le Mas", BP 12\n45 route d\'Alès', '30700', null, 'Uzes'),
	q('a9', null, '30580', null, null),
	q('a10', '12 Place aux Herbes', '30700', '30334', 'Uzès'),
	q('a11', '10 Avenue de la République', '75011', '75056', 'Paris'),
	q('a12', null, null, '30338', null)
];

function q(
	id: string,
	address: string | null,
	postcode: string | null,
	communeCode: string | null,
	communeName: string | null
): GeocodeQuery {
	return { id, address, postcode, communeCode, communeName };
}

function geocoder(ban: FakeBan, options: BanGeocoderOptions = {}, sleeps: number[] = []) {
	const communes = async () => testCommunes();
	return new BanGeocoder({
		fetch: ban.fetch,
		communes,
		fallback: new CommuneCentreGeocoder({ communes }),
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		...options
	});
}

const serveFixture = () => fakeBan((call) => fixtureAnswer('pays-uzes.response.csv', call.rows));

function byId(results: GeocodeResult[]): Record<string, GeocodeResult> {
	const out: Record<string, GeocodeResult> = {};
	for (const r of results) {
		expect(out[r.id], `one result per id (${r.id})`).toBeUndefined();
		out[r.id] = r;
	}
	return out;
}

const EXPECTED_WARNINGS = () => [
	m.geocode_warning_not_found({ count: 1 }),
	m.geocode_warning_low_score({ count: 1, min: (0.5).toLocaleString(getLocale()) }),
	m.geocode_warning_other_commune({ count: 1 }),
	m.geocode_warning_unknown_commune({ count: 1 }),
	m.geocode_warning_no_centre({
		count: 2,
		source: 'CC Pays d’Uzès (IGN Admin Express COG 2018, centroïdes)'
	})
];

describe('BanGeocoder with recorded answers', () => {
	it('sends the documented multipart request, by header names', async () => {
		const ban = serveFixture();
		await geocoder(ban).geocode(QUERIES);
		expect(ban.calls).toHaveLength(1);
		const [call] = ban.calls;
		expect(call!.url).toBe('https://data.geopf.fr/geocodage/search/csv/');
		expect(call!.method).toBe('POST');
		expect(call!.form.getAll('columns')).toEqual(['adresse', 'commune']);
		expect(call!.form.get('postcode')).toBe('code_postal');
		expect(call!.form.get('citycode')).toBe('code_insee');
		expect(call!.fileName).toMatch(/\.csv$/);
		// Byte for byte: distinct queries only, cleaned, quoted, filters as documented in ban.ts.
		expect(call!.csv).toBe(readFixture('pays-uzes.request.csv'));
	});

	it('maps the answer to results and sends the rest to commune centres', async () => {
		const ban = serveFixture();
		const { results, warnings } = await geocoder(ban).geocode(QUERIES);
		const r = byId(results);
		expect(Object.keys(r).sort()).toEqual(
			['a1', 'a10', 'a11', 'a12', 'a2', 'a3', 'a4', 'a5', 'a8'].sort()
		);
		expect(r.a1).toEqual({
			id: 'a1',
			lng: 4.419783,
			lat: 44.012291,
			quality: 'exact',
			label: '12 Place aux Herbes 30700 Uzès',
			score: 0.9641,
			provider: 'ban'
		});
		// The same address twice is asked once and answered twice.
		expect(r.a10).toEqual({ ...r.a1, id: 'a10' });
		expect(r.a2).toMatchObject({ quality: 'street', provider: 'ban', score: 0.7815 });
		expect(r.a3).toMatchObject({
			quality: 'street',
			provider: 'ban',
			label: 'Les Mazes 30190 Moussac'
		});
		expect(r.a4).toMatchObject({ quality: 'commune', provider: 'ban', label: 'Blauzac' });
		expect(r.a12).toMatchObject({ quality: 'commune', provider: 'ban', label: 'Vallérargues' });
		expect(r.a8).toMatchObject({ quality: 'exact', provider: 'ban', lat: 44.021937 });
		expect(r.a11).toMatchObject({ quality: 'exact', provider: 'ban', lng: 2.369412 });
		// Score 0.31 < 0.5: the listing's commune centre instead of the BAN's guess.
		expect(r.a5).toEqual({
			id: 'a5',
			lng: CASTILLON[0],
			lat: CASTILLON[1],
			quality: 'commune',
			label: 'Castillon-du-Gard',
			score: null,
			provider: 'commune-centre'
		});
		// a6: the BAN says Uzès for a Paris listing → rejected, and Paris has no centre here.
		// a7: not found, Nîmes has no centre here. a9: a postcode shared by several communes.
		expect(warnings).toEqual(EXPECTED_WARNINGS());
	});

	it('reads the old api-adresse column order from MAILLAGE_BAN_URL', async () => {
		const ban = fakeBan((call) => fixtureAnswer('legacy-api-adresse.response.csv', call.rows));
		const g = geocoder(ban, { baseUrl: BAN_LEGACY_URL + '/' });
		const { results, warnings } = await g.geocode([QUERIES[0]!, QUERIES[6]!]);
		expect(ban.calls[0]!.url).toBe('https://api-adresse.data.gouv.fr/search/csv/');
		expect(results).toEqual([
			{
				id: 'a1',
				lng: 4.419783,
				lat: 44.012291,
				quality: 'exact',
				label: '12 Place aux Herbes 30700 Uzès',
				score: 0.9641,
				provider: 'ban'
			}
		]);
		expect(warnings[0]).toBe(m.geocode_warning_not_found({ count: 1 }));
	});

	it('reports progress up to the total, never backwards', async () => {
		const ban = serveFixture();
		const seen: GeocodeProgress[] = [];
		await geocoder(ban, { maxRowsPerFile: 3 }).geocode(QUERIES, {
			onProgress: (p) => seen.push(p)
		});
		expect(seen.length).toBeGreaterThan(2);
		for (const p of seen) expect(p.total).toBe(QUERIES.length);
		for (let i = 1; i < seen.length; i++)
			expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
		expect(seen.at(-1)).toEqual({ done: QUERIES.length, total: QUERIES.length });
	});
});

describe('BanGeocoder within the documented limits', () => {
	it('retries after 429, waiting what Retry-After says', async () => {
		const ban = fakeBan((call, n) =>
			n === 1
				? new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '0' } })
				: fixtureAnswer('pays-uzes.response.csv', call.rows)
		);
		const sleeps: number[] = [];
		const { results, warnings } = await geocoder(ban, {}, sleeps).geocode(QUERIES);
		expect(ban.calls).toHaveLength(2);
		expect(ban.calls[1]!.csv).toBe(ban.calls[0]!.csv);
		expect(sleeps).toEqual([0]);
		expect(results).toHaveLength(9);
		expect(warnings).toEqual(EXPECTED_WARNINGS());
	});

	it('backs off exponentially on 5xx without Retry-After, then gives up and falls back', async () => {
		const ban = fakeBan(() => new Response('Bad Gateway', { status: 502 }));
		const sleeps: number[] = [];
		const { results, warnings } = await geocoder(ban, { maxRetries: 3 }, sleeps).geocode(QUERIES);
		expect(ban.calls).toHaveLength(4);
		expect(sleeps).toEqual([1000, 2000, 4000]);
		// Everything placed offline: the communes of the demo table only.
		const r = byId(results);
		expect(Object.keys(r).sort()).toEqual(
			['a1', 'a10', 'a12', 'a2', 'a3', 'a4', 'a5', 'a8'].sort()
		);
		for (const x of results)
			expect(x).toMatchObject({ provider: 'commune-centre', quality: 'commune' });
		expect([r.a1!.lng, r.a1!.lat]).toEqual(UZES);
		expect(warnings[0]).toBe(m.geocode_warning_unreachable({ detail: 'HTTP 502', count: 11 }));
	});

	it('never has more than 2 requests in flight', async () => {
		for (const concurrency of [undefined, 8]) {
			const ban = serveFixture();
			const { results } = await geocoder(ban, { maxRowsPerFile: 1, concurrency }).geocode(QUERIES);
			expect(ban.calls).toHaveLength(10);
			expect(ban.maxInFlight()).toBe(2);
			expect(results).toHaveLength(9);
		}
	});

	it('splits files by size and still answers every query once', async () => {
		const whole = await geocoder(serveFixture()).geocode(QUERIES);
		const ban = serveFixture();
		const limit = 120;
		const split = await geocoder(ban, { maxFileBytes: limit }).geocode(QUERIES);
		expect(ban.calls.length).toBeGreaterThan(2);
		for (const c of ban.calls)
			expect(Buffer.byteLength(c.csv) <= limit || c.rows.length === 1).toBe(true);
		const mids = ban.calls.flatMap((c) => c.rows.map((r) => r.mid));
		expect(mids.sort((a, b) => Number(a) - Number(b))).toEqual(
			Array.from({ length: 10 }, (_, i) => String(i))
		);
		const sort = (rs: GeocodeResult[]) => [...rs].sort((a, b) => a.id.localeCompare(b.id));
		expect(sort(split.results)).toEqual(sort(whole.results));
		expect(split.warnings).toEqual(whole.warnings);
	});

	it('halves a file the service finds too large (413)', async () => {
		const ban = fakeBan((call) =>
			call.rows.length > 3
				? new Response('Payload Too Large', { status: 413 })
				: fixtureAnswer('pays-uzes.response.csv', call.rows)
		);
		const { results } = await geocoder(ban).geocode(QUERIES);
		expect(ban.calls.map((c) => c.rows.length)).toEqual([10, 5, 5, 3, 2, 3, 2]);
		expect(results).toHaveLength(9);
	});

	it('sends again the rows a truncated answer left out', async () => {
		const ban = fakeBan((call, n) =>
			fixtureAnswer('pays-uzes.response.csv', call.rows, (mid) => n === 1 && Number(mid) >= 7)
		);
		const { results, warnings } = await geocoder(ban).geocode(QUERIES);
		expect(ban.calls.map((c) => c.rows.map((r) => r.mid))).toEqual([
			['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
			['7', '8', '9']
		]);
		expect(results).toHaveLength(9);
		expect(warnings).toEqual(EXPECTED_WARNINGS());
	});

	it('falls back with a warning when a file stays incomplete', async () => {
		const ban = fakeBan((call) =>
			fixtureAnswer('pays-uzes.response.csv', call.rows, (mid) => mid === '0')
		);
		const { results, warnings } = await geocoder(ban).geocode([QUERIES[0]!, QUERIES[1]!]);
		expect(ban.calls).toHaveLength(2);
		expect(byId(results).a1).toMatchObject({ provider: 'commune-centre', lng: UZES[0] });
		expect(warnings).toEqual([m.geocode_warning_incomplete({ count: 1 })]);
	});

	it('falls back on a refused file without retrying it', async () => {
		const ban = fakeBan(() => new Response('Bad Request', { status: 400 }));
		const { results, warnings } = await geocoder(ban).geocode([QUERIES[0]!]);
		expect(ban.calls).toHaveLength(1);
		expect(results).toEqual([
			{
				id: 'a1',
				lng: UZES[0],
				lat: UZES[1],
				quality: 'commune',
				label: 'Uzès',
				score: null,
				provider: 'commune-centre'
			}
		]);
		expect(warnings).toEqual([m.geocode_warning_refused({ count: 1, status: '400' })]);
	});
});

describe('BanGeocoder at census scale', () => {
	it('geocodes 30 000 queries in files of 2000 rows', async () => {
		const n = 30_000;
		const queries = Array.from({ length: n }, (_, i) =>
			q(`r${i}`, `${i} chemin des Aires`, null, i % 2 === 0 ? '30334' : null, 'Uzès')
		);
		// A generic answer: every row found on a street of Uzès.
		const ban = fakeBan(
			(call) =>
				new Response(
					'mid,latitude,longitude,result_score,result_type,result_citycode,result_status\n' +
						call.rows.map((r) => `${r.mid},44.01,4.41,0.8,street,30334,ok`).join('\n')
				)
		);
		const seen: GeocodeProgress[] = [];
		const { results, warnings } = await geocoder(ban).geocode(queries, {
			onProgress: (p) => seen.push(p)
		});
		expect(ban.calls).toHaveLength(15);
		expect(ban.maxInFlight()).toBeLessThanOrEqual(2);
		expect(results).toHaveLength(n);
		expect(warnings).toEqual([]);
		expect(seen.at(-1)).toEqual({ done: n, total: n });
	});
});

describe('BanGeocoder offline or slow', () => {
	it('places at commune centres when fetch rejects, and stops asking', async () => {
		let calls = 0;
		const fetchImpl = (async () => {
			calls++;
			throw new TypeError('fetch failed');
		}) as unknown as typeof fetch;
		const sleeps: number[] = [];
		const g = geocoder(
			{ fetch: fetchImpl, calls: [], maxInFlight: () => 0 },
			{ maxRowsPerFile: 2 },
			sleeps
		);
		const { results, warnings } = await g.geocode(QUERIES);
		// 5 files, but after the first one failed twice (1 retry) the others are not sent.
		expect(calls).toBeLessThanOrEqual(4);
		const r = byId(results);
		expect(Object.keys(r).sort()).toEqual(
			['a1', 'a10', 'a12', 'a2', 'a3', 'a4', 'a5', 'a8'].sort()
		);
		for (const x of results) expect(x.provider).toBe('commune-centre');
		expect(r.a8).toMatchObject({ lng: UZES[0], lat: UZES[1], label: 'Uzès' });
		expect(warnings[0]).toBe(m.geocode_warning_unreachable({ detail: 'fetch failed', count: 11 }));
	});

	it('gives up on a request that outlives its timeout', async () => {
		// Answers only when the request is aborted, as a stalled server would.
		const ban = fakeBan(
			(call) =>
				new Promise<Response>((_, reject) => {
					const signal = call.signal!;
					if (signal.aborted) reject(signal.reason);
					signal.addEventListener('abort', () => reject(signal.reason));
				})
		);
		const { results, warnings } = await geocoder(ban, { timeoutMs: 20, networkRetries: 0 }).geocode(
			[QUERIES[0]!]
		);
		expect(ban.calls).toHaveLength(1);
		expect(results[0]).toMatchObject({ id: 'a1', provider: 'commune-centre' });
		expect(warnings[0]).toBe(m.geocode_warning_unreachable({ detail: 'timeout 20 ms', count: 1 }));
	});

	it("rejects with the caller's reason when the caller aborts", async () => {
		const controller = new AbortController();
		const ban = fakeBan((call) => {
			controller.abort(new DOMException('stop', 'AbortError'));
			return new Promise<Response>((_, reject) =>
				call.signal!.aborted ? reject(call.signal!.reason) : undefined
			);
		});
		await expect(
			geocoder(ban).geocode(QUERIES, { signal: controller.signal })
		).rejects.toMatchObject({
			name: 'AbortError'
		});
	});
});
