import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, osaDistance, wordSimilarity } from './text';
import { normalizeName } from './names';
import { normalizeAddress } from './address';
import { normalizeEmails, normalizePhone, normalizePhones, normalizeWebsites } from './contact';
import {
	luhnValid,
	normalizeDate,
	normalizeRna,
	normalizeSiren,
	normalizeSiret
} from './identifiers';
import { normalizeRecord, domainLabels } from './normalize';

describe('fold and distances', () => {
	it('folds accents, case, ligatures and punctuation', () => {
		expect(fold("  Œuvre   d'ÉTÉ — Nîmes ")).toBe('oeuvre d ete nimes');
	});
	it('folds plain ASCII as the Unicode path would, and is idempotent (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (s) => {
				// The same text with one accented letter appended goes through Unicode decomposition.
				const slow = fold(s + ' é');
				const f = fold(s);
				return slow === (f === '' ? 'e' : f + ' e') && fold(f) === f;
			}),
			{ numRuns: 500 }
		);
	});
	it('counts a transposition as one error', () => {
		expect(osaDistance('mistral', 'mistarl')).toBe(1);
		expect(osaDistance('abc', 'abc')).toBe(0);
		expect(osaDistance('kitten', 'sitting')).toBe(3);
		expect(osaDistance('kitten', 'sitting', 1)).toBe(2);
	});
	it('tells a typo from another word', () => {
		expect(wordSimilarity('compagnie', 'companie')).toBeGreaterThan(0.8);
		expect(wordSimilarity('martin', 'martinez')).toBe(0);
		expect(wordSimilarity('de', 'du')).toBe(0);
	});
	it('is symmetric and bounded (property)', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const s = wordSimilarity(a, b);
				return s === wordSimilarity(b, a) && s >= 0 && s <= 1;
			})
		);
	});
});

describe('names', () => {
	it('takes the legal form out as an attribute', () => {
		const a = normalizeName('Garage Cigale (SASU)');
		expect(a.legalForm).toBe('sasu');
		expect(a.legalFamily).toBe('company');
		expect(a.tokens).toEqual(['garage', 'cigale']);
		expect(normalizeName('SCOP Coopérative Pollen').legalFamily).toBe('cooperative');
		expect(normalizeName('Repair café de Sommières - asso').legalFamily).toBe('association');
		expect(normalizeName('Associaton Les Amis du Moulin').legalFamily).toBe('association');
	});
	it('keeps a name made of a legal form only', () => {
		expect(normalizeName('SAS').tokens).toEqual(['sas']);
	});
	it('drops articles and the commune name, expands St/Ste', () => {
		const communeWords = new Set(['saint', 'genies', 'de', 'malgoires']);
		const a = normalizeName('Club de judo de St Geniès-de-Malgoirès', communeWords);
		expect(a.tokens).toEqual(['club', 'judo']);
		expect(a.fullTokens).toEqual(['club', 'judo', 'saint', 'genies', 'malgoires']);
		expect(normalizeName('Les Amis de Ste Anastasie').key).toBe('les amis de sainte anastasie');
	});
	it('keeps the commune words when nothing else is left', () => {
		expect(normalizeName('Mairie de Rogues', new Set(['rogues'])).tokens).toEqual(['mairie']);
		expect(normalizeName('Rogues', new Set(['rogues'])).tokens).toEqual(['rogues']);
	});
	it('is idempotent and never throws (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (s) => {
				const once = normalizeName(s);
				return normalizeName(once.key).key === once.key;
			})
		);
	});
});

describe('addresses', () => {
	it('expands street types and separates the number', () => {
		expect(normalizeAddress('12 bis R DE LA POSTE')).toEqual({
			number: '12',
			street: 'rue de la poste',
			tokens: ['rue', 'poste']
		});
		expect(normalizeAddress('14 Rue des Chassaintes 30900 Nîmes')?.street).toBe(
			'rue des chassaintes'
		);
		expect(normalizeAddress('  ')).toBeNull();
	});
	it('reads words that are names of Object members as plain words', () => {
		expect(normalizeAddress('1 rue Constructor')?.street).toBe('rue constructor');
		const n = normalizeName('Constructor Club');
		expect(n.legalFamily).toBeNull();
		expect(n.tokens).toEqual(['constructor', 'club']);
	});
	it('is idempotent and never throws (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (s) => {
				const a = normalizeAddress(s);
				if (a === null) return true;
				const again = normalizeAddress(`${a.number ?? ''} ${a.street}`);
				return again?.street === a.street && again.number === a.number;
			}),
			{ numRuns: 500 }
		);
	});
});

