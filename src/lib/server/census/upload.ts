/**
 * Reads the import wizard's multipart form: files `file` (repeated) and a JSON field `plan`:
 * `[{ "name": "<file name>", "mapping": { role: [columns] }, "target": "<source id>" | "new" }]`.
 * Limits are checked here so the message names the file.
 */
import { isRole, type RoleMapping } from '../../domain/census/types';
import type { ImportFile } from './import';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILES = 10;
const ACCEPTED = /\.(csv|tsv|txt|xlsx|json|geojson)$/i;

export class UploadError extends Error {
	constructor(
		message: string,
		readonly file: string | null = null
	) {
		super(message);
	}
}

interface PlanEntry {
	name?: unknown;
	mapping?: unknown;
	target?: unknown;
}

function parseMapping(value: unknown): RoleMapping | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const out: RoleMapping = {};
	for (const [role, cols] of Object.entries(value as Record<string, unknown>)) {
		if (!isRole(role)) continue;
		const list = (Array.isArray(cols) ? cols : [cols]).filter(
			(c): c is string => typeof c === 'string'
		);
		if (list.length > 0) out[role] = list;
	}
	return out;
}

export async function readUpload(form: FormData): Promise<ImportFile[]> {
	const files = form.getAll('file').filter((f): f is File => typeof f === 'object' && f !== null);
	if (files.length === 0) throw new UploadError('Aucun fichier reçu : déposez au moins une liste.');
	if (files.length > MAX_FILES)
		throw new UploadError(`Trop de fichiers (${files.length}) : ${MAX_FILES} au plus par import.`);
	let plan: PlanEntry[] = [];
	const rawPlan = form.get('plan');
	if (typeof rawPlan === 'string' && rawPlan.trim() !== '') {
		try {
			const parsed: unknown = JSON.parse(rawPlan);
			if (Array.isArray(parsed)) plan = parsed as PlanEntry[];
		} catch {
			throw new UploadError('Le réglage des colonnes envoyé est illisible : rechargez la page.');
		}
	}
	const names = new Set<string>();
	const out: ImportFile[] = [];
	for (const f of files) {
		if (!ACCEPTED.test(f.name))
			throw new UploadError(
				`« ${f.name} » : format non pris en charge (CSV, TSV, XLSX, GeoJSON ou JSON).`,
				f.name
			);
		if (f.size > MAX_FILE_BYTES)
			throw new UploadError(
				`« ${f.name} » fait ${(f.size / 1024 / 1024).toFixed(1)} Mo : 50 Mo au plus par fichier.`,
				f.name
			);
		if (names.has(f.name))
			throw new UploadError(`« ${f.name} » est déposé deux fois : gardez-en un seul.`, f.name);
		names.add(f.name);
		const entry = plan.find((p) => p.name === f.name);
		out.push({
			name: f.name,
			bytes: new Uint8Array(await f.arrayBuffer()),
			mapping: parseMapping(entry?.mapping),
			target: typeof entry?.target === 'string' && entry.target !== '' ? entry.target : undefined
		});
	}
	return out;
}
