import { readCsv } from './csv';
import { readXlsx } from './xlsx';
import { readJson } from './json';
import { decodeText, looksBinary } from './decode';
import { applyMapping, detectRoles, parseFileMapping } from './roles';
import { issue, type ListingFormat, type ReadIssue, type ReadListing } from './types';

export function formatOf(file: string, bytes: Uint8Array): ListingFormat {
	const lower = file.toLowerCase();
	// XLSX is a zip: "PK\x03\x04".
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
		return 'xlsx';
	if (lower.endsWith('.geojson')) return 'geojson';
	if (lower.endsWith('.json')) return 'json';
	if (lower.endsWith('.xlsx')) return 'xlsx';
	return 'csv';
}

export interface ReadOptions {
	/**
	 * Roles given by a person, `{ "<role>": "<column>" | ["<column>", …] }`; they replace
	 * detection for the roles they name. Throws a MappingError naming the bad role or column.
	 */
	mapping?: unknown;
	sheet?: string;
}

/** Reads one listing (CSV, TSV, XLSX, GeoJSON, JSON array) and detects its column roles. */
export async function readListing(
	file: string,
	bytes: Uint8Array,
	options: ReadOptions = {}
): Promise<ReadListing> {
	const format = formatOf(file, bytes);
	let result: ReadListing;
	if (format === 'xlsx') {
		const r = await readXlsx(file, bytes, options.sheet);
		result = { file, format, ...r, roles: {} };
	} else if (format === 'json' || format === 'geojson') {
		if (bytes.length === 0 || looksBinary(bytes)) {
			const empty = bytes.length === 0;
			result = {
				file,
				format,
				headers: [],
				records: [],
				roles: {},
				issues: [
					empty
						? issue(file, 'empty_file', 'fatal', 'Le fichier est vide.', 'The file is empty.')
						: issue(
								file,
								'binary_file',
								'fatal',
								"Ce fichier n'est pas du JSON.",
								'This file is not JSON.'
							)
				]
			};
		} else {
			const decoded = decodeText(bytes);
			const r = readJson(file, decoded.text);
			result = { file, ...r, encoding: decoded.encoding, roles: {} };
		}
	} else {
		const r = readCsv(file, bytes);
		result = { file, format, ...r, roles: {} };
	}
	stripNulCharacters(result);
	const detected = detectRoles(
		result.headers,
		result.records.slice(0, 200).map((r) => r.raw)
	);
	result.roles =
		options.mapping === undefined
			? detected
			: applyMapping(detected, parseFileMapping(options.mapping, result.headers));
	return result;
}

/**
 * U+0000 cannot be stored: PostgreSQL refuses it in `text` and in `jsonb` ("\u0000 cannot be converted
 * to text"), so one NUL in one cell made the whole import fail at its last step. A NUL
 * byte near the start of a CSV already makes the file "binary" (decode.ts looksBinary); one
 * further down, a JSON `"\u0000"` escape or an XLSX cell reaches here. It never means anything
 * in a listing (a C string's end, a UTF-16 byte read as UTF-8): it is removed, from headers and
 * cells, and each row where it was gets a warning naming its columns, so the person sees it
 * happened. The raw row stored is therefore the row without its NULs.
 */
export function stripNulCharacters(listing: ReadListing): void {
	const NUL = '\u0000';
	const renamed = new Map<string, string>();
	if (listing.headers.some((h) => h.includes(NUL))) {
		const seen = new Set<string>();
		listing.headers = listing.headers.map((h, c) => {
			let name = h.replaceAll(NUL, '').trim();
			if (name === '' || seen.has(name)) name = `${name || 'colonne'}_${c + 1}`;
			seen.add(name);
			if (name !== h) renamed.set(h, name);
			return name;
		});
		listing.issues.push(
			issue(
				listing.file,
				'nul_character',
				'warning',
				'En-tête : caractère nul (U+0000) retiré des noms de colonnes.',
				'Header: NUL character (U+0000) removed from column names.'
			)
		);
	}
	const found: ReadIssue[] = [];
	for (const record of listing.records) {
		const columns: string[] = [];
		let changed = renamed.size > 0;
		const raw: Record<string, string> = {};
		for (const [key, value] of Object.entries(record.raw)) {
			const column = renamed.get(key) ?? key;
			if (value.includes(NUL)) {
				columns.push(column);
				raw[column] = value.replaceAll(NUL, '');
				changed = true;
			} else raw[column] = value;
		}
		if (changed) record.raw = raw;
		if (columns.length === 0) continue;
		const list = columns.map((c) => `« ${c} »`).join(', ');
		const listEn = columns.map((c) => `"${c}"`).join(', ');
		found.push(
			issue(
				listing.file,
				'nul_character',
				'warning',
				`Ligne ${record.row}, colonne${columns.length > 1 ? 's' : ''} ${list} : caractère nul (U+0000) retiré (la base de données ne peut pas l’enregistrer).`,
				`Row ${record.row}, column${columns.length > 1 ? 's' : ''} ${listEn}: NUL character (U+0000) removed (the database cannot store it).`,
				record.row,
				columns[0]!
			)
		);
	}
	listing.issues.push(...found);
}