describe('contacts', () => {
	it('writes French phones in E.164', () => {
		for (const p of [
			'04 66 12 34 56',
			'04.66.12.34.56',
			'+33 4 66 12 34 56',
			'0033466123456',
			'+33 (0)4 66 12 34 56',
			'466123456'
		]) {
			expect(normalizePhone(p)).toBe('+33466123456');
		}
		expect(normalizePhone('12')).toBeNull();
		expect(normalizePhone('+32 2 555 12 12')).toBe('+3225551212');
		expect(normalizePhones('04 66 12 34 56 / 06 12 34 56 78')).toEqual([
			'+33466123456',
			'+33612345678'
		]);
	});
	it('reads e-mails and websites', () => {
		expect(normalizeEmails('Contact <CONTACT@Asso.FR>; mailto:x@y.org, pas un mail')).toEqual([
			'contact@asso.fr',
			'x@y.org'
		]);
		expect(normalizeWebsites('https://www.Example.fr/contact?x=1')).toEqual(['example.fr']);
		expect(normalizeWebsites('www.amap-de-lirac.fr')).toEqual(['amap-de-lirac.fr']);
		expect(domainLabels(['rieu-et-fils2.fr', 'gmail.com'])).toEqual(['rieuetfils']);
	});
	it('are idempotent and never throw (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (s) => {
				const phones = normalizePhones(s);
				const emails = normalizeEmails(s);
				const sites = normalizeWebsites(s);
				return (
					phones.every((p) => normalizePhone(p) === p) &&
					emails.every((e) => normalizeEmails(e)[0] === e) &&
					sites.every((w) => normalizeWebsites(w)[0] === w)
				);
			})
		);
	});
});

describe('identifiers', () => {
	it('checks SIRET and SIREN with Luhn', () => {
		expect(luhnValid('732829320')).toBe(true);
		expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
		expect(normalizeSiret('73282932000075')).toBeNull();
		expect(normalizeSiret('00000000000000')).toBeNull();
		expect(normalizeSiren('73282932000074')).toBe('732829320');
		expect(normalizeSiren('732 829 320')).toBe('732829320');
		expect(normalizeSiren('1')).toBeNull();
		// La Poste's establishments do not follow Luhn.
		expect(normalizeSiret('35600000000048')).toBe('35600000000048');
	});
	it('checks the RNA format', () => {
		expect(normalizeRna(' w302000101 ')).toBe('W302000101');
		expect(normalizeRna('W30200010')).toBeNull();
	});
	it('reads dates of birth written the usual ways', () => {
		expect(normalizeDate('1990-01-31')).toBe('19900131');
		expect(normalizeDate('1990-1-5T00:00:00Z')).toBe('19900105');
		expect(normalizeDate('31/01/1990')).toBe('19900131');
		expect(normalizeDate('5.1.1990')).toBe('19900105');
		expect(normalizeDate(' 19900131 ')).toBe('19900131');
		expect(normalizeDate('31011990')).toBe('19900131');
		// A two-digit year leaves the century to a guess; not a date is not a date.
		expect(normalizeDate('31/01/90')).toBeNull();
		expect(normalizeDate('12345678')).toBeNull();
		expect(normalizeDate('inconnue')).toBeNull();
	});
	it('are idempotent and never throw (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (s) => {
				const siret = normalizeSiret(s);
				const rna = normalizeRna(s);
				const date = normalizeDate(s);
				return (
					(siret === null || normalizeSiret(siret) === siret) &&
					(rna === null || normalizeRna(rna) === rna) &&
					(date === null || normalizeDate(date) === date)
				);
			})
		);
	});
});

describe('records', () => {
	it('never throws on any row (property)', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom('n', 'a', 'p', 'e', 's', 'c', 'x', 'y'), fc.string()),
				(raw) => {
					const r = normalizeRecord(
						{ file: 'f.csv', row: 1, raw },
						{
							name: ['n'],
							address: ['a'],
							phone: ['p'],
							email: ['e'],
							siret: ['s'],
							commune: ['c'],
							lat: ['y'],
							lon: ['x']
						},
						0
					);
					return r.index === 0 && Array.isArray(r.name.tokens);
				}
			)
		);
	});
	it('does not repeat a name given in two columns', () => {
		const r = normalizeRecord(
			{ file: 's.csv', row: 1, raw: { d: 'NEGRE ET FILS EI', e: 'Nègre et Fils' } },
			{ name: ['d', 'e'] },
			0
		);
		expect(r.display.name).toBe('NEGRE ET FILS EI');
		expect(r.name.legalFamily).toBe('individual');
	});
	it('bounds a one-million-character field', () => {
		const big = 'a'.repeat(1_000_000);
		const t0 = performance.now();
		const r = normalizeRecord({ file: 'f.csv', row: 1, raw: { n: big } }, { name: ['n'] }, 0);
		expect(r.name.key.length).toBeLessThanOrEqual(2000);
		expect(performance.now() - t0).toBeLessThan(2000);
	});
});
