import { describe, expect, it } from 'vitest';
import { Random } from './prng';

describe('Random', () => {
	it('repeats itself for one seed and differs between seeds', () => {
		const a = new Random(42);
		const b = new Random(42);
		const c = new Random(43);
		const seqA = Array.from({ length: 20 }, () => a.next());
		expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
		expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
	});

	it('stays in range and spreads over it', () => {
		const random = new Random(7);
		const seen = new Set<number>();
		for (let i = 0; i < 1000; i++) {
			const x = random.int(1, 6);
			expect(x).toBeGreaterThanOrEqual(1);
			expect(x).toBeLessThanOrEqual(6);
			seen.add(x);
		}
		expect(seen.size).toBe(6);
	});

	it('samples distinct items', () => {
		const random = new Random(3);
		const sample = random.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
		expect(new Set(sample).size).toBe(5);
		expect(random.sample([1, 2], 5)).toHaveLength(2);
	});

	it('draws version 4 UUIDs', () => {
		const random = new Random(9);
		for (let i = 0; i < 50; i++) {
			expect(random.uuid()).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
			);
		}
	});
});
