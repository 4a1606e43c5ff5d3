// The Leaflet side of the map benchmark: what GoGoCarto and uMap do — Leaflet.markercluster
// with one DOM marker (a small divIcon coloured by kind) per actor, chunked loading, no tile
// layer. Settings come from bench/map/server.ts as window.BENCH; the result goes to
// window.__bench. Leaflet and the plugin are loaded before this script as the global `L`.
const cfg = window.BENCH;
const marks = {};
let finished = false;

function report(result) {
	if (finished) return;
	finished = true;
	window.__bench = result;
}

window.addEventListener('error', (event) => report({ error: String(event.message) }));

const style = document.createElement('style');
style.textContent =
	'.bench-pin { border-radius: 50%; border: 1.5px solid #fff; box-sizing: border-box; }\n' +
	Object.entries(cfg.colours)
		.map(([kind, colour]) => `.bench-pin--${kind} { background: ${colour}; }`)
		.join('\n');
document.head.append(style);

// One icon per kind, shared by the markers (each marker still gets its own DOM element).
const icons = {};
for (const kind of Object.keys(cfg.colours)) {
	icons[kind] = L.divIcon({ className: `bench-pin bench-pin--${kind}`, iconSize: [12, 12] });
}

// maxZoom is what a tile layer would give the map; markercluster needs one.
const map = L.map('map', { maxZoom: 18 }).setView(
	[cfg.view.center[1], cfg.view.center[0]],
	cfg.view.zoom
);

function done() {
	const drawMs = performance.now();
	// Check: every actor is on the map, on its own or inside a cluster.
	let drawn = 0;
	let clusters = 0;
	group._featureGroup.eachLayer((layer) => {
		if (layer instanceof L.MarkerCluster) {
			clusters += 1;
			drawn += layer.getChildCount();
		} else drawn += 1;
	});
	report({ drawMs, drawn, clusters, marks, zoom: map.getZoom() });
}

// Adding the empty group to the map already reports a finished (empty) load: only the
// progress of our markers counts.
let adding = false;
const group = L.markerClusterGroup({
	chunkedLoading: true,
	chunkProgress(processed, total) {
		if (!adding || processed < total) return;
		marks.chunksDone = performance.now();
		// The last chunk adds the clusters to the map in the same task; two frames later they
		// have been laid out and painted.
		requestAnimationFrame(() => requestAnimationFrame(done));
	}
});
map.addLayer(group);

fetch(cfg.dataUrl)
	.then((response) => {
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return response.json();
	})
	.then((data) => {
		marks.parsed = performance.now();
		const markers = data.features.map((f) =>
			L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
				icon: icons[f.properties.kind] ?? icons.other
			})
		);
		marks.markersCreated = performance.now();
		adding = true;
		group.addLayers(markers);
	})
	.catch((error) => report({ error: String(error) }));
