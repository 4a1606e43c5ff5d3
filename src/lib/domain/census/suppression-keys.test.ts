import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeListings } from './engine';
import { CommuneIndex } from './communes';
import { matchKeys, suppressionKeys } from './suppression-keys';
import type { RoleMapping } from './types';

const communes = new CommuneIndex([
	{ code: '30334', nom: 'Uzès', codesPostaux: ['30700'] },
	{ code: '30189', nom: 'Nîmes', codesPostaux: ['30000', '30900'] }
]);

const roles: RoleMapping = {
	name: ['nom'],
	commune: ['commune'],
	postcode: ['cp'],
	email: ['courriel'],
	phone: ['tel'],
	siret: ['siret'],
	rna: ['rna']
};

function keysOf(raw: Record<string, string>, withRow = true): string[] {
	const [n] = normalizeListings(
		[{ file: 'f', roles, records: [{ file: 'f', row: 1, raw }] }],
		communes
	);
	return matchKeys(n!, withRow ? raw : undefined);
}

const row = (over: Partial<Record<string, string>>): Record<string, string> => ({
	nom: '',
	commune: '',
	cp: '',
	courriel: '',
	tel: '',
	siret: '',
	rna: '',
	...over
});

describe('matchKeys', () => {
	it('normalises what the census compares: email case, phone writing, name order and accents', () => {
		const a = keysOf(
			row({
				nom: 'Marie Dupont',
				commune: 'Uzès',
				courriel: 'Marie.Dupont@Example.fr',
				tel: '06 12 34 56 78'
			})
		);
		const b = keysOf(
			row({
				nom: 'DUPONT marie',
				cp: '30700',
				courriel: 'marie.dupont@example.fr',
				tel: '+33 6 12 34 56 78'
			})
		);
		expect(a).toContain('email:marie.dupont@example.fr');
		expect(a).toContain('phone:+33612345678');
		expect(b).toContain('email:marie.dupont@example.fr');
		expect(b).toContain('phone:+33612345678');
		// The commune written by name in one listing and by postcode in the other still meet.
		const names = (ks: string[]) => ks.filter((k) => k.startsWith('name:'));
		expect(names(a).filter((k) => names(b).includes(k))).not.toEqual([]);
	});

	it('keeps register numbers, drops the legal form from the name', () => {
		const k = keysOf(
			row({
				nom: 'Association Les Jardins',
				commune: 'Nîmes',
				siret: '732 829 320 00074',
				rna: 'w301234567'
			})
		);
		expect(k).toContain('siret:73282932000074');
		expect(k).toContain('rna:W301234567');
		expect(k.some((x) => x.startsWith('name:jardins|'))).toBe(true);
	});

	it('a homonym in another commune shares no key', () => {
		const a = keysOf(row({ nom: 'Marie Dupont', commune: 'Uzès' }), false);
		const b = keysOf(row({ nom: 'Marie Dupont', commune: 'Nîmes' }), false);
		expect(a.filter((k) => b.includes(k))).toEqual([]);
	});

	it('a name without a place only meets other rows without a place', () => {
		const bare = keysOf(row({ nom: 'Marie Dupont' }), false);
		const placed = keysOf(row({ nom: 'Marie Dupont', commune: 'Uzès' }), false);
		expect(bare).toEqual(['name:dupont marie|']);
		expect(placed.includes('name:dupont marie|')).toBe(false);
	});

	it('the row key is the row itself, whatever the order of its columns', () => {
		const a = keysOf({ nom: 'X', commune: 'Uzès' });
		const b = keysOf({ commune: 'Uzès', nom: 'X' });
		expect(a.find((k) => k.startsWith('row:'))).toBe(b.find((k) => k.startsWith('row:')));
		expect(keysOf(row({})).length).toBe(0);
	});

	it('never throws and gives distinct keys on any row', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom('nom', 'commune', 'cp', 'courriel', 'tel'), fc.string()),
				(raw) => {
					const k = keysOf(raw);
					expect(new Set(k).size).toBe(k.length);
				}
			)
		);
	});
});

describe('suppressionKeys', () => {
	it('keeps the keys no other actor carries', () => {
		expect(
			suppressionKeys(
				[['email:m@x.fr', 'phone:+33466000000'], ['name:dupont marie|insee:30334']],
				[['phone:+33466000000', 'email:asso@x.fr']]
			)
		).toEqual(['email:m@x.fr', 'name:dupont marie|insee:30334']);
	});
});
