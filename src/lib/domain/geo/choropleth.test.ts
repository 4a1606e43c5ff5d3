import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classBreaks, classOf, communeRates, quantile } from './choropleth';

describe('communeRates', () => {
	it('gives actors per 1,000 inhabitants, 0 actors for a commune with none', () => {
		const counts = new Map([
			['30334', 17], // Uzès, 8,519 inhabitants: 17 × 1000 / 8519 = 1.99554…
			['30006', 1], // a village of 80: 12.5
			['99999', 4] // not a drawn commune: ignored
		]);
		const rates = communeRates(counts, [
			{ code: '30334', population: 8519 },
			{ code: '30006', population: 80 },
			{ code: '30189', population: 151839 }
		]);
		expect(rates.map((r) => r.code)).toEqual(['30334', '30006', '30189']);
		expect(rates[0]).toMatchObject({ count: 17, population: 8519 });
		expect(rates[0]!.rate).toBeCloseTo(1.99554, 5);
		expect(rates[1]).toEqual({ code: '30006', count: 1, population: 80, rate: 12.5 });
		expect(rates[2]).toEqual({ code: '30189', count: 0, population: 151839, rate: 0 });
	});

	it('has no rate when the population is unknown or zero', () => {
		const rates = communeRates(new Map([['a', 3]]), [
			{ code: 'a', population: null },
			{ code: 'b', population: 0 }
		]);
		expect(rates).toEqual([
			{ code: 'a', count: 3, population: null, rate: null },
			{ code: 'b', count: 0, population: 0, rate: null }
		]);
	});
});

describe('quantile (R type 7)', () => {
	it('interpolates between order statistics', () => {
		// h = (5 − 1) × 0.3 = 1.2 → 20 + 0.2 × (30 − 20)
		expect(quantile([10, 20, 30, 40, 50], 0.3)).toBeCloseTo(22);
		expect(quantile([10, 20, 30, 40, 50], 0)).toBe(10);
		expect(quantile([10, 20, 30, 40, 50], 1)).toBe(50);
		expect(quantile([], 0.5)).toBeNaN();
	});
});

describe('classBreaks', () => {
	it('cuts at the quintiles, with the smallest and largest values as outer bounds', () => {
		// n = 10: h = 9p → 1.8, 3.6, 5.4, 7.2 on 0…9
		const breaks = classBreaks([9, 0, 8, 1, 7, 2, 6, 3, 5, 4]);
		expect(breaks).toHaveLength(6);
		[0, 1.8, 3.6, 5.4, 7.2, 9].forEach((b, i) => expect(breaks[i]).toBeCloseTo(b));
	});

	it('honours another number of classes', () => {
		// quartiles of 1…9: h = 8p → 2, 4, 6 → values 3, 5, 7
		expect(classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([1, 3, 5, 7, 9]);
		expect(classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9], 1)).toEqual([1, 9]);
	});

	it('returns no bound for no value, and one bound when all values are equal', () => {
		expect(classBreaks([])).toEqual([]);
		expect(classBreaks([NaN, Infinity])).toEqual([]);
		expect(classBreaks([2.5, 2.5, 2.5])).toEqual([2.5]);
	});

	it('gives each value a class when there are fewer distinct values than classes', () => {
		expect(classBreaks([1, 5])).toEqual([1, 3, 5]);
		expect(classBreaks([0, 0, 0, 0, 1, 5, 5, 5, 5, 5])).toEqual([0, 0.5, 3, 5]);
	});

	it('keeps quantiles that tie once (fewer classes than asked)', () => {
		// 0×6, 1, 2, 3, 4, 5 (n = 11, 6 distinct values): h = 10p → 2, 4, 6, 8 → 0, 0, 1, 3
		expect(classBreaks([0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5])).toEqual([0, 1, 3, 5]);
	});

	it('keeps a class of its own for a largest value many communes share', () => {
		// n = 12, h = 11p → 2.2, 4.4, 6.6, 8.8 → 3.2, 5.4, 9, 9; 9 moves to (6 + 9) / 2
		expect(classBreaks([1, 2, 3, 4, 5, 6, 9, 9, 9, 9, 9, 9])).toEqual([1, 3.2, 5.4, 7.5, 9]);
	});

	it('always returns ascending distinct bounds from the smallest to the largest value', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
					{ minLength: 1, maxLength: 60 }
				),
				fc.integer({ min: 1, max: 9 }),
				(values, k) => {
					const breaks = classBreaks(values, k);
					expect(breaks[0]).toBe(Math.min(...values));
					expect(breaks[breaks.length - 1]).toBe(Math.max(...values));
					for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThan(breaks[i - 1]!);
					expect(breaks.length - 1).toBeLessThanOrEqual(Math.max(k, 1));
					for (const v of values) expect(classOf(v, breaks)).not.toBeNull();
				}
			)
		);
	});
});

describe('classOf', () => {
	const breaks = [0, 1, 3, 10];
	it('finds the class of a value, the largest in the last class', () => {
		expect([0, 0.99, 1, 2.5, 3, 9.9, 10].map((v) => classOf(v, breaks))).toEqual([
			0, 0, 1, 1, 2, 2, 2
		]);
	});
	it('has no class for no value or a value outside the bounds', () => {
		expect(classOf(null, breaks)).toBeNull();
		expect(classOf(-1, breaks)).toBeNull();
		expect(classOf(11, breaks)).toBeNull();
		expect(classOf(1, [])).toBeNull();
		expect(classOf(2.5, [2.5])).toBe(0);
	});
});
