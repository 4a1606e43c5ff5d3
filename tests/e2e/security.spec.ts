/**
 * Hardening (#8): security headers on pages and endpoints, framing allowed for the embed route
 * only, the map and the dossier drawing under the Content-Security-Policy without a single
 * violation, and the import wizard's upload limits (checked before sending, then by the server
 * on the content). Runs on the demo territory.
 */
import type { APIResponse, Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, waitHydrated, canvasColours } from './fixtures';

const SLUG = 'pays-d-uzes';
const MAP = `/t/${SLUG}/map`;

/** Records CSP violations the page reports (the event, and the console messages about it). */
async function watchCsp(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) violations.push(message.text());
	});
	await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
			void report(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile})`);
		});
	});
	return violations;
}

function directive(csp: string | undefined, name: string): string[] | null {
	for (const part of (csp ?? '').split(';')) {
		const [head, ...sources] = part.trim().split(/\s+/);
		if (head === name) return sources;
	}
	return null;
}

function expectBaseHeaders(response: APIResponse, what: string): void {
	const headers = response.headers();
	expect(headers['content-security-policy'], what).toBeTruthy();
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy'], what).toBe('geolocation=(self), camera=(), microphone=()');
	expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
	expect(directive(headers['content-security-policy'], 'object-src'), what).toEqual(["'none'"]);
}

test('pages and endpoints carry the security headers; only the embed may be framed', async ({
	request
}) => {
	for (const path of ['/', MAP, `/t/${SLUG}/map/actors.geojson`, `/t/${SLUG}/events.ics`]) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expectBaseHeaders(response, path);
		expect(response.headers()['x-frame-options'], path).toBe('DENY');
		expect(
			directive(response.headers()['content-security-policy'], 'frame-ancestors'),
			path
		).toEqual(["'none'"]);
	}

	// The map page: SvelteKit's nonce for its inline script, no inline or eval scripts otherwise.
	const map = await request.get(MAP);
	const scripts = directive(map.headers()['content-security-policy'], 'script-src') ?? [];
	expect(scripts).toContain("'self'");
	expect(scripts.some((s) => s.startsWith("'nonce-"))).toBe(true);
	expect(scripts).not.toContain("'unsafe-inline'");
	expect(scripts).not.toContain("'unsafe-eval'");
	const nonce = scripts.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
	expect(await map.text()).toContain(`nonce="${nonce}"`);

	const embed = await request.get(`/t/${SLUG}/embed`);
	expect(embed.status()).toBe(200);
	expectBaseHeaders(embed, 'embed');
	expect(embed.headers()['x-frame-options']).toBeUndefined();
	expect(directive(embed.headers()['content-security-policy'], 'frame-ancestors')).toEqual(['*']);
	// Its own script-src still has the nonce (the route's own header did not replace the policy).
	expect(
		directive(embed.headers()['content-security-policy'], 'script-src')?.some((s) =>
			s.startsWith("'nonce-")
		)
	).toBe(true);

	// An error answer is covered too.
	const missing = await request.get('/t/nulle-part/map');
	expect(missing.status()).toBe(404);
	expectBaseHeaders(missing, '404');
});

test('another site can frame the embed, not the map page', async ({ context, baseURL }) => {
	// A page of another origin framing both, served on loopback by the test itself (Chromium
	// lets only a local page frame a loopback address). The blocked frame's refusal is a console
	// error on that page: it gets a page of its own, outside the suite's fixture.
	const html =
		`<!doctype html><title>Partenaire</title>` +
		`<iframe id="embed" src="${baseURL}/t/${SLUG}/embed" width="800" height="400"></iframe>` +
		`<iframe id="map" src="${baseURL}${MAP}" width="800" height="400"></iframe>`;
	const server = createServer((_, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(html);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const port = (server.address() as AddressInfo).port;
	const host = await context.newPage();
	try {
		const refusal = host.waitForEvent('console', (message) =>
			message.text().includes("frame-ancestors 'none'")
		);
		await host.goto(`http://localhost:${port}/`);
		await expect(host.frameLocator('#embed').getByTestId('map-embed')).toBeVisible({
			timeout: 30_000
		});
		await refusal;
		// Nothing of the app in the map's frame (Chromium shows its own error page there).
		expect(await host.frameLocator('#map').locator('[data-testid]').count()).toBe(0);
	} finally {
		await host.close();
		server.closeAllConnections();
		await new Promise<void>((done) => server.close(() => done()));
	}
});

