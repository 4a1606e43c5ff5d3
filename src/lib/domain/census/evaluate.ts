/**
 * Pairwise precision, recall and F1 of a clustering against a ground truth: over all pairs of
 * records put in the same cluster, how many are truly the same (precision), and over all truly
 * identical pairs, how many were put together (recall). Counted from cluster sizes, not pairs.
 */
export interface PairwiseScores {
	truePairs: number;
	predictedPairs: number;
	correctPairs: number;
	precision: number;
	recall: number;
	f1: number;
}

function pairsIn(sizes: Iterable<number>): number {
	let n = 0;
	for (const s of sizes) n += (s * (s - 1)) / 2;
	return n;
}

/** `predicted` and `truth` map a record key to its cluster; keys missing from either are ignored. */
export function pairwiseScores(
	predicted: ReadonlyMap<string, string>,
	truth: ReadonlyMap<string, string>
): PairwiseScores {
	const pred = new Map<string, number>();
	const tru = new Map<string, number>();
	const both = new Map<string, number>();
	for (const [key, p] of predicted) {
		const t = truth.get(key);
		if (t === undefined) continue;
		pred.set(p, (pred.get(p) ?? 0) + 1);
		tru.set(t, (tru.get(t) ?? 0) + 1);
		const k = p + '\u0000' + t;
		both.set(k, (both.get(k) ?? 0) + 1);
	}
	const predictedPairs = pairsIn(pred.values());
	const truePairs = pairsIn(tru.values());
	const correctPairs = pairsIn(both.values());
	const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
	const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
	const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
