import { describe, expect, it } from 'vitest';
import {
	contentProblem,
	MAX_FILE_BYTES,
	MAX_FILES,
	MAX_TOTAL_BYTES,
	readUpload,
	UPLOAD_LIMITS,
	UploadError
} from './upload';

const utf8 = (text: string) => new TextEncoder().encode(text);
const ZIP_HEAD = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];
const OLE_HEAD = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0];
const CSV = utf8('nom;commune\r\nLa Toupie;Uzès\r\n');

function form(files: File[], plan?: unknown): FormData {
	const data = new FormData();
	for (const f of files) data.append('file', f, f.name);
	if (plan !== undefined) data.set('plan', JSON.stringify(plan));
	return data;
}

async function refusal(files: File[]): Promise<UploadError> {
	try {
		await readUpload(form(files));
	} catch (e) {
		if (e instanceof UploadError) return e;
		throw e;
	}
	throw new Error('accepted');
}

/** A file whose `size` is as given without allocating it. */
function sized(name: string, size: number): File {
	const file = new File([CSV], name);
	Object.defineProperty(file, 'size', { value: size });
	return file;
}

describe('contentProblem', () => {
	it('accepts text listings and real workbooks', () => {
		expect(contentProblem('liste.csv', CSV)).toBeNull();
		expect(contentProblem('liste.tsv', utf8('nom\tcommune\n'))).toBeNull();
		expect(
			contentProblem('carte.geojson', utf8('{"type":"FeatureCollection","features":[]}'))
		).toBeNull();
		expect(contentProblem('classeur.xlsx', new Uint8Array(ZIP_HEAD))).toBeNull();
		// Excel's « Unicode text »: UTF-16 with its BOM has NUL bytes and is still text.
		const utf16 = new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x6f, 0x00, 0x6d, 0x00, 0x0a, 0x00]);
		expect(contentProblem('unicode.txt', utf16)).toBeNull();
		// A workbook saved under a .csv name is read as the workbook it is.
		expect(contentProblem('export.csv', new Uint8Array(ZIP_HEAD))).toBeNull();
		// Empty files are the readers' to report (« Le fichier est vide »).
		expect(contentProblem('vide.csv', new Uint8Array())).toBeNull();
	});

	it('says a .csv with NUL bytes or binary content is not a readable CSV, naming it', () => {
		const binary = new Uint8Array(512).map((_, i) => (i * 37) % 256);
		expect(contentProblem('adherents.csv', binary)).toBe(
			'« adherents.csv » n’est pas un fichier CSV lisible : son contenu est binaire (enregistrez-le en CSV depuis le tableur).'
		);
		expect(contentProblem('nul.csv', utf8('nom;commune\n\0\0\0;Uzès\n'))).toMatch(
			/^« nul\.csv » n’est pas un fichier CSV lisible/
		);
	});

	it('says an .xlsx that is not a zip is not a workbook, and recognises old .xls and PDF', () => {
		expect(contentProblem('faux.xlsx', CSV)).toBe(
			'« faux.xlsx » n’est pas un classeur Excel (.xlsx) lisible : son contenu n’en est pas un.'
		);
		expect(contentProblem('ancien.xlsx', new Uint8Array(OLE_HEAD))).toMatch(
			/^« ancien\.xlsx » est un ancien classeur Excel \(\.xls\)/
		);
		expect(contentProblem('liste.csv', new Uint8Array(OLE_HEAD))).toMatch(/ancien classeur/);
		expect(contentProblem('liste.csv', utf8('%PDF-1.7\n%âãÏÓ'))).toMatch(
			/^« liste\.csv » est un PDF/
		);
	});

	it('says binary JSON is not readable JSON', () => {
		expect(contentProblem('carte.geojson', new Uint8Array([0x7b, 0, 0, 1, 2]))).toBe(
			'« carte.geojson » n’est pas un fichier JSON lisible : son contenu est binaire.'
		);
		expect(contentProblem('carte.json', new Uint8Array(ZIP_HEAD))).toMatch(/pas un fichier JSON/);
	});
});

describe('readUpload', () => {
	it('reads the files with their plan', async () => {
		const files = await readUpload(
			form(
				[new File([CSV], 'liste.csv')],
				[{ name: 'liste.csv', mapping: { name: ['nom'], nonsense: ['x'] }, target: 'new' }]
			)
		);
		expect(files).toHaveLength(1);
		expect(files[0]!.name).toBe('liste.csv');
		expect([...files[0]!.bytes]).toEqual([...CSV]);
		expect(files[0]!.mapping).toEqual({ name: ['nom'] });
		expect(files[0]!.target).toBe('new');
	});

	it('refuses a binary .csv by its content, with the file named', async () => {
		const e = await refusal([new File([new Uint8Array([0x6e, 0, 0, 0x6f])], 'liste.csv')]);
		expect(e.message).toMatch(/« liste\.csv » n’est pas un fichier CSV lisible/);
		expect(e.file).toBe('liste.csv');
	});

	it('refuses an .xlsx that is not a zip', async () => {
		const e = await refusal([new File([CSV], 'classeur.xlsx')]);
		expect(e.file).toBe('classeur.xlsx');
		expect(e.message).toMatch(/n’est pas un classeur Excel/);
	});

	it('refuses unknown types, files too big, too many files and too much in all', async () => {
		expect((await refusal([new File([CSV], 'liste.docx')])).message).toBe(
			'« liste.docx » : format non pris en charge (CSV, TSV, XLSX, GeoJSON ou JSON).'
		);
		expect((await refusal([sized('gros.csv', MAX_FILE_BYTES + 1)])).message).toBe(
			'« gros.csv » fait 50,0 Mo : 50 Mo au plus par fichier.'
		);
		const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => new File([CSV], `l${i}.csv`));
		expect((await refusal(many)).message).toBe('Trop de fichiers (11) : 10 au plus par import.');
		const heavy = [
			sized('a.csv', 45 * 1024 * 1024),
			sized('b.csv', 45 * 1024 * 1024),
			sized('c.csv', 45 * 1024 * 1024)
		];
		expect((await refusal(heavy)).message).toBe(
			'Ces 3 fichiers font 135,0 Mo ensemble : 100 Mo au plus par import. Importez-les en plusieurs fois.'
		);
	});

	it('gives the page the limits it checks before sending', () => {
		expect(UPLOAD_LIMITS).toEqual({
			maxFileBytes: MAX_FILE_BYTES,
			maxFiles: MAX_FILES,
			maxTotalBytes: MAX_TOTAL_BYTES,
			extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json', 'geojson']
		});
	});
});

describe('the server accepts a body as large as one import', () => {
	it('BODY_SIZE_LIMIT set by scripts/start.js is above MAX_TOTAL_BYTES with room for multipart', async () => {
		const { readFileSync } = await import('node:fs');
		const start = readFileSync(new URL('../../../../scripts/start.js', import.meta.url), 'utf8');
		const match = /BODY_SIZE_LIMIT \?\?= '(\d+)M'/.exec(start);
		expect(match, 'BODY_SIZE_LIMIT default in scripts/start.js').not.toBeNull();
		expect(Number(match![1]) * 1024 * 1024).toBeGreaterThan(MAX_TOTAL_BYTES * 1.1);
	});
});
