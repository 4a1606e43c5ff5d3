/**
 * Actors carry their worlds (#9) in Chromium, on the demo territory (local mode: the operator
 * owns it). The demo places the town hall of Uzès in the « urbain » world; an editor moves it to
 * « rural » with the keyboard, the page says it is saved, a reload still shows it, the history
 * logs it, and the network page's worlds matrix counts one more rural actor. A forged value gets
 * a clear message next to its pair and changes nothing.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';
const T = `/t/${SLUG}`;

interface Found {
	id: string;
	name: string;
	communeName: string | null;
}

/** The « N acteurs » of a world's row in the network page's matrix. */
async function matrixActors(page: Page, world: string): Promise<number> {
	await page.goto(`${T}/network`);
	const row = page
		.getByTestId('world-matrix')
		.locator('tbody tr')
		.filter({ has: page.locator(`td[data-row="${world}"]`) });
	await expect(row).toHaveCount(1);
	const text = await row.locator('th .actors').innerText();
	const count = Number(/(\d+)/.exec(text.replace(/\s/g, ''))?.[1]);
	expect(count, `actors of ${world}: « ${text} »`).toBeGreaterThanOrEqual(0);
	return count;
}

test('an editor moves an actor to « rural »: saved, kept on reload, counted by the network', async ({
	page
}) => {
	test.setTimeout(120_000);
	const ruralBefore = await matrixActors(page, 'rural');

	const response = await page.request.get(`${T}/actors/search?q=Mairie&limit=50`);
	expect(response.status()).toBe(200);
	const mairie = ((await response.json()) as Found[]).find((a) => a.communeName === 'Uzès');
	expect(mairie, 'the town hall of Uzès in the demo').toBeDefined();

	await page.goto(`${T}/actors/${mairie!.id}`);
	await waitHydrated(page);
	const section = page.getByTestId('actor-worlds');
	await expect(section.getByRole('heading', { name: 'Mondes' })).toBeVisible();
	const pair = section.getByRole('group', { name: 'Urbain ou rural' });
	const urbain = pair.getByRole('radio', { name: 'urbain', exact: true });
	const rural = pair.getByRole('radio', { name: 'rural', exact: true });
	await expect(urbain).toBeChecked();
	// The other pairs show the demo's worlds, by their French labels.
	await expect(
		section.getByRole('group', { name: 'Élu ou associatif' }).getByRole('radio', { name: 'élu' })
	).toBeChecked();

	// Keyboard only: into the radio group, the arrow picks the next end, then on to the button.
	await urbain.focus();
	await page.keyboard.press('ArrowRight');
	await expect(rural).toBeChecked();
	await expect(rural).toBeFocused();
	const save = section.getByRole('button', { name: 'Enregistrer les mondes' });
	await save.focus();
	await page.keyboard.press('Enter');
	await expect(section.getByTestId('worlds-saved')).toHaveText('Mondes enregistrés.');
	await expect(page.getByTestId('actor-history')).toContainText(/Mondes\s:\s«[^»]*\brural\b/);
	await expectAccessible(page);
	await section.scrollIntoViewIfNeeded();
	await screenshot(page, 'actor-worlds');

	await page.reload();
	await waitHydrated(page);
	await expect(
		page
			.getByTestId('actor-worlds')
			.getByRole('group', { name: 'Urbain ou rural' })
			.getByRole('radio', { name: 'rural', exact: true })
	).toBeChecked();

	// A value that is not one of the pair's ends (a forged form) is refused next to its pair.
	const forged = page.getByTestId('actor-worlds').getByRole('group', { name: 'Urbain ou rural' });
	await forged.getByRole('radio', { name: 'urbain', exact: true }).evaluate((input) => {
		(input as HTMLInputElement).value = 'montagnard';
		(input as HTMLInputElement).checked = true;
	});
	await page
		.getByTestId('actor-worlds')
		.getByRole('button', { name: 'Enregistrer les mondes' })
		.click();
	await expect(forged.getByRole('alert')).toContainText(
		'« montagnard » n’est pas un monde de la paire « Urbain ou rural »'
	);
	await page.reload();
	await expect(
		page
			.getByTestId('actor-worlds')
			.getByRole('group', { name: 'Urbain ou rural' })
			.getByRole('radio', { name: 'rural', exact: true })
	).toBeChecked();

	expect(await matrixActors(page, 'rural')).toBe(ruralBefore + 1);
});
