/**
 * The CSV files exchanged with the BAN geocoder's batch endpoint (`POST /search/csv/`): the file
 * we send, its split into files under the size limit, and the file it returns (our columns echoed,
 * then `latitude`, `longitude`, `result_label`, `result_score`, `result_type`, `result_citycode`,
 * `result_status`… read by header name, since the two deployments order them differently).
 */
import Papa from 'papaparse';
import type { GeocodeQuality } from './types';

/** Header of the file we send. Names are ours; the request says which column plays which role. */
export const BAN_COLUMNS = {
	id: 'mid',
	address: 'adresse',
	postcode: 'code_postal',
	citycode: 'code_insee',
	city: 'commune'
} as const;

const HEADER = [
	BAN_COLUMNS.id,
	BAN_COLUMNS.address,
	BAN_COLUMNS.postcode,
	BAN_COLUMNS.citycode,
	BAN_COLUMNS.city
];

export interface BanRequestRow {
	/** Our row key in the file (index of the distinct query), echoed back by the BAN. */
	mid: string;
	address: string;
	postcode: string;
	citycode: string;
	city: string;
}

export interface BanChunk {
	rows: BanRequestRow[];
	/** The CSV file: header + rows, CRLF line ends, UTF-8. */
	csv: string;
	/** Its size in UTF-8 bytes. */
	bytes: number;
}

/**
 * Postal routing words make the BAN miss or score low ("BP 45", "CS 30012", "Cedex 9",
 * "TSA 10001"); line breaks inside a listing's address become spaces.
 */
export function cleanAddress(input: string): string {
	return input
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/\b(?:B\.?P\.?|C\.?S\.?|TSA)\s*\d+\b/gi, ' ')
		.replace(/\bcedex(?:\s*\d+)?\b/gi, ' ')
		.replace(/\s+/g, ' ')
		.replace(/\s+,/g, ',')
		.replace(/,(\s*,)+/g, ',')
		.replace(/^[\s,;-]+|[\s,;-]+$/g, '');
}

/** RFC 4180: quote a field holding a comma, quote, line break or edge space; double its quotes. */
export function csvField(value: string): string {
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(row: BanRequestRow): string {
	return [row.mid, row.address, row.postcode, row.citycode, row.city].map(csvField).join(',');
}

function utf8Bytes(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

/**
 * Splits rows into files of at most `maxBytes` (header included) and `maxRows` rows, in order.
 * A row that alone exceeds `maxBytes` still gets a file of its own (the service will answer 413
 * and the caller falls back), so every row is in exactly one chunk.
 */
export function chunkRows(
	rows: readonly BanRequestRow[],
	limits: { maxBytes: number; maxRows: number }
): BanChunk[] {
	const header = HEADER.join(',') + '\r\n';
	const headerBytes = utf8Bytes(header);
	const chunks: BanChunk[] = [];
	let current: BanRequestRow[] = [];
	let lines: string[] = [];
	let bytes = headerBytes;
	const flush = () => {
		if (current.length === 0) return;
		chunks.push({ rows: current, csv: header + lines.join(''), bytes });
		current = [];
		lines = [];
		bytes = headerBytes;
	};
	for (const row of rows) {
		const line = csvLine(row) + '\r\n';
		const lineBytes = utf8Bytes(line);
		if (
			current.length > 0 &&
			(bytes + lineBytes > limits.maxBytes || current.length >= limits.maxRows)
		)
			flush();
		current.push(row);
		lines.push(line);
		bytes += lineBytes;
	}
	flush();
	return chunks;
}

export interface BanResultRow {
	/** 'ok', 'not-found', 'skipped'…; files without the column count as 'ok' when they have a point. */
	status: string;
	lng: number | null;
	lat: number | null;
	score: number | null;
	type: string;
	label: string;
	citycode: string;
	oldcitycode: string;
}

/** The rows of a response, by our `mid`. Rows without a `mid` are ignored. */
export function parseBanResponse(text: string): Map<string, BanResultRow> {
	const parsed = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: true
	});
	const rows = new Map<string, BanResultRow>();
	for (const r of parsed.data) {
		const mid = r[BAN_COLUMNS.id]?.trim();
		if (mid === undefined || mid === '') continue;
		const lat = num(r.latitude);
		const lng = num(r.longitude);
		const status = r.result_status?.trim() || (lat !== null && lng !== null ? 'ok' : 'not-found');
		rows.set(mid, {
			status,
			lng,
			lat,
			score: num(r.result_score),
			type: (r.result_type ?? '').trim(),
			label: (r.result_label ?? '').trim(),
			citycode: (r.result_citycode ?? '').trim(),
			oldcitycode: (r.result_oldcitycode ?? '').trim()
		});
	}
	return rows;
}

function num(s: string | undefined): number | null {
	if (s === undefined || s.trim() === '') return null;
	const n = Number(s);
	return Number.isFinite(n) ? n : null;
}

/** housenumber → exact; street, locality → street; municipality → commune; anything else → null. */
export function qualityOfType(type: string): GeocodeQuality | null {
	switch (type) {
		case 'housenumber':
			return 'exact';
		case 'street':
		case 'locality':
			return 'street';
		case 'municipality':
			return 'commune';
		default:
			return null;
	}
}

const ARRONDISSEMENTS: Record<string, (code: string) => boolean> = {
	'75056': (c) => /^751(0[1-9]|1\d|20)$/.test(c),
	'13055': (c) => /^132(0[1-9]|1[0-6])$/.test(c),
	'69123': (c) => /^6938[1-9]$/.test(c)
};

/** Communes whose addresses the BAN files under their municipal arrondissements. */
export const HAS_ARRONDISSEMENTS: ReadonlySet<string> = new Set(Object.keys(ARRONDISSEMENTS));

/**
 * Whether the BAN's commune agrees with the listing's INSEE code: same code, or the listing gave
 * the former commune the BAN reports in `result_oldcitycode` (communes nouvelles), or the listing
 * gave Paris/Marseille/Lyon and the BAN answers one of its arrondissements.
 */
export function sameCommune(queryCode: string, citycode: string, oldcitycode: string): boolean {
	if (citycode === '' || citycode === queryCode || oldcitycode === queryCode) return true;
	return ARRONDISSEMENTS[queryCode]?.(citycode) ?? false;
}
