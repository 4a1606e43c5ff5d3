/**
 * Map drawing benchmark (issue #5): the same synthetic actors (1k / 10k / 100k) drawn in headless
 * Chromium by MapLibre with the app's clustered layers, and by Leaflet + Leaflet.markercluster
 * with one DOM marker per actor (the stack of GoGoCarto, uMap and YesWiki). For each: time from
 * navigation start to the first full draw, JS heap (page and workers) and DOM nodes after a
 * forced GC, and the memory of the browser's processes. Returns the Markdown section.
 *
 * Alone: `node --import tsx bench/map.ts [sizes…]` (prints the table, writes no document).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { fallbackStyle, DEFAULT_TEXT_FONT } from '../src/lib/map/basemap';
import {
	actorLayerIds,
	actorLayers,
	CLUSTER_MAX_ZOOM,
	CLUSTER_RADIUS,
	KIND_COLOURS
} from '../src/lib/map/style';
import { dataBBox, fitView, syntheticActors } from './map/data';
import { startServer, type BenchLibrary } from './map/server';

const SIZES = [1_000, 10_000, 100_000];
const RUNS = 3;
const TIMEOUT_MS = 120_000;
const VIEWPORT = { width: 1280, height: 800 };
/** Margin around the data in the initial view, px (the app's fitBounds padding). */
const PADDING = 48;
const SOURCE_ID = 'actors';
const OUT = fileURLToPath(new URL('./map/out/', import.meta.url));
const LIBRARIES: BenchLibrary[] = ['maplibre', 'leaflet'];
/** Headless Chromium as the tests run it (playwright.config.ts). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** What the page leaves in `window.__bench`. */
interface PageResult {
	error?: string;
	drawMs: number;
	drawn: number;
	clusters: number;
	marks: Record<string, number>;
	workers?: number;
	zoom: number;
}

interface Run {
	drawMs: number;
	drawn: number;
	clusters: number;
	/** Main thread JS heap used after GC, bytes. */
	pageHeap: number;
	/** JS heap used by the page's dedicated workers after GC, bytes. */
	workerHeap: number;
	workers: number;
	nodes: number;
	/** Proportional set size of every Chromium process of the run, bytes. */
	pssTotal: number;
	/** PSS of the renderer process that drew the page, bytes. */
	pssRenderer: number;
	/** PSS of the GPU process (SwiftShader's WebGL lives there with --disable-gpu), bytes. */
	pssGpu: number;
	marks: Record<string, number>;
}
type Outcome = { ok: true; run: Run } | { ok: false; reason: 'timeout' | 'error'; message: string };

/**
 * Dedicated workers are not reachable through Playwright's CDP sessions; this attaches to them
 * with the (non-flattened) Target domain of the page's session and sends them raw commands.
 * https://chromedevtools.github.io/devtools-protocol/tot/Target/#method-setAutoAttach
 */
class WorkerSessions {
	readonly sessions = new Set<string>();
	#pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
	#nextId = 1;

	constructor(private readonly cdp: CDPSession) {
		cdp.on('Target.attachedToTarget', (event) => {
			if (event.targetInfo.type === 'worker') this.sessions.add(event.sessionId);
		});
		cdp.on('Target.detachedFromTarget', (event) => {
			if (event.sessionId) this.sessions.delete(event.sessionId);
		});
		cdp.on('Target.receivedMessageFromTarget', (event) => {
			const message = JSON.parse(event.message) as { id?: number; result?: unknown };
			const resolve = message.id === undefined ? undefined : this.#pending.get(message.id);
			if (resolve && message.id !== undefined) {
				this.#pending.delete(message.id);
				resolve(message);
			}
		});
	}

	async start(): Promise<void> {
		await this.cdp.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: false,
			flatten: false
		});
	}

	async send<T>(sessionId: string, method: string, params: object = {}): Promise<T> {
		const id = this.#nextId++;
		const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
			this.#pending.set(id, resolve)
		);
		await this.cdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id, method, params })
		});
		const message = await reply;
		if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
		return message.result as T;
	}
}

