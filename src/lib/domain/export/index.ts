/** Census exports: pure builders shared by the endpoint and the command line. */
export * from './types';
export { buildExportRows, CONTACT_FIELDS, type ActorExportSource, type BuildOptions } from './rows';
export type { RecordRef, SourceRef } from './rows';
export { toCsv, formatNumber, UTF8_BOM, type CsvOptions } from './csv';
export { toGeoJson, type ExportFeatureCollection, type ExportFeature } from './geojson';
export { neutraliseCell, isDangerousCell } from './neutralise';
export {
	spreadsheetCells,
	spreadsheetPhone,
	SPREADSHEET_HEADERS,
	NUMERIC_COLUMNS,
	LIST_SEPARATOR,
	type SpreadsheetCell
} from './cells';
export { licenceUrl } from './licence';
export { exportFileName, frenchDate } from './files';
