/**
 * The territory map (#5): filters and search move the map and the directory together, the URL
 * carries the whole state, listing text is never HTML, the data draws without the basemap, and
 * the public embed shows only public data. Runs on the demo territory (300 actors, public).
 */
import type { Page } from '@playwright/test';
import {
	test,
	expect,
	expectAccessible,
	screenshot,
	waitHydrated,
	canvasColours
} from './fixtures';

const MAP = '/t/pays-d-uzes/map';

async function mapReady(page: Page): Promise<void> {
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await expect(map).toHaveAttribute('data-actor-count', /^\d+$/, { timeout: 30_000 });
	await expect(page.getByTestId('facet-kind')).toBeVisible();
	await waitHydrated(page);
	await openLegend(page);
}

/** The legend (and layer switch) starts folded on short screens like the tests' 1280×720. */
async function openLegend(page: Page): Promise<void> {
	const legend = page.getByTestId('map-legend');
	if ((await legend.getAttribute('open')) === null) await legend.locator('summary').click();
	await expect(legend).toHaveAttribute('open', '');
}

async function count(page: Page, testId: string): Promise<number> {
	const value = await page.getByTestId(testId).getAttribute('data-count');
	return Number(value);
}

/** Waits until the map has drawn `expected` actors (setData is asynchronous). */
async function expectMapCount(page: Page, expected: number): Promise<void> {
	await expect(page.getByTestId('actor-map')).toHaveAttribute('data-actor-count', String(expected));
}

/** Directory = actors only, whole territory: then its rows are exactly the matching actors. */
async function actorsOnlyWholeTerritory(page: Page): Promise<void> {
	for (const layer of ['places', 'events-upcoming', 'events-past']) {
		await page.locator(`input[data-layer="${layer}"]`).uncheck();
	}
	await page.getByTestId('directory-all').check();
}

test('filters and search change the map and the directory together', async ({ page }) => {
	await page.goto(MAP);
	await mapReady(page);
	const total = await count(page, 'map-match-count');
	// The demo's 300 actors, and any other spec added to it (the events spec imports one).
	expect(total).toBeGreaterThanOrEqual(300);
	expect(total).toBe(await count(page, 'map-summary'));
	await expectMapCount(page, total);
	await actorsOnlyWholeTerritory(page);
	await expect(page.getByTestId('directory-count')).toHaveAttribute('data-count', String(total));

	// A kind: its live count said beforehand how many would match.
	const kinds = page.getByTestId('facet-kind');
	const association = kinds
		.locator('li')
		.filter({ has: page.locator('input[data-value="association"]') });
	const announced = Number(await association.getByTestId('facet-count').getAttribute('data-count'));
	expect(announced).toBeGreaterThan(0);
	expect(announced).toBeLessThan(total);
	await association.locator('input').check();
	await expect(page.getByTestId('map-match-count')).toHaveAttribute(
		'data-count',
		String(announced)
	);
	await expectMapCount(page, announced);
	await expect(page.getByTestId('directory-count')).toHaveAttribute(
		'data-count',
		String(announced)
	);
	const rows = page.getByTestId('map-directory-row');
	await expect(rows.first()).toContainText('Association');

	// Search on top, accent-insensitive: « uzes » finds Uzès.
	await page.getByTestId('map-search').fill('uzes');
	await page.getByTestId('map-search').press('Enter');
	await expect(page.getByTestId('map-match-count')).not.toHaveAttribute(
		'data-count',
		String(announced)
	);
	const found = await count(page, 'map-match-count');
	expect(found).toBeGreaterThan(0);
	expect(found).toBeLessThan(announced);
	await expectMapCount(page, found);
	await expect(page.getByTestId('directory-count')).toHaveAttribute('data-count', String(found));
	for (const text of await rows.allTextContents()) expect(text).toContain('Association');
	await expect(rows.first()).toContainText(/Uz[eè]s/);

	// The other kinds' counts follow the search: their sum is what the search alone matches
	// (every kind shown: a seventh kind, as another spec may add, folds under « N de plus »).
	const moreKinds = kinds.locator('button.more[aria-expanded="false"]');
	if ((await moreKinds.count()) > 0) await moreKinds.click();
	const kindCounts = await kinds
		.getByTestId('facet-count')
		.evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-count'))));
	await page.getByTestId('map-clear-filters').click();
	await expect(page.getByTestId('map-match-count')).toHaveAttribute('data-count', String(total));
	await expectMapCount(page, total);
	await page.getByTestId('map-search').fill('uzes');
	await page.getByTestId('map-search').press('Enter');
	await expect(page.getByTestId('map-match-count')).toHaveAttribute(
		'data-count',
		String(kindCounts.reduce((a, b) => a + b, 0))
	);

	// Following the view: zooming in shows fewer rows than the whole territory.
	await page.getByTestId('map-clear-filters').click();
	await page.getByLabel('Dans la vue').check();
	const inWholeView = await count(page, 'directory-count');
	await page.getByRole('button', { name: 'Zoom avant' }).click();
	await page.getByRole('button', { name: 'Zoom avant' }).click();
	await expect
		.poll(() => count(page, 'directory-count'), { timeout: 15_000 })
		.toBeLessThan(inWholeView);
	await expectAccessible(page);
	await screenshot(page, 'map-filtered');
});

