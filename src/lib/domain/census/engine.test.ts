import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runCensus, explainPair } from './engine';
import { tokenSimilarity } from './score';
import type { CommuneIndex } from './communes';
import { loadFrenchCommunes } from './communes-fr';
import type { SourceListing } from './types';

let communes: CommuneIndex;
beforeAll(async () => {
	communes = await loadFrenchCommunes();
});

function listing(
	file: string,
	rows: Record<string, string>[],
	roles: SourceListing['roles']
): SourceListing {
	return { file, roles, records: rows.map((raw, i) => ({ file, row: i + 1, raw })) };
}

const registerRoles: SourceListing['roles'] = {
	name: ['nom'],
	address: ['adresse'],
	commune: ['ville'],
	siret: ['siret'],
	phone: ['tel']
};
const handRoles: SourceListing['roles'] = {
	name: ['nom'],
	commune: ['ville'],
	phone: ['tel'],
	email: ['mail']
};

describe('name similarity', () => {
	it('ignores word order and tolerates typos, is symmetric (property)', () => {
		expect(tokenSimilarity(['lodge', 'zachary'], ['zachary', 'lodge'])).toBe(1);
		expect(tokenSimilarity(['compagnie', 'theatre'], ['companie', 'theatre'])).toBeGreaterThan(0.9);
		expect(tokenSimilarity(['tennis', 'club'], ['cine', 'club'])).toBeLessThan(0.6);
		fc.assert(
			fc.property(
				fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
				fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
				(a, b) => {
					const x = tokenSimilarity(a, b);
					const y = tokenSimilarity(b, a);
					return (
						(Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) < 1e-9 || (x >= 0 && x <= 1)
					);
				}
			)
		);
	});
});

