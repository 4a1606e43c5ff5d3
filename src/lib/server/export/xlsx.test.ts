import { inflateRawSync } from 'node:zlib';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_HEADERS } from '$lib/domain/export';
import { exportRow, meta } from '$lib/domain/export/test-fixtures';
import { toXlsx } from './xlsx';

/**
 * The files inside a ZIP archive (an .xlsx), read from its central directory so that entries
 * written with data descriptors (sizes after the data) are found too. Stored or deflated only.
 */
function unzip(buffer: Buffer): Map<string, string> {
	const files = new Map<string, string>();
	const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	expect(eocd).toBeGreaterThan(0);
	const count = buffer.readUInt16LE(eocd + 10);
	let at = buffer.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
		const method = buffer.readUInt16LE(at + 10);
		const compressed = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const dataStart =
			local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(dataStart, dataStart + compressed);
		files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

const attacks = [
	'=HYPERLINK("https://attaquant.example","Cliquez")',
	'+1+1',
	'-2+3',
	'@SUM(A1:A2)',
	'\t=1+1',
	'\r=1+1'
];

async function exported() {
	const rows = [
		exportRow({ name: 'Œuvre « Les Côtes d’Uzès » — été', lng: -1.5536, lat: 47.2184 }),
		...attacks.map((name, i) =>
			exportRow({ id: `id-${i}`, name, address: name, phone: null, lng: null, lat: null })
		)
	];
	const buffer = await toXlsx(rows, {
		...meta,
		sources: [
			{ name: 'RNA Gard', fileName: 'rna_waldec_30.csv', importedAt: '2026-11-20' },
			{ name: '=Liste piégée', fileName: null, importedAt: null }
		]
	});
	return { rows, buffer };
}

describe('toXlsx', () => {
	it('(control) the archive reader does see a formula when a file has one', async () => {
		const buffer = await writeExcelFile([[{ type: 'Formula', value: 'SUM(1,2)' }]]).toBuffer();
		const xml = unzip(buffer).get('xl/worksheets/sheet1.xml') ?? '';
		expect(xml).toMatch(/<f[\s>/]/);
	});

	it('writes the census sheet with the CSV header and typed cells', async () => {
		const { buffer } = await exported();
		const sheets = await readXlsxFile(buffer);
		expect(sheets.map((s) => s.sheet)).toEqual(['Recensement', 'Licence']);
		const [census] = sheets;
		expect(census!.data[0]).toEqual([...SPREADSHEET_HEADERS]);
		const col = (name: string) => SPREADSHEET_HEADERS.indexOf(name);
		const first = census!.data[1]!;
		expect(first[col('name')]).toBe('Œuvre « Les Côtes d’Uzès » — été');
		expect(first[col('lng')]).toBe(-1.5536);
		expect(first[col('lat')]).toBe(47.2184);
		expect(first[col('phone')]).toBe('04 66 12 34 56');
		expect(first[col('name_source')]).toBe('RNA Gard ligne 12');
		expect(first[col('licence')]).toBe('ODbL-1.0');
		expect(first[col('email_source')]).toBeNull();
		expect(census!.data).toHaveLength(1 + 1 + attacks.length);
	});

	it('stores dangerous texts as neutralised strings, never as formulas', async () => {
		const { buffer } = await exported();
		const [census] = await readXlsxFile(buffer);
		const col = (name: string) => SPREADSHEET_HEADERS.indexOf(name);
		const names = census!.data.slice(2).map((r) => r[col('name')]);
		const addresses = census!.data.slice(2).map((r) => r[col('address')]);
		expect(names).toEqual(attacks.map((a) => `'${a}`));
		expect(addresses).toEqual(names);

		const files = unzip(buffer);
		const sheetXml = [...files].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
		expect(sheetXml.length).toBe(2);
		for (const [, xml] of sheetXml) {
			expect(xml).not.toMatch(/<f[\s>/]/);
			// Every non-numeric cell is a shared string.
			for (const cell of xml.match(/<c [^>]*>/g) ?? []) {
				if (!/ t="s"/.test(cell)) expect(cell).not.toMatch(/ t="/);
			}
		}
		const strings = files.get('xl/sharedStrings.xml') ?? '';
		expect(strings).toContain("<t>'=HYPERLINK(");
	});

	it('puts the licence, its text, the date and the listings on the Licence sheet', async () => {
		const { buffer } = await exported();
		const [, licence] = await readXlsxFile(buffer);
		const rows = licence!.data.map((r) => r.filter((c) => c !== null));
		expect(rows).toContainEqual(['Territoire', 'Pays d’Uzès']);
		expect(rows).toContainEqual(['Licence', 'ODbL-1.0']);
		expect(rows).toContainEqual([
			'Texte de la licence',
			'https://opendatacommons.org/licenses/odbl/1-0/'
		]);
		expect(rows).toContainEqual(['Exporté le', '2026-11-24']);
		expect(rows).toContainEqual(['RNA Gard', 'rna_waldec_30.csv', '2026-11-20']);
		// A listing name is user input too.
		expect(rows).toContainEqual(["'=Liste piégée"]);
	});
});
