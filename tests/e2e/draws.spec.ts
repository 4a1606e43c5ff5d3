/**
 * The random draw (#9) in Chromium, on the demo territory: the local operator (owner) opens a call
 * with a public seed, fills the pool by commune, runs a draw that mixes the communes, records a
 * decline and sees the replacement in the group and in the logged audit trail.
 */
import { expect, expectAccessible, screenshot, test, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';

test('run a draw on the demo territory, decline one person, see the logged replacement', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/draws`);
	await waitHydrated(page);
	await expect(page.getByRole('heading', { name: 'Tirages au sort', level: 1 })).toBeVisible();

	// A seed left empty is refused next to its field, and the rest of the form is kept.
	const form = page.getByTestId('draw-new');
	await form.getByLabel('Intitulé').fill('Trinômes du printemps');
	await form.getByLabel('Nombre de groupes').fill('3');
	await form.getByLabel('Personnes par groupe').fill('3');
	await form.getByLabel(/Mélanger les communes/).check();
	await form.getByRole('button', { name: 'Ouvrir l’appel' }).click();
	// The browser's own check stops an empty required seed: blank it with spaces instead.
	await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/draws$`));
	await form.getByLabel('Source de la graine').fill('   ');
	await form.getByRole('button', { name: 'Ouvrir l’appel' }).click();
	await expect(page.getByText('Source de la graine : à remplir.')).toBeVisible();
	await expect(form.getByLabel('Intitulé')).toHaveValue('Trinômes du printemps');

	await form.getByLabel('Source de la graine').fill('Loto du 28 novembre 2026, les cinq numéros');
	await form.getByRole('button', { name: 'Ouvrir l’appel' }).click();
	await expect(
		page.getByRole('heading', { name: 'Trinômes du printemps', level: 1 })
	).toBeVisible();
	await waitHydrated(page);
	await expect(page.getByTestId('draw-seed-source')).toHaveText(
		'Loto du 28 novembre 2026, les cinq numéros'
	);

	// The pool: every association of Uzès, and every actor of Montaren (so that communes can mix).
	await page.getByTestId('draw-bulk-commune').selectOption({ label: 'Uzès' });
	await page.getByTestId('draw-bulk-kind').selectOption('association');
	await page.getByRole('button', { name: 'Ajouter ces acteurs' }).click();
	await expect(page.getByTestId('draw-notice')).toContainText('volontaires ajoutés');
	const poolHeading = page.getByRole('heading', { name: /^Le vivier/ });
	const afterUzes = (await poolHeading.textContent())!;
	await page.getByTestId('draw-bulk-kind').selectOption('');
	await page.getByTestId('draw-bulk-commune').selectOption({ label: 'Montaren-et-Saint-Médiers' });
	await page.getByRole('button', { name: 'Ajouter ces acteurs' }).click();
	await expect(poolHeading).not.toHaveText(afterUzes);
	const poolSize = await page.getByTestId('draw-pool').getByRole('listitem').count();
	await expect(poolHeading).toHaveText(`Le vivier (${poolSize})`);
	expect(poolSize).toBeGreaterThan(9);
	await screenshot(page, 'draw-pool');

	// The pool is closed before the seed is known; then the seed is read at its source.
	await page.getByTestId('draw-close').click();
	await expect(page.getByTestId('draw-notice')).toHaveText(
		`Vivier clos : ${poolSize} volontaires.`
	);
	await expect(page.getByTestId('draw-pool-hash')).toHaveText(/^[0-9a-f]{64}$/);
	await page.getByLabel('Graine lue à sa source').fill('Loto du 28 novembre 2026 : 7 12 23 34 41');
	await page.getByTestId('draw-run').click();
	await expect(page.getByTestId('draw-notice')).toHaveText('Tirage effectué.');
	await expect(page.getByTestId('draw-seed')).toHaveText(
		'Loto du 28 novembre 2026 : 7 12 23 34 41'
	);
	const groups = page.getByTestId('draw-group');
	await expect(groups).toHaveCount(3);
	for (const group of await groups.all()) {
		await expect(group.getByTestId('draw-seat')).toHaveCount(3);
		// « Mélanger les communes »: Montaren in every group, since Uzès alone cannot mix.
		await expect(group).toContainText('Montaren');
	}
	await expect(page.getByTestId('draw-verified')).toBeVisible();

	// The first person of group 2 declines; the first on the waiting list who keeps the mix comes in.
	const group2 = groups.nth(1);
	const leaving = (await group2.getByTestId('draw-seat').first().getByRole('link').textContent())!;
	await group2.getByRole('button', { name: `Noter le refus de ${leaving.trim()}` }).click();
	const notice = page.getByTestId('draw-notice');
	await expect(notice).toContainText(`${leaving.trim()} décline`);
	await expect(notice).toContainText('prend sa place');
	const incoming = group2
		.getByTestId('draw-seat')
		.filter({ hasText: `remplace ${leaving.trim()}` });
	await expect(incoming).toHaveCount(1);
	await expect(group2.getByTestId('draw-seat')).toHaveCount(3);
	const incomingName = (await incoming.getByRole('link').textContent())!.trim();
	await expect(
		group2.getByTestId('draw-seat').getByRole('link', { name: leaving.trim(), exact: true })
	).toHaveCount(0);

	const log = page.getByTestId('draw-log');
	await expect(log).toContainText(`${leaving.trim()} décline.`);
	await expect(log).toContainText(`${incomingName} prend la place dans le groupe 2.`);
	await expect(page.getByTestId('draw-verified')).toBeVisible();
	// The one who declined is on no list any more.
	await expect(page.getByTestId('draw-reserve')).not.toContainText(leaving.trim());

	await expectAccessible(page);
	await screenshot(page, 'draw-result');

	// The audit file replays: it holds the seed, the frozen pool and the answer.
	const audit = await page.request.get(`${page.url()}/audit.json`);
	expect(audit.ok()).toBe(true);
	const body = (await audit.json()) as {
		draw: { seed: string };
		pool: unknown[];
		answers: { answer: string }[];
	};
	expect(body.draw.seed).toBe('Loto du 28 novembre 2026 : 7 12 23 34 41');
	expect(body.pool).toHaveLength(poolSize);
	expect(body.answers.map((a) => a.answer)).toEqual(['declined']);
});
