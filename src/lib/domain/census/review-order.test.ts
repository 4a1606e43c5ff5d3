import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	MAX_SKIPS,
	mergeSkipped,
	orderReviewQueue,
	pairKey,
	parseSkipped,
	withSkippedLast,
	type QueuedPair
} from './review-order';

const id = (n: number): string => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const pair = (a: number, b: number, score: number, gathered = 2): QueuedPair => ({
	recordA: id(a),
	recordB: id(b),
	score,
	gathered
});
const names = (pairs: QueuedPair[]): string[] =>
	pairs.map((p) => `${parseInt(p.recordA.slice(0, 8), 16)}-${parseInt(p.recordB.slice(0, 8), 16)}`);

describe('orderReviewQueue', () => {
	it('puts the likeliest duplicates first', () => {
		const queue = [pair(1, 2, 3.2), pair(3, 4, 6.5), pair(5, 6, 4.9)];
		expect(names(orderReviewQueue(queue))).toEqual(['3-4', '5-6', '1-2']);
	});

	it('within one point of score, puts the pair that gathers more records first', () => {
		const queue = [pair(1, 2, 5.9, 2), pair(3, 4, 5.1, 6), pair(5, 6, 6.1, 9)];
		// 6.1 is a band above; 5.9 and 5.1 share a band, where 6 records beat 2.
		expect(names(orderReviewQueue(queue))).toEqual(['5-6', '3-4', '1-2']);
	});

	it('is stable whatever the input order', () => {
		const queue = [pair(1, 2, 4), pair(3, 4, 4), pair(5, 6, 4), pair(7, 8, 4.5, 3)];
		const once = names(orderReviewQueue(queue));
		expect(names(orderReviewQueue([...queue].reverse()))).toEqual(once);
		expect(once).toEqual(['7-8', '1-2', '3-4', '5-6']);
	});

	it('sends skipped pairs to the end, the most recently skipped last', () => {
		const queue = [pair(1, 2, 6), pair(3, 4, 5), pair(5, 6, 4)];
		const skipped = [pairKey(id(1), id(2)), pairKey(id(3), id(4))];
		expect(names(orderReviewQueue(queue, { skipped }))).toEqual(['5-6', '1-2', '3-4']);
		expect(names(orderReviewQueue(queue, { skipped: [...skipped].reverse() }))).toEqual([
			'5-6',
			'3-4',
			'1-2'
		]);
	});

	it('puts a pair touching a record just taken back first, even when it was skipped', () => {
		const queue = [pair(1, 2, 6), pair(3, 4, 5), pair(5, 6, 4)];
		const out = orderReviewQueue(queue, {
			first: [id(6), id(99)],
			skipped: [pairKey(id(5), id(6))]
		});
		expect(names(out)).toEqual(['5-6', '1-2', '3-4']);
	});

	it('keeps every pair and leaves its input alone', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						a: fc.integer({ min: 1, max: 50 }),
						b: fc.integer({ min: 51, max: 99 }),
						score: fc.double({ min: -20, max: 30, noNaN: true }),
						gathered: fc.integer({ min: 2, max: 40 })
					})
				),
				fc.array(fc.integer({ min: 0, max: 30 })),
				(rows, skips) => {
					const queue = rows.map((r) => pair(r.a, r.b, r.score, r.gathered));
					const copy = [...queue];
					const skipped = skips
						.filter((i) => i < queue.length)
						.map((i) => pairKey(queue[i]!.recordA, queue[i]!.recordB));
					const out = orderReviewQueue(queue, { skipped });
					expect(queue).toEqual(copy);
					expect(out).toHaveLength(queue.length);
					expect(new Set(out)).toEqual(new Set(queue));
					// Not skipped: never after a skipped one; within them, score bands never go up.
					const isSkipped = out.map((p) => skipped.includes(pairKey(p.recordA, p.recordB)));
					expect(isSkipped).toEqual([...isSkipped].sort((x, y) => Number(x) - Number(y)));
					const kept = out.filter((_, i) => !isSkipped[i]);
					for (let i = 1; i < kept.length; i++)
						expect(Math.floor(kept[i]!.score)).toBeLessThanOrEqual(Math.floor(kept[i - 1]!.score));
				}
			)
		);
	});
});

describe('withSkippedLast', () => {
	it('moves skipped pairs to the end in skip order, the rest untouched', () => {
		const queue = [pair(1, 2, 3), pair(3, 4, 9), pair(5, 6, 1), pair(7, 8, 5)];
		const skipped = [pairKey(id(5), id(6)), pairKey(id(1), id(2))];
		expect(names(withSkippedLast(queue, skipped))).toEqual(['3-4', '7-8', '5-6', '1-2']);
		expect(names(withSkippedLast(queue, []))).toEqual(names(queue));
	});
});

describe('skip lists', () => {
	it('parses the address parameter, dropping what is not a key', () => {
		const k1 = pairKey(id(1), id(2));
		const k2 = pairKey(id(3), id(4));
		expect(parseSkipped(`${k1},nope,${k2.toUpperCase()},,${k1}`)).toEqual([k2, k1]);
		expect(parseSkipped(null)).toEqual([]);
		expect(parseSkipped('')).toEqual([]);
		expect(parseSkipped('<script>')).toEqual([]);
	});

	it('merges in time order, a pair skipped again moving to the end', () => {
		expect(mergeSkipped(['a', 'b'], ['c', 'a'])).toEqual(['b', 'c', 'a']);
	});

	it('keeps only the most recent skips', () => {
		const many = Array.from({ length: MAX_SKIPS + 10 }, (_, i) => pairKey(id(i), id(i + 1)));
		const kept = mergeSkipped(many);
		expect(kept).toHaveLength(MAX_SKIPS);
		expect(kept.at(-1)).toBe(many.at(-1));
		expect(kept[0]).toBe(many[10]);
	});

	it('keys a pair by the start of both record ids', () => {
		expect(pairKey(id(1), id(2))).toBe('0000000100000002');
		expect(pairKey(id(1), id(2))).not.toBe(pairKey(id(2), id(1)));
	});
});
