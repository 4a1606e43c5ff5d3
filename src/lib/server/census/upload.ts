/**
 * Reads the import wizard's multipart form: files `file` (repeated) and a JSON field `plan`:
 * `[{ "name": "<file name>", "mapping": { role: [columns] }, "target": "<source id>" | "new" }]`.
 * Limits are checked here so the message names the file; the wizard checks the same limits
 * (`UPLOAD_LIMITS`, given to the page by its load) before sending anything.
 */
import { isRole, type RoleMapping } from '../../domain/census/types';
import { looksBinary } from '../../import/decode';
import type { ImportFile } from './import';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILES = 10;
/**
 * All the files of one import together. The request body limit of the server (BODY_SIZE_LIMIT,
 * 120 MB by default in scripts/start.js) must stay above it, multipart overhead included.
 */
export const MAX_TOTAL_BYTES = 100 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'json', 'geojson'] as const;
const ACCEPTED = new RegExp(`\\.(${ACCEPTED_EXTENSIONS.join('|')})$`, 'i');

/** What the wizard needs to refuse a file before uploading it (plain data for the page). */
export const UPLOAD_LIMITS = {
	maxFileBytes: MAX_FILE_BYTES,
	maxFiles: MAX_FILES,
	maxTotalBytes: MAX_TOTAL_BYTES,
	extensions: [...ACCEPTED_EXTENSIONS]
};

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / MB).toFixed(1).replace('.', ',');

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
	return signature.every((b, i) => bytes[i] === b);
}
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The OLE container of old Excel (.xls) and Word files. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/**
 * The content does not match the name: a message naming the file, or null. The readers would
 * fail on these too, but later and in their own words; an empty file is left to them (they say
 * « Le fichier est vide » for every format).
 */
export function contentProblem(name: string, bytes: Uint8Array): string | null {
	if (bytes.length === 0) return null;
	const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
	if (startsWith(bytes, OLE))
		return `« ${name} » est un ancien classeur Excel (.xls) ou un document Office : enregistrez-le en .xlsx ou en CSV depuis le tableur.`;
	if (startsWith(bytes, PDF))
		return `« ${name} » est un PDF : exportez la liste en CSV ou en XLSX depuis le logiciel qui l’a produite.`;
	if (extension === 'xlsx') {
		return startsWith(bytes, ZIP)
			? null
			: `« ${name} » n’est pas un classeur Excel (.xlsx) lisible : son contenu n’en est pas un.`;
	}
	// A .csv that is in fact a workbook (renamed, or saved as XLSX under a .csv name) is read as
	// the workbook it is.
	if (startsWith(bytes, ZIP)) return extension === 'csv' ? null : binaryText(name, extension);
	return looksBinary(bytes) ? binaryText(name, extension) : null;
}

function binaryText(name: string, extension: string): string {
	return extension === 'json' || extension === 'geojson'
		? `« ${name} » n’est pas un fichier JSON lisible : son contenu est binaire.`
		: `« ${name} » n’est pas un fichier CSV lisible : son contenu est binaire (enregistrez-le en CSV depuis le tableur).`;
}

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
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (total > MAX_TOTAL_BYTES)
		throw new UploadError(
			`Ces ${files.length} fichiers font ${megabytes(total)} Mo ensemble : ${MAX_TOTAL_BYTES / MB} Mo au plus par import. Importez-les en plusieurs fois.`
		);
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
				`« ${f.name} » fait ${megabytes(f.size)} Mo : ${MAX_FILE_BYTES / MB} Mo au plus par fichier.`,
				f.name
			);
		if (names.has(f.name))
			throw new UploadError(`« ${f.name} » est déposé deux fois : gardez-en un seul.`, f.name);
		names.add(f.name);
		const bytes = new Uint8Array(await f.arrayBuffer());
		const problem = contentProblem(f.name, bytes);
		if (problem) throw new UploadError(problem, f.name);
		const entry = plan.find((p) => p.name === f.name);
		out.push({
			name: f.name,
			bytes,
			mapping: parseMapping(entry?.mapping),
			target: typeof entry?.target === 'string' && entry.target !== '' ? entry.target : undefined
		});
	}
	return out;
}
