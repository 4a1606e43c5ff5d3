import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	chunkRows,
	cleanAddress,
	csvField,
	parseBanResponse,
	qualityOfType,
	sameCommune,
	type BanRequestRow
} from './ban-csv';
import { retryAfterMs } from './ban';

const row = (mid: string, address = 'rue', city = 'Uzès'): BanRequestRow => ({
	mid,
	address,
	postcode: '',
	citycode: '30334',
	city
});

describe('cleanAddress', () => {
	it('drops postal routing words and joins lines', () => {
		expect(cleanAddress('Mairie\nBP 12\r\n1 place de la Mairie')).toBe(
			'Mairie 1 place de la Mairie'
		);
		expect(cleanAddress('CS 30012, 5 rue Jean Jaurès')).toBe('5 rue Jean Jaurès');
		expect(cleanAddress('5 rue Jean Jaurès, B.P. 7 , Cedex 9')).toBe('5 rue Jean Jaurès');
		expect(cleanAddress('TSA 10001 - 2 av. Foch')).toBe('2 av. Foch');
		expect(cleanAddress('  Nîmes   CEDEX ')).toBe('Nîmes');
	});

	it('keeps words that only look like routing words', () => {
		expect(cleanAddress('12 rue des Bps')).toBe('12 rue des Bps');
		expect(cleanAddress('Chemin de Cs')).toBe('Chemin de Cs');
	});

	it('never throws, and cleaning twice changes nothing', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const once = cleanAddress(s);
				expect(cleanAddress(once)).toBe(once);
				expect(once).not.toMatch(/[\r\n]/);
			})
		);
	});
});

describe('CSV file', () => {
	it('quotes only what needs quoting', () => {
		expect(csvField('12 rue X')).toBe('12 rue X');
		expect(csvField('"Le Mas", route')).toBe('"""Le Mas"", route"');
		expect(csvField(' lead')).toBe('" lead"');
		expect(csvField('a\nb')).toBe('"a\nb"');
	});

	it('any values survive the round trip through a CSV reader', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { minLength: 1, maxLength: 8 }),
				(values) => {
					const rows = values.map(([a, p, c], i) => ({
						mid: String(i),
						address: a,
						postcode: p,
						citycode: '',
						city: c
					}));
					const [chunk] = chunkRows(rows, { maxBytes: Infinity, maxRows: Infinity });
					const parsed = Papa.parse<string[]>(chunk!.csv, { newline: '\r\n' }).data;
					const body = parsed.slice(1).filter((r) => r.length > 1);
					expect(body).toEqual(rows.map((r) => [r.mid, r.address, r.postcode, r.citycode, r.city]));
				}
			)
		);
	});

	it('splits by size: every file within the limit, every row once, in order', () => {
		const rows = Array.from({ length: 20 }, (_, i) => row(String(i), `${i} chemin des Aires`));
		const chunks = chunkRows(rows, { maxBytes: 150, maxRows: 1000 });
		expect(chunks.length).toBeGreaterThan(2);
		for (const c of chunks) {
			expect(c.bytes).toBe(Buffer.byteLength(c.csv));
			expect(c.bytes).toBeLessThanOrEqual(150);
			expect(c.csv.startsWith('mid,adresse,code_postal,code_insee,commune\r\n')).toBe(true);
		}
		expect(chunks.flatMap((c) => c.rows.map((r) => r.mid))).toEqual(rows.map((r) => r.mid));
	});

	it('counts bytes, not characters', () => {
		const rows = [row('0', 'é'.repeat(20)), row('1', 'é'.repeat(20))];
		const [whole] = chunkRows(rows, { maxBytes: Infinity, maxRows: 99 });
		expect(whole!.bytes).toBeGreaterThan(whole!.csv.length);
		// Fits in characters, not in bytes.
		expect(chunkRows(rows, { maxBytes: whole!.csv.length, maxRows: 99 })).toHaveLength(2);
	});

	it('splits by row count, and gives an oversized row a file of its own', () => {
		const rows = Array.from({ length: 5 }, (_, i) => row(String(i)));
		expect(chunkRows(rows, { maxBytes: Infinity, maxRows: 2 }).map((c) => c.rows.length)).toEqual([
			2, 2, 1
		]);
		const big = chunkRows([row('0'), row('1', 'x'.repeat(500)), row('2')], {
			maxBytes: 100,
			maxRows: 99
		});
		expect(big.map((c) => c.rows.map((r) => r.mid))).toEqual([['0'], ['1'], ['2']]);
		expect(chunkRows([], { maxBytes: 100, maxRows: 1 })).toEqual([]);
	});
});

describe('parseBanResponse', () => {
	it('reads columns by name, with or without BOM and result_status', () => {
		const text =
			'\uFEFFmid,adresse,latitude,longitude,result_label,result_score,result_type,result_citycode\n' +
			'7,x,44.01,4.41,"Uzès, centre",0.8,street,30334\n' +
			'8,y,,,,,,\n' +
			',orphan,1,1,,,,\n';
		const rows = parseBanResponse(text);
		expect([...rows.keys()]).toEqual(['7', '8']);
		expect(rows.get('7')).toEqual({
			status: 'ok',
			lng: 4.41,
			lat: 44.01,
			score: 0.8,
			type: 'street',
			label: 'Uzès, centre',
			citycode: '30334',
			oldcitycode: ''
		});
		expect(rows.get('8')!.status).toBe('not-found');
	});

	it('keeps the status the service gives, and ignores unreadable numbers', () => {
		const rows = parseBanResponse(
			'mid,latitude,longitude,result_score,result_status\r\n1,abc,4.4,,skipped\r\n'
		);
		expect(rows.get('1')).toMatchObject({ status: 'skipped', lat: null, lng: 4.4, score: null });
	});
});

describe('result mapping', () => {
	it('maps result_type to a quality', () => {
		expect(qualityOfType('housenumber')).toBe('exact');
		expect(qualityOfType('street')).toBe('street');
		expect(qualityOfType('locality')).toBe('street');
		expect(qualityOfType('municipality')).toBe('commune');
		expect(qualityOfType('poi')).toBeNull();
		expect(qualityOfType('')).toBeNull();
	});

	it('compares communes: same code, former commune, arrondissements', () => {
		expect(sameCommune('30334', '30334', '')).toBe(true);
		expect(sameCommune('30334', '30189', '')).toBe(false);
		expect(sameCommune('49999', '49050', '49999')).toBe(true);
		expect(sameCommune('75056', '75111', '')).toBe(true);
		expect(sameCommune('75056', '75121', '')).toBe(false);
		expect(sameCommune('13055', '13216', '')).toBe(true);
		expect(sameCommune('69123', '69389', '')).toBe(true);
		expect(sameCommune('69123', '69380', '')).toBe(false);
		// No commune in the answer: nothing to contradict.
		expect(sameCommune('30334', '', '')).toBe(true);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, caps long waits, ignores garbage', () => {
		expect(retryAfterMs(null)).toBeNull();
		expect(retryAfterMs('0')).toBe(0);
		expect(retryAfterMs(' 5 ')).toBe(5000);
		expect(retryAfterMs('86400')).toBe(120_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
		expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon')).toBeNull();
	});
});
