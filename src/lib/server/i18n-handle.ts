/**
 * Per-request locale: `?lang=xx` (the header's language switch) stores the choice in Paraglide's
 * cookie and redirects to the same page without the parameter; otherwise the cookie, then
 * Accept-Language, then French. The negotiated locale is always written back to the cookie
 * (readable by scripts, on purpose) because Paraglide's browser runtime reads it: the hydrated
 * page then renders in the same language as the server did.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit';
import {
	baseLocale,
	cookieName,
	isLocale,
	locales,
	overwriteGetLocale,
	type Locale
} from '$lib/paraglide/runtime.js';
import { negotiateLocale } from '$lib/i18n/negotiate';
import { sameSitePath } from '$lib/server/redirect';

const ONE_YEAR_S = 365 * 24 * 60 * 60;

// Request-scoped, not shared state: each request's rendering runs inside its own store.
const requestLocale = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => requestLocale.getStore() ?? baseLocale);

function localeCookie(locale: Locale): string {
	return `${cookieName}=${locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
}

export const handleLocale: Handle = async ({ event, resolve }) => {
	const requested = event.url.searchParams.get('lang');
	if (requested !== null && (event.request.method === 'GET' || event.request.method === 'HEAD')) {
		const target = new URL(event.url);
		target.searchParams.delete('lang');
		const location = sameSitePath(`${target.pathname}${target.search}`, event.url.origin);
		const headers = new Headers({ location });
		if (isLocale(requested)) headers.append('set-cookie', localeCookie(requested));
		return new Response(null, { status: 303, headers });
	}

	const cookieValue = event.cookies.get(cookieName);
	const locale = negotiateLocale(
		locales,
		baseLocale,
		cookieValue,
		event.request.headers.get('accept-language')
	);
	event.locals.locale = locale;
	if (cookieValue !== locale) {
		event.cookies.set(cookieName, locale, {
			path: '/',
			maxAge: ONE_YEAR_S,
			sameSite: 'lax',
			httpOnly: false,
			secure: false
		});
	}
	return requestLocale.run(locale, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		})
	);
};
