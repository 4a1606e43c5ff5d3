/**
 * Locale negotiation, kept free of Paraglide and SvelteKit so it can be tested on its own:
 * an explicit choice (the cookie the language switch sets) wins, then the browser's
 * Accept-Language preferences in quality order, then the default.
 */

/** Parses an Accept-Language header into language tags, best first (q=0 entries dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
	if (!header) return [];
	const entries: { tag: string; q: number; index: number }[] = [];
	header.split(',').forEach((part, index) => {
		const [rawTag, ...params] = part.trim().split(';');
		const tag = rawTag?.trim().toLowerCase();
		if (!tag || tag === '*') return;
		let q = 1;
		for (const param of params) {
			const [key, value] = param.trim().split('=');
			if (key === 'q' && value !== undefined) {
				const parsed = Number(value);
				q = Number.isFinite(parsed) ? parsed : 0;
			}
		}
		if (q > 0) entries.push({ tag, q, index });
	});
	// Stable on equal weights: the header's own order breaks ties.
	entries.sort((a, b) => b.q - a.q || a.index - b.index);
	return entries.map((e) => e.tag);
}

export function negotiateLocale<L extends string>(
	supported: readonly L[],
	fallback: L,
	cookieValue: string | null | undefined,
	acceptLanguage: string | null | undefined
): L {
	const find = (tag: string): L | undefined =>
		supported.find((locale) => locale.toLowerCase() === tag.toLowerCase());
	if (cookieValue) {
		const chosen = find(cookieValue);
		if (chosen) return chosen;
	}
	for (const tag of parseAcceptLanguage(acceptLanguage)) {
		// "en-GB" is served by "en": the catalogue has no regional variants.
		const match = find(tag) ?? find(tag.split('-')[0] ?? '');
		if (match) return match;
	}
	return fallback;
}
