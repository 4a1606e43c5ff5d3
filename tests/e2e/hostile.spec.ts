/**
 * The hostile-strings corpus (#8, tests/fixtures/hostile/corpus.ts) through the import wizard
 * into the demo territory, then every page that shows listing text and every export.
 *
 * On every page: no dialog opens, nothing sets `window.__pwned` (a trap installed before any
 * script of the page), no element carries an inline event handler, no script or frame came
 * from the data, no link leads to `javascript:`/`data:`/`vbscript:`, and the hostile text is
 * shown as text. In every spreadsheet export: no cell starts a formula and no XLSX cell is one.
 * In the calendar feed: a title or description with new lines adds no property.
 *
 * The tests run in order on one import (serial): the import is the first.
 */
import { test as baseTest, type Download, type Page } from '@playwright/test';
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { test, expect, screenshot, waitHydrated } from './fixtures';
import {
	HOSTILE,
	HUNDRED_K_NAME,
	hostileByValue,
	hostileCsv,
	icsLines,
	liveFormulaCells,
	parseCsv
} from '../fixtures/hostile/corpus';

/** A corpus string by its note (ids move when the corpus grows). */
function byNote(note: string): string {
	const found = HOSTILE.find((s) => s.note === note);
	if (!found) throw new Error(`no corpus string noted ${note}`);
	return found.value;
}

const SLUG = 'pays-d-uzes';
const T = `/t/${SLUG}`;
/** Uzès, where every hostile actor is placed (commune centre: the tests' geocoder is offline). */
const UZES = '4.4162,44.01334';

const SCRIPT = '</script><script>window.__pwned=1</script>';
const SVG = '"><svg onload="window.__pwned=1">';
const IFRAME = '\'><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const LINK = '<a href="javascript:window.__pwned=1">clic</a><b>gras</b>';
/** Trimmed by the census (leading space), and alone: `javascript:window.__pwned=1` and its tabbed
 * twin fold to the same words and make one actor. */
const JS_URL = 'JaVaScRiPt:window.__pwned=1//https://example.org';
const TEMPLATE = '{{7*7}} ${7*7} #{7*7} <%= 7*7 %>';
/** Also the actor of `<img src=x onerror=…>` (same words once folded: one actor, this name). */
const SVELTE_HTML = byNote('Svelte {@html} tag');
const SQL = "'; drop table actor; --";
const WILDCARDS = '%_\\';
const HYPERLINK = '=HYPERLINK("http://x","y")';
const RLO = 'facture\u202Efdp.exe';

test.describe.configure({ mode: 'serial' });

// --------------------------------------------------------------------------- traps

/**
 * Runs before any script of every page and frame: `window.__pwned` becomes a trap that records
 * any write (and says so on the console, which the fixture turns into a failure).
 */
async function installTrap(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const hits: string[] = [];
		Object.defineProperty(window, '__pwnedHits', { value: hits });
		Object.defineProperty(window, '__pwned', {
			configurable: false,
			get: () => (hits.length > 0 ? hits[0] : undefined),
			set: (value: unknown) => {
				hits.push(`${String(value)} at ${location.href}`);
				console.error(`hostile payload ran: window.__pwned = ${String(value)}`);
			}
		});
	});
}

const dialogs: string[] = [];

function watchDialogs(page: Page): void {
	page.on('dialog', (dialog) => {
		dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
		void dialog.dismiss().catch(() => {});
	});
}

interface PageReport {
	pwned: unknown;
	hits: string[];
	handlers: string[];
	scripts: number;
	frames: number;
	dangerousLinks: string[];
	brokenImages: number;
}

