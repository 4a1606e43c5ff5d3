/**
 * One export, ready to send: body, content type and file name for each format. The endpoint
 * (src/routes/t/[territory]/census/export) only parses the request and calls this.
 */
import {
	exportFileName,
	toCsv,
	toGeoJson,
	type ExportFormat,
	type ExportMeta,
	type ExportRow
} from '$lib/domain/export';
import { toXlsx, XLSX_CONTENT_TYPE } from './xlsx';

export { listExportRows, readExportContext } from './query';
export { toXlsx, XLSX_CONTENT_TYPE } from './xlsx';

export interface ExportFile {
	// Uint8Array<ArrayBuffer>: what the Response constructor accepts (a Node Buffer may not be).
	body: string | Uint8Array<ArrayBuffer>;
	contentType: string;
	fileName: string;
}

export async function buildExportFile(
	format: ExportFormat,
	rows: readonly ExportRow[],
	meta: ExportMeta,
	slug: string
): Promise<ExportFile> {
	const fileName = exportFileName(slug, format, meta.exportedAt);
	switch (format) {
		case 'csv':
		case 'csv-excel':
			return {
				body: toCsv(rows, meta, { excelFrance: format === 'csv-excel' }),
				// RFC 4180 / RFC 7111; header=present tells a reader the first line names the columns.
				contentType: 'text/csv; charset=utf-8; header=present',
				fileName
			};
		case 'xlsx':
			return {
				body: new Uint8Array(await toXlsx(rows, meta)),
				contentType: XLSX_CONTENT_TYPE,
				fileName
			};
		case 'geojson':
			return {
				body: JSON.stringify(toGeoJson(rows, meta)),
				contentType: 'application/geo+json; charset=utf-8',
				fileName
			};
	}
}

/** RFC 6266 attachment; `exportFileName` only produces ASCII letters, digits, `-` and `.`. */
export function contentDisposition(fileName: string): string {
	return `attachment; filename="${fileName}"`;
}
