/**
 * Coverage gaps (« zones blanches », #9) on the demo territory: the list shows communes and what
 * they lack, its filters narrow it, and the map's « Zones blanches » layer switches on with its
 * legend and a commune's gaps.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const LIST = '/t/pays-d-uzes/coverage';
const MAP = '/t/pays-d-uzes/map';

async function mapReady(page: Page): Promise<void> {
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await expect(map).toHaveAttribute('data-actor-count', /^\d+$/, { timeout: 30_000 });
	await waitHydrated(page);
	const legend = page.getByTestId('map-legend');
	if ((await legend.getAttribute('open')) === null) await legend.locator('summary').click();
	await expect(legend).toHaveAttribute('open', '');
}

test('the list shows the communes with gaps, most first, and filters them', async ({ page }) => {
	await page.goto(LIST);
	await waitHydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Zones blanches' })).toBeVisible();
	const rows = page.getByTestId('coverage-row');
	expect(await rows.count()).toBeGreaterThan(0);
	const scores = (await rows.evaluateAll((els) => els.map((e) => e.dataset.score))).map(Number);
	expect(scores[0]).toBeGreaterThan(0);
	expect(scores).toEqual([...scores].sort((a, b) => b - a));
	await expect(page.getByTestId('coverage-table')).toContainText(
		/Secteurs absents|sans lieu commun/
	);
	await expectAccessible(page);
	await screenshot(page, 'coverage-list');

	// « Sans lieu commun »: every row says so.
	await page.getByTestId('coverage-filter-noplace').check();
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/noplace=1/);
	const filtered = page.getByTestId('coverage-row');
	const n = await filtered.count();
	expect(n).toBeGreaterThan(0);
	expect(n).toBeLessThanOrEqual(scores.length);
	await expect(page.getByTestId('gap-no-place')).toHaveCount(n);

	// Sorted the other way by the column header.
	await page.getByTestId('coverage-sort').click();
	await expect(page).toHaveURL(/sort=asc/);
	const asc = (
		await page.getByTestId('coverage-row').evaluateAll((els) => els.map((e) => e.dataset.score))
	).map(Number);
	expect(asc).toEqual([...asc].sort((a, b) => a - b));
});

test('the « Zones blanches » layer toggles on the map with its legend', async ({ page }) => {
	await page.goto(MAP);
	await mapReady(page);
	const toggle = page.getByTestId('coverage-layer-toggle');
	await expect(toggle).not.toBeChecked();
	await expect(page.getByTestId('coverage-legend')).toHaveCount(0);

	await toggle.check();
	const legend = page.getByTestId('coverage-legend');
	await expect(legend).toBeVisible();
	await expect(legend).toContainText('aucune lacune');
	await expect(legend).toContainText('lacune');
	await expect(page).toHaveURL(/zones=gaps/);

	// A click on a commune (the points hidden, so that none is in the way) lists its gaps.
	for (const layer of ['actors', 'places', 'events-upcoming', 'events-past']) {
		await page.locator(`input[data-layer="${layer}"]`).uncheck();
	}
	const canvas = page.getByTestId('map-canvas').locator('canvas');
	const box = (await canvas.boundingBox())!;
	// Right of the legend, which covers the lower left of the map.
	await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.4);
	const detail = page.getByTestId('coverage-detail');
	await expect(detail).toBeVisible();
	await expect(detail).toHaveAttribute('data-code', /^30\d{3}$/);
	await expect(detail).toContainText(/lacune/);

	// One absence at a time: « manque » / « présent ».
	await page.getByTestId('coverage-choice').selectOption('no_place');
	await expect(legend).toContainText('manque');
	await expect(legend).toContainText('présent');
	await expect(page).toHaveURL(/zones=no_place/);

	// The choropleth and the layer do not shade the communes together.
	await page.getByTestId('map-choropleth').selectOption('all');
	await expect(toggle).not.toBeChecked();
	await expect(page.getByTestId('coverage-legend')).toHaveCount(0);
	await toggle.check();
	await expect(page.getByTestId('map-choropleth')).toHaveValue('');
	await expect(page.getByTestId('coverage-choice')).toHaveValue('no_place');

	await toggle.uncheck();
	await expect(page.getByTestId('coverage-legend')).toHaveCount(0);
	await expect(page).not.toHaveURL(/zones=/);
});

test('a commune of the list opens on the map with its gaps', async ({ page }) => {
	await page.goto(LIST);
	await waitHydrated(page);
	const first = page.getByTestId('coverage-row').first();
	const code = await first.getAttribute('data-code');
	const name = (await first.locator('th').innerText()).split('\n')[0]!.trim();
	await first.getByRole('link').click();
	// (The map adds its view, `v=`, once it has framed the commune.)
	await expect(page).toHaveURL(new RegExp(`/map\\?(v=[^&]+&)?commune=${code}&zones=gaps`));
	await mapReady(page);
	const detail = page.getByTestId('coverage-detail');
	await expect(detail).toBeVisible({ timeout: 30_000 });
	await expect(detail).toHaveAttribute('data-code', code!);
	await expect(detail).toContainText(name);
	await expect(detail.locator('li').first()).toBeVisible();
	await expect(page.getByTestId('coverage-legend')).toBeVisible();
	// The map frames that commune (the whole territory shows at about zoom 10), and says so in
	// its URL, so that a reload keeps the view.
	await expect
		.poll(() => Number(new URL(page.url()).searchParams.get('v')?.split(',')[2] ?? 0), {
			timeout: 15_000
		})
		.toBeGreaterThan(11);
	await expectAccessible(page);
	await screenshot(page, 'coverage-map');

	await detail.getByRole('button', { name: 'Fermer' }).click();
	await expect(page.getByTestId('coverage-detail')).toHaveCount(0);
});
