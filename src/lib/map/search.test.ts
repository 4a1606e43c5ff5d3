import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesQuery, normaliseForSearch, queryWords, searchHaystack } from './search';

function finds(name: string, q: string): boolean {
	return matchesQuery(normaliseForSearch(name), queryWords(q));
}

describe('normaliseForSearch', () => {
	it('folds case, accents, ligatures and punctuation', () => {
		expect(normaliseForSearch('Uzès')).toBe('uzes');
		expect(normaliseForSearch('  Saint-Ambroix  ')).toBe('saint ambroix');
		expect(normaliseForSearch('Œuvre d’Art')).toBe('oeuvre d art');
		expect(normaliseForSearch("L'ÉTÉ À ÇA")).toBe('l ete a ca');
		expect(normaliseForSearch('Cæcilia Straße')).toBe('caecilia strasse');
		expect(normaliseForSearch('Ⅻ ﬁn, 2ᵉ « étage » !!')).toBe('xii fin 2e etage');
		expect(normaliseForSearch('a\tb\nc—d_e')).toBe('a b c d e');
		expect(normaliseForSearch('ΟΔΟΣ')).toBe('οδοσ');
		expect(normaliseForSearch('')).toBe('');
		expect(normaliseForSearch(' - ’ ')).toBe('');
	});

	it('folds fields separately but as one text, whichever path each takes', () => {
		// Greek and the emoji take the Unicode path; the others the tables.
		expect(searchHaystack(['Uzès', 'ΕΛΛΆΔΑ', ['a😀b', null, 'Œ'], undefined, ' -- ', 'x'])).toBe(
			'uzes ελλαδα a b oe x'
		);
		expect(searchHaystack([[], null, ' ', ['', '’']])).toBe('');
		// A long field grows the buffer without losing what was folded before it.
		const long = 'é'.repeat(5000);
		expect(searchHaystack(['Ça', long, 'ﬁn'])).toBe(`ca ${'e'.repeat(5000)} fin`);
	});

	it('folds French text through its tables as Unicode normalisation would (property)', () => {
		// Characters of the tables (Latin, Latin-1, Latin Extended, General Punctuation) with
		// some outside them; an emoji at the end forces the full Unicode path, and folds to nothing.
		const tabled = fc.oneof(
			fc.integer({ min: 0, max: 0x24f }),
			fc.integer({ min: 0x2000, max: 0x206f }),
			fc.constantFrom(0x301, 0x3a3, 0x130, 0xfb01)
		);
		fc.assert(
			fc.property(fc.array(tabled, { maxLength: 30 }), (codes) => {
				const s = String.fromCharCode(...codes);
				expect(normaliseForSearch(s)).toBe(normaliseForSearch(`${s}😀`));
			}),
			{ numRuns: 3000 }
		);
		expect(normaliseForSearch('½ œuvre — l’été ŉ')).toBe(normaliseForSearch('½ œuvre — l’été ŉ😀'));
	});

	it('is idempotent and never throws (property)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
				const once = normaliseForSearch(s);
				expect(normaliseForSearch(once)).toBe(once);
				expect(once).not.toMatch(/^ | $| {2}/);
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('queryWords and matchesQuery', () => {
	it('finds names whatever the accents, case and punctuation', () => {
		expect(finds('Uzès', 'uzes')).toBe(true);
		expect(finds('Saint-Ambroix', 'saint ambroix')).toBe(true);
		expect(finds('Saint-Ambroix', 'ambroix saint')).toBe(true);
		expect(finds('Œuvre collective', 'oeuvre')).toBe(true);
		expect(finds('Les Amis de l’Œuvre', 'OEUVRE amis')).toBe(true);
		expect(finds('Café des Sports', 'cafe spo')).toBe(true); // a word being typed
		expect(finds('Uzès', 'uzès nîmes')).toBe(false); // every word must appear
		expect(finds('Saint-Ambroix', 'saintambroix')).toBe(false);
	});

	it('an empty query matches everything', () => {
		expect(queryWords('  -- ')).toEqual([]);
		expect(finds('anything', '')).toBe(true);
		expect(matchesQuery('', [])).toBe(true);
		expect(matchesQuery('', ['a'])).toBe(false);
	});

	it('splits the query into normalised words', () => {
		expect(queryWords("L'Atelier  du Vieux-Moulin")).toEqual([
			'l',
			'atelier',
			'du',
			'vieux',
			'moulin'
		]);
	});

	it('a name always matches a query made of any of its own words (property)', () => {
		const word = fc.oneof(
			fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
			fc.constantFrom(
				'Uzès',
				'Œuvre',
				'l’Été',
				'Saint-Quentin-la-Poterie',
				'STRASSE',
				'ΟΔΟΣ',
				'İzmir'
			)
		);
		fc.assert(
			fc.property(
				fc.array(word, { minLength: 1, maxLength: 6 }),
				fc.array(fc.nat(), { maxLength: 4 }),
				(parts, picks) => {
					const name = parts.join(' ');
					const q = picks.map((p) => parts[p % parts.length]).join(' ');
					expect(finds(name, q)).toBe(true);
					// And a query made of the name's words in a haystack of several fields.
					expect(matchesQuery(searchHaystack(['x', name, null, 'y']), queryWords(q))).toBe(true);
				}
			),
			{ numRuns: 1000 }
		);
	});
});

describe('searchHaystack', () => {
	it('joins the non-empty normalised fields with single spaces', () => {
		expect(searchHaystack(['Théâtre du Rond-Point', null, '', ' ; ', 'Uzès'])).toBe(
			'theatre du rond point uzes'
		);
		expect(searchHaystack([])).toBe('');
	});
});
