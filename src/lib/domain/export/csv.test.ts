import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_HEADERS, spreadsheetPhone } from './cells';
import { formatNumber, toCsv } from './csv';
import { exportRow, meta } from './test-fixtures';

/** Parses an export back the way a program would, keyed by header. */
function parse(csv: string, delimiter: ',' | ';'): Record<string, string>[] {
	const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
		header: true,
		delimiter,
		skipEmptyLines: true
	});
	expect(result.errors).toEqual([]);
	expect(result.meta.fields).toEqual([...SPREADSHEET_HEADERS]);
	return result.data;
}

describe('toCsv', () => {
	it('writes RFC 4180 UTF-8 with commas, CRLF and no BOM by default', () => {
		const csv = toCsv([exportRow()], meta);
		expect(csv.charCodeAt(0)).not.toBe(0xfeff);
		expect(csv.split('\r\n')[0]).toBe(SPREADSHEET_HEADERS.join(','));
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const [row] = parse(csv, ',');
		expect(row).toMatchObject({
			name: 'Les Amis du Lavoir',
			commune_name: 'Uzès',
			lng: '4.4196',
			lat: '44.0122',
			name_source: 'RNA Gard ligne 12',
			email_source: '',
			sources: 'RNA Gard',
			sectors: 'culture | patrimoine',
			licence: 'ODbL-1.0'
		});
	});

	it('starts the Excel France dialect with the bytes EF BB BF and separates with ;', () => {
		const csv = toCsv([exportRow()], meta, { excelFrance: true });
		const bytes = Buffer.from(csv, 'utf8');
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(csv.slice(1).split('\r\n')[0]).toBe(SPREADSHEET_HEADERS.join(';'));
		const [row] = parse(csv, ';');
		// French Excel reads "4,4196" as a number; "4.4196" would be text or a date.
		expect(row?.lng).toBe('4,4196');
		expect(row?.lat).toBe('44,0122');
	});

	it('quotes and doubles quotes, keeps newlines and separators inside a field', () => {
		const name = 'Le "Lavoir", atelier; 2e étage\nBâtiment B\r\nfond de cour';
		const rows = [exportRow({ name, address: 'a;b', legal_form: 'x,y' })];
		for (const [excelFrance, delimiter] of [
			[false, ','],
			[true, ';']
		] as const) {
			const csv = toCsv(rows, meta, { excelFrance });
			expect(csv).toContain('"Le ""Lavoir"", atelier; 2e étage\nBâtiment B\r\nfond de cour"');
			const [row] = parse(csv, delimiter);
			expect(row?.name).toBe(name);
			expect(row?.address).toBe('a;b');
			expect(row?.legal_form).toBe('x,y');
		}
		// Only the dialect's own separator needs quotes.
		expect(toCsv(rows, meta)).toContain(',a;b,');
		expect(toCsv(rows, meta, { excelFrance: true })).toContain(';x,y;');
	});

	it('keeps accents and other non-ASCII text byte for byte', () => {
		const name = 'Œuvre « Les Côtes d’Uzès » — été ñ 北京 🌳';
		for (const excelFrance of [false, true]) {
			const csv = toCsv([exportRow({ name })], meta, { excelFrance });
			const decoded = new TextDecoder('utf-8').decode(Buffer.from(csv, 'utf8'));
			expect(decoded).toContain(name);
		}
	});

	it('neutralises every dangerous first character in text cells', () => {
		const starts = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'];
		const rows = starts.map((c, i) =>
			exportRow({ id: `id-${i}`, name: `${c}1+1`, name_source: `${c}cmd|' /C calc'!A0` })
		);
		for (const [excelFrance, delimiter] of [
			[false, ','],
			[true, ';']
		] as const) {
			const parsed = parse(toCsv(rows, meta, { excelFrance }), delimiter);
			expect(parsed.map((r) => r.name)).toEqual(starts.map((c) => `'${c}1+1`));
			for (const row of parsed) {
				for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r\n\0]/);
			}
		}
	});

	it('writes coordinates as plain numbers, negative ones not neutralised', () => {
		const csv = toCsv([exportRow({ lng: -1.5536789123, lat: 47.2184 })], meta);
		expect(parse(csv, ',')[0]).toMatchObject({ lng: '-1.5536789', lat: '47.2184' });
		expect(formatNumber(0.0000001)).toBe('0.0000001');
		expect(formatNumber(-0.00000001)).toBe('0');
		expect(formatNumber(100)).toBe('100');
		expect(formatNumber(10.5)).toBe('10.5');
	});

	it('writes empty cells for missing values and unplaced actors', () => {
		const csv = toCsv([exportRow({ lng: null, lat: null, email: null, tags: [] })], meta);
		expect(parse(csv, ',')[0]).toMatchObject({ lng: '', lat: '', email: '', tags: '' });
	});

	it('writes French phones in national form instead of a neutralised +33', () => {
		const csv = toCsv([exportRow({ phone: '+33466123456' })], meta);
		expect(parse(csv, ',')[0]?.phone).toBe('04 66 12 34 56');
		const foreign = toCsv([exportRow({ phone: '+3225551212' })], meta);
		expect(parse(foreign, ',')[0]?.phone).toBe("'+3225551212");
	});

	it('gives a header row only when there is no actor', () => {
		expect(toCsv([], meta)).toBe(SPREADSHEET_HEADERS.join(',') + '\r\n');
	});
});

describe('spreadsheetPhone', () => {
	it.each([
		['+33466123456', '04 66 12 34 56'],
		['+33 6 39 98 12 34', '06 39 98 12 34'],
		['04 65 71 22 33', '04 65 71 22 33'],
		['0033466123456', '04 66 12 34 56'],
		['+262692123456', '06 92 12 34 56'],
		['+596596123456', '05 96 12 34 56'],
		['+3225551212', '+3225551212'],
		['04 66 / 06 12', '04 66 / 06 12'],
		['inconnu', 'inconnu']
	])('%j → %j', (input, expected) => {
		expect(spreadsheetPhone(input)).toBe(expected);
	});
});
