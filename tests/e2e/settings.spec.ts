/**
 * Territory settings and the account page (#8), in the local mode: the operator owns the demo and
 * the territory it creates here. Changes are made on that new territory, or undone on the demo
 * (later specs of the same run share its database).
 */
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';
const SETTINGS = `/t/${SLUG}/settings`;

async function openSettings(page: Page, slug = SLUG) {
	await page.goto(`/t/${slug}/settings`);
	await waitHydrated(page);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Réglages du territoire' })
	).toBeVisible();
}

async function sourceNames(page: Page): Promise<string[]> {
	return page.getByTestId('settings-source').locator('strong').allTextContents();
}

/** Two tiny listings that share an actor, so the order of the listings decides its values. */
const LISTINGS = [
	{
		name: 'annuaire-associations.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'nom;adresse;code postal;commune;courriel\n' +
				'Les Jardins partagés;1 rue des Lilas;30700;Uzès;jardins@example.org\n' +
				'Atelier Vélo;2 place de la Mairie;30700;Uzès;velo@example.org\n'
		)
	},
	{
		name: 'membres-reseau.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'nom;commune;téléphone;courriel\n' +
				'Les Jardins partagés;Uzès;04 66 00 00 01;contact@jardins.example.org\n' +
				'Café associatif;Uzès;04 66 00 00 02;cafe@example.org\n'
		)
	}
];

test('the owner renames a territory, changes its licence and orders its listings', async ({
	page
}) => {
	test.setTimeout(180_000);
	// A territory of its own, with two listings imported through the wizard.
	await page.goto('/');
	await waitHydrated(page);
	await page.getByTestId('territory-name').fill('Réglages essai');
	await page.getByTestId('territory-create').click();
	await page.waitForURL(/\/t\/reglages-essai\/import$/);
	await waitHydrated(page);
	await page.getByTestId('import-files').setInputFiles(LISTINGS);
	await expect(page.getByTestId('listing-preview')).toHaveCount(2, { timeout: 30_000 });
	await page.getByTestId('import-analyse').click();
	await expect(page.getByTestId('import-diff-row')).toHaveCount(2, { timeout: 60_000 });
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });

	await page.getByTestId('territory-nav').getByRole('link', { name: 'Réglages' }).click();
	await expect(page).toHaveURL(/\/t\/reglages-essai\/settings$/);
	await waitHydrated(page);
	const form = page.getByTestId('settings-form');
	// A new territory's data is CC BY-SA 4.0 unless its owners choose otherwise.
	await expect(form.getByLabel('Licence des données')).toHaveValue('CC-BY-SA-4.0');
	await expectAccessible(page);

	// Name, communes and licence; the dossier's colophon shows the new licence.
	await form.getByLabel('Nom', { exact: true }).fill('Réglages essai (renommé)');
	await form.getByLabel('Communes (codes INSEE)').fill('30334');
	await form.getByLabel('Licence des données').selectOption('CC-BY-4.0');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByTestId('settings-status')).toHaveText('Réglages enregistrés.');
	await expect(form.getByLabel('Nom', { exact: true })).toHaveValue('Réglages essai (renommé)');
	await expect(page.locator('#settings-communes-hint')).toContainText('Uzès (30334)');
	await screenshot(page, 'settings');
	await page.goto('/t/reglages-essai/present');
	await waitHydrated(page);
	await expect(page.getByTestId('dossier-licence')).toHaveText('CC-BY-4.0');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Réglages essai (renommé)');

	// A licence of their own, through "other"; a wrong commune code is refused and named.
	await openSettings(page, 'reglages-essai');
	await form.getByLabel('Licence des données').selectOption('other');
	await form.getByLabel('Nom ou identifiant de la licence').fill('Licence du réseau');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByTestId('settings-status')).toHaveText('Réglages enregistrés.');
	await form.getByLabel('Communes (codes INSEE)').fill('30334 3033X');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByRole('alert').first()).toContainText('corrigez les champs signalés');
	await expect(page.locator('#settings-communes-error')).toContainText('3033X');
	await expect(form.getByLabel('Communes (codes INSEE)')).toHaveAttribute('aria-invalid', 'true');
	await page.goto('/t/reglages-essai/present');
	await expect(page.getByTestId('dossier-licence')).toHaveText('Licence du réseau');

	// Listing priority: the first goes down by keyboard, focus stays on its buttons.
	await openSettings(page, 'reglages-essai');
	const before = await sourceNames(page);
	expect(before).toHaveLength(2);
	await page.getByRole('button', { name: `Descendre « ${before[0]} »` }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('settings-status')).toHaveText(
		'Ordre des listes enregistré, recensement recalculé.',
		{ timeout: 30_000 }
	);
	expect(await sourceNames(page)).toEqual([before[1], before[0]]);
	// It is last now: focus moved to its "up" button.
	await expect(page.getByRole('button', { name: `Monter « ${before[0]} »` })).toBeFocused();
	await expect(page.getByRole('button', { name: `Descendre « ${before[0]} »` })).toBeDisabled();
	// Stored: a reload shows the same order.
	await openSettings(page, 'reglages-essai');
	expect(await sourceNames(page)).toEqual([before[1], before[0]]);
});

