import { expect, expectAccessible, screenshot, test, canvasColours } from './fixtures';

test('the home page answers 200 and lists the demo territory', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	const card = page.locator('[data-testid=territory-card][data-slug=pays-d-uzes]');
	await expect(card).toBeVisible();
	// The demo has a few hundred actors: the count comes from the database under RLS.
	const count = Number((await card.getByTestId('actor-count').textContent())?.match(/\d+/)?.[0]);
	expect(count).toBeGreaterThanOrEqual(200);
	await expectAccessible(page);
	await screenshot(page, 'home-fr');
});

test('the map page draws the demo actors and lists them in the directory', async ({ page }) => {
	await page.goto('/t/pays-d-uzes/map');
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	// Offline here: the online basemap fails and the plain fallback style takes over.
	await expect(map).toHaveAttribute('data-basemap', 'fallback');
	await expect(map).toHaveAttribute('data-actor-count', /^[1-9]\d*$/);
	const loaded = Number(await map.getAttribute('data-actor-count'));
	expect(loaded).toBeGreaterThanOrEqual(200);

	// The directory lists what the view shows (actors, places, events), virtualised.
	await page.getByTestId('directory-all').check();
	const directoryCount = Number(
		await page.getByTestId('directory-count').getAttribute('data-count')
	);
	expect(directoryCount).toBeGreaterThanOrEqual(loaded);
	const rows = page.getByTestId('map-directory-row');
	expect(await rows.count()).toBeLessThan(directoryCount);

	// Markers are really drawn: the canvas holds pixels of the kind palette, not only background.
	const distinct = await canvasColours(page);
	expect(distinct).toBeGreaterThan(5);

	await expectAccessible(page);
	await screenshot(page, 'map-fr');

	// Keyboard: the directory is reachable and Enter selects an actor, whose detail opens.
	await rows.first().getByRole('button').focus();
	await page.keyboard.press('ArrowDown');
	const second = rows.nth(1).getByRole('button');
	await expect(second).toBeFocused();
	const name = (await second.locator('.name').textContent())!.trim();
	await page.keyboard.press('Enter');
	await expect(second).toHaveAttribute('aria-current', 'true');
	await expect(page.locator('[data-testid=map-directory-row] [aria-current=true]')).toHaveCount(1);
	const detail = page.getByTestId('map-detail');
	await expect(detail).toHaveAttribute('data-state', 'ready');
	await expect(detail.getByRole('heading', { level: 2 })).toHaveText(name);
	await screenshot(page, 'map-selected');
});

test('the language switch turns the interface to English and back', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('lang-en').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territories');
	await page.goto('/t/pays-d-uzes/map');
	await expect(page.getByTestId('actor-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	await expectAccessible(page);
	await screenshot(page, 'map-en');
	await page.getByTestId('lang-fr').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('the login page explains the local mode when Supabase is not configured', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByTestId('login-local')).toBeVisible();
	await expect(page.getByTestId('account')).toContainText('operateur@maillage.local');
	await expectAccessible(page);
	await screenshot(page, 'login-local');
});

test('an unknown territory is a 404 with a French message', async ({ page, problems }) => {
	const response = await page.goto('/t/nulle-part/map');
	expect(response?.status()).toBe(404);
	// Chromium logs the 404 of the document itself: expected here, and only here.
	const expected = problems.findIndex((problem) => problem.includes('404 (Not Found)'));
	expect(expected).toBeGreaterThanOrEqual(0);
	problems.splice(expected, 1);
	await expect(page.getByText('Territoire introuvable')).toBeVisible();
});
