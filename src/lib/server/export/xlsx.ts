/**
 * XLSX export with write-excel-file v4 (`write-excel-file/node`, multi-sheet form
 * `writeExcelFile([{ data, sheet, columns, stickyRowsCount }]).toBuffer()`, see its README).
 *
 * Sheet 1 ("Recensement"): the same header and cells as the CSV export. Every text is a String
 * cell (`t="s"`, a shared string): never a formula, and neutralised anyway (see
 * $lib/domain/export/neutralise.ts) because a person may copy it, or save the sheet as CSV.
 * Coordinates are Number cells. Sheet 2 ("Licence"): licence, its text, export date, the listings.
 */
import writeExcelFile, { type Cell, type Row, type SheetData } from 'write-excel-file/node';
import {
	frenchDate,
	licenceUrl,
	neutraliseCell,
	NUMERIC_COLUMNS,
	SPREADSHEET_HEADERS,
	spreadsheetCells,
	type ExportMeta,
	type ExportRow
} from '$lib/domain/export';
import { m } from '$lib/i18n';

export const XLSX_CONTENT_TYPE =
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses to open a file with a longer cell ("We found a problem with some content"). */
const MAX_CELL_CHARS = 32_767;

const textCell = (value: string | null): Cell =>
	value === null || value === ''
		? null
		: { type: String, value: neutraliseCell(value).slice(0, MAX_CELL_CHARS) };

const bold = (value: string): Cell => ({ type: String, value, fontWeight: 'bold' });

export async function toXlsx(rows: readonly ExportRow[], meta: ExportMeta): Promise<Buffer> {
	const census: SheetData = [SPREADSHEET_HEADERS.map(bold)];
	for (const row of rows) {
		census.push(
			spreadsheetCells(row, meta).map((cell, i): Cell => {
				if (cell === null) return null;
				if (typeof cell === 'number' && NUMERIC_COLUMNS.has(i))
					return { type: Number, value: cell };
				// Already neutralised by spreadsheetCells; only the length limit is left to apply.
				return { type: String, value: String(cell).slice(0, MAX_CELL_CHARS) };
			})
		);
	}

	const url = licenceUrl(meta.licence);
	const licence: Row[] = [
		[bold(m.export_licence_title({ territory: meta.territoryName }))],
		[],
		[bold(m.export_licence_territory()), textCell(meta.territoryName)],
		[bold(m.export_licence_licence()), textCell(meta.licence)],
		...(url ? [[bold(m.export_licence_url()), textCell(url)]] : []),
		[bold(m.export_licence_exported_at()), textCell(frenchDate(meta.exportedAt))],
		[],
		[textCell(m.export_licence_note({ territory: meta.territoryName }))],
		[textCell(m.export_licence_provenance())]
	];
	if (meta.sources && meta.sources.length > 0) {
		licence.push(
			[],
			[bold(m.export_licence_sources())],
			[
				bold(m.export_licence_source_name()),
				bold(m.export_licence_source_file()),
				bold(m.export_licence_source_imported())
			],
			...meta.sources.map((s) => [textCell(s.name), textCell(s.fileName), textCell(s.importedAt)])
		);
	}

	return writeExcelFile([
		{
			data: census,
			sheet: sheetName(m.export_sheet_census()),
			columns: SPREADSHEET_HEADERS.map((h) => ({ width: columnWidth(h) })),
			stickyRowsCount: 1
		},
		{
			data: licence,
			sheet: sheetName(m.export_sheet_licence()),
			columns: [{ width: 24 }, { width: 48 }, { width: 16 }]
		}
	]).toBuffer();
}

function columnWidth(header: string): number {
	if (header === 'id') return 38;
	if (header === 'name' || header === 'address' || header.endsWith('_source')) return 30;
	if (header === 'email' || header === 'website' || header === 'sources') return 28;
	return Math.max(10, header.length + 2);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
	return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}
