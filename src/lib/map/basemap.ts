/**
 * The basemap: an online vector style when it can be reached, a plain local style otherwise, so
 * the data layers draw either way (the machine may be offline, the style server down or slow).
 */
import type { StyleSpecification } from 'maplibre-gl';

/** IGN's "Plan IGN" vector style (Géoplateforme): French, open, no key needed. */
export const ONLINE_STYLE_URL =
	'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json';

/** Past this delay the online style counts as unreachable and the local one is used. */
export const STYLE_TIMEOUT_MS = 4000;

/** Used for cluster counts when the basemap names no font stack of its own. */
export const DEFAULT_TEXT_FONT = ['Noto Sans Regular'];

export const FALLBACK_BACKGROUND = '#EEF1EC';

/**
 * No `glyphs` URL on purpose: MapLibre then draws text (cluster counts) with a local font, which
 * is what keeps counts readable offline.
 */
export function fallbackStyle(): StyleSpecification {
	return {
		version: 8,
		sources: {},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': FALLBACK_BACKGROUND } }
		]
	};
}

export type Basemap =
	| { kind: 'online'; style: StyleSpecification; textFont: string[] }
	| { kind: 'fallback'; style: StyleSpecification; textFont: string[]; reason: string };

function isStyle(value: unknown): value is StyleSpecification {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return v.version === 8 && typeof v.sources === 'object' && Array.isArray(v.layers);
}

/**
 * The font stack the basemap's own labels use: its glyphs server is sure to have it, whereas a
 * stack we picked ourselves may not exist there and would leave the counts blank.
 */
export function pickTextFont(style: StyleSpecification): string[] {
	for (const layer of style.layers) {
		if (layer.type !== 'symbol') continue;
		const font = layer.layout?.['text-font'];
		if (Array.isArray(font) && font.length > 0 && font.every((f) => typeof f === 'string')) {
			return font as string[];
		}
	}
	return DEFAULT_TEXT_FONT;
}

/**
 * Fetches the online style with a timeout. Never rejects: any failure (network, HTTP status,
 * invalid JSON, timeout) yields the local fallback with the reason, for the console.
 */
export async function loadBasemap(
	fetchFn: typeof fetch,
	url: string = ONLINE_STYLE_URL,
	timeoutMs: number = STYLE_TIMEOUT_MS
): Promise<Basemap> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const response = await fetchFn(url, { signal: controller.signal });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		const style: unknown = await response.json();
		if (!isStyle(style)) throw new Error('not a MapLibre style (version 8)');
		return { kind: 'online', style, textFont: pickTextFont(style) };
	} catch (error) {
		const reason = controller.signal.aborted
			? `timeout after ${timeoutMs} ms`
			: error instanceof Error
				? error.message
				: String(error);
		const style = fallbackStyle();
		return { kind: 'fallback', style, textFont: DEFAULT_TEXT_FONT, reason };
	} finally {
		clearTimeout(timer);
	}
}
