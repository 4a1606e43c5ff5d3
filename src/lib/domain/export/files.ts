import type { ExportFormat } from './types';

const EXTENSIONS: Record<ExportFormat, string> = {
	csv: 'csv',
	'csv-excel': 'csv',
	xlsx: 'xlsx',
	geojson: 'geojson'
};

/** The calendar day in France, where the users are: an export at 00:30 is dated that day. */
export function frenchDate(at: Date): string {
	// The sv-SE locale writes dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(at);
}

/**
 * `recensement-<slug>-<YYYY-MM-DD>.<ext>`. Slugs are already URL-safe; anything else is replaced
 * anyway so the name is always a plain ASCII token in Content-Disposition.
 */
export function exportFileName(slug: string, format: ExportFormat, at: Date): string {
	const safe = slug.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'territoire';
	return `recensement-${safe}-${frenchDate(at)}.${EXTENSIONS[format]}`;
}
