/**
 * The map page of the app itself at 1k and 100k actors (issue #5: "100,000 actors must stay
 * usable"): synthetic public territories (`npm run synthetic`) loaded into a throwaway embedded
 * database, the built app started on it (`node scripts/start.js`, which builds when needed), then
 * in headless Chromium: time until every actor is drawn and indexed (map, facets, directory),
 * time for one facet click to reach the map and the directory, JS heap, table rows in the DOM;
 * and the actors endpoint on its own (server time, raw and gzipped size).
 *
 * Alone: `node --import tsx bench/map-page.ts [sizes…]` (prints the table, writes no document).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './map';

const SIZES = [1_000, 100_000];
const VIEWPORT = { width: 1440, height: 900 };

interface PageRun {
	actors: number;
	located: number;
	loadSeedS: number;
	endpointMs: number;
	rawMB: number;
	gzipMB: number;
	drawnMs: number;
	indexedMs: number;
	filterMs: number;
	heapMB: number;
	rows: number;
	directoryRows: number;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function seed(dataDir: string, actors: number, slug: string): number {
	const start = Date.now();
	const result = spawnSync(
		process.execPath,
		[
			'--import',
			'tsx',
			'scripts/synthetic-territory.ts',
			'--actors',
			String(actors),
			'--slug',
			slug,
			'--data-dir',
			dataDir
		],
		{ stdio: 'inherit', env: { ...process.env, MAILLAGE_NO_DEMO: '1' } }
	);
	if (result.status !== 0) throw new Error(`synthetic territory ${slug} failed`);
	return (Date.now() - start) / 1000;
}

async function measurePage(base: string, slug: string): Promise<Omit<PageRun, 'loadSeedS'>> {
	const endpoint = `${base}/t/${slug}/map/actors.geojson`;
	const t0 = Date.now();
	const response = await fetch(endpoint, { headers: { 'accept-encoding': 'gzip' } });
	const body = Buffer.from(await response.arrayBuffer());
	const endpointMs = Date.now() - t0;
	// fetch decodes gzip itself; the size on the wire is measured by asking again with node:http.
	const raw = body;
	const data = JSON.parse(raw.toString('utf8')) as { features: unknown[]; unlocated: unknown[] };
	const gzipped = await new Promise<number>((resolve, reject) => {
		import('node:http')
			.then(({ get }) =>
				get(endpoint, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
					let size = 0;
					res.on('data', (chunk: Buffer) => (size += chunk.length));
					res.on('end', () => resolve(size));
				}).on('error', reject)
			)
			.catch(reject);
	});

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	try {
		const page = await browser.newPage({ viewport: VIEWPORT, locale: 'fr-FR' });
		// Offline like the tests: the online basemap fails and the plain style takes over.
		await page.route('**/*', (route) =>
			route.request().url().startsWith(base)
				? route.continue()
				: route.abort('internetdisconnected')
		);
		const start = Date.now();
		await page.goto(`${base}/t/${slug}/map`);
		await page.waitForSelector('[data-testid=actor-map][data-actor-count]', { timeout: 300_000 });
		const drawnMs = Date.now() - start;
		await page.waitForFunction(
			() =>
				Number(
					document.querySelector('[data-testid=directory-count]')?.getAttribute('data-count')
				) > 0,
			null,
			{ timeout: 300_000 }
		);
		const indexedMs = Date.now() - start;
		await page.waitForTimeout(1000);

		// One facet click: until the map has drawn the new set and the directory lists it.
		const box = page.locator('[data-testid="facet-kind"] input[data-value="cooperative"]');
		const clickAt = Date.now();
		await box.check();
		const expected = await page.getAttribute('[data-testid=map-match-count]', 'data-count');
		await page.waitForFunction(
			(n) => {
				const map = document.querySelector('[data-testid=actor-map]');
				const dir = document.querySelector('[data-testid=directory-count]');
				return (
					Number(dir?.getAttribute('data-count')) <= Number(n) &&
					Number(map?.getAttribute('data-actor-count')) <= Number(n)
				);
			},
			expected,
			{ timeout: 60_000 }
		);
		const filterMs = Date.now() - clickAt;
		await box.uncheck();
		await page.waitForTimeout(2000);

		const cdp = await page.context().newCDPSession(page);
		await cdp.send('HeapProfiler.collectGarbage');
		await cdp.send('Performance.enable');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
		return {
			actors: data.features.length + data.unlocated.length,
			located: data.features.length,
			endpointMs,
			rawMB: raw.length / 2 ** 20,
			gzipMB: gzipped / 2 ** 20,
			drawnMs,
			indexedMs,
			filterMs,
			heapMB: heap / 2 ** 20,
			rows: await page.locator('tr').count(),
			directoryRows: Number(await page.getAttribute('[data-testid=directory-count]', 'data-count'))
		};
	} finally {
		await browser.close();
	}
}