/** Whatever the data could have built or run on the page as it is now. */
function readReport(page: Page): Promise<PageReport> {
	return page.evaluate((): PageReport => {
		const w = window as unknown as { __pwned?: unknown; __pwnedHits?: string[] };
		const all = [...document.querySelectorAll('*')];
		const handlers = all.flatMap((el) =>
			[...el.attributes]
				.filter((a) => /^on/i.test(a.name))
				.map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`)
		);
		// A script the data injected: its whole text is a payload.
		const scripts = [...document.scripts].filter((s) =>
			/^\s*(window|parent)\.__pwned/.test(s.textContent ?? '')
		).length;
		const frames = document.querySelectorAll('iframe[srcdoc], object, embed').length;
		const dangerousLinks: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(
			'a[href], area[href], iframe[src], form[action], [xlink\\:href]'
		)) {
			const raw =
				el.getAttribute('href') ??
				el.getAttribute('src') ??
				el.getAttribute('action') ??
				el.getAttribute('xlink:href') ??
				'';
			let protocol = '';
			try {
				protocol = new URL(raw, location.href).protocol;
			} catch {
				continue;
			}
			if (!['http:', 'https:', 'mailto:', 'tel:', 'blob:'].includes(protocol)) {
				dangerousLinks.push(`<${el.tagName.toLowerCase()}> ${raw.slice(0, 60)}`);
			}
		}
		return {
			pwned: w.__pwned,
			hits: w.__pwnedHits ?? [],
			handlers,
			scripts,
			frames,
			dangerousLinks,
			brokenImages: document.querySelectorAll('img[src="x"]').length
		};
	});
}

async function expectNothingRan(page: Page, where: string): Promise<void> {
	const report = await readReport(page);
	expect(report.hits, `payload ran on ${where}`).toEqual([]);
	expect(report.pwned, `window.__pwned on ${where}`).toBeUndefined();
	expect(report.handlers, `inline event handlers on ${where}`).toEqual([]);
	expect(report.scripts, `injected scripts on ${where}`).toBe(0);
	expect(report.frames, `injected frames on ${where}`).toBe(0);
	expect(report.dangerousLinks, `links to a script URL on ${where}`).toEqual([]);
	expect(report.brokenImages, `<img src=x> on ${where}`).toBe(0);
	expect(dialogs, `dialogs (${where})`).toEqual([]);
}

/** A long word of the data wraps inside the page instead of widening it. */
async function expectNoWideningText(page: Page, where: string): Promise<void> {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `page width on ${where}`).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}

test.beforeEach(async ({ page }) => {
	dialogs.length = 0;
	await installTrap(page);
	watchDialogs(page);
});

// --------------------------------------------------------------------------- helpers

async function bytesOf(download: Download): Promise<Buffer> {
	return readFileSync((await download.path())!);
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	return file;
}

interface Found {
	id: string;
	name: string;
}

/** The actor the search finds first for a hostile name (the search escapes LIKE wildcards). */
async function actorNamed(page: Page, name: string): Promise<Found> {
	const response = await page.request.get(
		`${T}/actors/search?q=${encodeURIComponent(name)}&limit=50`
	);
	expect(response.status()).toBe(200);
	const hits = (await response.json()) as Found[];
	const exact = hits.find((h) => h.name === name);
	expect(exact, `an actor named ${JSON.stringify(name.slice(0, 40))}`).toBeDefined();
	return exact!;
}

/** The files inside a ZIP archive (an .xlsx), from its central directory. */
function unzip(buffer: Buffer): Map<string, string> {
	const files = new Map<string, string>();
	const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	expect(eocd).toBeGreaterThan(0);
	const count = buffer.readUInt16LE(eocd + 10);
	let at = buffer.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
		const method = buffer.readUInt16LE(at + 10);
		const compressed = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(start, start + compressed);
		files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

/** A CSV export: no cell starts a formula, every row has the header's columns. */
function checkCsv(bytes: Buffer, separator: string, what: string): string[][] {
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	const table = parseCsv(text, separator);
	expect(table.length, `${what}: rows`).toBeGreaterThan(1);
	expect(liveFormulaCells(table), `${what}: cells that start a formula`).toEqual([]);
	for (const [i, row] of table.entries()) {
		expect(row.length, `${what}: columns of row ${i + 1}`).toBe(table[0]!.length);
	}
	return table;
}

function column(table: string[][], header: string): string[] {
	const index = table[0]!.indexOf(header);
	expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
	return table.slice(1).map((row) => row[index]!);
}

// --------------------------------------------------------------------------- control

// Without the app's fixture: this page is meant to run payloads (the fixture fails on the
// console error the trap writes).
// The traps and the dialog watch come from the file's beforeEach, as for every other test.
baseTest('(control) the traps see payloads that do run', async ({ page, baseURL }) => {
	const url = `${baseURL}/__hostile-control`;
	await page.route(url, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body:
				'<!doctype html><body>' +
				[SCRIPT, IMG, SVG, IFRAME, LINK, '<img src=x onerror=alert(1)>'].join('\n') +
				'</body>'
		})
	);
	await page.goto(url);
	await expect.poll(() => dialogs.length).toBeGreaterThan(0);
	const report = await readReport(page);
	expect(report.hits.length).toBeGreaterThan(0);
	expect(report.pwned).toMatch(/^1 at /);
	expect(report.handlers).toContain('<img onerror>');
	expect(report.handlers).toContain('<svg onload>');
	expect(report.scripts).toBe(1);
	expect(report.frames).toBe(1);
	expect(report.dangerousLinks).toEqual(['<a> javascript:window.__pwned=1']);
	expect(report.brokenImages).toBe(2);
	expect(dialogs).toEqual([`alert: 1 on ${url}`]);
});

// --------------------------------------------------------------------------- import

test('the hostile listing goes through the import wizard', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto(`${T}/import`);
	await waitHydrated(page);
	await page.getByTestId('import-files').setInputFiles({
		name: 'liste-piegee.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(hostileCsv(), 'utf8')
	});
	// The preview, read in the browser, shows the cells: as text.
	const preview = page.getByTestId('listing-preview');
	await expect(preview).toHaveCount(1, { timeout: 30_000 });
	await expect(preview).toContainText('point-virgule');
	await expectNothingRan(page, 'import preview');

	await page.getByTestId('import-analyse').click();
	const row = page.locator('[data-testid="import-diff-row"][data-file="liste-piegee.csv"]');
	await expect(row).toHaveCount(1, { timeout: 60_000 });
	await expect(row.locator('[data-col="added"]')).toHaveText(String(HOSTILE.length + 1));
	await expectNothingRan(page, 'import analysis');

	// The warnings, as a spreadsheet: neutralised like every export.
	const issues = await download(page, () => page.getByTestId('import-issues-csv').click());
	const issueTable = checkCsv(await bytesOf(issues), ';', 'import issues CSV');
	const reasons = issueTable.map((r) => r.join(' ')).join('\n');
	// The NUL is removed, and said (src/lib/import/read.ts stripNulCharacters).
	expect(reasons).toContain('caractère nul (U+0000) retiré');

	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 180_000 });
	await expect(page.getByTestId('import-error')).toHaveCount(0);
	await expectNothingRan(page, 'import result');
});

// --------------------------------------------------------------------------- pages

test('the map: search, directory and detail panel show the strings as text', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto(`${T}/map`);
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await waitHydrated(page);
	await page.getByTestId('directory-all').check();
	await expectNothingRan(page, 'map');

	for (const name of [SCRIPT, SVG, IFRAME, LINK, JS_URL, TEMPLATE, SVELTE_HTML, SQL, RLO]) {
		const search = page.getByTestId('map-search');
		await search.fill(name);
		await search.press('Enter');
		const row = page
			.getByTestId('map-directory-row')
			.filter({ has: page.locator('.name', { hasText: name }) })
			.first();
		await expect(row, `directory row for ${name}`).toBeVisible();
		await row.getByRole('button').click();
		const detail = page.getByTestId('map-detail');
		await expect(detail).toHaveAttribute('data-state', 'ready');
		await expect(detail.getByRole('heading', { level: 2 })).toHaveText(name);
		// The website column held the same string: shown, but never a link unless it is http(s).
		const hrefs = await detail
			.locator('[data-field="website"] a')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
		for (const href of hrefs) expect(href).toMatch(/^https?:\/\//i);
		await expectNothingRan(page, `map detail of ${name.slice(0, 30)}`);
	}
	await screenshot(page, 'hostile-map');
});

test('actor pages show every field and raw cell as text', async ({ page }) => {
	test.setTimeout(240_000);
	const names = [
		SCRIPT,
		SVG,
		IFRAME,
		LINK,
		JS_URL,
		'data:text/html,<script>window.__pwned=1</script>',
		TEMPLATE,
		SVELTE_HTML,
		SQL,
		WILDCARDS,
		HYPERLINK,
		RLO,
		byNote('combining marks'),
		HUNDRED_K_NAME
	];
	for (const name of names) {
		const found = await actorNamed(page, name);
		await page.goto(`${T}/actors/${found.id}`);
		await waitHydrated(page);
		await expect(page.getByTestId('actor-page')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		await expectNothingRan(page, `actor page of ${name.slice(0, 30)}`);
		if (name === SCRIPT) {
			// The literal tag is on the page as text, in the raw rows too.
			await expect(page.getByText(SCRIPT).first()).toBeVisible();
			await expect(page.getByTestId('record-card').first()).toContainText('<script>');
			await screenshot(page, 'hostile-actor');
		}
	}
	// The search found these by their exact names (wildcards and quotes escaped, not run).
	expect((await actorNamed(page, SCRIPT)).name).toBe(SCRIPT);
	const wild = await page.request.get(`${T}/actors/search?q=${encodeURIComponent(WILDCARDS)}`);
	const wildHits = (await wild.json()) as Found[];
	expect(wildHits.map((h) => h.name)).toEqual([WILDCARDS]);
});

test('the 10k, 12k and 100k-character values', async ({ page }) => {
	test.setTimeout(120_000);
	const long = hostileByValue('Ä'.repeat(12_000)).value.slice(0, 2000);
	const found = await actorNamed(page, long);
	await page.goto(`${T}/actors/${found.id}`);
	await waitHydrated(page);
	// A name (and tag) without spaces wraps inside the page instead of widening it.
	await expectNoWideningText(page, 'actor page of the 12k name');
	await expectNothingRan(page, 'actor page of the 12k name');

	const hundred = await actorNamed(page, HUNDRED_K_NAME);
	await page.goto(`${T}/actors/${hundred.id}`);
	await waitHydrated(page);
	await expect(page.getByTestId('record-card').first()).toContainText('Cent mille caractères');
	await expectNothingRan(page, 'actor page of the 100k row');
});

test('review queue, overlap and network pages', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto(`${T}/census/review`);
	await waitHydrated(page);
	await expect(
		page.locator('[data-testid="review-card"][data-ready="true"], [data-testid="review-empty"]')
	).toHaveCount(1, { timeout: 30_000 });
	await expectNothingRan(page, 'review');
	// Walk the queue as far as the hostile pairs: skip until a card names one of them.
	for (let i = 0; i < 40; i++) {
		const card = page.getByTestId('review-card');
		if ((await card.count()) === 0) break;
		const text = (await card.textContent()) ?? '';
		if (/1\+1|__pwned|HYPERLINK/.test(text)) {
			await expectNothingRan(page, 'review card of hostile rows');
			await screenshot(page, 'hostile-review');
			break;
		}
		const key = await card.getAttribute('data-pair-key');
		await page.keyboard.press('p');
		await expect(card.or(page.getByTestId('review-empty'))).not.toHaveAttribute(
			'data-pair-key',
			key ?? ''
		);
	}

	await page.goto(`${T}/census/overlap`);
	await waitHydrated(page);
	await expect(page.getByTestId('overlap-summary')).toBeVisible();
	await expectNothingRan(page, 'overlap');
	await expectNoWideningText(page, 'overlap');
	await expect(page.locator('main')).toContainText('liste-piegee');

	await page.goto(`${T}/network`);
	await waitHydrated(page);
	await expect(page.getByTestId('network-graph')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	await expectNothingRan(page, 'network');
});

test('the partner finder and both invitation lists', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto(`${T}/partners?at=${UZES}&r=2`);
	await waitHydrated(page);
	await expect(page.getByTestId('partner-list')).toBeVisible({ timeout: 30_000 });
	const rowOf = (name: string) =>
		page.getByTestId('partner-row').filter({ has: page.getByText(name, { exact: true }) });
	await expect(rowOf(SVG)).toHaveCount(1);
	await expectNothingRan(page, 'partners around a point');
	await expectNoWideningText(page, 'partners around a point');

	for (const [testId, separator] of [
		['partner-csv', ','],
		['partner-csv-excel', ';']
	] as const) {
		const file = await download(page, () => page.getByTestId(testId).click());
		let bytes = await bytesOf(file);
		if (separator === ';') bytes = bytes.subarray(3); // the BOM
		const table = checkCsv(bytes, separator, `invitations (${testId})`);
		const names = column(table, 'Nom');
		expect(names).toContain(SVG);
		expect(names).toContain(`'${HYPERLINK}`);
		expect(names).not.toContain(HYPERLINK);
	}

	// An event with a hostile title and description, public, organised by a hostile actor.
	await page.goto(`${T}/events/new`);
	await waitHydrated(page);
	const form = page.getByTestId('event-form');
	const title = `${HYPERLINK} ${SCRIPT}`;
	const description = byNote('new lines that try to add calendar properties');
	const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
	await form.getByLabel('Titre').fill(title);
	await form.locator('input[name="start_date"]').fill(day);
	await form.locator('input[name="start_time"]').fill('18:00');
	await form.locator('[name="description"]').fill(description);
	await form.locator('input[name="visibility"][value="public"]').check();
	const picker = page.getByTestId('actor-picker').first();
	await picker.locator('input[type="text"]').fill('svg onload');
	const option = picker.getByTestId('actor-picker-option').filter({ hasText: SVG }).first();
	await expect(option).toBeVisible();
	await expectNothingRan(page, 'actor picker options');
	await option.click();
	await expect(picker.getByTestId('actor-picker-chip')).toContainText(SVG);
	// A place of its own in Uzès (no common place), its address hostile too.
	await expect(page.getByTestId('event-other-place')).toBeVisible();
	await form.locator('input[name="address"]').fill(IMG);
	await page.getByTestId('event-lng').fill('4.4162');
	await page.getByTestId('event-lat').fill('44.01334');
	await form.locator('input[name="commune"]').fill('Uzès');
	await page.getByTestId('event-submit').click();
	await expect(page).toHaveURL(new RegExp(`${T}/events/[0-9a-f-]{36}(\\?|$)`), { timeout: 30_000 });
	await waitHydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expectNothingRan(page, 'event page');
	const eventUrl = new URL(page.url()).pathname;

	await page.goto(`${eventUrl}/partners`);
	await waitHydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(SCRIPT);
	// Its organiser is not proposed to it; the other hostile actors are.
	await expect(rowOf(IFRAME)).toHaveCount(1);
	await expect(rowOf(SVG)).toHaveCount(0);
	await expectNothingRan(page, 'event partners');
	const eventCsv = await page.request.get(`${eventUrl}/partners/invitations.csv?excel=1`);
	expect(eventCsv.status()).toBe(200);
	const eventTable = checkCsv((await eventCsv.body()).subarray(3), ';', 'event invitations');
	expect(column(eventTable, 'Nom')).toContain(IFRAME);

	for (const path of [`${T}/events`, `${T}/events?view=calendar&month=${day.slice(0, 7)}`]) {
		await page.goto(path);
		await waitHydrated(page);
		await expect(page.locator('main')).toContainText(SCRIPT);
		await expectNothingRan(page, path);
	}

	// The calendar feed: the title and description are one escaped property each.
	const ics = await page.request.get(`${T}/events.ics`);
	expect(ics.status()).toBe(200);
	const lines = icsLines(await ics.text());
	expect(lines.filter((l) => l.startsWith('DTSTART:19700101'))).toEqual([]);
	expect(lines.filter((l) => /^X-INJECTE/.test(l))).toEqual([]);
	expect(lines.filter((l) => l === 'BEGIN:VALARM')).toEqual([]);
	const summary = lines.find((l) => l.startsWith('SUMMARY:=HYPERLINK'));
	expect(summary).toBeDefined();
	const desc = lines.find((l) => l.startsWith('DESCRIPTION:Titre'));
	expect(desc).toBe('DESCRIPTION:Titre\\nDTSTART:19700101T000000Z\\nX-INJECTE:1\\nBEGIN:VALARM');
	// Every line is a property name, a colon or `;` parameters, and a value (no stray text).
	for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9-]*[:;]/);
});