test('the map draws under the policy without a violation', async ({ page }) => {
	const violations = await watchCsp(page);
	const limited: string[] = [];
	page.on('request', (req) => {
		const path = new URL(req.url()).pathname;
		if (/\.(geojson|ics)$|\/embed|\/actors\/search|\/map\/detail\/|\/present\/pdf/.test(path))
			limited.push(path);
	});
	await page.goto(MAP);
	const map = page.getByTestId('actor-map');
	await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await expect(map).toHaveAttribute('data-actor-count', /^\d+$/, { timeout: 30_000 });
	await waitHydrated(page);
	expect(await canvasColours(page)).toBeGreaterThan(20);
	expect(violations).toEqual([]);
	// How many requests of the rate-limited kind one map visit makes: far below 300 a minute.
	console.log(`[security] rate-limited requests made by one map page load: ${limited.length}`);
	expect(limited.length).toBeLessThan(30);
});

test('the dossier draws its charts and the network its graph under the policy', async ({
	page
}) => {
	const violations = await watchCsp(page);
	await page.goto(`/t/${SLUG}/present`);
	await waitHydrated(page);
	const dossier = page.getByTestId('dossier');
	await expect(dossier.locator('figure svg').first()).toBeVisible({ timeout: 15_000 });
	await expect(dossier.locator('[data-state="pending"]')).toHaveCount(0, { timeout: 30_000 });
	await expect(page.locator('[data-chart="actors-map"][data-state="drawn"] svg')).toHaveCount(1);
	expect(await dossier.locator('figure svg').count()).toBeGreaterThanOrEqual(3);

	await page.goto(`/t/${SLUG}/network`);
	await waitHydrated(page);
	await expect(page.getByTestId('network-graph')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	expect(violations).toEqual([]);
});

test('the import wizard refuses a file before sending it, and explains a refused upload', async ({
	context
}) => {
	// The refused upload is logged by Chromium as a console error (« Failed to load resource: 413 »):
	// a page of its own, with its own check for page errors.
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`/t/${SLUG}/import`);
	await waitHydrated(page);
	let uploads = 0;
	page.on('request', (req) => {
		if (req.method() === 'POST' && req.url().includes('/import/')) uploads++;
	});
	await page.getByTestId('import-files').setInputFiles([
		{ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') },
		{ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
		{
			name: 'adherents.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('nom;commune;code_insee\nLa Toupie;Uzès;30334\n')
		}
	]);
	const refused = page.getByTestId('import-refused');
	await expect(refused).toContainText(
		'« statuts.pdf » n’a pas été ajouté : format non pris en charge'
	);
	await expect(refused).toContainText('« vide.csv » n’a pas été ajouté : le fichier est vide.');
	await expect(page.getByTestId('import-entry')).toHaveCount(1);
	expect(uploads).toBe(0);

	// A proxy in front of the server refuses the body as too large, in HTML.
	await page.route('**/import/analyse', (route) =>
		route.fulfill({
			status: 413,
			contentType: 'text/html',
			body: '<html><body><center><h1>413 Request Entity Too Large</h1></center></body></html>'
		})
	);
	await page.getByTestId('import-analyse').click();
	await expect(page.getByTestId('import-error')).toContainText(
		'Le serveur a refusé l’envoi : 0,0 Mo, c’est plus qu’il n’accepte en une fois.'
	);
	expect(errors).toEqual([]);
	await page.close();
});

test('the server checks the content of an upload, not only its name', async ({
	request,
	baseURL
}) => {
	const post = (name: string, buffer: Buffer) =>
		request.post(`/t/${SLUG}/import/analyse`, {
			// A form post from the app itself (SvelteKit refuses cross-site form posts).
			headers: { origin: new URL(baseURL!).origin },
			multipart: { file: { name, mimeType: 'application/octet-stream', buffer } }
		});
	const binary = await post(
		'adherents.csv',
		Buffer.from([0x6e, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x02])
	);
	expect(binary.status()).toBe(400);
	expect(await binary.json()).toMatchObject({
		ok: false,
		file: 'adherents.csv',
		message: expect.stringContaining('« adherents.csv » n’est pas un fichier CSV lisible')
	});
	const fakeXlsx = await post('classeur.xlsx', Buffer.from('nom;commune\nA;B\n'));
	expect(fakeXlsx.status()).toBe(400);
	expect((await fakeXlsx.json()).message).toContain('n’est pas un classeur Excel (.xlsx) lisible');
	expectBaseHeaders(fakeXlsx, 'import/analyse');
});
