/**
 * The hostile-strings corpus (tests/fixtures/hostile/corpus.ts) through the real import and the
 * census export on the real schema: the import succeeds (a NUL no longer fails it), every string
 * is stored as typed (SQL metacharacters, 10k and 100k characters, controls, direction marks),
 * and no export cell starts a formula. The browser side is tests/e2e/hostile.spec.ts.
 */
import { inflateRawSync } from 'node:zlib';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, toGeoJson } from '../../src/lib/domain/export';
import { commitImport, type ImportSummary } from '../../src/lib/server/census/import';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { listExportRows } from '../../src/lib/server/export/query';
import { toXlsx } from '../../src/lib/server/export/xlsx';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import {
	HOSTILE,
	HUNDRED_K,
	HUNDRED_K_NAME,
	hostileByValue,
	hostileCsvBytes,
	liveFormulaCells,
	parseCsv
} from '../fixtures/hostile/corpus';
import { createTerritory, createUser, freshDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let claims: Claims;
let territoryId: string;
let summary: ImportSummary;

const meta = {
	territoryName: 'Hostile',
	licence: 'CC-BY-SA-4.0',
	exportedAt: new Date('2026-11-27T10:00:00Z'),
	sources: []
};

beforeAll(async () => {
	db = await freshDatabase();
	claims = userClaims(await createUser(db, 'editor@example.org'));
	territoryId = await createTerritory(db, claims, 'hostile', 'Hostile');
	summary = await commitImport(
		db,
		claims,
		territoryId,
		[{ name: 'hostile.csv', bytes: hostileCsvBytes() }],
		{ geocoder: new CommuneCentreGeocoder() }
	);
}, 120_000);

afterAll(async () => {
	await db?.close();
});

async function rawRows(): Promise<Record<string, string>[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ raw: Record<string, string> }>(
			'select raw from public.source_record where territory_id = $1 order by row_number',
			[territoryId]
		)
	);
	return rows.map((r) => r.raw);
}

describe('the hostile listing in the database', () => {
	it('imports every row; the NUL row is kept without its NUL and reported', async () => {
		expect(summary.noop).toBe(false);
		expect(summary.files[0]!.rowCount).toBe(HOSTILE.length + 1);
		const nul = HOSTILE.find((s) => s.value.includes('\u0000'))!;
		const row = HOSTILE.indexOf(nul) + 1;
		const warning = summary.files[0]!.issues.find(
			(i) => i.code === 'nul_character' && i.row === row
		);
		expect(warning?.severity).toBe('warning');
		const raws = await rawRows();
		expect(raws).toHaveLength(HOSTILE.length + 1);
		expect(raws[row - 1]!.nom).toBe(nul.value.replace('\u0000', ''));
	});

	it('keeps every other string exactly as typed, in the raw rows and the actor names', async () => {
		const raws = await rawRows();
		for (const [i, s] of HOSTILE.entries()) {
			if (s.value.includes('\u0000')) continue;
			expect(raws[i]!.nom, s.note).toBe(s.value);
			expect(raws[i]!.description, s.note).toBe(s.value);
		}
		expect(raws.at(-1)!.description).toBe(HUNDRED_K);
		const names = new Set(
			(
				await db.asUser(claims, (tx) =>
					tx.query<{ name: string }>('select name from public.actor where territory_id = $1', [
						territoryId
					])
				)
			).map((r) => r.name)
		);
		// SQL metacharacters, markup and long texts each made their own actor, name untouched
		// (`<script>…` and `</script><script>…` fold to the same words: one actor, named by the
		// second).
		for (const value of [
			"'; drop table actor; --",
			'%_\\',
			'</script><script>window.__pwned=1</script>',
			'"><svg onload="window.__pwned=1">',
			// Census fields keep their first 2,000 characters (census/text.ts MAX_FIELD_CHARS); the
			// raw row keeps all of them (above).
			hostileByValue('Ä'.repeat(12_000)).value.slice(0, 2000),
			HUNDRED_K_NAME
		]) {
			expect(names.has(value), value.slice(0, 30)).toBe(true);
		}
		// The tables are still there.
		const [count] = await db.asUser(claims, (tx) =>
			tx.query<{ n: number }>('select count(*)::int as n from public.actor', [])
		);
		expect(count!.n).toBeGreaterThan(30);
	});
});

/** The files inside a ZIP archive (an .xlsx), from its central directory. */
function unzip(buffer: Buffer): Map<string, string> {
	const files = new Map<string, string>();
	const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const count = buffer.readUInt16LE(eocd + 10);
	let at = buffer.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		const method = buffer.readUInt16LE(at + 10);
		const compressed = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(start, start + compressed);
		files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

/** Characters XML 1.0 does not allow (§2.2): a file holding one is refused by Excel. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

describe('the census export of the hostile listing', () => {
	it('CSV (both dialects): no cell starts a formula, the texts are still there', async () => {
		const rows = await db.asUser(claims, (tx) => listExportRows(tx, territoryId));
		for (const excelFrance of [false, true]) {
			const table = parseCsv(toCsv(rows, meta, { excelFrance }), excelFrance ? ';' : ',');
			expect(liveFormulaCells(table)).toEqual([]);
			const names = table.map((r) => r[1]);
			expect(names).toContain('</script><script>window.__pwned=1</script>');
			expect(names).toContain('\'=HYPERLINK("http://x","y")');
			// A quote does not start a formula: left as it is.
			expect(names).toContain("'; drop table actor; --");
			// Every row has the header's number of columns: no quote or new line broke the file.
			for (const r of table) expect(r.length).toBe(table[0]!.length);
		}
	});

	it('XLSX: no formula, no character XML forbids, and the texts read back', async () => {
		const rows = await db.asUser(claims, (tx) => listExportRows(tx, territoryId));
		const buffer = await toXlsx(rows, meta);
		const files = unzip(buffer);
		for (const [name, xml] of files) {
			expect(xml, name).not.toMatch(/<f[\s>/]/);
			expect(XML_INVALID.test(xml), `${name} holds a character XML 1.0 forbids`).toBe(false);
		}
		const [census] = await readXlsxFile(buffer);
		expect(liveFormulaCells(census!.data as (string | number | null)[][])).toEqual([]);
		const names = census!.data.map((r) => r[1]);
		expect(names).toContain('</script><script>window.__pwned=1</script>');
		expect(names).toContain("'@SUM(A1)");
	});

	it('GeoJSON keeps the strings as JSON text', async () => {
		const rows = await db.asUser(claims, (tx) => listExportRows(tx, territoryId));
		const text = JSON.stringify(toGeoJson(rows, meta));
		const parsed = JSON.parse(text) as { features: { properties: { name: string } }[] };
		const names = parsed.features.map((f) => f.properties.name);
		expect(names).toContain('</script><script>window.__pwned=1</script>');
		expect(names).toContain(HUNDRED_K_NAME);
	});
});
