/**
 * The census workflow in Chromium: a new territory, the four gard-dev listings through the
 * import wizard (membres.csv is Windows-1252 with `;`), a few pairs reviewed with the keyboard,
 * and the census count compared with what the engine gives for the same files and decisions.
 * Then re-importing a listing changes nothing and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect, expectAccessible, SCREENSHOTS, waitHydrated } from './fixtures';

const data = path.resolve(process.cwd(), '../shared/data/gard-dev');
const names = ['rna.csv', 'sirene.csv', 'membres.csv', 'participants.csv'];
const files = names.map((n) => path.join(data, n));

test.skip(!existsSync(files[0]!), '../shared/data/gard-dev is absent');

interface Decision {
	a: string;
	b: string;
	decision: 'same' | 'different';
}

function engine(decisions: Decision[]): { actors: number; reviewPairs: number } {
	const out = execFileSync(
		process.execPath,
		['--import', 'tsx', 'tests/e2e/support/engine-count.ts', JSON.stringify(decisions), ...files],
		{ encoding: 'utf8' }
	);
	return JSON.parse(out.trim().split('\n').at(-1)!) as { actors: number; reviewPairs: number };
}

function digits(text: string | null): number {
	return Number((text ?? '').replace(/\D/g, ''));
}

test('import four listings, review pairs with the keyboard: the census matches the engine', async ({
	page
}) => {
	test.setTimeout(300_000);
	await page.goto('/');
	await waitHydrated(page);
	await page.getByTestId('territory-name').fill('Gard recensement');
	await page.getByTestId('territory-create').click();
	await page.waitForURL(/\/t\/gard-recensement\/import$/);
	await waitHydrated(page);

	// 1. The wizard: previews read in the browser, with detected encoding and delimiter.
	await page.getByTestId('import-files').setInputFiles(files);
	await expect(page.getByTestId('listing-preview')).toHaveCount(4, { timeout: 30_000 });
	const membres = page.locator('[data-testid="listing-preview"][data-file="membres.csv"]');
	await expect(membres).toContainText('Windows-1252');
	await expect(membres).toContainText('point-virgule');
	await expect(membres).toContainText('Coopérative');
	await page.screenshot({ path: `${SCREENSHOTS}/import-wizard.png`, fullPage: false });

	await page.getByTestId('import-analyse').click();
	await expect(page.getByTestId('import-diff-row')).toHaveCount(4, { timeout: 60_000 });
	for (const name of names) {
		const row = page.locator(`[data-testid="import-diff-row"][data-file="${name}"]`);
		await expect(row.locator('[data-col="added"]')).not.toHaveText('0');
		await expect(row.locator('[data-col="gone"]')).toHaveText('0');
	}
	await expectAccessible(page);
	await page.getByTestId('import-diff').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SCREENSHOTS}/import-diff.png` });
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-progress')).toBeVisible();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 180_000 });
	await page.screenshot({ path: `${SCREENSHOTS}/import-result.png` });
	const imported = digits(await page.getByTestId('import-actors-after').textContent());
	const reviewCount = digits(await page.getByTestId('import-review-count').textContent());
	const plain = engine([]);
	expect(imported).toBe(plain.actors);
	expect(reviewCount).toBe(plain.reviewPairs);

	// 2. Review with the keyboard: same, same, not the same, skip.
	await page.getByTestId('import-go-review').click();
	const card = page.getByTestId('review-card');
	await expect(card).toHaveAttribute('data-ready', 'true');
	await page.screenshot({ path: `${SCREENSHOTS}/review-card.png`, fullPage: true });
	await expectAccessible(page);
	const decisions: Decision[] = [];
	for (const key of ['o', 'o', 'n', 'p']) {
		const pairKey = await card.getAttribute('data-pair-key');
		const refA = (await card.getAttribute('data-ref-a'))!;
		const refB = (await card.getAttribute('data-ref-b'))!;
		expect(refA).toMatch(/^[a-z]+\.csv#\d+$/);
		await page.keyboard.press(key);
		if (key !== 'p')
			decisions.push({ a: refA, b: refB, decision: key === 'o' ? 'same' : 'different' });
		// The next pair may share a record with this one: wait on the pair itself.
		await expect(card).not.toHaveAttribute('data-pair-key', pairKey!, { timeout: 60_000 });
	}

	// 3. The census count is the engine's for the same files and decisions.
	const expected = engine(decisions);
	expect(expected.actors).toBe(plain.actors - 2);
	await page.goto('/');
	const territory = page.locator('[data-testid="territory-card"][data-slug="gard-recensement"]');
	await expect(territory.getByTestId('actor-count')).toBeVisible();
	expect(digits(await territory.getByTestId('actor-count').textContent())).toBe(expected.actors);

	// 4. An actor's page: each value says which listing and row it came from.
	await page.goto('/t/gard-recensement/census/review');
	await expect(page.getByTestId('review-card')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('review-card').getByRole('link').first().click();
	await expect(page.getByTestId('actor-page')).toBeVisible();
	await expect(page.getByTestId('record-card').first()).toBeVisible();
	await expect(page.getByTestId('field-provenance').first()).toContainText(/ligne \d+/);
	await page.screenshot({ path: `${SCREENSHOTS}/actor-page.png`, fullPage: true });
	await expectAccessible(page);

	// 5. Re-importing a listing already there: recognised, and nothing to do.
	await page.goto('/t/gard-recensement/import');
	await waitHydrated(page);
	await page.getByTestId('import-files').setInputFiles(files[2]!);
	await expect(page.getByTestId('import-reused')).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('import-analyse').click();
	await expect(page.getByTestId('import-noop')).toBeVisible({ timeout: 60_000 });
	const row = page.locator('[data-testid="import-diff-row"][data-file="membres.csv"]');
	await expect(row.locator('[data-col="added"]')).toHaveText('0');
	await expect(row.locator('[data-col="changed"]')).toHaveText('0');
	await expect(page.getByTestId('import-commit')).toHaveCount(0);
});
