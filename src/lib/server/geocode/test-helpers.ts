/**
 * Test doubles for the geocoders: a fake BAN serving the hand-made fixtures of
 * `tests/fixtures/ban/`, and a small commune index (the demo territory, plus Nîmes and Paris)
 * so tests do not load the national 8 MB list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { CommuneIndex, type CommuneEntry } from '$lib/domain/census/communes';
import { PAYS_D_UZES_COMMUNES } from '$lib/domain/demo/communes';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/ban/', import.meta.url));

export function readFixture(name: string): string {
	return readFileSync(FIXTURES + name, 'utf8');
}

export const INPUT_COLUMNS = ['mid', 'adresse', 'code_postal', 'code_insee', 'commune'];

export function testCommunes(): CommuneIndex {
	const entries: CommuneEntry[] = [
		...PAYS_D_UZES_COMMUNES.map((c) => ({ code: c.code, nom: c.name, codesPostaux: [c.postcode] })),
		{ code: '30189', nom: 'Nîmes', codesPostaux: ['30000', '30900'] },
		{ code: '75056', nom: 'Paris', codesPostaux: ['75001', '75011'] },
		{
			code: '75111',
			nom: 'Paris 11e Arrondissement',
			type: 'arrondissement-municipal',
			commune: '75056'
		},
		// A made-up former commune merged into Uzès, to exercise the redirect.
		{ code: '30999', nom: 'Ancienne-Commune', type: 'commune-deleguee', chefLieu: '30334' }
	];
	return new CommuneIndex(entries);
}

export interface BanCall {
	url: string;
	method: string;
	form: FormData;
	fileName: string | null;
	csv: string;
	rows: Record<string, string>[];
	signal: AbortSignal | undefined;
}

export interface FakeBan {
	fetch: typeof fetch;
	calls: BanCall[];
	maxInFlight(): number;
}

/** A fetch that decodes the multipart request as a server would, then asks `handler`. */
export function fakeBan(
	handler: (call: BanCall, n: number) => Response | Promise<Response>
): FakeBan {
	const calls: BanCall[] = [];
	let inFlight = 0;
	let max = 0;
	const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
		inFlight++;
		max = Math.max(max, inFlight);
		try {
			const req = new Request(input, init);
			const form = await req.formData();
			const file = form.get('data');
			const csv = file instanceof Blob ? await file.text() : '';
			const rows = Papa.parse<Record<string, string>>(csv, {
				header: true,
				skipEmptyLines: true
			}).data;
			const call: BanCall = {
				url: req.url,
				method: req.method,
				form,
				fileName: file instanceof File ? file.name : null,
				csv,
				rows,
				signal: init?.signal ?? undefined
			};
			calls.push(call);
			// Yield to the event loop so that concurrent requests really overlap.
			await new Promise((r) => setImmediate(r));
			return await handler(call, calls.length);
		} finally {
			inFlight--;
		}
	};
	return { fetch: fetchImpl as typeof fetch, calls, maxInFlight: () => max };
}

/**
 * The fixture's answer to the rows of a request, in request order, as the service writes it.
 * Throws (failing the test) when a row was not sent exactly as the fixture records it.
 */
export function fixtureAnswer(
	file: string,
	rows: Record<string, string>[],
	omit: (mid: string) => boolean = () => false
): Response {
	const raw = readFixture(file);
	const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
	const lines = raw
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((l) => l !== '');
	const parsed = Papa.parse<Record<string, string>>(lines.join('\n'), { header: true }).data;
	const byMid = new Map(parsed.map((r, i) => [r.mid!, { record: r, line: lines[i + 1]! }]));
	const out = [bom + lines[0]];
	for (const row of rows) {
		const recorded = byMid.get(row.mid!);
		if (recorded === undefined) throw new Error(`fixture ${file} has no row ${row.mid}`);
		for (const col of INPUT_COLUMNS)
			if (row[col] !== recorded.record[col])
				throw new Error(
					`row ${row.mid}: ${col} sent "${row[col]}", fixture "${recorded.record[col]}"`
				);
		if (!omit(row.mid!)) out.push(recorded.line);
	}
	return new Response(out.join('\n') + '\n', {
		status: 200,
		headers: { 'content-type': 'text/csv; charset=utf-8' }
	});
}
