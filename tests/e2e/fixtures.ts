import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SCREENSHOTS = 'tests/e2e/screenshots';

/**
 * Every e2e test runs offline (only the app's own origin is reachable, as on a machine without
 * internet) and fails on any uncaught page error or console error other than a refused outside
 * resource (the online basemap, which must fail gracefully).
 */
export const test = base.extend<{ problems: string[] }>({
	problems: [
		async ({ page, baseURL }, use) => {
			const problems: string[] = [];
			const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
			await page.route('**/*', (route) => {
				const url = route.request().url();
				if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
					return route.continue();
				}
				return route.abort('internetdisconnected');
			});
			page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
			page.on('console', (message) => {
				if (message.type() !== 'error') return;
				const source = message.location().url ?? '';
				const outside = source !== '' && !source.startsWith(origin);
				if (message.text().startsWith('Failed to load resource') && outside) return;
				problems.push(`console error: ${message.text()} (${source})`);
			});
			await use(problems);
			expect(problems, 'page errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/** Fails on serious or critical axe-core violations of the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const blocking = results.violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	const summary = blocking.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
				.slice(0, 3)
				.map((node) => node.target.join(' '))
				.join(', ')}`
	);
	expect(summary, 'serious or critical accessibility violations').toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the page is hydrated (see src/routes/+layout.svelte): handlers are attached. */
export async function waitHydrated(page: Page): Promise<void> {
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/**
 * How many distinct colours the map's canvas shows (sampling every 4th pixel): markers, outlines
 * and clusters drawn make many, a blank or background-only canvas few.
 */
export async function canvasColours(page: Page): Promise<number> {
	const canvas = page.getByTestId('map-canvas').locator('canvas');
	await expect(canvas).toBeVisible();
	const shot = await canvas.screenshot();
	return page.evaluate(async (base64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${base64}`;
		await image.decode();
		const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
		context.drawImage(image, 0, 0);
		const pixels = context.getImageData(0, 0, image.width, image.height).data;
		const colours = new Set<number>();
		for (let i = 0; i < pixels.length; i += 16) {
			colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
		}
		return colours.size;
	}, shot.toString('base64'));
}