test('a copied link gives back the same map: view, filters, layers, selection', async ({
	page,
	context
}) => {
	await page.goto(MAP);
	await mapReady(page);
	await page.locator('input[data-layer="events-past"]').uncheck();
	await page.locator('[data-testid="facet-kind"] input[data-value="association"]').check();
	await page.getByTestId('map-search').fill('uzes');
	await page.getByTestId('map-search').press('Enter');
	await page.getByTestId('map-choropleth').selectOption('all');
	await page.getByTestId('directory-all').check();
	// The URL is written after the state: once it has everything, the counts are current.
	await expect(page).toHaveURL(/q=uzes.*dir=all|dir=all.*q=uzes/);
	const matched = await count(page, 'map-match-count');
	expect(matched).toBeGreaterThan(0);
	// Select the first actor of the directory (events and places are listed too): the detail
	// panel opens.
	const first = page.locator('[data-testid="map-directory-row"][data-type="actor"]').first();
	const name = (await first.locator('.name').textContent())!.trim();
	await first.getByRole('button').click();
	await expect(page.getByTestId('map-detail')).toHaveAttribute('data-state', 'ready');
	await expect(page.getByTestId('map-detail').getByRole('heading', { level: 2 })).toHaveText(name);
	// The URL follows after a short pause.
	await expect(page).toHaveURL(/sel=actor%3A|sel=actor:/);
	await expect(page).toHaveURL(/v=/);
	// Selecting flies the map to the actor when it is out of sight or far: the URL's view follows
	// once the flight ends. Copy the link when the written view has stopped changing (on a busy
	// machine a link taken mid-flight holds the view before it).
	// The territory opens at about zoom 10: the selection flies in (to zoom 11 at least, where the
	// copy will not fly again), so the link is taken once the view is there and has stopped.
	let lastView: string | null = null;
	await expect
		.poll(
			() => {
				const view = new URL(page.url()).searchParams.get('v');
				const zoom = Number(view?.split(',')[2] ?? 0);
				const settled = view !== null && view === lastView && zoom >= 11;
				lastView = view;
				return settled;
			},
			{ intervals: [1_500], timeout: 30_000 }
		)
		.toBe(true);
	const url = page.url();
	const params = new URL(url).searchParams;
	expect(params.get('q')).toBe('uzes');
	expect(params.getAll('kind')).toEqual(['association']);
	expect(params.get('choro')).toBe('all');

	const copy = await context.newPage();
	await copy.goto(url);
	await mapReady(copy);
	await expect(copy.getByTestId('map-search')).toHaveValue('uzes');
	await expect(
		copy.locator('[data-testid="facet-kind"] input[data-value="association"]')
	).toBeChecked();
	await expect(copy.locator('input[data-layer="events-past"]')).not.toBeChecked();
	await expect(copy.locator('input[data-layer="actors"]')).toBeChecked();
	await expect(copy.getByTestId('map-choropleth')).toHaveValue('all');
	await expect(copy.getByTestId('directory-all')).toBeChecked();
	await expect(copy.getByTestId('map-match-count')).toHaveAttribute('data-count', String(matched));
	await expect(copy.getByTestId('map-detail').getByRole('heading', { level: 2 })).toHaveText(name);
	await expect(copy.getByTestId('choropleth-legend')).toBeVisible();
	// Same view: the restored page writes back the same `v`.
	await expect.poll(() => new URL(copy.url()).searchParams.get('v')).toBe(params.get('v'));
	await screenshot(copy, 'map-restored');
	await copy.close();
});

