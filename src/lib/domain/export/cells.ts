/**
 * The columns of the spreadsheet exports (CSV and XLSX share them) and the cell each row gives.
 * Text cells are neutralised against formula injection here, once, so no writer can forget it.
 */
import { normalizePhone } from '../census/contact';
import { neutraliseCell } from './neutralise';
import { PROVENANCE_FIELDS, provenanceColumn, type ExportMeta, type ExportRow } from './types';

/** A cell as the writers receive it: text (already neutralised), a number, or empty. */
export type SpreadsheetCell = string | number | null;

/** Several values in one cell: the separator is neither `,` nor `;`, so no CSV dialect needs it quoted. */
export const LIST_SEPARATOR = ' | ';

type Column = {
	header: string;
	cell: (row: ExportRow, meta: ExportMeta) => string | number | null;
	/** A number the writers must keep numeric (not text, not neutralised). */
	numeric?: true;
};

const text =
	(key: Exclude<keyof ExportRow, 'sectors' | 'worlds' | 'tags' | 'sources' | 'lng' | 'lat'>) =>
	(row: ExportRow) =>
		row[key];
const list = (key: 'sectors' | 'worlds' | 'tags' | 'sources') => (row: ExportRow) =>
	row[key].length > 0 ? row[key].join(LIST_SEPARATOR) : null;

const COLUMNS: readonly Column[] = [
	{ header: 'id', cell: text('id') },
	{ header: 'name', cell: text('name') },
	{ header: 'kind', cell: text('kind') },
	{ header: 'legal_form', cell: text('legal_form') },
	{ header: 'sectors', cell: list('sectors') },
	{ header: 'worlds', cell: list('worlds') },
	{ header: 'tags', cell: list('tags') },
	{ header: 'address', cell: text('address') },
	{ header: 'postcode', cell: text('postcode') },
	{ header: 'commune_code', cell: text('commune_code') },
	{ header: 'commune_name', cell: text('commune_name') },
	{ header: 'email', cell: text('email') },
	{ header: 'phone', cell: (row) => (row.phone === null ? null : spreadsheetPhone(row.phone)) },
	{ header: 'website', cell: text('website') },
	{ header: 'siret', cell: text('siret') },
	{ header: 'rna', cell: text('rna') },
	{ header: 'lng', cell: (row) => row.lng, numeric: true },
	{ header: 'lat', cell: (row) => row.lat, numeric: true },
	{ header: 'location_quality', cell: text('location_quality') },
	...PROVENANCE_FIELDS.map((field): Column => ({
		header: provenanceColumn(field),
		cell: text(provenanceColumn(field))
	})),
	{ header: 'sources', cell: list('sources') },
	// The licence on every row rather than in a comment line or a second file: a spreadsheet user
	// sees it beside the data, it survives filtering and copying rows elsewhere, and every CSV
	// parser reads it as one more column (a leading "# licence" line is a data row to Excel and an
	// error to strict parsers; a second file does not travel with a single download).
	{ header: 'licence', cell: (_row, meta) => meta.licence }
];

export const SPREADSHEET_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/** Indexes of the numeric columns, for writers that type their cells. */
export const NUMERIC_COLUMNS: ReadonlySet<number> = new Set(
	COLUMNS.flatMap((c, i) => (c.numeric ? [i] : []))
);

export function spreadsheetCells(row: ExportRow, meta: ExportMeta): SpreadsheetCell[] {
	return COLUMNS.map((column) => {
		const value = column.cell(row, meta);
		if (value === null || value === '') return null;
		if (typeof value === 'number') return Number.isFinite(value) ? value : null;
		return neutraliseCell(value);
	});
}

const OVERSEAS_CODES = ['262', '590', '594', '596'];

/**
 * Phones for spreadsheets. Stored phones are E.164 (`+33466123456`): a spreadsheet reads that as
 * a formula or a number (dropping the `+`), and neutralising it would show `'+33…`. French
 * numbers, overseas departments included, are therefore written the way French users write them,
 * `04 66 12 34 56` — the spaces also stop Excel from turning it into a number and dropping the 0.
 * Other values keep their text and go through neutralisation like any cell (a foreign `+32…`
 * becomes `'+32…`: visible, but never evaluated). GeoJSON keeps the stored E.164 value.
 */
export function spreadsheetPhone(value: string): string {
	const e164 = normalizePhone(value);
	if (e164 === null) return value;
	const digits = e164.slice(1);
	let national: string | null = null;
	if (digits.startsWith('33') && digits.length === 11) national = '0' + digits.slice(2);
	for (const code of OVERSEAS_CODES) {
		if (digits.startsWith(code) && digits.length === code.length + 9) {
			national = '0' + digits.slice(code.length);
		}
	}
	return national === null ? value : (national.match(/\d\d/g) ?? []).join(' ');
}
