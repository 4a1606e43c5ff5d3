import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { cookieName, getLocale, m } from '$lib/i18n';
import {
	PdfBusyError,
	PdfPageStatusError,
	PdfUnavailableError,
	escapeHtml,
	renderPdf
} from '$lib/server/pdf/render';
import type { RequestHandler } from './$types';

/** What the dossier's URL may carry over to the printed page (its scope and audience). */
const KEPT_PARAMS = ['commune', 'epci', 'public'] as const;

/**
 * The dossier (`/t/<slug>/present`, same query) as an A4 PDF printed by headless Chromium:
 * real text, the page's print CSS, and in every page's footer the dossier's title, the date,
 * the data licence, the sources and « page n / N ». Chromium loads the page as the user (their
 * cookies are passed on), so the same rights apply: a dossier the user may not read is a 404 here
 * too. `MAILLAGE_PDF_ORIGIN` points Chromium at the server when its public address does not
 * reach it from inside (behind a proxy).
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const origin = env.MAILLAGE_PDF_ORIGIN?.replace(/\/+$/, '') || url.origin;
	const target = new URL(`/t/${encodeURIComponent(params.territory)}/present`, origin);
	for (const name of KEPT_PARAMS) {
		const value = url.searchParams.get(name);
		if (value !== null) target.searchParams.set(name, value);
	}

	// The user's cookies (their session), and the language this request was answered in, so the
	// PDF speaks it whatever Chromium's own language is.
	const locale = getLocale();
	const cookies = (request.headers.get('cookie') ?? '')
		.split(';')
		.map((part) => part.trim())
		.filter((part) => part !== '' && !part.startsWith(`${cookieName}=`));
	const headers: Record<string, string> = {
		cookie: [...cookies, `${cookieName}=${locale}`].join('; '),
		'accept-language': locale
	};

	let pdf: Uint8Array;
	try {
		pdf = await renderPdf({
			url: target.href,
			headers,
			// The layout marks the page hydrated; each chart says « pending » until it is drawn.
			readySelector: 'html[data-hydrated="true"] [data-testid="dossier"]',
			pendingSelector: '[data-testid="dossier"] [data-state="pending"]',
			footer: async (page) => {
				const text = async (selector: string) =>
					((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
				return footerTemplate({
					title: await text('#dossier-title'),
					date: await text('[data-testid="dossier-computed"]'),
					licence: await text('[data-testid="dossier-licence"]'),
					sources: await text('[data-testid="dossier-sources"]')
				});
			}
		});
	} catch (cause) {
		if (cause instanceof PdfPageStatusError) {
			error(
				cause.status,
				cause.status === 404 ? m.error_territory_not_found() : m.dossier_pdf_failed()
			);
		}
		if (cause instanceof PdfUnavailableError) error(503, m.dossier_pdf_unavailable());
		if (cause instanceof PdfBusyError) error(503, m.dossier_pdf_busy());
		console.error('[maillage] dossier PDF', cause);
		error(500, m.dossier_pdf_failed());
	}

	const scope = url.searchParams.get('commune') ?? url.searchParams.get('epci');
	const name = [
		'dossier',
		params.territory,
		scope,
		url.searchParams.get('public') === '1' ? 'public' : null
	]
		.filter((part): part is string => Boolean(part))
		.join('-')
		.replace(/[^a-zA-Z0-9-]/g, '_');
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${name}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};

const SOURCES_MAX = 140;

/** Chromium's footer template: two small lines, the page number on the right. */
function footerTemplate(parts: { title: string; date: string; licence: string; sources: string }) {
	const sources =
		parts.sources.length > SOURCES_MAX
			? `${parts.sources.slice(0, SOURCES_MAX - 1)}…`
			: parts.sources;
	const line1 = escapeHtml(
		m.dossier_pdf_footer({ title: parts.title, date: parts.date, licence: parts.licence })
	);
	const line2 = escapeHtml(m.dossier_pdf_footer_sources({ sources }));
	const pageOf = m
		.dossier_pdf_page({ page: '{page}', pages: '{pages}' })
		.split(/(\{page\}|\{pages\})/)
		.map((piece) =>
			piece === '{page}'
				? '<span class="pageNumber"></span>'
				: piece === '{pages}'
					? '<span class="totalPages"></span>'
					: escapeHtml(piece)
		)
		.join('');
	return `<div style="width:100%;margin:0 18mm;font:7.5pt/1.35 system-ui,sans-serif;color:#444;display:flex;gap:8mm;align-items:flex-end">
<div style="flex:1;min-width:0"><div style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${line1}</div><div style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${line2}</div></div>
<div style="white-space:nowrap">${pageOf}</div></div>`;
}
