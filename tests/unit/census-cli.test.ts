import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { main } from '../../src/cli/maillage';

const fixtures = path.resolve(process.cwd(), 'tests/fixtures/census');

function capture(): {
	io: { log: (s: string) => void; error: (s: string) => void };
	out: string[];
	err: string[];
} {
	const out: string[] = [];
	const err: string[] = [];
	return { io: { log: (s) => out.push(s), error: (s) => err.push(s) }, out, err };
}

describe('maillage dedupe', () => {
	it('writes links, census and review files and prints a summary', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'maillage-'));
		const c = capture();
		const files = [
			'asso-rna.csv',
			'membres-win1252.csv',
			'participants.tsv',
			'lieux.geojson',
			'ragged.csv'
		];
		const code = await main(
			['dedupe', '--out', dir, ...files.map((f) => path.join(fixtures, f))],
			c.io
		);
		expect(c.err).toEqual([]);
		expect(code).toBe(0);
		const links = Papa.parse<{ file: string; row: string; actor: string }>(
			readFileSync(path.join(dir, 'links.csv'), 'utf8'),
			{ header: true, skipEmptyLines: true }
		).data;
		// 5 + 5 + 3 + 3 + 3 kept rows (ragged.csv row 3 is rejected and reported).
		expect(links).toHaveLength(19);
		const actor = (file: string, row: number): string =>
			links.find((l) => l.file === file && l.row === String(row))!.actor;
		expect(actor('asso-rna.csv', 1)).toBe(actor('membres-win1252.csv', 1));
		expect(actor('asso-rna.csv', 1)).toBe(actor('participants.tsv', 3));
		expect(actor('asso-rna.csv', 2)).toBe(actor('participants.tsv', 1));
		expect(actor('asso-rna.csv', 3)).toBe(actor('membres-win1252.csv', 2));
		expect(actor('asso-rna.csv', 1)).not.toBe(actor('asso-rna.csv', 2));
		// Two associations of one tiers-lieu share a phone: not merged.
		expect(actor('membres-win1252.csv', 4)).not.toBe(actor('membres-win1252.csv', 5));
		const census = readFileSync(path.join(dir, 'census.csv'), 'utf8');
		expect(census.split('\n')[0]).toMatch(/^actor,records,sources,commune_insee,id,id_source/);
		expect(readFileSync(path.join(dir, 'review.csv'), 'utf8').split('\n')[0]).toContain('score');
		const text = c.out.join('\n');
		expect(text).toContain('ragged.csv : 3 enregistrements lus, 1 rejetés');
		expect(text).toMatch(/ligne 3/);
		expect(text).toMatch(/Acteurs : \d+ pour 19 enregistrements/);
		expect(text).toMatch(/Temps : lecture \d+ ms/);
	});

	it('accepts a mapping and refuses a bad one with a clear message', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'maillage-'));
		const mapping = path.join(dir, 'roles.json');
		writeFileSync(mapping, JSON.stringify({ 'ragged.csv': { name: 'nom', commune: 'commune' } }));
		const ok = capture();
		expect(
			await main(
				['dedupe', '--mapping', mapping, '--out', dir, path.join(fixtures, 'ragged.csv')],
				ok.io
			)
		).toBe(0);
		writeFileSync(mapping, JSON.stringify({ 'ragged.csv': { name: 'absente' } }));
		const bad = capture();
		expect(
			await main(
				['dedupe', '--mapping', mapping, '--out', dir, path.join(fixtures, 'ragged.csv')],
				bad.io
			)
		).toBe(1);
		expect(bad.err.join('\n')).toContain('Colonne absente du fichier : absente');
		const missing = capture();
		expect(await main(['dedupe', path.join(dir, 'nope.csv')], missing.io)).toBe(1);
		expect(missing.err.join('\n')).toContain('ENOENT');
		expect(await main(['frobnicate'], capture().io)).toBe(1);
	});
});
