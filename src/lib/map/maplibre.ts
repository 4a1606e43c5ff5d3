/**
 * Loading MapLibre GL JS 6 in the browser, once for every map of the app
 * (https://maplibre.org/maplibre-gl-js/docs/API/). The library (~1 MB) is imported on demand so
 * it never weighs on the server render nor on pages without a map; call from onMount.
 */
import { m } from '$lib/i18n';
import { loadBasemap, type Basemap } from './basemap';

export interface LoadedMapLibre {
	maplibre: typeof import('maplibre-gl');
	basemap: Basemap;
}

/** The library with its worker URL set, and the basemap (online style or plain fallback). */
export async function loadMapLibre(fetchFn: typeof fetch): Promise<LoadedMapLibre> {
	const [maplibre, worker, basemap] = await Promise.all([
		import('maplibre-gl'),
		// Vite emits the worker as an asset and gives its URL; without setWorkerUrl the worker
		// cannot be found from inside the bundle and the map stays blank.
		import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
		loadBasemap(fetchFn),
		import('maplibre-gl/dist/maplibre-gl.css')
	]);
	if (basemap.kind === 'fallback') console.info(`[map] basemap unavailable (${basemap.reason})`);
	maplibre.setWorkerUrl(worker.default);
	return { maplibre, basemap };
}

/** MapLibre's control labels in the interface language. */
export function mapLocale(): Record<string, string> {
	return {
		'Map.Title': m.map_ctl_canvas(),
		'NavigationControl.ZoomIn': m.map_ctl_zoom_in(),
		'NavigationControl.ZoomOut': m.map_ctl_zoom_out(),
		'NavigationControl.ResetBearing': m.map_ctl_reset_bearing(),
		'AttributionControl.ToggleAttribution': m.map_ctl_attribution()
	};
}
