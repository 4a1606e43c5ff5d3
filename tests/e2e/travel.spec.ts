/**
 * Events that travel (#9) on the demo territory: from the events page to the travel page, the
 * travelling « Fête des associations rurales » picked with the keyboard, its timeline across
 * villages, and the suggestions for the next host commune, each saying why.
 */
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';

test('the travelling fête: its host communes over time and where to hold the next one', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/events`);
	await waitHydrated(page);
	await page.getByTestId('events-travel').click();
	await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/events/travel$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Événements qui voyagent');
	await waitHydrated(page);

	// Pick the series by keyboard: the selects and the size field, then Enter submits the form.
	await page.getByLabel('Format').selectOption('fête');
	await page.getByLabel('Thème').selectOption('social');
	const size = page.getByLabel('Taille attendue (personnes, facultatif)');
	await size.fill('150');
	await size.press('Enter');
	await expect(page).toHaveURL(/format=f%C3%AAte&theme=social&size=150/);

	await expect(page.getByTestId('travel-summary')).toContainText(
		'4 événements de la série « fête · social »'
	);
	const timeline = page.getByTestId('travel-timeline').locator('li');
	await expect(timeline).toHaveCount(4);
	await expect(timeline.nth(0)).toContainText('Saint-Siffret');
	await expect(timeline.nth(1)).toContainText('Moussac');
	await expect(timeline.nth(2)).toContainText('Lussan');
	await expect(timeline.nth(3)).toContainText('Aigaliers');
	await expect(timeline.nth(3)).toContainText('prévu');
	await expect(page.getByTestId('travel-map').locator('circle.dot.host')).toHaveCount(3);

	const suggestions = page.getByTestId('travel-suggestions').locator(':scope > li');
	await expect(suggestions).toHaveCount(5);
	const first = suggestions.first();
	await expect(first.getByRole('heading', { level: 3 })).toContainText('Blauzac');
	await expect(first.getByRole('heading', { level: 4 })).toHaveText('Pourquoi cette commune');
	const why = first.getByTestId('travel-why');
	await expect(why).toContainText('Elle n’a jamais accueilli cette série.');
	await expect(why).toContainText(
		'Lieu commun : Salle des fêtes de Blauzac, 200 places, assez pour les 150 personnes attendues.'
	);
	await expect(why).toContainText(/acteurs? à moins de 10 km pour co-organiser/);
	await expect(first.getByRole('link', { name: 'Salle des fêtes de Blauzac' })).toHaveAttribute(
		'href',
		new RegExp(`/t/${SLUG}/places/[0-9a-f-]{36}$`)
	);

	await expectAccessible(page);
	await screenshot(page, 'travel');

	// A co-organiser's link leads to its page.
	const coOrganiser = first.locator('.co-list a').first();
	const name = (await coOrganiser.textContent())!.trim();
	await coOrganiser.click();
	await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/actors/[0-9a-f-]{36}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
});

test('a size that is not a number is refused next to the field', async ({ page }) => {
	await page.goto(`/t/${SLUG}/events/travel?format=f%C3%AAte&size=beaucoup`);
	await expect(page.getByTestId('travel-size-error')).toHaveText(
		/Indiquez un nombre entier de personnes entre 1 et 100\s000, ou laissez vide\./
	);
	await expect(page.getByTestId('travel-size')).toHaveAttribute('aria-invalid', 'true');
});
