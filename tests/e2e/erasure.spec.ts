/**
 * « A demandé à ne pas figurer » (RGPD, #8) in Chromium, on the demo territory (local mode: the
 * operator owns it): a small listing through the import wizard, one of its actors erased from its
 * page with the keyboard only, then the same listing imported again — the analysis and the result
 * say how many rows were left out, and the person is in neither the directory nor the search.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';
const T = `/t/${SLUG}`;
const PERSON = 'Zoé Effacement-Essai';
const FILE = 'rgpd-essai.csv';

function listing(extra: string[] = []): { name: string; mimeType: string; buffer: Buffer } {
	const lines = [
		'nom;commune;courriel;telephone',
		`${PERSON};Uzès;zoe.effacement@example.fr;06 11 22 33 44`,
		'Atelier Témoin des Effacements;Uzès;atelier-temoin@example.org;04 66 98 76 54',
		...extra
	];
	return { name: FILE, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') };
}

interface Found {
	id: string;
	name: string;
}

async function search(page: Page, q: string): Promise<Found[]> {
	const response = await page.request.get(`${T}/actors/search?q=${encodeURIComponent(q)}`);
	expect(response.status()).toBe(200);
	return (await response.json()) as Found[];
}

async function analyse(page: Page, file: ReturnType<typeof listing>): Promise<void> {
	await page.goto(`${T}/import`);
	await waitHydrated(page);
	await page.getByTestId('import-files').setInputFiles(file);
	await expect(page.getByTestId('listing-preview')).toHaveCount(1, { timeout: 30_000 });
	await page.getByTestId('import-analyse').click();
	await expect(page.locator(`[data-testid="import-diff-row"][data-file="${FILE}"]`)).toHaveCount(
		1,
		{ timeout: 60_000 }
	);
}

test.describe.configure({ mode: 'serial' });

test('an actor erased from its page stays out of the next imports', async ({ page }) => {
	test.setTimeout(240_000);

	// 1. The listing goes in.
	await analyse(page, listing());
	await expect(page.getByTestId('import-suppressed')).toHaveCount(0);
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 180_000 });
	const [found] = (await search(page, PERSON)).filter((h) => h.name === PERSON);
	expect(found, 'the imported person').toBeDefined();

	// 2. Her page: the danger zone, with the keyboard only.
	await page.goto(`${T}/actors/${found!.id}`);
	await waitHydrated(page);
	const start = page.getByTestId('erase-start');
	await expect(start).toBeVisible();
	await start.focus();
	await page.keyboard.press('Enter');
	const question = page.locator('#erase-confirm-title');
	await expect(question).toBeFocused();
	await expect(question).toContainText(PERSON);
	await expect(page.getByTestId('actor-erasure')).toContainText('irréversible');
	await expect(page.getByTestId('actor-erasure')).toContainText('empreinte');
	await expectAccessible(page);
	// Cancel first (Tab to the confirm button, Tab to cancel), then confirm for real.
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('erase-confirm')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('erase-cancel')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('erase-confirm')).toHaveCount(0);
	await start.focus();
	await page.keyboard.press('Enter');
	await expect(question).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('erase-confirm')).toBeFocused();
	await page.keyboard.press('Enter');

	// 3. Back on the map, which says that an actor was erased (not whom).
	await page.waitForURL(new RegExp(`${T}/map\\?erased=1$`), { timeout: 60_000 });
	await expect(page.getByTestId('erasure-done')).toBeVisible();
	await expect(page.getByTestId('erasure-done')).not.toContainText(PERSON);
	expect((await search(page, PERSON)).filter((h) => h.name === PERSON)).toEqual([]);
	const gone = await page.request.get(`${T}/actors/${found!.id}`);
	expect(gone.status()).toBe(404);

	// 4. The same listing again: her row is left out, and only counted.
	await analyse(page, listing());
	await expect(page.getByTestId('import-suppressed')).toContainText(
		'1 ligne écartée : personne ou structure ayant demandé à ne pas figurer'
	);
	await expect(page.getByTestId('import-noop')).toBeVisible();
	await expect(page.getByTestId('import-diff')).not.toContainText('zoe.effacement');

	// 5. A new version of it (one more row): imported, her row still left out.
	await analyse(page, listing(['Café Témoin du Lendemain;Uzès;cafe-temoin@example.org;']));
	await expect(page.getByTestId('import-suppressed')).toContainText('1 ligne écartée');
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 180_000 });
	await expect(page.getByTestId('import-result-suppressed')).toContainText(
		'1 ligne écartée : personne ou structure ayant demandé à ne pas figurer'
	);
	expect((await search(page, 'Café Témoin du Lendemain')).length).toBeGreaterThan(0);
	expect((await search(page, PERSON)).filter((h) => h.name === PERSON)).toEqual([]);

	// 6. Not in the directory either.
	await page.goto(`${T}/map`);
	await waitHydrated(page);
	await page.getByTestId('directory-all').check();
	const box = page.getByTestId('map-search');
	await box.fill('Effacement');
	await box.press('Enter');
	await expect(
		page.getByTestId('map-directory-row').filter({ hasText: 'Atelier Témoin des Effacements' })
	).toHaveCount(1);
	await expect(page.getByTestId('map-directory-row').filter({ hasText: PERSON })).toHaveCount(0);
});