test('listing text is shown as text, never as HTML', async ({ page }) => {
	let dialogs = 0;
	page.on('dialog', (dialog) => {
		dialogs++;
		void dialog.dismiss();
	});
	const hostile = '<img src=x onerror=alert(1)>';
	await page.goto('/');
	await waitHydrated(page);
	await page.getByTestId('territory-name').fill('Carte hostile');
	await page.getByTestId('territory-create').click();
	await page.waitForURL(/\/t\/carte-hostile\/import$/);
	await waitHydrated(page);
	const csv = [
		'nom;adresse;code_postal;commune;courriel',
		`${hostile};1 place de l'Évêché;30700;Uzès;contact@example.org`,
		`Les Amis du "<b>Duché</b>";2 rue Jacques d'Uzès;30700;Uzès;`,
		"Atelier d'Arpaillargues;place du village;30700;Arpaillargues-et-Aureillac;"
	].join('\r\n');
	await page.getByTestId('import-files').setInputFiles({
		name: 'hostile.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8')
	});
	await expect(page.getByTestId('listing-preview')).toHaveCount(1, { timeout: 30_000 });
	await page.getByTestId('import-analyse').click();
	await expect(page.getByTestId('import-diff-row')).toHaveCount(1, { timeout: 60_000 });
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });

	await page.goto('/t/carte-hostile/map');
	await mapReady(page);
	await page.getByTestId('directory-all').check();
	const row = page.locator('[data-testid="map-directory-row"]', { hasText: hostile });
	await expect(row).toHaveCount(1);
	await row.getByRole('button').click();
	const detail = page.getByTestId('map-detail');
	await expect(detail).toHaveAttribute('data-state', 'ready');
	await expect(detail.getByRole('heading', { level: 2 })).toHaveText(hostile);
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.locator('b', { hasText: 'Duché' })).toHaveCount(0);
	await expect(page.getByTestId('map-directory')).toContainText('"<b>Duché</b>"');
	await page.getByTestId('map-search').fill('onerror');
	await page.getByTestId('map-search').press('Enter');
	await expect(page.getByTestId('map-match-count')).toHaveAttribute('data-count', '1');
	expect(dialogs).toBe(0);
	await screenshot(page, 'map-hostile');
});

test('the data draws with the basemap unreachable, over commune outlines', async ({ page }) => {
	// The fixture already cuts every outside request; say it explicitly for the style server.
	await page.route('https://data.geopf.fr/**', (route) => route.abort('connectionrefused'));
	await page.goto(MAP);
	await mapReady(page);
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-basemap', 'fallback');
	await expect(page.getByTestId('basemap-fallback')).toBeVisible();
	const located = Number(await page.getByTestId('map-summary').getAttribute('data-located'));
	expect(located).toBeGreaterThanOrEqual(300);
	await expectMapCount(page, located);
	// Commune outlines arrived (the choropleth is only offered with them).
	await expect(page.getByTestId('map-choropleth')).toBeVisible();
	const communes = await page.evaluate(async () => {
		const response = await fetch('/t/pays-d-uzes/map/communes.geojson');
		const data = (await response.json()) as { features: { properties: { role: string } }[] };
		return {
			communes: data.features.filter((f) => f.properties.role === 'commune').length,
			boundary: data.features.filter((f) => f.properties.role === 'boundary').length
		};
	});
	expect(communes.communes).toBeGreaterThan(20);
	expect(communes.boundary).toBe(1);

	// Pixels of the kind palette and of the outlines, not only background.
	const distinct = await canvasColours(page);
	expect(distinct).toBeGreaterThan(10);
	await screenshot(page, 'map-offline-basemap');
});

test('the public embed and actors.geojson show only public fields', async ({ page, request }) => {
	const response = await request.get('/t/pays-d-uzes/actors.geojson');
	expect(response.status()).toBe(200);
	expect(response.headers()['access-control-allow-origin']).toBe('*');
	const data = (await response.json()) as {
		features: { properties: Record<string, unknown> }[];
		sources: unknown[];
	};
	expect(data.features.length).toBeGreaterThan(200);
	expect(data.sources).toEqual([]);
	for (const f of data.features) {
		expect(Object.keys(f.properties)).not.toContain('email');
		expect(Object.keys(f.properties)).not.toContain('phone');
		expect(f.properties.sources).toEqual([]);
	}
	// A private territory has no public map.
	expect((await request.get('/t/carte-hostile/actors.geojson')).status()).toBe(404);
	expect((await request.get('/t/carte-hostile/embed')).status()).toBe(404);

	await page.goto('/t/pays-d-uzes/embed');
	await expect(page.getByTestId('map-embed')).toBeVisible();
	await expect(page.getByTestId('actor-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	await expect(page.getByTestId('actor-map')).toHaveAttribute(
		'data-actor-count',
		String(data.features.length)
	);
	await waitHydrated(page);
	// No site chrome in the iframe, and no link into member pages from the detail panel.
	await expect(page.locator('header')).toHaveCount(0);
	const row = page.getByTestId('map-directory-row').first();
	await row.getByRole('button').click();
	await expect(page.getByTestId('map-detail')).toHaveAttribute('data-state', 'ready');
	await expect(page.getByTestId('map-detail-page')).toHaveCount(0);
	await screenshot(page, 'map-embed');
});
