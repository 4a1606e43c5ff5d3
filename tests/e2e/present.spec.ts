/**
 * The dossier for elected officials (#7, first part): the members' page draws its charts and
 * choropleth and passes axe; its public version shows no contact, listing or members-only event.
 */
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';

test('the dossier draws its charts, and its public version keeps to public data', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/present`);
	await waitHydrated(page);
	const dossier = page.getByTestId('dossier');
	await expect(dossier).toBeVisible();
	// Plot draws in the browser: bar charts and the commune choropleth as SVG.
	await expect(dossier.locator('figure svg').first()).toBeVisible({ timeout: 15_000 });
	expect(await dossier.locator('figure svg').count()).toBeGreaterThanOrEqual(3);
	// Every footnote marker points at a numbered note.
	const notes = await page.getByTestId('dossier-notes').locator('li').count();
	expect(notes).toBeGreaterThanOrEqual(5);
	await expectAccessible(page);
	await screenshot(page, 'dossier-members');

	// Members-only material of the demo: an offer title, a members-only event, email addresses.
	const offers = await page.request.get(`/t/${SLUG}/offers`);
	expect(offers.ok()).toBe(true);
	await page.goto(`/t/${SLUG}/present?public=1`);
	await waitHydrated(page);
	const text = (await page.locator('main').textContent()) ?? '';
	await expect(page.getByTestId('dossier-audience')).toContainText('Publique');
	await expect(page.getByTestId('dossier')).toContainText('Réservé aux membres');
	expect(text).not.toMatch(/[\w.-]+@[\w.-]+\.\w+/); // no email address
	expect(text).not.toContain('Salle de réunion en semaine'); // an offer title (members only)
	expect(text).not.toContain('Rencontre élus – associations'); // a members-only event
	await expectAccessible(page);
	await screenshot(page, 'dossier-public');
});

test('the network graph draws the actors, with the world matrix beside it', async ({ page }) => {
	await page.goto(`/t/${SLUG}/network`);
	await waitHydrated(page);
	const graph = page.getByTestId('network-graph');
	await expect(graph).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThanOrEqual(300);
	await expect(page.locator('table').first()).toBeVisible();
	await expectAccessible(page);
	await screenshot(page, 'network');
});

test('the dossier as slides: keyboard moves between them, Escape gives the page back', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/present`);
	await waitHydrated(page);
	const dossier = page.getByTestId('dossier');
	const sections = dossier.locator(':scope > section.slide');
	const total = await sections.count();
	expect(total).toBeGreaterThanOrEqual(5);

	await page.getByTestId('slides-start').click();
	const counter = page.getByTestId('slide-counter');
	await expect(counter).toHaveText(`Diapositive 1 sur ${total}`);
	// One slide at a time, its title focused.
	await expect(sections.locator('visible=true')).toHaveCount(1);
	await expect(page.locator('#dossier-title')).toBeFocused();

	await page.keyboard.press('ArrowRight');
	await expect(counter).toHaveText(`Diapositive 2 sur ${total}`);
	await expect(page.locator('#dossier-figures')).toBeVisible();
	await expect(page.locator('#dossier-figures')).toBeFocused();
	await expect(page.locator('#dossier-title')).toBeHidden();
	await page.keyboard.press(' ');
	await expect(counter).toHaveText(`Diapositive 3 sur ${total}`);
	await page.keyboard.press('End');
	await expect(counter).toHaveText(`Diapositive ${total} sur ${total}`);
	await expect(page.locator('#dossier-methods')).toBeVisible();
	await page.keyboard.press('ArrowRight'); // already the last one
	await expect(counter).toHaveText(`Diapositive ${total} sur ${total}`);
	await page.keyboard.press('ArrowLeft');
	await expect(counter).toHaveText(`Diapositive ${total - 1} sur ${total}`);
	await expectAccessible(page);
	await screenshot(page, 'dossier-slide');
	await page.keyboard.press('Home');
	await expect(counter).toHaveText(`Diapositive 1 sur ${total}`);

	await page.keyboard.press('Escape');
	await expect(page.getByTestId('slide-controls')).toHaveCount(0);
	await expect(page.locator('#dossier-figures')).toBeVisible();
	await expect(page.locator('#dossier-title')).toBeVisible();
});
