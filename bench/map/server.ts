/**
 * The benchmark's own web server (node:http on 127.0.0.1, a free port): the two pages with their
 * settings written in as JSON, the synthetic data, and the libraries straight from node_modules.
 * Nothing is fetched from the internet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchLibrary = 'maplibre' | 'leaflet';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = path.join(ROOT, 'bench/map/pages');
/** URL prefix → folder. Only these folders are served. */
const STATIC: Record<string, string> = {
	'/lib/maplibre-gl/': path.join(ROOT, 'node_modules/maplibre-gl/dist'),
	'/lib/leaflet/': path.join(ROOT, 'node_modules/leaflet/dist'),
	'/lib/leaflet.markercluster/': path.join(ROOT, 'node_modules/leaflet.markercluster/dist'),
	'/pages/': PAGES
};

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.map': 'application/json',
	'.json': 'application/json',
	'.geojson': 'application/geo+json'
};

export interface BenchServerOptions {
	/** `/data/<n>.geojson` → the bytes of that size's FeatureCollection. */
	data: (n: number) => Buffer | undefined;
	/** Settings written into `/<library>.html?n=<n>` as `window.BENCH`. */
	settings: (library: BenchLibrary, n: number) => unknown;
}

export interface BenchServer {
	origin: string;
	close: () => Promise<void>;
}

function page(library: BenchLibrary, settings: unknown): string {
	// `<` escaped so no string of the settings can close the script element.
	const json = JSON.stringify(settings).replace(/</g, '\\u003c');
	const head =
		library === 'maplibre'
			? '<link rel="stylesheet" href="/lib/maplibre-gl/maplibre-gl.css">'
			: [
					'<link rel="stylesheet" href="/lib/leaflet/leaflet.css">',
					'<link rel="stylesheet" href="/lib/leaflet.markercluster/MarkerCluster.css">',
					'<link rel="stylesheet" href="/lib/leaflet.markercluster/MarkerCluster.Default.css">'
				].join('\n');
	const scripts =
		library === 'maplibre'
			? '<script type="module" src="/pages/maplibre.js"></script>'
			: [
					'<script src="/lib/leaflet/leaflet.js"></script>',
					'<script src="/lib/leaflet.markercluster/leaflet.markercluster.js"></script>',
					'<script src="/pages/leaflet.js"></script>'
				].join('\n');
	return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Maillage map bench: ${library}</title>
${head}
<style>html, body, #map { margin: 0; width: 100%; height: 100%; }</style>
<script>window.BENCH = ${json};</script>
</head>
<body>
<div id="map"></div>
${scripts}
</body>
</html>
`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
	res.writeHead(status, {
		'content-type': type,
		'content-length': Buffer.byteLength(body),
		'cache-control': 'no-store'
	});
	res.end(body);
}

async function handle(
	req: IncomingMessage,
	res: ServerResponse,
	options: BenchServerOptions
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const pathname = decodeURIComponent(url.pathname);
	if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');

	const pageMatch = /^\/(maplibre|leaflet)\.html$/.exec(pathname);
	if (pageMatch) {
		const library = pageMatch[1] as BenchLibrary;
		const n = Number(url.searchParams.get('n'));
		return send(res, 200, TYPES['.html']!, page(library, options.settings(library, n)));
	}
	const dataMatch = /^\/data\/(\d+)\.geojson$/.exec(pathname);
	if (dataMatch) {
		const body = options.data(Number(dataMatch[1]));
		if (!body) return send(res, 404, 'text/plain', 'no such size');
		return send(res, 200, TYPES['.geojson']!, body);
	}
	for (const [prefix, folder] of Object.entries(STATIC)) {
		if (!pathname.startsWith(prefix)) continue;
		const file = path.resolve(folder, '.' + pathname.slice(prefix.length - 1));
		if (!file.startsWith(folder + path.sep)) break;
		try {
			const body = await readFile(file);
			return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', body);
		} catch {
			break;
		}
	}
	// Includes /favicon.ico: an empty answer, not a 404 the page would log as an error.
	if (pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
	send(res, 404, 'text/plain', 'not found');
}

export async function startServer(options: BenchServerOptions): Promise<BenchServer> {
	const server = createServer((req, res) => {
		handle(req, res, options).catch((error: unknown) => {
			send(res, 500, 'text/plain', String(error));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			})
	};
}