function table(runs: PageRun[]): string {
	const n = (v: number, digits = 0) =>
		v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	const lines = [
		'| actors (located) | actors.geojson: server ms / raw MB / gzip MB | page: all drawn ms | all indexed (facets, directory) ms | one facet click → map + directory ms | JS heap MB (page) | `tr` in the DOM / directory rows |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	for (const r of runs) {
		lines.push(
			`| ${n(r.actors)} (${n(r.located)}) | ${n(r.endpointMs)} / ${n(r.rawMB, 1)} / ${n(r.gzipMB, 1)} | ${n(r.drawnMs)} | ${n(r.indexedMs)} | ${n(r.filterMs)} | ${n(r.heapMB)} | ${r.rows} / ${n(r.directoryRows)} |`
		);
	}
	return lines.join('\n');
}

export async function mapPageBenchmark(sizes: number[] = SIZES): Promise<string> {
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'maillage-bench-page-'));
	let server: ChildProcess | null = null;
	const runs: PageRun[] = [];
	try {
		const seeds = sizes.map((size) => seed(dataDir, size, `bench-${size}`));
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		server = spawn(process.execPath, ['scripts/start.js'], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				MAILLAGE_DATA_DIR: dataDir,
				MAILLAGE_NO_DEMO: '1',
				MAILLAGE_GEOCODER: 'offline',
				MAILLAGE_GEO: 'offline',
				// The bench measures the app, not its limits.
				MAILLAGE_RATE_LIMIT: 'off'
			}
		});
		await waitForHttp(`${base}/`, 600_000);
		for (const [i, size] of sizes.entries()) {
			const run = { ...(await measurePage(base, `bench-${size}`)), loadSeedS: seeds[i]! };
			runs.push(run);
			console.log(table([run]).split('\n').at(-1));
		}
	} finally {
		server?.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 1000));
		await rm(dataDir, { recursive: true, force: true });
	}
	const out = table(runs);
	console.log(out);
	return [
		'## Map page of the app (1k and 100k actors)',
		'',
		'`bench/map-page.ts` (`npm run bench -- page`): synthetic public territories',
		'(`npm run synthetic`) in a throwaway embedded database, the built app (`scripts/start.js`)',
		'on it, the page opened in headless Chromium (1440×900, offline: fallback basemap, no',
		'outlines). "All drawn": navigation to every actor in the map source; "all indexed": the',
		'facets and the directory have them too; "one facet click": checking « Coopérative » until',
		'the map source and the directory hold the matching set. The server time of',
		'`/map/actors.geojson` is one request with `accept-encoding: gzip`. One run per size.',
		`Loading the synthetic territories took ${runs.map((r) => `${n1(r.loadSeedS)} s`).join(' and ')}.`,
		'',
		out
	].join('\n');
}

function n1(v: number): string {
	return v.toFixed(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);
	await mapPageBenchmark(sizes.length > 0 ? sizes : SIZES);
}
