import { describe, expect, it } from 'vitest';
import { pairwiseScores } from './evaluate';

describe('pairwise precision / recall / F1', () => {
	it('counts pairs on a hand example', () => {
		// Truth: {1,2,3} {4,5} {6}. Predicted: {1,2} {3,4,5} {6}.
		const truth = new Map(Object.entries({ 1: 'A', 2: 'A', 3: 'A', 4: 'B', 5: 'B', 6: 'C' }));
		const pred = new Map(Object.entries({ 1: 'x', 2: 'x', 3: 'y', 4: 'y', 5: 'y', 6: 'z' }));
		const s = pairwiseScores(pred, truth);
		// true pairs: 12 13 23 45 = 4; predicted: 12 34 35 45 = 4; correct: 12 45 = 2
		expect(s.truePairs).toBe(4);
		expect(s.predictedPairs).toBe(4);
		expect(s.correctPairs).toBe(2);
		expect(s.precision).toBe(0.5);
		expect(s.recall).toBe(0.5);
		expect(s.f1).toBe(0.5);
	});
	it('is perfect on identical partitions and ignores unknown keys', () => {
		const truth = new Map([
			['a', '1'],
			['b', '1'],
			['c', '2']
		]);
		const pred = new Map([
			['a', 'p'],
			['b', 'p'],
			['c', 'q'],
			['zz', 'p']
		]);
		expect(pairwiseScores(pred, truth).f1).toBe(1);
	});
});
