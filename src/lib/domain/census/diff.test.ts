import { describe, expect, it } from 'vitest';
import { canonicalRow, diffListing, isNoop, rowKeys } from './diff';

describe('rowKeys', () => {
	it('uses the identifier, SIRET or RNA before the name, and numbers homonyms', () => {
		const records: { file: string; row: number; raw: Record<string, string> }[] = [
			{ file: 'f', row: 1, raw: { id: 'X1', nom: 'A' } },
			{ file: 'f', row: 2, raw: { id: '', nom: 'Club de judo', ville: 'Uzès', rna: 'W302000001' } },
			{ file: 'f', row: 3, raw: { id: '', nom: 'Café', ville: 'Uzès' } },
			{ file: 'f', row: 4, raw: { id: '', nom: 'CAFE', ville: 'uzes' } }
		];
		const keys = rowKeys(records, { id: ['id'], name: ['nom'], commune: ['ville'], rna: ['rna'] });
		expect(keys).toEqual(['id:X1', 'rna:W302000001', 'name:cafe|uzes', 'name:cafe|uzes#2']);
	});
});

describe('canonicalRow', () => {
	it('does not depend on column order', () => {
		expect(canonicalRow({ a: '1', b: '2' })).toBe(canonicalRow({ b: '2', a: '1' }));
		expect(canonicalRow({ a: '1', b: '2' })).not.toBe(canonicalRow({ a: '2', b: '1' }));
	});
});

describe('diffListing', () => {
	const known = [
		{ id: 'k1', key: 'id:1', hash: 'h1', gone: false },
		{ id: 'k2', key: 'id:2', hash: 'h2', gone: false },
		{ id: 'k3', key: 'id:3', hash: 'h3', gone: false },
		{ id: 'k4', key: 'id:4', hash: 'h4', gone: true }
	];

	it('tells unchanged (by hash), changed (by key), added and gone apart', () => {
		const d = diffListing(known, [
			{ key: 'id:1', hash: 'h1' },
			{ key: 'id:2', hash: 'h2-edited' },
			{ key: 'id:9', hash: 'h9' }
		]);
		expect(d.unchanged).toEqual([{ index: 0, id: 'k1' }]);
		expect(d.changed).toEqual([{ index: 1, id: 'k2' }]);
		expect(d.added).toEqual([2]);
		// k4 was already gone: not counted twice.
		expect(d.gone).toEqual(['k3']);
		expect(isNoop(d)).toBe(false);
	});

	it('is a no-op for the same rows in another order', () => {
		const d = diffListing(known.slice(0, 3), [
			{ key: 'id:3', hash: 'h3' },
			{ key: 'id:1', hash: 'h1' },
			{ key: 'id:2', hash: 'h2' }
		]);
		expect(isNoop(d)).toBe(true);
		expect(d.unchanged).toHaveLength(3);
	});

	it('brings back a row that had gone', () => {
		const d = diffListing(known, [
			{ key: 'id:1', hash: 'h1' },
			{ key: 'id:2', hash: 'h2' },
			{ key: 'id:3', hash: 'h3' },
			{ key: 'id:4', hash: 'h4' }
		]);
		expect(d.returned).toEqual(['k4']);
		expect(isNoop(d)).toBe(false);
	});
});
