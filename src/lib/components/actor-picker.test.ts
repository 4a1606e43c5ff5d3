import { describe, expect, it } from 'vitest';
import { choose, freshHits, moveActive, searchHref, unchoose } from './actor-picker';

const a = { id: 'a', name: 'La Filature' };
const b = { id: 'b', name: 'Foyer rural de Lussan' };

describe('choose / unchoose', () => {
	it('replaces the choice in single mode', () => {
		expect(choose([a], b, false)).toEqual([b]);
		expect(choose([], a, false)).toEqual([a]);
	});
	it('adds once in multiple mode, keeping the order of choice', () => {
		expect(choose([a], b, true)).toEqual([a, b]);
		expect(choose([a, b], a, true)).toEqual([a, b]);
	});
	it('keeps only id and name of a search hit', () => {
		expect(choose([], { ...a, kind: 'cooperative', communeName: 'Uzès' } as never, true)).toEqual([
			a
		]);
	});
	it('removes by id', () => {
		expect(unchoose([a, b], 'a')).toEqual([b]);
		expect(unchoose([a], 'zzz')).toEqual([a]);
	});
	it('does not offer again what is chosen', () => {
		expect(freshHits([a, b], [b])).toEqual([a]);
	});
});

describe('moveActive', () => {
	it('enters the list from either end and wraps', () => {
		expect(moveActive(-1, 3, 1)).toBe(0);
		expect(moveActive(-1, 3, -1)).toBe(2);
		expect(moveActive(2, 3, 1)).toBe(0);
		expect(moveActive(0, 3, -1)).toBe(2);
		expect(moveActive(1, 3, 1)).toBe(2);
	});
	it('has nothing to move to in an empty list', () => {
		expect(moveActive(0, 0, 1)).toBe(-1);
	});
	it('recovers from an index left over from a longer list', () => {
		expect(moveActive(7, 2, 1)).toBe(0);
	});
});

describe('searchHref', () => {
	it('adds q, encoded', () => {
		expect(searchHref('/t/pays-d-uzes/actors/search', 'fêtes & co')).toBe(
			'/t/pays-d-uzes/actors/search?q=f%C3%AAtes+%26+co'
		);
	});
	it('keeps a query string already there and replaces an old q', () => {
		expect(searchHref('/t/x/actors/search?limit=10&q=old', 'new')).toBe(
			'/t/x/actors/search?limit=10&q=new'
		);
	});
});