test('the dossier (members and public) and its PDF', async ({ page }) => {
	test.setTimeout(240_000);
	for (const path of [`${T}/present`, `${T}/present?public=1`]) {
		await page.goto(path);
		await waitHydrated(page);
		await expect(page.getByTestId('dossier')).toBeVisible();
		await expect(page.locator('[data-chart="actors-map"][data-state="drawn"] svg')).toHaveCount(1, {
			timeout: 30_000
		});
		await expectNothingRan(page, path);
	}
	const pdf = await page.request.get(`${T}/present/pdf`, { timeout: 120_000 });
	expect(pdf.status()).toBe(200);
	expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('the public embed', async ({ page }) => {
	await page.goto(`${T}/embed`);
	await expect(page.getByTestId('actor-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	await waitHydrated(page);
	await expectNothingRan(page, 'embed');
	const search = page.getByTestId('map-search');
	await search.fill(SVG);
	await search.press('Enter');
	const row = page
		.getByTestId('map-directory-row')
		.filter({ has: page.locator('.name', { hasText: SVG }) })
		.first();
	await row.getByRole('button').click();
	await expect(page.getByTestId('map-detail').getByRole('heading', { level: 2 })).toHaveText(SVG);
	await expectNothingRan(page, 'embed detail');
});

// --------------------------------------------------------------------------- census exports

test('census exports: CSV, CSV for Excel, XLSX and GeoJSON hold no live formula', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto(`${T}/map`);
	await waitHydrated(page);
	const menu = page.getByTestId('territory-nav').locator('li.export details');
	const take = async (format: string) => {
		if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
		return bytesOf(await download(page, () => menu.locator(`a[href$="format=${format}"]`).click()));
	};

	const plain = checkCsv(await take('csv'), ',', 'census CSV');
	const excelBytes = await take('csv-excel');
	expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const excel = checkCsv(excelBytes.subarray(3), ';', 'census CSV (Excel)');
	for (const table of [plain, excel]) {
		const names = column(table, 'name');
		expect(names).toContain(SCRIPT);
		expect(names).toContain(`'${HYPERLINK}`);
		expect(names).toContain("'+cmd|' /C calc'!A0");
		expect(names).toContain("'-2+3");
		expect(names).toContain("'@SUM(A1)");
		expect(names).toContain(SQL);
		expect(names).toContain(RLO);
		expect(names.filter((n) => n.startsWith('\t') || n.startsWith('\r'))).toEqual([]);
	}

	const xlsx = await take('xlsx');
	for (const [name, xml] of unzip(xlsx)) {
		expect(xml, `${name} has a formula`).not.toMatch(/<f[\s>/]/);
	}
	const [census] = await readXlsxFile(xlsx);
	const data = census!.data as (string | number | null)[][];
	expect(liveFormulaCells(data), 'XLSX cells that start a formula').toEqual([]);
	const header = data[0] as string[];
	const names = data.slice(1).map((r) => r[header.indexOf('name')]);
	expect(names).toContain(SCRIPT);
	expect(names).toContain(`'${HYPERLINK}`);

	const geojson = JSON.parse((await take('geojson')).toString('utf8')) as {
		features: { properties: { name: string; website?: string | null } }[];
	};
	const geoNames = geojson.features.map((f) => f.properties.name);
	// GeoJSON is data for programs, not a spreadsheet: the text as it was.
	expect(geoNames).toContain(SCRIPT);
	expect(geoNames).toContain(HYPERLINK);
});
