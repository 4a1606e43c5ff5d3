import { readSheet } from 'read-excel-file/universal';
import type { SourceRecord } from '../domain/census/types';
import { issue, type ReadIssue } from './types';

export interface SheetResult {
	headers: string[];
	records: SourceRecord[];
	issues: ReadIssue[];
}

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	return String(v);
}

/**
 * Reads the first sheet, or the named one, of an XLSX workbook (read-excel-file, `universal`
 * entry: an ArrayBuffer in, so the same code runs in the browser and in Node —
 * https://gitlab.com/catamphetamine/read-excel-file#universal). The first non-empty row is the header.
 */
export async function readXlsx(
	file: string,
	bytes: Uint8Array,
	sheet?: string
): Promise<SheetResult> {
	const issues: ReadIssue[] = [];
	let rows: unknown[][];
	try {
		const buffer = bytes.buffer.slice(
			bytes.byteOffset,
			bytes.byteOffset + bytes.byteLength
		) as ArrayBuffer;
		rows = (
			sheet === undefined ? await readSheet(buffer) : await readSheet(buffer, sheet)
		) as unknown[][];
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		issues.push(
			issue(
				file,
				'unreadable',
				'fatal',
				`Classeur XLSX illisible : ${reason}`,
				`Unreadable XLSX workbook: ${reason}`
			)
		);
		return { headers: [], records: [], issues };
	}
	const nonEmpty = (r: unknown[]): boolean => r.some((v) => cellText(v).trim() !== '');
	const start = rows.findIndex(nonEmpty);
	if (start < 0) {
		issues.push(issue(file, 'empty_file', 'fatal', 'La feuille est vide.', 'The sheet is empty.'));
		return { headers: [], records: [], issues };
	}
	const seen = new Set<string>();
	const headers = rows[start]!.map((v, c) => {
		let h = cellText(v).trim();
		if (h === '' || seen.has(h)) h = `${h || 'colonne'}_${c + 1}`;
		seen.add(h);
		return h;
	});
	const records: SourceRecord[] = [];
	let row = 0;
	for (const values of rows.slice(start + 1)) {
		if (!nonEmpty(values)) continue;
		row++;
		const raw: Record<string, string> = {};
		headers.forEach((h, c) => (raw[h] = cellText(values[c])));
		records.push({ file, row, raw });
	}
	if (records.length === 0) {
		issues.push(
			issue(
				file,
				'no_rows',
				'warning',
				"La feuille n'a qu'un en-tête.",
				'The sheet has a header only.'
			)
		);
	}
	return { headers, records, issues };
}
