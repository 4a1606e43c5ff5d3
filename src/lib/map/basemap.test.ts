import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_FONT, fallbackStyle, loadBasemap, pickTextFont } from './basemap';

const onlineStyle = {
	version: 8,
	sources: { plan: { type: 'vector', url: 'https://example.test/tiles.json' } },
	glyphs: 'https://example.test/fonts/{fontstack}/{range}.pbf',
	layers: [
		{ id: 'bg', type: 'background' },
		{
			id: 'labels',
			type: 'symbol',
			source: 'plan',
			'source-layer': 'x',
			layout: { 'text-font': ['Source Sans Pro Regular'] }
		}
	]
};

const respond = (body: unknown, status = 200): typeof fetch =>
	(async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe('loadBasemap', () => {
	it('uses the online style and its own label font when it loads', async () => {
		const basemap = await loadBasemap(respond(onlineStyle), 'https://example.test/style.json');
		expect(basemap.kind).toBe('online');
		expect(basemap.textFont).toEqual(['Source Sans Pro Regular']);
	});

	it('falls back when the network fails', async () => {
		const failing = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		const basemap = await loadBasemap(failing, 'https://example.test/style.json');
		expect(basemap).toMatchObject({ kind: 'fallback', reason: 'fetch failed' });
		expect(basemap.style).toEqual(fallbackStyle());
	});

	it('falls back on an HTTP error or on something that is not a style', async () => {
		expect((await loadBasemap(respond({}, 503), 'u')).kind).toBe('fallback');
		expect((await loadBasemap(respond({ hello: 'world' }), 'u')).kind).toBe('fallback');
	});

	it('gives up after the timeout instead of waiting forever', async () => {
		// Never answers, but honours the abort signal as fetch does.
		const hanging = ((_url: string, init?: RequestInit) =>
			new Promise((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () =>
					reject(new DOMException('aborted', 'AbortError'))
				);
			})) as typeof fetch;
		const started = Date.now();
		const basemap = await loadBasemap(hanging, 'u', 50);
		expect(basemap).toMatchObject({ kind: 'fallback', reason: 'timeout after 50 ms' });
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

describe('fallbackStyle', () => {
	it('is a plain background with no glyphs URL, so text is drawn with a local font', () => {
		const style = fallbackStyle();
		expect(style.version).toBe(8);
		expect(style.glyphs).toBeUndefined();
		expect(style.layers.map((l) => l.type)).toEqual(['background']);
	});

	it('pickTextFont defaults when the style has no labels', () => {
		expect(pickTextFont(fallbackStyle())).toEqual(DEFAULT_TEXT_FONT);
	});
});