async function pss(pid: number): Promise<number> {
	try {
		const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
		const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
		return kb ? Number(kb) * 1024 : 0;
	} catch {
		return 0; // the process ended, or not Linux
	}
}

/** Every Chromium process of this browser, with its PSS. */
async function processMemory(
	browser: Browser
): Promise<{ total: number; renderer: number; gpu: number }> {
	const session = await browser.newBrowserCDPSession();
	const { processInfo } = await session.send('SystemInfo.getProcessInfo');
	await session.detach();
	let total = 0;
	let gpu = 0;
	// The renderer that drew the page is the one that worked most; the others are idle
	// browser-UI pages that headless Chromium keeps (the same in every run).
	let renderer = { cpu: -1, pss: 0 };
	for (const p of processInfo) {
		const bytes = await pss(p.id);
		total += bytes;
		if (p.type === 'GPU') gpu += bytes;
		if (p.type === 'renderer' && p.cpuTime > renderer.cpu)
			renderer = { cpu: p.cpuTime, pss: bytes };
	}
	return { total, renderer: renderer.pss, gpu };
}

/** Total PSS of a freshly launched browser showing a blank page: the fixed part of every run. */
async function blankPageMemory(): Promise<number> {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	try {
		const context = await browser.newContext({ viewport: VIEWPORT });
		const page = await context.newPage();
		await page.goto('about:blank');
		await page.waitForTimeout(1000);
		return (await processMemory(browser)).total;
	} finally {
		await browser.close();
	}
}

