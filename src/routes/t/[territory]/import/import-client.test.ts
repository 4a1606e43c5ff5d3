import { describe, expect, it } from 'vitest';
import { importForm, issuesCsv, readJsonLines } from './import-client';

describe('readJsonLines', () => {
	it('reads lines split across chunks', async () => {
		const chunks = ['{"a":1}\n{"b"', ':2}\n', '{"c":3}'];
		const body = new ReadableStream<Uint8Array>({
			start(c) {
				for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
				c.close();
			}
		});
		const seen: unknown[] = [];
		await readJsonLines(body, (m) => seen.push(m));
		expect(seen).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
	});
});

describe('issuesCsv', () => {
	it('writes one row per issue for Excel, formulas neutralised', () => {
		const csv = issuesCsv([
			{
				file: 'membres.csv',
				row: 12,
				column: 'Téléphone',
				code: 'too_many_fields',
				severity: 'rejected',
				message: 'Ligne 12 : 9 champs; 7 attendus',
				messageEn: 'Row 12: 9 fields, 7 expected'
			},
			{
				file: '=cmd.csv',
				row: null,
				column: null,
				code: 'empty_file',
				severity: 'fatal',
				message: 'Le fichier est vide.',
				messageEn: 'The file is empty.'
			}
		]);
		expect(csv.startsWith('\uFEFFfichier;ligne;colonne;gravité;raison\r\n')).toBe(true);
		expect(csv).toContain('membres.csv;12;Téléphone;rejetée;"Ligne 12 : 9 champs; 7 attendus"');
		expect(csv).toContain("'=cmd.csv;;;fichier illisible;Le fichier est vide.");
	});
});

describe('importForm', () => {
	const file = new File(['nom\nA\n'], 'inscrits.csv');
	it('carries the event of a participants sheet, and none otherwise', () => {
		const withEvent = importForm([{ file, target: 'new' }], 'e1');
		expect(withEvent.get('event')).toBe('e1');
		expect(withEvent.getAll('file')).toHaveLength(1);
		expect(importForm([{ file, target: 'new' }]).has('event')).toBe(false);
	});
});
