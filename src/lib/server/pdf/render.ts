/**
 * Pages as PDF, printed on the server by headless Chromium (playwright-core), so a PDF carries
 * real text, the print CSS and page numbers whatever browser the user has.
 *
 * Chromium is found through `MAILLAGE_CHROMIUM_PATH` (or `CHROMIUM_PATH`), else at the usual
 * Debian / Ubuntu paths; without it `PdfUnavailableError` says so and the page's « Imprimer »
 * (the browser's own print to PDF, same print CSS) remains.
 *
 * One browser is shared and closed after a minute of rest; each PDF gets its own context, which
 * may only load the page's own origin (any other request is aborted). One PDF is printed at a
 * time, a few more wait their turn, beyond that `PdfBusyError`.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];

/** Flags for a server without a display, a GPU or a sandbox user namespace. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

const IDLE_CLOSE_MS = 60_000;
const MAX_WAITING = 3;

export class PdfUnavailableError extends Error {}
export class PdfBusyError extends Error {}
/** The page itself answered with an error status (404 for a territory one may not read…). */
export class PdfPageStatusError extends Error {
	constructor(readonly status: number) {
		super(`page answered ${status}`);
	}
}

/** Where Chromium is, or null when this machine has none. */
export function chromiumPath(
	env: Record<string, string | undefined> = process.env,
	exists: (path: string) => boolean = existsSync
): string | null {
	const configured = env.MAILLAGE_CHROMIUM_PATH || env.CHROMIUM_PATH;
	if (configured) return exists(configured) ? configured : null;
	return CANDIDATES.find((path) => exists(path)) ?? null;
}

export interface PdfRequest {
	/** The page to print (absolute URL). Only its origin may be loaded. */
	url: string;
	/** Sent with every request of the page (the user's cookies, Accept-Language). */
	headers?: Record<string, string>;
	/** The page is ready when this selector matches… */
	readySelector: string;
	/** …and this one matches nothing (charts still drawing). */
	pendingSelector?: string;
	/** The footer template (Chromium's: `pageNumber`, `totalPages` classes), built from the page. */
	footer: (page: Page) => Promise<string>;
	/** Viewport the page is laid out in before printing (A4's width at 96 dpi by default). */
	viewport?: { width: number; height: number };
	timeoutMs?: number;
}

let browser: Promise<Browser> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let running = false;
const waiting: (() => void)[] = [];

async function getBrowser(executablePath: string): Promise<Browser> {
	if (!browser) {
		const { chromium } = await import('playwright-core');
		browser = chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
		const launched = browser;
		launched
			.then((b) =>
				b.on('disconnected', () => {
					if (browser === launched) browser = null;
				})
			)
			.catch(() => {
				if (browser === launched) browser = null;
			});
	}
	return browser;
}

function scheduleClose() {
	if (idleTimer) clearTimeout(idleTimer);
	idleTimer = setTimeout(() => {
		const closing = browser;
		browser = null;
		void closing?.then((b) => b.close()).catch(() => {});
	}, IDLE_CLOSE_MS);
	idleTimer.unref?.();
}

async function turn<T>(work: () => Promise<T>): Promise<T> {
	if (running) {
		if (waiting.length >= MAX_WAITING) throw new PdfBusyError('busy');
		await new Promise<void>((resolve) => waiting.push(resolve));
	}
	running = true;
	try {
		return await work();
	} finally {
		running = false;
		waiting.shift()?.();
	}
}

/** Prints one page as an A4 PDF. */
export async function renderPdf(request: PdfRequest): Promise<Uint8Array> {
	const executablePath = chromiumPath();
	if (!executablePath) throw new PdfUnavailableError('no chromium');
	const origin = new URL(request.url).origin;
	const timeout = request.timeoutMs ?? 45_000;

	return turn(async () => {
		if (idleTimer) clearTimeout(idleTimer);
		const context = await (
			await getBrowser(executablePath)
		).newContext({
			viewport: request.viewport ?? { width: 794, height: 1123 },
			extraHTTPHeaders: request.headers,
			javaScriptEnabled: true
		});
		try {
			await context.route('**/*', (route) =>
				new URL(route.request().url()).origin === origin ? route.continue() : route.abort()
			);
			const page = await context.newPage();
			page.setDefaultTimeout(timeout);
			// Charts are drawn at the print layout's width.
			await page.emulateMedia({ media: 'print' });
			const response = await page.goto(request.url, { waitUntil: 'load' });
			const status = response?.status() ?? 500;
			if (status >= 400) throw new PdfPageStatusError(status);
			await page.waitForSelector(request.readySelector, { state: 'attached' });
			if (request.pendingSelector) {
				await page.waitForFunction(
					(selector) => document.querySelector(selector) === null,
					request.pendingSelector
				);
			}
			await page.evaluate(() => document.fonts.ready.then(() => undefined));
			const footerTemplate = await request.footer(page);
			const pdf = await page.pdf({
				format: 'A4',
				printBackground: true,
				displayHeaderFooter: true,
				headerTemplate: '<span></span>',
				footerTemplate,
				margin: { top: '14mm', bottom: '18mm', left: '12mm', right: '12mm' },
				outline: true,
				tagged: true
			});
			return new Uint8Array(pdf);
		} finally {
			await context.close().catch(() => {});
			scheduleClose();
		}
	});
}

/** Text for Chromium's header/footer templates, which are HTML. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
