import Papa from 'papaparse';
import type { SourceRecord } from '../domain/census/types';
import { decodeText, looksBinary } from './decode';
import { issue, type ReadIssue } from './types';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Beyond this a cell is surely a broken quote or a pasted document; it is kept but reported. */
export const LONG_FIELD = 10_000;

/**
 * The delimiter whose field count is the same, and greater than one, on most of the first
 * lines. Quotes are honoured (PapaParse on a sample) so a `;` inside a quoted name is not counted.
 */
export function detectDelimiter(text: string): string {
	const sample = text.slice(0, 64 * 1024);
	let best: string = ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const parsed = Papa.parse<string[]>(sample, {
			delimiter: d,
			preview: 30,
			skipEmptyLines: true
		});
		const counts = parsed.data.map((r) => r.length);
		if (counts.length === 0) continue;
		const freq = new Map<number, number>();
		for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
		let mode = 1;
		let modeFreq = 0;
		for (const [c, f] of freq)
			if (f > modeFreq || (f === modeFreq && c > mode)) [mode, modeFreq] = [c, f];
		if (mode < 2) continue;
		// Consistency first, then more columns (a `,` inside free text gives fewer, uneven ones).
		const score = modeFreq / counts.length + mode / 1000;
		if (score > bestScore) {
			bestScore = score;
			best = d;
		}
	}
	return best;
}

export interface CsvResult {
	headers: string[];
	records: SourceRecord[];
	issues: ReadIssue[];
	encoding: string;
	delimiter: string;
}

/**
 * Reads a CSV/TSV listing. Every data row becomes a record numbered from 1 (header excluded)
 * with its values untouched, or is reported: a row with more fields than the header is
 * rejected (its values cannot be put under the right columns), a shorter row is kept and
 * reported.
 */
export function readCsv(file: string, bytes: Uint8Array): CsvResult {
	const issues: ReadIssue[] = [];
	const empty = { headers: [], records: [], issues, encoding: 'utf-8', delimiter: ',' };
	if (bytes.length === 0) {
		issues.push(issue(file, 'empty_file', 'fatal', 'Le fichier est vide.', 'The file is empty.'));
		return empty;
	}
	if (looksBinary(bytes)) {
		issues.push(
			issue(
				file,
				'binary_file',
				'fatal',
				"Ce fichier n'est pas un texte CSV (contenu binaire).",
				'This file is not CSV text (binary content).'
			)
		);
		return empty;
	}
	const { text, encoding } = decodeText(bytes);
	const delimiter = detectDelimiter(text);
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
	const rows = parsed.data;
	if (rows.length === 0) {
		issues.push(issue(file, 'empty_file', 'fatal', 'Le fichier est vide.', 'The file is empty.'));
		return { ...empty, encoding, delimiter };
	}
	const headers = rows[0]!.map((h) => h.trim());
	// A blank or repeated header would make values collide: name it by its position.
	const seen = new Set<string>();
	for (let c = 0; c < headers.length; c++) {
		let h = headers[c]!;
		if (h === '' || seen.has(h)) h = `${h || 'colonne'}_${c + 1}`;
		headers[c] = h;
		seen.add(h);
	}
	for (const e of parsed.errors) {
		if (e.type !== 'Quotes') continue;
		const row = typeof e.row === 'number' ? e.row : null;
		issues.push(
			issue(
				file,
				'bad_quotes',
				'warning',
				`Guillemet non refermé : la suite du fichier est lue comme un seul champ (${e.message}).`,
				`Unclosed quote: the rest of the file is read as one field (${e.message}).`,
				row === null || row < 1 ? null : row
			)
		);
	}
	const records: SourceRecord[] = [];
	for (let i = 1; i < rows.length; i++) {
		const values = rows[i]!;
		const row = i;
		if (
			values.length > headers.length &&
			values.slice(headers.length).some((v) => v.trim() !== '')
		) {
			issues.push(
				issue(
					file,
					'too_many_fields',
					'rejected',
					`Ligne ${row} : ${values.length} champs pour ${headers.length} colonnes (séparateur ou guillemet mal placé).`,
					`Row ${row}: ${values.length} fields for ${headers.length} columns (misplaced delimiter or quote).`,
					row,
					null
				)
			);
			continue;
		}
		if (values.length < headers.length) {
			issues.push(
				issue(
					file,
					'too_few_fields',
					'warning',
					`Ligne ${row} : ${values.length} champs pour ${headers.length} colonnes ; les colonnes manquantes sont vides.`,
					`Row ${row}: ${values.length} fields for ${headers.length} columns; missing columns left empty.`,
					row,
					headers[values.length] ?? null
				)
			);
		}
		const raw: Record<string, string> = {};
		for (let c = 0; c < headers.length; c++) {
			const v = values[c] ?? '';
			raw[headers[c]!] = v;
			if (v.length > LONG_FIELD) {
				issues.push(
					issue(
						file,
						'long_field',
						'warning',
						`Ligne ${row}, colonne « ${headers[c]} » : champ de ${v.length} caractères (seuls les premiers servent à la comparaison).`,
						`Row ${row}, column "${headers[c]}": ${v.length}-character field (only the start is used for matching).`,
						row,
						headers[c]!
					)
				);
			}
		}
		records.push({ file, row, raw });
	}
	if (records.length === 0 && !issues.some((x) => x.severity === 'rejected')) {
		issues.push(
			issue(
				file,
				'no_rows',
				'warning',
				"Le fichier n'a qu'une ligne d'en-tête, aucune donnée.",
				'The file has a header line only, no data.'
			)
		);
	}
	return { headers, records, issues, encoding, delimiter };
}
