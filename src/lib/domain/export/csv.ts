/**
 * CSV export, RFC 4180: a header row, fields quoted when they hold the separator, a double quote,
 * CR or LF, double quotes doubled, records ended by CRLF (the RFC's line break, which every parser
 * and spreadsheet reads).
 *
 * Two dialects:
 * - default: UTF-8 without BOM, `,` separator, `.` decimal point — for programs and LibreOffice;
 * - `excelFrance`: what Excel in a French locale opens with a double click — `;` separator (the
 *   comma is its decimal separator), a UTF-8 BOM (without it Excel reads the bytes as Windows-1252
 *   and mangles accents) and `,` as decimal separator in coordinates so they stay numbers.
 */
import { NUMERIC_COLUMNS, SPREADSHEET_HEADERS, spreadsheetCells } from './cells';
import type { ExportMeta, ExportRow } from './types';

export interface CsvOptions {
	excelFrance?: boolean;
}

export const UTF8_BOM = '\uFEFF';
const EOL = '\r\n';

export function toCsv(
	rows: readonly ExportRow[],
	meta: ExportMeta,
	options: CsvOptions = {}
): string {
	return toCsvTable(
		SPREADSHEET_HEADERS,
		rows.map((row) => spreadsheetCells(row, meta)),
		{ ...options, numericColumns: NUMERIC_COLUMNS }
	);
}

export interface CsvTableOptions extends CsvOptions {
	/** Indexes of the columns whose numbers stay numbers (decimal comma in the Excel dialect). */
	numericColumns?: ReadonlySet<number>;
}

/**
 * Any table in the same two dialects (the census export, the partner finder's invitation list).
 * Text cells must already be neutralised (`neutraliseCell`); `null` is an empty cell.
 */
export function toCsvTable(
	headers: readonly string[],
	rows: readonly (readonly (string | number | null)[])[],
	options: CsvTableOptions = {}
): string {
	const excel = options.excelFrance === true;
	const numeric = options.numericColumns ?? new Set<number>();
	const separator = excel ? ';' : ',';
	const field = (value: string): string =>
		value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

	const lines = [headers.map(field).join(separator)];
	for (const row of rows) {
		const cells = row.map((cell, i) => {
			if (cell === null) return '';
			if (typeof cell === 'number' && numeric.has(i)) {
				const n = formatNumber(cell);
				return excel ? n.replace('.', ',') : n;
			}
			return field(String(cell));
		});
		lines.push(cells.join(separator));
	}
	return (excel ? UTF8_BOM : '') + lines.join(EOL) + EOL;
}

/**
 * Plain decimal notation with at most 7 decimals (≈ 1 cm for coordinates): `String(n)` would
 * write 1e-7 for a point on the Greenwich meridian, which no spreadsheet reads as a number.
 */
export function formatNumber(n: number): string {
	const s = n.toFixed(7).replace(/\.?0+$/, '');
	return s === '-0' ? '0' : s;
}
