/**
 * The dossier for elected officials (#7, first part): the members' page draws its charts and
 * choropleth and passes axe; its public version shows no contact, listing or members-only event.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, expectAccessible, screenshot, waitHydrated } from './fixtures';

const SLUG = 'pays-d-uzes';
const PDF_DIR = 'test-results/pdf';

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
	// The map picture: actors and common places over the commune outlines.
	await expect(page.locator('[data-chart="actors-map"][data-state="drawn"] svg')).toHaveCount(1);
	// How the worlds meet (members): the matrix and the bridges, as on the network page.
	const network = page.getByTestId('dossier-network');
	await expect(network.getByTestId('world-matrix')).toBeVisible();
	await expect(
		network.locator('[data-testid="bridges"], [data-testid="world-openers"]')
	).toHaveCount(1);
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
	// Ties between actors are members-only rows: no network section, a sentence says why.
	await expect(page.getByTestId('dossier-network')).toHaveCount(0);
	await expect(page.getByTestId('dossier-network-members-only')).toBeVisible();
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

/** Runs a poppler tool (pdftotext, pdfinfo, pdftoppm); CI installs poppler-utils. */
function poppler(tool: string, args: string[]): string {
	return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
}

test('the dossier as a PDF printed on the server: A4 pages of real text, numbered, dated, licensed', async ({
	page
}) => {
	// The figures as the page shows them, to find them again in the PDF's text.
	await page.goto(`/t/${SLUG}/present`);
	await waitHydrated(page);
	const card = (figure: string) =>
		page.locator(`[data-figure="${figure}"] .value`).first().textContent();
	const actors = ((await card('actors')) ?? '').trim();
	const places = ((await card('places')) ?? '').trim();
	expect(actors).toMatch(/^\d[\d\s\u202f]*$/);
	const licence = ((await page.getByTestId('dossier-licence').textContent()) ?? '').trim();
	const title = ((await page.locator('#dossier-title').textContent()) ?? '').trim();
	const link = page.getByTestId('dossier-pdf');
	await expect(link).toHaveAttribute('href', `/t/${SLUG}/present/pdf`);

	const response = await page.request.get(`/t/${SLUG}/present/pdf`, { timeout: 90_000 });
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const body = await response.body();
	expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	rmSync(PDF_DIR, { recursive: true, force: true });
	mkdirSync(PDF_DIR, { recursive: true });
	const file = join(PDF_DIR, 'dossier-pays-d-uzes.pdf');
	writeFileSync(file, body);

	const info = poppler('pdfinfo', [file]);
	const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
	expect(pages).toBeGreaterThanOrEqual(4);
	expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+/); // A4

	// Real text: the figures, the dossier's title, and every page's footer.
	const text = poppler('pdftotext', ['-layout', file, '-']);
	const flat = text.replace(/[\s\u202f\u00a0]+/g, ' ');
	expect(flat).toContain(title.replace(/[\s\u202f\u00a0]+/g, ' '));
	expect(flat).toContain(actors.replace(/[\s\u202f\u00a0]+/g, ' '));
	expect(flat).toContain(places);
	expect(flat).toContain('Acteurs par type');
	expect(flat).toContain('Les mondes qui se rencontrent'); // the network section (members)
	expect(flat).toContain('Où sont les acteurs et les lieux communs'); // the map picture
	for (let n = 1; n <= pages; n++) expect(flat).toContain(`page ${n} / ${pages}`);
	expect(flat).toContain(`données sous licence ${licence}`);
	expect(flat).toMatch(/calculé le \d{1,2} \p{L}+ \d{4}/u);
	expect(flat).toContain('Sources :');

	// Pictures of the pages, to look at (test-results/pdf/page-1.png…).
	poppler('pdftoppm', ['-r', '50', '-png', file, join(PDF_DIR, 'page')]);
	expect(readdirSync(PDF_DIR).filter((name) => name.endsWith('.png')).length).toBe(pages);

	// The public PDF keeps to public data, like the public page.
	const publicPdf = await page.request.get(`/t/${SLUG}/present/pdf?public=1`, {
		timeout: 90_000
	});
	expect(publicPdf.status()).toBe(200);
	const publicFile = join(PDF_DIR, 'dossier-public.pdf');
	writeFileSync(publicFile, await publicPdf.body());
	const publicText = poppler('pdftotext', [publicFile, '-']);
	expect(publicText).toContain('Publique');
	expect(publicText).not.toMatch(/[\w.-]+@[\w.-]+\.\w+/);
	expect(publicText).not.toContain('Rencontre élus – associations');

	// A territory nobody may read: the same 404 as the page, no PDF.
	const missing = await page.request.get('/t/nulle-part/present/pdf', { timeout: 90_000 });
	expect(missing.status()).toBe(404);
});
