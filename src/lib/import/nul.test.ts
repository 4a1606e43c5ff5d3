import * as XLSX from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readListing } from './read';

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * PostgreSQL refuses U+0000 in text and jsonb: a NUL that reaches the import must be gone from
 * the records, and said, row and column (read.ts stripNulCharacters).
 */
describe('NUL characters', () => {
	it('are removed from CSV cells past the binary sniffing window, with a warning per row', async () => {
		// looksBinary reads the first 8 KB: a NUL further down is read as text.
		const filler = Array.from({ length: 500 }, (_, i) => `Association ${i};Uzès;`).join('\n');
		const csv = `nom;commune;description\n${filler}\nNul\u0000part;Uz\u0000ès;ok\nPropre;Uzès;ok\n`;
		expect(csv.indexOf('\u0000')).toBeGreaterThan(8192);
		const listing = await readListing('nul.csv', utf8(csv));
		const row = listing.records.find((r) => r.raw.nom === 'Nulpart');
		expect(row?.raw).toEqual({ nom: 'Nulpart', commune: 'Uzès', description: 'ok' });
		expect(listing.records.every((r) => !Object.values(r.raw).join('').includes('\u0000'))).toBe(
			true
		);
		const warnings = listing.issues.filter((i) => i.code === 'nul_character');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ severity: 'warning', row: row!.row, column: 'nom' });
		expect(warnings[0]!.message).toContain('« nom », « commune »');
		expect(listing.records).toHaveLength(502);
	});

	it('are removed from JSON values and headers (the \\u0000 escape is plain ASCII)', async () => {
		const json = JSON.stringify([
			{ 'n\u0000om': 'A\u0000B', commune: 'Uzès' },
			{ 'n\u0000om': 'C', commune: 'Uzès' }
		]);
		const listing = await readListing('nul.json', utf8(json));
		expect(listing.headers).toContain('nom');
		expect(listing.records.map((r) => r.raw.nom)).toEqual(['AB', 'C']);
		expect(listing.roles.name).toEqual(['nom']);
		const codes = listing.issues.filter((i) => i.code === 'nul_character').map((i) => i.row);
		expect(codes).toEqual([null, 1]);
	});

	it('are removed from XLSX cells', async () => {
		const buffer = await XLSX.default([
			[
				{ type: String, value: 'nom' },
				{ type: String, value: 'commune' }
			],
			[
				{ type: String, value: 'Tiers\u0000lieu' },
				{ type: String, value: 'Uzès' }
			]
		]).toBuffer();
		const listing = await readListing('nul.xlsx', new Uint8Array(buffer));
		// Whatever the writer and reader make of it, no NUL is left.
		expect(JSON.stringify(listing.records)).not.toContain('\\u0000');
		expect(listing.records[0]?.raw.nom?.startsWith('Tiers')).toBe(true);
	});

	it('a listing without NUL is left as it was (same objects, no warning)', async () => {
		const listing = await readListing('ok.csv', utf8('nom;commune\nA;Uzès\n'));
		expect(listing.issues).toEqual([]);
		expect(listing.records[0]!.raw).toEqual({ nom: 'A', commune: 'Uzès' });
	});
});
