/**
 * Events, common places and the partner finder (#6) on the demo territory: an event created at a
 * common place, its partner finder, the radius changed, the invitation list exported; the
 * participants import link and the map's "partners here" link.
 */
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';
const ALLOWED_COLUMNS = [
	'Nom',
	'Type',
	'Commune',
	'Distance (km)',
	'Pourquoi',
	'Courriel',
	'Téléphone',
	'Site web'
];

/** A date a few weeks ahead, as the date input wants it (YYYY-MM-DD). */
function dayAhead(days: number): string {
	const d = new Date(Date.now() + days * 86_400_000);
	return d.toISOString().slice(0, 10);
}

async function bytesOf(download: Download): Promise<Buffer> {
	const path = await download.path();
	return readFileSync(path!);
}

async function partnerKms(page: Page): Promise<number[]> {
	const rows = page.getByTestId('partner-row');
	const kms = await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-km')));
	return kms.map(Number);
}

test('an event at a common place, its partners within a radius, and the invitation list', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/events/new`);
	await waitHydrated(page);
	const form = page.getByTestId('event-form');
	await form.getByLabel('Titre').fill('Bal trad de la Filature');
	await form.locator('input[name="start_date"]').fill(dayAhead(30));
	await form.locator('input[name="start_time"]').fill('20:30');
	const place = page.getByTestId('event-place');
	const filature = await place.locator('option', { hasText: 'La Filature' }).getAttribute('value');
	await place.selectOption(filature!);
	// A common place brings its own address and point: the other-place fields hide.
	await expect(page.getByTestId('event-other-place')).toBeHidden();
	await form.locator('input[name="theme"]').fill('culture');
	await form.locator('input[name="format"]').fill('concert');
	await form.locator('[name="needs"]').fill('sono, tables, bénévoles');
	await page.getByTestId('event-submit').click();

	await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/events/[0-9a-f-]{36}`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bal trad de la Filature');
	await expect(page.getByTestId('event-needs').locator('li')).toHaveText([
		'sono',
		'tables',
		'bénévoles'
	]);
	// Who can lend what it needs, nearest first: the halls' sound systems, tables…
	const needs = page.getByTestId('event-need-matches');
	for (const need of ['sono', 'tables', 'bénévoles']) {
		const offers = needs.locator(`[data-need="${need}"] li.offer`);
		await expect(offers.first()).toContainText('km');
	}
	await expectAccessible(page);
	await screenshot(page, 'event-detail');

	// The partner finder of this event.
	await page.getByTestId('event-partners-link').click();
	await expect(page).toHaveURL(/\/partners/);
	await waitHydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bal trad de la Filature');
	await expect(page.getByTestId('partner-event')).toContainText('La Filature');
	await expect(page.getByTestId('partner-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	const wide = await partnerKms(page);
	expect(wide.length).toBeGreaterThan(5);
	expect(Math.max(...wide)).toBeLessThanOrEqual(10);
	// The list shows the first 200; the heading counts them all.
	const total = Number(
		/\d+/.exec((await page.getByTestId('partner-count').textContent()) ?? '')![0]
	);
	expect(total).toBeGreaterThanOrEqual(wide.length);
	expect(wide.length).toBe(Math.min(total, 200));
	// Each proposal says why it is there.
	await expect(page.getByTestId('partner-row').first()).toContainText('km');
	await expectAccessible(page);
	await screenshot(page, 'event-partners-10km');

	// A smaller circle: fewer partners, all inside it; the URL keeps the radius.
	await page.getByTestId('partner-radius').fill('3');
	await expect(page).toHaveURL(/[?&]r=3(&|$)/);
	await expect(page.getByTestId('partner-radius-output')).toContainText('3');
	await expect.poll(async () => (await partnerKms(page)).length).toBeLessThan(wide.length);
	const near = await partnerKms(page);
	expect(near.length).toBeGreaterThan(0);
	expect(near.length).toBeLessThan(200);
	await expect(page.getByTestId('partner-count')).toContainText(`${near.length} partenaires`);
	expect(Math.max(...near)).toBeLessThanOrEqual(3);
	await screenshot(page, 'event-partners-3km');

	// The invitation list for Excel (France): BOM, semicolons, accents intact, allowed fields only.
	const [excel] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('partner-csv-excel').click()
	]);
	expect(excel.suggestedFilename()).toMatch(/^invitations-.*\.csv$/);
	const bytes = await bytesOf(excel);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
	const lines = text.split(/\r\n/).filter((l) => l !== '');
	expect(lines[0]!.split(';')).toEqual(ALLOWED_COLUMNS);
	expect(lines).toHaveLength(near.length + 1);
	expect(text).not.toMatch(/Ã|�/); // no mojibake
	expect(text).toMatch(/[éèàç]/); // accents of names and reasons are there
	// Every row's distance is within the radius, in French decimals.
	for (const line of lines.slice(1)) {
		const km = Number(line.split(';')[3]!.replace(',', '.'));
		expect(km).toBeLessThanOrEqual(3);
	}

	// The plain CSV: UTF-8 without BOM, commas, same columns.
	const [plain] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('partner-csv').click()
	]);
	const plainBytes = await bytesOf(plain);
	expect(plainBytes[0]).not.toBe(0xef);
	expect(plainBytes.toString('utf8').split(/\r?\n/)[0]).toBe(ALLOWED_COLUMNS.join(','));
});

