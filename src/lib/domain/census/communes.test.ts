import { beforeAll, describe, expect, it } from 'vitest';
import { CommuneIndex, communeKey, normalizeInseeCode } from './communes';
import { loadFrenchCommunes } from './communes-fr';

let index: CommuneIndex;
beforeAll(async () => {
	index = await loadFrenchCommunes();
});

describe('communes', () => {
	it('folds the ways a commune is written', () => {
		expect(communeKey('ST-JEAN-DU-GARD')).toBe('saint jean du gard');
		expect(communeKey('Sommières BP 81005')).toBe('sommieres');
		expect(communeKey('Nîmes Cedex 9')).toBe('nimes');
	});
	it('resolves names with or without hyphens, St, upper case', () => {
		for (const name of [
			'Saint-Jean-du-Gard',
			'ST JEAN DU GARD',
			'St Jean du Gard',
			'saint jean du gard'
		]) {
			expect(index.resolve({ name })?.code).toBe('30269');
		}
		expect(index.resolve({ name: "LAUDUN L'ARDOISE" })?.code).toBe('30141');
		expect(index.resolve({ name: 'Villeneuve-lès-Avignon' })?.code).toBe('30351');
	});
	it('uses the postcode to choose among namesakes', () => {
		// Rousson exists in the Gard (30) and in the Yonne (89).
		expect(index.resolve({ name: 'Rousson' })).toBeNull();
		expect(index.resolve({ name: 'Rousson', postcode: '30340' })?.code).toBe('30223');
		expect(index.resolve({ name: 'Rousson', departments: ['30'] })?.code).toBe('30223');
	});
	it('refuses a postcode from another department, reads a typo with the postcode', () => {
		expect(index.resolve({ name: 'Uzès', postcode: '75011' })).toBeNull();
		expect(index.resolve({ name: 'Uzèss', postcode: '30700' })?.code).toBe('30334');
		expect(index.resolve({ postcode: '30700' })).toBeNull();
		expect(index.resolve({ postcode: '30126' })).toBeNull();
	});
	it('takes a given INSEE code first, and current communes for arrondissements', () => {
		expect(index.resolve({ code: '30189', name: 'nimporte' })?.code).toBe('30189');
		expect(index.resolve({ code: '13211' })?.code).toBe('13055');
		expect(normalizeInseeCode('1033')).toBe('01033');
		expect(normalizeInseeCode('2A004')).toBe('2A004');
	});
	it('works on a small hand-made list', () => {
		const small = new CommuneIndex([
			{ code: '99001', nom: 'Le Bourg', codesPostaux: ['99100'] },
			{ code: '99002', nom: 'Le Bourg', codesPostaux: ['99200'] }
		]);
		expect(small.resolve({ name: 'Bourg', postcode: '99200' })?.code).toBe('99002');
	});
});
