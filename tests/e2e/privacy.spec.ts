/**
 * Field-level privacy on the actor page (#8): the owner (local operator) chooses who sees a
 * contact field with the keyboard; the choice is saved, shown, and logged in the history with
 * its author. The rule itself is the database's (tests/db/contact-visibility.test.ts).
 */
import { expect, expectAccessible, screenshot, test, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';

test('an editor chooses who sees an actor’s phone, and the history says who did', async ({
	page
}) => {
	const hits = await page.request.get(`/t/${SLUG}/actors/search?q=toupie`);
	const [actor] = (await hits.json()) as { id: string }[];
	expect(actor).toBeDefined();
	await page.goto(`/t/${SLUG}/actors/${actor!.id}`);
	await waitHydrated(page);

	const section = page.getByTestId('actor-visibility');
	await expect(section.getByRole('heading', { name: 'Qui voit les coordonnées' })).toBeVisible();
	const phone = section.getByLabel('Téléphone');
	// The demo marks some phones public: start from whatever it says, and put it back after.
	const initial = await phone.inputValue();
	const LABELS: Record<string, string> = {
		public: 'Tout le monde',
		members: 'Les membres',
		editors: 'Les éditeurs'
	};
	expect(Object.keys(LABELS)).toContain(initial);

	// Keyboard only: focus the select, pick « Les éditeurs », tab to its button, press Enter.
	await phone.focus();
	await phone.selectOption('editors');
	const row = section.getByTestId('visibility-phone');
	const save = row.getByRole('button', { name: 'Enregistrer' });
	await expect(save).toBeEnabled();
	await page.keyboard.press('Tab');
	await expect(save).toBeFocused();
	await page.keyboard.press('Enter');

	await expect(row.getByRole('status')).toHaveText('Modification enregistrée.');
	await expect(phone).toHaveValue('editors');
	await expect(save).toBeDisabled();
	const history = page.getByTestId('actor-history');
	await expect(history.locator('li').first()).toContainText(
		'Téléphone : visible par Les éditeurs — operateur@maillage.local'
	);
	await expectAccessible(page);
	await section.scrollIntoViewIfNeeded();
	await screenshot(page, 'actor-visibility');

	// Back as it was, for the tests that follow on the same demo.
	await phone.selectOption(initial);
	await save.click();
	await expect(phone).toHaveValue(initial);
	await expect(history.locator('li').first()).toContainText(
		`Téléphone : visible par ${LABELS[initial]}`
	);
});