test('the owner invites by email and cancels; the last owner stays an owner', async ({ page }) => {
	await openSettings(page);
	const invite = page.getByTestId('settings-invite');
	await expect(
		page.getByText('Mode local : l’opérateur local est la seule personne connectée')
	).toBeVisible();
	await invite.getByLabel('Adresse électronique').fill('Camille.Martin@Example.org');
	await invite.getByLabel('Rôle').selectOption('editor');
	await invite.getByRole('button', { name: 'Inviter' }).click();
	const pending = page.getByTestId('settings-invitation');
	await expect(pending).toHaveCount(1);
	await expect(pending).toContainText('camille.martin@example.org');
	await expect(pending).toContainText('Éditeur');
	await expect(page.getByTestId('settings-status')).toHaveText(
		'camille.martin@example.org est invité·e.'
	);

	// The same address again: refused, with what to do.
	await invite.getByLabel('Adresse électronique').fill('camille.martin@example.org');
	await invite.getByRole('button', { name: 'Inviter' }).click();
	await expect(page.getByTestId('settings-invite-error')).toContainText('déjà invitée');
	await expect(pending).toHaveCount(1);
	await expectAccessible(page);

	await page
		.getByRole('button', { name: 'Annuler l’invitation de camille.martin@example.org' })
		.click();
	await expect(page.getByTestId('settings-invitations-none')).toBeVisible();
	await expect(pending).toHaveCount(0);

	// The operator is the demo's only owner: neither demoted nor removed.
	const self = page.getByTestId('settings-member').filter({ hasText: 'operateur@maillage.local' });
	await expect(self).toContainText('(vous)');
	await self.getByLabel('Rôle de operateur@maillage.local', { exact: true }).selectOption('editor');
	await self.getByRole('button', { name: 'Changer le rôle de operateur@maillage.local' }).click();
	const refusal = page.getByTestId('settings-members-error');
	await expect(refusal).toHaveText(
		'Un territoire garde au moins un propriétaire : nommez d’abord un autre propriétaire, puis retirez ou changez celui-ci.'
	);
	// The select shows the role kept, not the one refused.
	await expect(self.getByLabel('Rôle de operateur@maillage.local', { exact: true })).toHaveValue(
		'owner'
	);

	// « Retirer » asks first: the question takes the focus; « Annuler » closes it and gives the
	// focus back to the button. Confirmed, the last owner is still refused.
	const remove = self.getByRole('button', {
		name: 'Retirer operateur@maillage.local du territoire'
	});
	const step = page.getByTestId('settings-member-remove-step');
	const question = step.getByText('Retirer operateur@maillage.local du territoire ?', {
		exact: true
	});
	await remove.click();
	await expect(step).toHaveCount(1);
	await expect(question).toBeFocused();
	await expect(step).toContainText('Vous n’aurez plus accès aux données réservées du territoire');
	await expect(remove).toHaveAttribute('aria-expanded', 'true');
	await expectAccessible(page);
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('settings-member-remove-confirm')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('settings-member-remove-cancel')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(step).toHaveCount(0);
	await expect(remove).toBeFocused();
	await expect(remove).toHaveAttribute('aria-expanded', 'false');
	await expect(self).toContainText('(vous)');
	await remove.click();
	await expect(question).toBeFocused();
	await page.getByTestId('settings-member-remove-confirm').click();
	await expect(refusal).toContainText('au moins un propriétaire');
	await expect(step).toHaveCount(0);
	await openSettings(page);
	await expect(
		page
			.getByTestId('settings-member')
			.filter({ hasText: 'operateur@maillage.local' })
			.getByLabel('Rôle de operateur@maillage.local', { exact: true })
	).toHaveValue('owner');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	// Only the question: the confirmed post is the one the test above makes, and its 409 answer
	// would be a document load error here.
	test('« Retirer » is answered with the question, and nobody is removed', async ({ page }) => {
		await page.goto(SETTINGS);
		const self = page
			.getByTestId('settings-member')
			.filter({ hasText: 'operateur@maillage.local' });
		await self
			.getByRole('button', { name: 'Retirer operateur@maillage.local du territoire' })
			.click();
		const step = page.getByTestId('settings-member-remove-step');
		await expect(step).toContainText('Retirer operateur@maillage.local du territoire ?');
		await expect(step.locator('input[name="user"]')).toHaveCount(1);
		await expect(page.getByTestId('settings-member-remove-confirm')).toHaveAttribute('value', '1');
		await expect(self).toContainText('(vous)');
		await expect(page.getByTestId('settings-status')).toBeEmpty();
	});
});

test('the account page shows the operator, their territories and what the local mode means', async ({
	page
}) => {
	await page.goto('/');
	await waitHydrated(page);
	await page.getByTestId('account-link').click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
	await expect(page.getByTestId('account-email')).toHaveText('operateur@maillage.local');
	const demo = page.getByTestId('account-territory').filter({ hasText: 'Uzès' });
	await expect(demo).toContainText('Propriétaire');
	await expect(demo.getByRole('link', { name: /^Réglages de / })).toHaveAttribute('href', SETTINGS);
	await expect(page.getByTestId('account-local')).toContainText('utilisateur de cet ordinateur');
	await expect(page.getByTestId('account-sign-out')).toHaveCount(0);
	await expectAccessible(page);
	await screenshot(page, 'account');
});
