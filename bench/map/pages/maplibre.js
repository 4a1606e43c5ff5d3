// The MapLibre side of the map benchmark: what the app's ActorMap does (offline style, one
// clustered GeoJSON source loaded by URL in MapLibre's worker, the app's layers and controls).
// Settings come from bench/map/server.ts as window.BENCH. The result is left in window.__bench.
import * as maplibregl from '/lib/maplibre-gl/maplibre-gl.mjs';

const cfg = window.BENCH;
const marks = {};
let finished = false;

function report(result) {
	if (finished) return;
	finished = true;
	window.__bench = result;
}

window.addEventListener('error', (event) => report({ error: String(event.message) }));

maplibregl.setWorkerUrl('/lib/maplibre-gl/maplibre-gl-worker.mjs');
const map = new maplibregl.Map({
	container: 'map',
	style: cfg.style,
	center: cfg.view.center,
	zoom: cfg.view.zoom,
	attributionControl: { compact: true },
	cooperativeGestures: false
});
map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

map.on('error', (event) => report({ error: event.error?.message ?? 'map error' }));

map.on('load', () => {
	marks.styleLoaded = performance.now();
	map.addSource(cfg.sourceId, {
		type: 'geojson',
		data: cfg.dataUrl,
		cluster: true,
		clusterRadius: cfg.clusterRadius,
		clusterMaxZoom: cfg.clusterMaxZoom
	});
	for (const layer of cfg.layers) map.addLayer(layer);
});

let sourceLoaded = false;
map.on('sourcedata', (event) => {
	if (sourceLoaded || event.sourceId !== cfg.sourceId || !event.isSourceLoaded) return;
	sourceLoaded = true;
	marks.sourceLoaded = performance.now();
});

// Draw done: the first `idle` (every tile loaded, placed and drawn, no transition) once the
// source has loaded its data.
map.on('idle', () => {
	if (!sourceLoaded || finished) return;
	const drawMs = performance.now();
	// Check: every actor is drawn, on its own or inside a cluster. Features of a tile's buffer
	// can come back twice, hence the keys.
	const seen = new Set();
	let drawn = 0;
	let clusters = 0;
	for (const f of map.queryRenderedFeatures({ layers: [cfg.clusterLayer, cfg.pointLayer] })) {
		const p = f.properties;
		const key = p.cluster ? `c${p.cluster_id}` : `p${p.id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (p.cluster) {
			clusters += 1;
			drawn += p.point_count;
		} else drawn += 1;
	}
	report({
		drawMs,
		drawn,
		clusters,
		marks,
		workers: maplibregl.getWorkerCount(),
		zoom: map.getZoom()
	});
});
