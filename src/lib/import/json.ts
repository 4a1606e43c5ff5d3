import type { SourceRecord } from '../domain/census/types';
import { issue, type ReadIssue } from './types';

export interface JsonResult {
	format: 'geojson' | 'json';
	headers: string[];
	records: SourceRecord[];
	issues: ReadIssue[];
}

function valueText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(';');
	return JSON.stringify(v);
}

/** Nested objects become dotted columns ("adresse.commune"), one level deep per key path. */
function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix === '' ? k : `${prefix}.${k}`;
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
			flatten(v as Record<string, unknown>, key, out);
		} else out[key] = valueText(v);
	}
}

/**
 * Reads a GeoJSON FeatureCollection (properties, plus `latitude`/`longitude` from a Point
 * geometry) or a JSON array of objects. Records are numbered by feature / element, from 1.
 */
export function readJson(file: string, text: string): JsonResult {
	const issues: ReadIssue[] = [];
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		issues.push(
			issue(file, 'unreadable', 'fatal', `JSON invalide : ${reason}`, `Invalid JSON: ${reason}`)
		);
		return { format: 'json', headers: [], records: [], issues };
	}
	const isCollection =
		data !== null &&
		typeof data === 'object' &&
		(data as { type?: unknown }).type === 'FeatureCollection' &&
		Array.isArray((data as { features?: unknown }).features);
	const items: unknown[] = isCollection
		? (data as { features: unknown[] }).features
		: Array.isArray(data)
			? data
			: [];
	if (!isCollection && !Array.isArray(data)) {
		issues.push(
			issue(
				file,
				'unknown_format',
				'fatal',
				'JSON attendu : une FeatureCollection GeoJSON ou un tableau d’objets.',
				'Expected JSON: a GeoJSON FeatureCollection or an array of objects.'
			)
		);
	}
	const headers = new Set<string>();
	const records: SourceRecord[] = [];
	items.forEach((item, i) => {
		const row = i + 1;
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			issues.push(
				issue(
					file,
					'bad_feature',
					'rejected',
					`Élément ${row} : ce n'est pas un objet.`,
					`Item ${row}: not an object.`,
					row
				)
			);
			return;
		}
		const raw: Record<string, string> = {};
		if (isCollection) {
			const f = item as { properties?: unknown; geometry?: unknown };
			if (f.properties !== null && typeof f.properties === 'object') {
				flatten(f.properties as Record<string, unknown>, '', raw);
			}
			const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
			if (g && g.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
				// GeoJSON is [lng, lat].
				raw.longitude ??= valueText(g.coordinates[0]);
				raw.latitude ??= valueText(g.coordinates[1]);
			} else if (g !== null && g !== undefined) {
				issues.push(
					issue(
						file,
						'bad_feature',
						'warning',
						`Entité ${row} : géométrie autre qu'un point, ignorée.`,
						`Feature ${row}: non-point geometry ignored.`,
						row
					)
				);
			}
		} else flatten(item as Record<string, unknown>, '', raw);
		for (const k of Object.keys(raw)) headers.add(k);
		records.push({ file, row, raw });
	});
	if (records.length === 0 && issues.length === 0) {
		issues.push(issue(file, 'no_rows', 'warning', 'Aucun enregistrement.', 'No records.'));
	}
	return { format: isCollection ? 'geojson' : 'json', headers: [...headers], records, issues };
}
