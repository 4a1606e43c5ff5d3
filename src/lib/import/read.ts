import { readCsv } from './csv';
import { readXlsx } from './xlsx';
import { readJson } from './json';
import { decodeText, looksBinary } from './decode';
import { applyMapping, detectRoles, parseFileMapping } from './roles';
import { issue, type ListingFormat, type ReadListing } from './types';

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
