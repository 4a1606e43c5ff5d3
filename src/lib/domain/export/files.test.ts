import { describe, expect, it } from 'vitest';
import { exportFileName, frenchDate } from './files';
import { licenceUrl } from './licence';
import { parseExportFormat } from './types';

describe('exportFileName', () => {
	it('is recensement-<slug>-<date>.<ext> with the French calendar day', () => {
		// 23:30 UTC on 31 March is already 1 April in Paris (summer time).
		const at = new Date('2026-03-31T23:30:00Z');
		expect(frenchDate(at)).toBe('2026-04-01');
		expect(exportFileName('pays-d-uzes', 'csv', at)).toBe('recensement-pays-d-uzes-2026-04-01.csv');
		expect(exportFileName('pays-d-uzes', 'csv-excel', at)).toMatch(/\.csv$/);
		expect(exportFileName('pays-d-uzes', 'xlsx', at)).toMatch(/\.xlsx$/);
		expect(exportFileName('pays-d-uzes', 'geojson', at)).toMatch(/\.geojson$/);
	});

	it('never lets a quote, slash or non-ASCII character into the name', () => {
		const name = exportFileName('Uzès "x"/../é', 'csv', new Date('2026-01-05T12:00:00Z'));
		expect(name).toBe('recensement-Uz-s-x-2026-01-05.csv');
		expect(exportFileName('ééé', 'csv', new Date('2026-01-05T12:00:00Z'))).toBe(
			'recensement-territoire-2026-01-05.csv'
		);
	});
});

describe('parseExportFormat', () => {
	it('accepts the four formats only', () => {
		expect(['csv', 'csv-excel', 'xlsx', 'geojson'].map(parseExportFormat)).toEqual([
			'csv',
			'csv-excel',
			'xlsx',
			'geojson'
		]);
		expect(parseExportFormat(null)).toBeNull();
		expect(parseExportFormat('pdf')).toBeNull();
		expect(parseExportFormat('CSV')).toBeNull();
	});
});

describe('licenceUrl', () => {
	it('knows the usual open data licences by SPDX id, in any case', () => {
		expect(licenceUrl('ODbL-1.0')).toBe('https://opendatacommons.org/licenses/odbl/1-0/');
		expect(licenceUrl('cc-by-sa-4.0')).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
		expect(licenceUrl('etalab-2.0')).toMatch(/^https:\/\/www\.etalab\.gouv\.fr\//);
		expect(licenceUrl('Tous droits réservés')).toBeNull();
	});
});