test('the map offers the partner finder around a point, and the event list and calendar show events', async ({
	page
}) => {
	await page.goto(`/t/${SLUG}/map`);
	const here = page.getByTestId('map-partners-here').locator('a');
	await expect(here).toHaveAttribute('href', /\/partners\?at=-?\d+\.\d+,-?\d+\.\d+/, {
		timeout: 30_000
	});
	await here.click();
	await expect(page).toHaveURL(/\/partners\?at=/);
	await expect(page.getByTestId('partner-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	expect(await page.getByTestId('partner-row').count()).toBeGreaterThan(0);

	await page.goto(`/t/${SLUG}/events`);
	await waitHydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page);
	await screenshot(page, 'events-list');
	await page.goto(`/t/${SLUG}/events?view=calendar`);
	await expect(page.locator('table')).toBeVisible();
	await expectAccessible(page);
	await screenshot(page, 'events-calendar');
});

test('a participants sheet imported into an event: known actors recognised, newcomers added', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.goto(`/t/${SLUG}/events`);
	await page.getByRole('link', { name: 'Nuit de la lecture' }).click();
	await waitHydrated(page);
	await page.getByTestId('event-import-link').click();
	await waitHydrated(page);
	await expect(page.getByTestId('import-event-banner')).toContainText('Nuit de la lecture');

	// Two actors of the census written otherwise, and one nobody knows yet.
	const sheet = [
		'Nom;Commune;Courriel',
		'LUDOTHEQUE LA TOUPIE;UZES;',
		'chorale la clé des chants.;Uzès;',
		'Cercle des lecteurs du soir;Uzès;cercle@example.org'
	].join('\r\n');
	await page.getByTestId('import-files').setInputFiles({
		name: 'inscrits-nuit-lecture.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(sheet, 'utf8')
	});
	await expect(page.getByTestId('listing-preview')).toHaveCount(1, { timeout: 30_000 });
	await page.getByTestId('import-analyse').click();
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });
	await expect(page.getByTestId('import-participants')).toContainText('3 participants inscrits');
	// Two rows folded into actors the census had, one new actor.
	await expect(page.getByTestId('import-folded')).toHaveText('2');
	await expect(page.locator('dt:text-is("Nouveaux acteurs") + dd')).toHaveText('1');
	await screenshot(page, 'event-participants-import');

	await page.getByTestId('import-event-back').click();
	const participants = page.getByTestId('event-participants');
	await expect(participants).toContainText('Cercle des lecteurs du soir');
	// Recognised, under the census' own name: no duplicate.
	await expect(participants.getByRole('link', { name: 'Ludothèque La Toupie' })).toHaveCount(1);
	const hits = await page.request.get(`/t/${SLUG}/actors/search?q=toupie`);
	expect((await hits.json()).length).toBe(1);
});
