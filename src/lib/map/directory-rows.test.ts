import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	nextSort,
	rowKey,
	sortRows,
	type DirectoryRow,
	type DirectorySort
} from './directory-rows';

const row = (over: Partial<DirectoryRow> & { id: string }): DirectoryRow => ({
	type: 'actor',
	name: 'Nom',
	category: 'Association',
	colour: '#0072B2',
	commune: 'Uzès',
	located: true,
	...over
});

const names = (rows: DirectoryRow[]) => rows.map((r) => r.name);
const ids = (rows: DirectoryRow[]) => rows.map((r) => r.id);

/** The specification, written the slow obvious way. */
function naiveSort(rows: DirectoryRow[], sort: DirectorySort, locale: string): DirectoryRow[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const value = (r: DirectoryRow) =>
		sort.key === 'name'
			? r.name
			: sort.key === 'category'
				? r.category
				: r.commune !== null && r.commune.trim() !== ''
					? r.commune
					: null;
	const sign = sort.dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const va = value(a);
		const vb = value(b);
		if (va === null || vb === null) {
			if (va !== vb) return va === null ? 1 : -1;
		} else {
			const primary = collator.compare(va, vb);
			if (primary !== 0) return primary * sign;
		}
		return (
			collator.compare(a.name, b.name) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
			(a.type < b.type ? -1 : a.type > b.type ? 1 : 0)
		);
	});
}