describe('census engine', () => {
	it('merges the same actor across listings and keeps homonyms of other communes apart', () => {
		const reg = listing(
			'registre.csv',
			[
				{
					nom: 'COMITE DES FETES DE TAVEL',
					adresse: '12 R DE LA MAIRIE',
					ville: 'TAVEL',
					siret: '',
					tel: ''
				},
				{
					nom: 'COMITE DES FETES DE LIRAC',
					adresse: '3 PL DE L EGLISE',
					ville: 'LIRAC',
					siret: '',
					tel: ''
				},
				{
					nom: 'BOULANGERIE DU PONT SARL',
					adresse: '4 R DU PONT',
					ville: 'UZES',
					siret: '73282932000074',
					tel: ''
				}
			],
			registerRoles
		);
		const hand = listing(
			'membres.csv',
			[
				{
					nom: 'Comité des fêtes de Tavel - asso',
					ville: 'Tavel',
					tel: '04 66 50 00 01',
					mail: ''
				},
				{
					nom: 'Boulangerie du Pont',
					ville: 'Uzès',
					tel: '',
					mail: 'contact@boulangerie-du-pont.fr'
				},
				{ nom: 'Comite des fetes', ville: 'Lirac', tel: '', mail: '' }
			],
			handRoles
		);
		const r = runCensus([reg, hand], { communes });
		const actorOf = (file: string, row: number): number =>
			r.actorOf[r.records.find((x) => x.file === file && x.row === row)!.index]!;
		expect(actorOf('registre.csv', 1)).toBe(actorOf('membres.csv', 1));
		expect(actorOf('registre.csv', 3)).toBe(actorOf('membres.csv', 2));
		expect(actorOf('registre.csv', 2)).toBe(actorOf('membres.csv', 3));
		expect(actorOf('registre.csv', 1)).not.toBe(actorOf('registre.csv', 2));
		expect(r.stats.actors).toBe(3);
		expect(r.stats.automaticMerges).toBe(3);
		const bakery = r.actors[actorOf('registre.csv', 3)]!;
		expect(bakery.fields.siret?.value).toBe('73282932000074');
		expect(bakery.fields.siret?.source).toBe('registre.csv#3');
		expect(bakery.fields.email?.source).toBe('membres.csv#2');
		expect(bakery.fields.name?.alternatives.map((a) => a.value).sort()).toEqual([
			'BOULANGERIE DU PONT SARL',
			'Boulangerie du Pont'
		]);
		expect(bakery.communeCode).toBe('30334');
	});

	it('never joins two different SIRET, and explains why', () => {
		const reg = listing(
			'sirene.csv',
			[
				{
					nom: 'ATELIER GRAND CHENE',
					adresse: '26 CH DE LA REPUBLIQUE',
					ville: 'RODILHAN',
					siret: '73282932000074',
					tel: ''
				},
				{
					nom: 'ATELIER GRAND CHENE',
					adresse: '26 CH DE LA REPUBLIQUE',
					ville: 'RODILHAN',
					siret: '55208131766522',
					tel: ''
				}
			],
			registerRoles
		);
		const r = runCensus([reg], { communes });
		expect(r.stats.actors).toBe(2);
		const e = explainPair(r, 0, 1);
		expect(e.comparisons.find((c) => c.field === 'siret')?.weight).toBe(-14);
	});

	it('keeps two associations of one tiers-lieu apart although they share address and phone', () => {
		const reg = listing(
			'liste.csv',
			[
				{
					nom: 'Jardins partagés',
					adresse: '5 rue de la Paix',
					ville: 'Nîmes',
					siret: '',
					tel: '04 66 00 00 09'
				},
				{
					nom: 'Repair café',
					adresse: '5 rue de la Paix',
					ville: 'Nîmes',
					siret: '',
					tel: '04 66 00 00 09'
				}
			],
			registerRoles
		);
		const r = runCensus([reg], { communes });
		expect(r.stats.actors).toBe(2);
	});

	it('lets a person decide: "not the same" splits, "same" joins', () => {
		const a = listing(
			'a.csv',
			[
				{ nom: 'Chorale du Gardon', ville: 'Uzès', tel: '', mail: '' },
				{ nom: 'Club de judo', ville: 'Alès', tel: '', mail: '' }
			],
			handRoles
		);
		const b = listing(
			'b.csv',
			[
				{ nom: 'Chorale du Gardon', ville: 'Uzès', tel: '', mail: '' },
				{ nom: 'Judo club alésien', ville: 'Alès', tel: '', mail: '' }
			],
			handRoles
		);
		const auto = runCensus([a, b], { communes });
		expect(auto.actorOf[0]).toBe(auto.actorOf[2]);
		expect(auto.actorOf[1]).not.toBe(auto.actorOf[3]);
		const decided = runCensus([a, b], {
			communes,
			decisions: [
				{ a: 'a.csv#1', b: 'b.csv#1', decision: 'different' },
				{ a: 'a.csv#2', b: 'b.csv#2', decision: 'same' }
			]
		});
		expect(decided.actorOf[0]).not.toBe(decided.actorOf[2]);
		expect(decided.actorOf[1]).toBe(decided.actorOf[3]);
		expect(decided.stats.humanMerges).toBe(1);
		expect(decided.reviews.some((p) => p.a === 0 && p.b === 2)).toBe(false);
	});

	it('leaves an uncertain pair for review with the comparisons that made its score', () => {
		const a = listing('a.csv', [{ nom: 'AMAP', ville: 'Uzès', tel: '', mail: '' }], handRoles);
		const b = listing(
			'b.csv',
			[{ nom: 'AMAP Mille Pattes', ville: 'Uzès', tel: '', mail: '' }],
			handRoles
		);
		const r = runCensus([a, b], { communes });
		expect(r.stats.actors).toBe(2);
		expect(r.reviews).toHaveLength(1);
		expect(r.reviews[0]!.comparisons.map((c) => c.field)).toContain('name');
	});

	it('reads a date of birth as evidence: joins a member typed two ways, holds namesakes apart', () => {
		const roles: SourceListing['roles'] = {
			name: ['nom'],
			commune: ['ville'],
			birth_date: ['naissance']
		};
		const a = listing(
			'a.csv',
			[
				{ nom: 'Camille Rouvière', ville: 'Uzès', naissance: '12/03/1984' },
				{ nom: 'Louis Fabre', ville: 'Uzès', naissance: '1951-07-02' }
			],
			roles
		);
		const b = listing(
			'b.csv',
			[
				{ nom: 'Rouviere', ville: 'Uzès', naissance: '1984-03-12' },
				{ nom: 'Louis Fabre', ville: 'Uzès', naissance: '1979-11-23' }
			],
			roles
		);
		const r = runCensus([a, b], { communes });
		expect(r.actorOf[0]).toBe(r.actorOf[2]);
		expect(explainPair(r, 0, 2).comparisons.find((c) => c.field === 'birth_date')?.weight).toBe(6);
		// Same name, same commune, born 28 years apart: father and son, for a person to tell.
		expect(r.actorOf[1]).not.toBe(r.actorOf[3]);
		expect(r.reviews.some((p) => p.a === 1 && p.b === 3)).toBe(true);
		// Without the dates, the member without a first name is only a candidate for review.
		const bare = runCensus(
			[a, b].map((l) => ({ ...l, roles: { name: ['nom'], commune: ['ville'] } })),
			{ communes }
		);
		expect(bare.actorOf[0]).not.toBe(bare.actorOf[2]);
	});
});
