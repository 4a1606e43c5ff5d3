import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fictionalRna, fictionalSiret, luhnValid, withLuhnDigit } from './identifiers';
import { Random } from './prng';

describe('luhnValid', () => {
	it('accepts the textbook Luhn number and rejects its neighbours', () => {
		expect(luhnValid('79927398713')).toBe(true);
		expect(luhnValid('79927398710')).toBe(false);
		expect(luhnValid('79927398714')).toBe(false);
	});

	it('rejects anything that is not only digits', () => {
		expect(luhnValid('')).toBe(false);
		expect(luhnValid('7992 7398 713')).toBe(false);
		expect(luhnValid('W30123')).toBe(false);
	});
});

describe('withLuhnDigit', () => {
	it('always yields a Luhn-valid number, and only one digit does', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,20}$/), (body) => {
				const full = withLuhnDigit(body);
				expect(full.startsWith(body)).toBe(true);
				expect(luhnValid(full)).toBe(true);
				const other = (Number(full.at(-1)) + 1) % 10;
				expect(luhnValid(body + String(other))).toBe(false);
			})
		);
	});
});

describe('fictional register numbers', () => {
	it('makes 14-digit SIRETs whose SIREN and SIRET both pass Luhn', () => {
		const random = new Random(1);
		for (let i = 0; i < 200; i++) {
			const siret = fictionalSiret(random);
			expect(siret).toMatch(/^00\d{12}$/);
			expect(luhnValid(siret)).toBe(true);
			expect(luhnValid(siret.slice(0, 9))).toBe(true);
		}
	});

	it('makes RNA numbers of the Gard series', () => {
		const random = new Random(2);
		for (let i = 0; i < 50; i++) expect(fictionalRna(random)).toMatch(/^W30\d{7}$/);
	});
});