/** A deterministic shuffle (xorshift), so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let s = seed || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		const j = Math.abs(s) % (i + 1);
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

describe('sortRows', () => {
	it('sorts names as a French reader expects: accents and case ignored, numbers natural', () => {
		const rows = [
			row({ id: '1', name: 'Zèbre' }),
			row({ id: '2', name: 'école du Mas' }),
			row({ id: '3', name: 'Atelier 10' }),
			row({ id: '4', name: 'Atelier 9' }),
			row({ id: '5', name: 'Élan' }),
			row({ id: '6', name: 'Œuvre commune' }),
			row({ id: '7', name: 'Oasis' })
		];
		expect(names(sortRows(rows, { key: 'name', dir: 'asc' }, 'fr'))).toEqual([
			'Atelier 9',
			'Atelier 10',
			'école du Mas',
			'Élan',
			'Oasis',
			'Œuvre commune',
			'Zèbre'
		]);
	});

	it('breaks ties by name then id, whatever the input order', () => {
		const rows = [
			row({ id: 'b', name: 'Mas', category: 'Lieu commun' }),
			row({ id: 'a', name: 'mas', category: 'Lieu commun' }),
			row({ id: 'c', name: 'Amis', category: 'lieu commun' }),
			row({ id: 'd', name: 'Zèbre', category: 'Association' })
		];
		const sort: DirectorySort = { key: 'category', dir: 'asc' };
		const expected = ['d', 'c', 'a', 'b'];
		for (let seed = 1; seed < 8; seed++) {
			expect(ids(sortRows(shuffled(rows, seed), sort, 'fr'))).toEqual(expected);
		}
	});

	it('reverses the sort column only: ties still read A to Z', () => {
		const rows = [
			row({ id: '1', name: 'Bruyère', commune: 'Uzès' }),
			row({ id: '2', name: 'Acacia', commune: 'Uzès' }),
			row({ id: '3', name: 'Chêne', commune: 'Aigaliers' })
		];
		expect(names(sortRows(rows, { key: 'commune', dir: 'desc' }, 'fr'))).toEqual([
			'Acacia',
			'Bruyère',
			'Chêne'
		]);
		expect(names(sortRows(rows, { key: 'commune', dir: 'asc' }, 'fr'))).toEqual([
			'Chêne',
			'Acacia',
			'Bruyère'
		]);
	});

	it('puts rows without a commune last in both directions (blank counts as none)', () => {
		const rows = [
			row({ id: '1', name: 'Sans', commune: null }),
			row({ id: '2', name: 'Vide', commune: '  ' }),
			row({ id: '3', name: 'Un', commune: 'Aigaliers' }),
			row({ id: '4', name: 'Deux', commune: 'Vallabrix' })
		];
		expect(names(sortRows(rows, { key: 'commune', dir: 'asc' }, 'fr'))).toEqual([
			'Un',
			'Deux',
			'Sans',
			'Vide'
		]);
		expect(names(sortRows(rows, { key: 'commune', dir: 'desc' }, 'fr'))).toEqual([
			'Deux',
			'Un',
			'Sans',
			'Vide'
		]);
	});

	it('returns a new array and leaves its input alone', () => {
		const rows = [row({ id: '2', name: 'B' }), row({ id: '1', name: 'A' })];
		const copy = [...rows];
		const sorted = sortRows(rows, { key: 'name', dir: 'asc' }, 'fr');
		expect(sorted).not.toBe(rows);
		expect(rows).toEqual(copy);
		expect(sorted[0]).toBe(rows[1]);
	});

	it('keeps rows of different types that share an id apart, in a fixed order', () => {
		const rows = [
			row({ id: 'x', type: 'place', name: 'Halle' }),
			row({ id: 'x', type: 'actor', name: 'Halle' })
		];
		expect(sortRows(rows, { key: 'name', dir: 'asc' }, 'fr').map(rowKey)).toEqual([
			'actor:x',
			'place:x'
		]);
	});

	it('matches the plain collator sort on thousands of awkward names (keyed and collator-placed)', () => {
		// Punctuation, typographic signs, ligatures, leading zeros: sorted by their keys; very long
		// numbers and characters the keys do not model (ı, emoji): placed by the collator.
		const parts = [
			'Association',
			'association',
			'Asso',
			'« Le Lieu »',
			'L’Atelier',
			"l'Outil",
			'Œuvre',
			'oeuvre',
			'Ça',
			'ça va',
			'École',
			'Ecole',
			'-Tiret',
			'_souligné',
			'Mas 2',
			'Mas 10',
			'Mas 010',
			'SIRET 12345678901234',
			'SIRET 9876543210987',
			'ß',
			'Ærø',
			'Łódź',
			'Kırmızı',
			'Café 🙂',
			'a-b',
			'a b',
			'a\u00a0b',
			'a’b',
			"a'b",
			'a—b',
			'zèbre',
			'Zebre',
			'42',
			''
		];
		const communes = ['Uzès', 'uzes', 'Aigaliers', 'Saint-Quentin-la-Poterie', null, ''];
		const categories = [
			'Association',
			'Lieu commun',
			'Événement · 12 mars 2026',
			'Événement · 3 avril 2026'
		];
		const rows: DirectoryRow[] = [];
		for (let i = 0; i < 3000; i++) {
			rows.push(
				row({
					id: `id-${(i * 7919) % 3001}`,
					type: (['actor', 'place', 'event'] as const)[i % 3],
					name: `${parts[i % parts.length]} ${parts[Math.floor(i / parts.length) % parts.length]}`.trim(),
					commune: communes[(i * 5) % communes.length] ?? null,
					category: categories[(i * 3) % categories.length] as string
				})
			);
		}
		for (const key of ['name', 'category', 'commune'] as const) {
			for (const dir of ['asc', 'desc'] as const) {
				const sort = { key, dir };
				expect(sortRows(rows, sort, 'fr'), `${key} ${dir}`).toStrictEqual(
					naiveSort(rows, sort, 'fr')
				);
			}
		}
	});

	it('orders every modelled character as the collator does, alone and inside a word', () => {
		const chars: string[] = [
			...'\u2019\u2018\u00ab\u00bb\u201c\u201d\u2039\u203a\u00a0\u202f\u2013\u2014'
		];
		for (let code = 0x20; code < 0x7f; code++) chars.push(String.fromCharCode(code));
		for (let code = 0xa0; code < 0x180; code++) chars.push(String.fromCharCode(code));
		const rows = chars.flatMap((c, i) => [
			row({ id: `solo-${i}`, name: c }),
			row({ id: `word-${i}`, name: `a${c}b` }),
			row({ id: `num-${i}`, name: `${c}7` })
		]);
		const positions = (list: DirectoryRow[]) => list.map((r) => r.id);
		expect(positions(sortRows(rows, { key: 'name', dir: 'asc' }, 'fr'))).toEqual(
			positions(naiveSort(rows, { key: 'name', dir: 'asc' }, 'fr'))
		);
		expect(positions(sortRows(rows, { key: 'name', dir: 'asc' }, 'en'))).toEqual(
			positions(naiveSort(rows, { key: 'name', dir: 'asc' }, 'en'))
		);
	});

	it('agrees with the plain collator sort on any strings (property)', () => {
		const text = fc.string({
			unit: fc.constantFrom(..."aAbBeéÉèoOœŒ 0123456789-’'«»_.zZ".split('')),
			maxLength: 8
		});
		const arbitraryRow = fc.record({
			type: fc.constantFrom('actor' as const, 'place' as const, 'event' as const),
			id: fc.string({ maxLength: 3 }),
			name: text,
			category: text,
			colour: fc.constant<string>('#000000'),
			commune: fc.option(text),
			located: fc.boolean()
		});
		fc.assert(
			fc.property(
				fc.array(arbitraryRow, { minLength: 0, maxLength: 200 }),
				fc.constantFrom('name' as const, 'category' as const, 'commune' as const),
				fc.constantFrom('asc' as const, 'desc' as const),
				(rows, key, dir) => {
					const positions = (list: DirectoryRow[]) => list.map((r) => rows.indexOf(r));
					// Both sorts are stable, so even rows equal in every key come in the same order.
					expect(positions(sortRows(rows, { key, dir }, 'fr'))).toEqual(
						positions(naiveSort(rows, { key, dir }, 'fr'))
					);
				}
			),
			{ numRuns: 150 }
		);
	});
});

describe('nextSort', () => {
	it('flips the direction of the current column', () => {
		expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
		expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
	});

	it('starts another column ascending', () => {
		expect(nextSort({ key: 'name', dir: 'desc' }, 'commune')).toEqual({
			key: 'commune',
			dir: 'asc'
		});
	});
});
