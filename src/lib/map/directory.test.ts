import { describe, expect, it } from 'vitest';
import { entriesBounds, toDirectoryEntries, type DirectorySourceRow } from './directory';

const names: Record<string, string> = { '30334': 'Uzès', '30006': 'Aigaliers' };
const lookup = (code: string) => names[code];

const row = (over: Partial<DirectorySourceRow>): DirectorySourceRow => ({
	id: 'id',
	name: 'Nom',
	kind: 'association',
	commune_code: '30334',
	lng: 4.42,
	lat: 44.01,
	...over
});

describe('toDirectoryEntries', () => {
	it('sorts names as a French reader expects (accents and case ignored, numbers natural)', () => {
		const entries = toDirectoryEntries(
			[
				row({ id: '1', name: 'Zèbre' }),
				row({ id: '2', name: 'école du Mas' }),
				row({ id: '3', name: 'Atelier 10' }),
				row({ id: '4', name: 'Atelier 9' }),
				row({ id: '5', name: 'Élan' })
			],
			lookup,
			'fr'
		);
		expect(entries.map((e) => e.name)).toEqual([
			'Atelier 9',
			'Atelier 10',
			'école du Mas',
			'Élan',
			'Zèbre'
		]);
	});

	it('names communes, keeps unknown codes, and null when none', () => {
		const entries = toDirectoryEntries(
			[
				row({ id: 'a', name: 'A', commune_code: '30006' }),
				row({ id: 'b', name: 'B', commune_code: '99999' }),
				row({ id: 'c', name: 'C', commune_code: null })
			],
			lookup,
			'fr'
		);
		expect(entries.map((e) => e.commune)).toEqual(['Aigaliers', '99999', null]);
	});

	it('keeps a position only for valid coordinates and normalises kinds', () => {
		const entries = toDirectoryEntries(
			[
				row({ id: 'a', name: 'A', lng: null, lat: null }),
				row({ id: 'b', name: 'B', lng: 200, lat: 44 }),
				row({ id: 'c', name: 'C', lng: 4.5, lat: 44.1, kind: 'unknown' })
			],
			lookup,
			'fr'
		);
		expect(entries.map((e) => e.position)).toEqual([null, null, [4.5, 44.1]]);
		expect(entries[2]?.kind).toBe('other');
	});
});

describe('entriesBounds', () => {
	it('frames the located entries only', () => {
		const entries = toDirectoryEntries(
			[
				row({ id: 'a', name: 'A', lng: 4.3, lat: 44.2 }),
				row({ id: 'b', name: 'B', lng: 4.6, lat: 43.9 }),
				row({ id: 'c', name: 'C', lng: null, lat: null })
			],
			lookup,
			'fr'
		);
		expect(entriesBounds(entries)).toEqual([4.3, 43.9, 4.6, 44.2]);
	});

	it('is null when nothing is located', () => {
		expect(entriesBounds([])).toBeNull();
		const entries = toDirectoryEntries([row({ lng: null, lat: null })], lookup, 'fr');
		expect(entriesBounds(entries)).toBeNull();
	});
});