async function runOnce(
	origin: string,
	library: BenchLibrary,
	n: number,
	screenshot: string | null
): Promise<Outcome> {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	const started = Date.now();
	const remaining = () => Math.max(1, TIMEOUT_MS - (Date.now() - started));
	try {
		const context = await browser.newContext({ viewport: VIEWPORT });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		const cdp = await context.newCDPSession(page);
		const workers = new WorkerSessions(cdp);
		await workers.start();
		await cdp.send('Performance.enable');
		await cdp.send('HeapProfiler.enable');

		await page.goto(`${origin}/${library}.html?n=${n}`, {
			timeout: remaining(),
			waitUntil: 'commit'
		});
		const handle = await page.waitForFunction(
			() => (window as unknown as { __bench?: unknown }).__bench,
			null,
			{ timeout: remaining(), polling: 200 }
		);
		const result = (await handle.jsonValue()) as PageResult;
		if (result.error || errors.length > 0) {
			return { ok: false, reason: 'error', message: result.error ?? errors.join('; ') };
		}

		// Memory once drawn: garbage collected first, in the page and in each worker.
		await cdp.send('HeapProfiler.collectGarbage');
		let workerHeap = 0;
		for (const id of workers.sessions) {
			await workers.send(id, 'HeapProfiler.collectGarbage');
			const usage = await workers.send<{ usedSize: number }>(id, 'Runtime.getHeapUsage');
			workerHeap += usage.usedSize;
		}
		const { metrics } = await cdp.send('Performance.getMetrics');
		const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
		const memory = await processMemory(browser);

		if (screenshot) await page.screenshot({ path: screenshot });
		return {
			ok: true,
			run: {
				drawMs: result.drawMs,
				drawn: result.drawn,
				clusters: result.clusters,
				pageHeap: metric('JSHeapUsedSize'),
				workerHeap,
				workers: workers.sessions.size,
				nodes: metric('Nodes'),
				pssTotal: memory.total,
				pssRenderer: memory.renderer,
				pssGpu: memory.gpu,
				marks: result.marks
			}
		};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const timedOut = Date.now() - started >= TIMEOUT_MS - 1000 || /timeout/i.test(message);
		return { ok: false, reason: timedOut ? 'timeout' : 'error', message: message.split('\n')[0]! };
	} finally {
		await browser.close();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Summary {
	runs: Outcome[];
	/** Median over all runs, a failed run counting as infinitely slow; null when most failed. */
	drawMs: number | null;
	failure: string | null;
	/** Medians over the successful runs. */
	memory: {
		pageHeap: number;
		workerHeap: number;
		nodes: number;
		pssTotal: number;
		pssRenderer: number;
		pssGpu: number;
	} | null;
	drawn: number | null;
	clusters: number | null;
}

function summarise(runs: Outcome[]): Summary {
	const ok = runs.flatMap((r) => (r.ok ? [r.run] : []));
	const times = runs.map((r) => (r.ok ? r.run.drawMs : Infinity));
	const drawMs = median(times);
	const firstFailure = runs.find((r): r is Extract<Outcome, { ok: false }> => !r.ok);
	const of = (pick: (r: Run) => number) => median(ok.map(pick));
	return {
		runs,
		drawMs: Number.isFinite(drawMs) ? drawMs : null,
		failure: firstFailure ? firstFailure.reason : null,
		memory:
			ok.length === 0
				? null
				: {
						pageHeap: of((r) => r.pageHeap),
						workerHeap: of((r) => r.workerHeap),
						nodes: of((r) => r.nodes),
						pssTotal: of((r) => r.pssTotal),
						pssRenderer: of((r) => r.pssRenderer),
						pssGpu: of((r) => r.pssGpu)
					},
		drawn: ok[0]?.drawn ?? null,
		clusters: ok[0]?.clusters ?? null
	};
}

const MB = 2 ** 20;
const fmtInt = (v: number) => Math.round(v).toLocaleString('en-US');
const fmtMb = (v: number) => (v / MB).toFixed(1);
const fmtRatio = (a: number | null | undefined, b: number | null | undefined) =>
	a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(1)}×`;

function cell(s: Summary, value: (m: NonNullable<Summary['memory']>) => string): string {
	return s.memory ? value(s.memory) : (s.failure ?? '–');
}

function drawCell(s: Summary): string {
	if (s.drawMs === null) {
		return s.failure === 'timeout' ? `timeout (> ${TIMEOUT_MS / 1000} s)` : (s.failure ?? 'failed');
	}
	const failed = s.runs.filter((r) => !r.ok).length;
	return fmtInt(s.drawMs) + (failed > 0 ? ` (${failed} of ${s.runs.length} ${s.failure})` : '');
}

export async function mapBenchmark(sizes: number[] = SIZES): Promise<string> {
	const bodies = new Map<number, Buffer>();
	const views = new Map<number, { center: [number, number]; zoom: number }>();
	for (const n of sizes) {
		const data = syntheticActors(n);
		bodies.set(n, Buffer.from(JSON.stringify(data)));
		views.set(n, fitView(dataBBox(data), VIEWPORT.width, VIEWPORT.height, PADDING));
	}
	const ids = actorLayerIds(SOURCE_ID);
	const layers = actorLayers(SOURCE_ID, DEFAULT_TEXT_FONT);
	const server = await startServer({
		data: (n) => bodies.get(n),
		settings: (library, n) => {
			const view = views.get(n) ?? { center: [4.05, 43.95], zoom: 9 };
			const common = { n, dataUrl: `/data/${n}.geojson` };
			return library === 'maplibre'
				? {
						...common,
						// MapLibre's zoom counts 512 px tiles, Leaflet's 256 px: same ground shown.
						view: { center: view.center, zoom: view.zoom - 1 },
						style: fallbackStyle(),
						sourceId: SOURCE_ID,
						layers,
						clusterLayer: ids.clusters,
						pointLayer: ids.points,
						clusterRadius: CLUSTER_RADIUS,
						clusterMaxZoom: CLUSTER_MAX_ZOOM
					}
				: { ...common, view, colours: KIND_COLOURS };
		}
	});
	await mkdir(OUT, { recursive: true });
	// Screenshots are for looking at, not for the repository.
	await writeFile(path.join(OUT, '.gitignore'), '*\n');
	const load = os.loadavg();
	const baseline = await blankPageMemory();

	const results = new Map<string, Summary>();
	try {
		for (const n of sizes) {
			const runs: Record<BenchLibrary, Outcome[]> = { maplibre: [], leaflet: [] };
			// Alternate the libraries so that a slow spell of the shared machine hits both.
			for (let i = 0; i < RUNS; i++) {
				for (const library of LIBRARIES) {
					// After a timeout, the other runs would only time out again.
					if (runs[library].some((r) => !r.ok && r.reason === 'timeout')) continue;
					const shot = i === 0 ? path.join(OUT, `${library}-${n}.png`) : null;
					const outcome = await runOnce(server.origin, library, n, shot);
					runs[library].push(outcome);
					console.log(
						`  ${library} ${n}: ` +
							(outcome.ok
								? `${fmtInt(outcome.run.drawMs)} ms, drawn ${outcome.run.drawn} in ${outcome.run.clusters} clusters, ` +
									`heap ${fmtMb(outcome.run.pageHeap)} + ${fmtMb(outcome.run.workerHeap)} MB (${outcome.run.workers} workers), ` +
									`${outcome.run.nodes} nodes, PSS ${fmtMb(outcome.run.pssTotal)} MB ` +
									`(renderer ${fmtMb(outcome.run.pssRenderer)}, GPU ${fmtMb(outcome.run.pssGpu)}), ` +
									`marks ${JSON.stringify(Object.fromEntries(Object.entries(outcome.run.marks).map(([k, v]) => [k, Math.round(v)])))}`
								: `${outcome.reason}: ${outcome.message}`)
					);
				}
			}
			for (const library of LIBRARIES) results.set(`${library}:${n}`, summarise(runs[library]));
		}
	} finally {
		await server.close();
	}

	const rows = sizes.map((n) => {
		const m = results.get(`maplibre:${n}`)!;
		const l = results.get(`leaflet:${n}`)!;
		const heap = (s: Summary) => (s.memory ? s.memory.pageHeap + s.memory.workerHeap : null);
		const mHeap = heap(m);
		const lHeap = heap(l);
		const check = [m, l].every((s) => s.drawn === null || s.drawn === n) ? '' : ' ⚠';
		return [
			fmtInt(n) + check,
			drawCell(m),
			drawCell(l),
			fmtRatio(l.drawMs, m.drawMs),
			cell(
				m,
				(x) => `${fmtMb(x.pageHeap + x.workerHeap)} (${fmtMb(x.pageHeap)} + ${fmtMb(x.workerHeap)})`
			),
			cell(l, (x) => fmtMb(x.pageHeap + x.workerHeap)),
			fmtRatio(lHeap, mHeap),
			cell(m, (x) => fmtInt(x.nodes)),
			cell(l, (x) => fmtInt(x.nodes)),
			cell(m, (x) => fmtInt(x.pssTotal / MB)),
			cell(l, (x) => fmtInt(x.pssTotal / MB)),
			fmtRatio(l.memory?.pssTotal, m.memory?.pssTotal)
		];
	});
	const header = [
		'actors',
		'MapLibre draw ms',
		'Leaflet draw ms',
		'draw Leaflet / MapLibre',
		'MapLibre JS heap MB (page + worker)',
		'Leaflet JS heap MB',
		'heap Leaflet / MapLibre',
		'MapLibre DOM nodes',
		'Leaflet DOM nodes',
		'MapLibre Chromium PSS MB',
		'Leaflet Chromium PSS MB',
		'PSS Leaflet / MapLibre'
	];
	const table = [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 ? '---:' : '---:')).join(' | ')} |`,
		...rows.map((r) => `| ${r.join(' | ')} |`)
	].join('\n');
	console.log(table);

	const mark = (s: Summary, name: string) => {
		const values = s.runs.flatMap((r) =>
			r.ok && r.run.marks[name] !== undefined ? [r.run.marks[name]] : []
		);
		return values.length > 0 ? fmtInt(median(values)) : '–';
	};
	const processes = (s: Summary) =>
		s.memory ? `${fmtInt(s.memory.pssRenderer / MB)} / ${fmtInt(s.memory.pssGpu / MB)}` : '–';
	const details = sizes
		.map((n) => {
			const m = results.get(`maplibre:${n}`)!;
			const l = results.get(`leaflet:${n}`)!;
			return `| ${[
				fmtInt(n),
				`${mark(m, 'styleLoaded')} / ${mark(m, 'sourceLoaded')}`,
				processes(m),
				m.clusters ?? '–',
				`${mark(l, 'parsed')} / ${mark(l, 'markersCreated')} / ${mark(l, 'chunksDone')}`,
				processes(l),
				l.clusters ?? '–'
			].join(' | ')} |`;
		})
		.join('\n');

	return [
		'## Map drawing (MapLibre vs Leaflet.markercluster)',
		'',
		`\`bench/map.ts\` (\`npm run bench -- map\`): the same synthetic actors — seeded, spread over the`,
		'Gard and denser around its towns, properties `{ id, name, kind }` — served as one GeoJSON URL',
		'by a local node:http server to two pages in headless Chromium (1280×800, same initial view',
		'fitting the data, no basemap tiles on either side), 3 runs per library and size, alternated,',
		'each in a freshly launched browser; medians reported.',
		'',
		table,
		'',
		"- **MapLibre**: MapLibre GL JS 6 as the app sets it up — offline fallback style, the app's",
		'  clustered source (`CLUSTER_RADIUS`, `CLUSTER_MAX_ZOOM`) loaded by URL in the worker and its',
		'  layers (`actorLayers`), navigation and scale controls. Draw done = the first `idle` event',
		'  after the source reports loaded.',
		'- **Leaflet**: Leaflet 1.9 + Leaflet.markercluster 1.5 with default options except',
		'  `chunkedLoading: true`, one `L.marker` per actor with a 12 px `L.divIcon` coloured by kind',
		'  (one icon object per kind, one DOM element per shown marker), the data fetched from the same',
		'  URL. Draw done = the last chunk added (`chunkProgress`) plus two animation frames.',
		'- **Draw ms**: `performance.now()` in the page at "draw done", i.e. from navigation start:',
		'  loading the library, fetching and parsing the data, clustering and painting. Each page',
		'  checks that the clusters and single points on screen add up to every actor (⚠ when not).',
		'- **JS heap**: after a forced GC (CDP `HeapProfiler.collectGarbage`), `JSHeapUsedSize` of',
		'  CDP `Performance.getMetrics` for the page, plus `Runtime.getHeapUsage` of each dedicated',
		"  worker (MapLibre's worker holds the data and the cluster index). **DOM nodes**: `Nodes`",
		'  of the same metrics.',
		'- **Chromium PSS**: proportional set size (`/proc/<pid>/smaps_rollup`) summed over every',
		'  process of the browser (`SystemInfo.getProcessInfo`): browser, renderer, GPU (WebGL runs',
		'  in software there, SwiftShader, `--disable-gpu`), network and storage services. It includes',
		`  a fixed base: ${fmtInt(baseline / MB)} MB for the same browser showing a blank page.`,
		'',
		'Where the time goes and which process holds the memory (medians; ms from navigation start):',
		'',
		'| actors | MapLibre: style loaded / source loaded ms | MapLibre renderer / GPU PSS MB | MapLibre clusters on screen | Leaflet: data parsed / markers created / last chunk ms | Leaflet renderer / GPU PSS MB | Leaflet clusters on screen |',
		'|---:|---:|---:|---:|---:|---:|---:|',
		details,
		'',
		'No GPU on this machine: MapLibre draws with SwiftShader on the CPU, which is slower than on',
		"any real graphics chip; Leaflet's DOM markers are laid out and painted on the CPU in both",
		`cases. A run not done within ${TIMEOUT_MS / 1000} s counts as "timeout" (the remaining runs of`,
		`that library and size are then skipped). Load average when the runs started: ${load.map((v) => v.toFixed(1)).join(', ')}`,
		'(1, 5, 15 min; the machine is shared). Screenshots of the first run of each: `bench/map/out/`',
		'(not in the repository).'
	].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const sizes = process.argv
		.slice(2)
		.map(Number)
		.filter((n) => n > 0);
	console.log(await mapBenchmark(sizes.length > 0 ? sizes : SIZES));
}
