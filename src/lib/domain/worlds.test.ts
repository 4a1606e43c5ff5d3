import { describe, expect, it } from 'vitest';
import { WORLD_ORDER } from './network';
import {
	WORLD_PAIRS,
	WORLDS,
	applyWorldChoices,
	groupWorlds,
	isWorld,
	pairOfWorld,
	parseWorldChoices,
	sameWorlds,
	worldsConsistent
} from './worlds';

const form = (fields: Record<string, string | string[]>): [string, string][] =>
	Object.entries(fields).flatMap(([k, v]) =>
		(Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x])
	);

describe('the six pairs of worlds', () => {
	it('keeps the existing keys and adds institution / citizen, each world in one pair', () => {
		expect(WORLD_PAIRS).toHaveLength(6);
		expect(WORLDS).toEqual([
			'professionnel',
			'amateur',
			'urbain',
			'rural',
			'federation',
			'petite-association',
			'lucratif',
			'non-lucratif',
			'institution',
			'citoyen',
			'elu',
			'associatif'
		]);
		expect(new Set(WORLDS).size).toBe(12);
		// The matrices order worlds by the same list.
		expect(WORLD_ORDER).toEqual(WORLDS);
		expect(pairOfWorld('citoyen')).toEqual(['institution', 'citoyen']);
		expect(pairOfWorld('culture')).toBeUndefined();
		expect(isWorld('rural')).toBe(true);
		expect(isWorld('Rural')).toBe(false);
	});

	it('groups an actor’s worlds by pair and keeps worlds outside the pairs aside', () => {
		const g = groupWorlds(['associatif', 'rural', 'culture', 'amateur', 'culture']);
		expect(g.pairs.map((p) => [p.id, p.carried])).toEqual([
			['professionnel-amateur', ['amateur']],
			['urbain-rural', ['rural']],
			['federation-petite-association', []],
			['lucratif-non-lucratif', []],
			['institution-citoyen', []],
			['elu-associatif', ['associatif']]
		]);
		expect(g.others).toEqual(['culture']);
	});
});

describe('parseWorldChoices (the actor page form)', () => {
	it('reads one end or « non renseigné » per pair and ignores other fields', () => {
		const r = parseWorldChoices(
			form({
				'worlds.urbain-rural': 'rural',
				'worlds.professionnel-amateur': '',
				'worlds.elu-associatif': ' associatif ',
				field: 'name'
			})
		);
		expect(r).toEqual({
			ok: true,
			choices: new Map([
				['urbain-rural', 'rural'],
				['professionnel-amateur', null],
				['elu-associatif', 'associatif']
			])
		});
	});

	it('refuses a world that is not one of the pair’s ends', () => {
		expect(parseWorldChoices(form({ 'worlds.urbain-rural': 'montagnard' }))).toEqual({
			ok: false,
			error: { code: 'unknown_world', value: 'montagnard', pair: 'urbain-rural' }
		});
		// A real world, but of another pair.
		expect(parseWorldChoices(form({ 'worlds.urbain-rural': 'amateur' }))).toMatchObject({
			ok: false,
			error: { code: 'unknown_world', value: 'amateur' }
		});
		// A field naming no pair.
		expect(parseWorldChoices(form({ 'worlds.jeunes-vieux': 'jeunes' }))).toEqual({
			ok: false,
			error: { code: 'unknown_world', value: 'jeunes-vieux', pair: null }
		});
	});

	it('refuses both ends of a pair at once (the ends exclude each other)', () => {
		expect(parseWorldChoices(form({ 'worlds.urbain-rural': ['urbain', 'rural'] }))).toEqual({
			ok: false,
			error: { code: 'both_ends', pair: 'urbain-rural' }
		});
		// The same answer twice is still one answer.
		expect(parseWorldChoices(form({ 'worlds.urbain-rural': ['rural', 'rural'] })).ok).toBe(true);
	});

	it('refuses a file where a text was expected', () => {
		expect(parseWorldChoices([['worlds.urbain-rural', new Blob(['rural'])]]).ok).toBe(false);
	});
});

describe('applyWorldChoices', () => {
	const current = ['culture', 'urbain', 'professionnel', 'non-lucratif'];

	it('replaces the answered pairs, keeps the others, and worlds outside the pairs last', () => {
		const r = parseWorldChoices(
			form({ 'worlds.urbain-rural': 'rural', 'worlds.professionnel-amateur': '' })
		);
		if (!r.ok) throw new Error('parse');
		expect(applyWorldChoices(current, r.choices)).toEqual(['rural', 'non-lucratif', 'culture']);
	});

	it('never yields both ends of a pair from a parsed form, whatever the actor carried', () => {
		const inconsistent = ['urbain', 'rural', 'elu'];
		expect(worldsConsistent(inconsistent)).toBe(false);
		const r = parseWorldChoices(form({ 'worlds.urbain-rural': 'urbain' }));
		if (!r.ok) throw new Error('parse');
		const out = applyWorldChoices(inconsistent, r.choices);
		expect(out).toEqual(['urbain', 'elu']);
		expect(worldsConsistent(out)).toBe(true);
		// Unanswered, the pair stays as it was: the page does not drop data it did not ask about.
		expect(applyWorldChoices(inconsistent, new Map())).toEqual(['urbain', 'rural', 'elu']);
	});

	it('compares lists as sets', () => {
		expect(sameWorlds(['rural', 'elu'], ['elu', 'rural'])).toBe(true);
		expect(sameWorlds(['rural'], ['rural', 'elu'])).toBe(false);
		expect(worldsConsistent(['rural', 'rural'])).toBe(false);
		expect(worldsConsistent(['rural', 'culture'])).toBe(true);
	});
});
