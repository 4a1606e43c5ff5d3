/**
 * Figures behind the choropleth: actors per 1,000 inhabitants of each commune, and the classes
 * the map colours them by.
 *
 * Quantile classes (each class holds about as many communes as the others) rather than equal
 * intervals: rates of small communes are spread thin (one association in a village of 80 is
 * 12.5 per 1,000, while a city sits near 1), and equal intervals would put almost every commune
 * in the first class.
 */

export interface CommuneRate {
	code: string;
	/** Actors counted in the commune (0 when it has none). */
	count: number;
	population: number | null;
	/** Actors per 1,000 inhabitants; null when the population is unknown or zero. */
	rate: number | null;
}

/**
 * The rate of every commune of `communes`, in their order. Counts of codes that are not in
 * `communes` are ignored (actors outside the drawn communes).
 */
export function communeRates(
	counts: ReadonlyMap<string, number>,
	communes: readonly { code: string; population: number | null }[]
): CommuneRate[] {
	return communes.map(({ code, population }) => {
		const count = counts.get(code) ?? 0;
		const rate = population !== null && population > 0 ? (count * 1000) / population : null;
		return { code, count, population, rate };
	});
}

/**
 * Class bounds of `values`: ascending and distinct, the first is the smallest value and the last
 * the largest. Class i holds the values v with `breaks[i] <= v < breaks[i + 1]`; the last class
 * also holds its upper bound. So n bounds make n − 1 classes, except:
 *   - no finite value: `[]`, no class;
 *   - every value equal: `[v]`, one class holding v.
 * Inner bounds are quantiles at 1/classes, 2/classes… (linear interpolation between order
 * statistics, as R's type 7 and d3.quantile), each kept once, so ties give fewer classes than
 * asked. Two cases keep apart values that quantiles would put together:
 *   - no more distinct values than classes: one class per distinct value, bounded half way
 *     between neighbours ([1, 5] → [1, 3, 5]);
 *   - a quantile falling on the largest value (many communes share it): the bound moves half way
 *     down to the value below, so the largest value keeps a class of its own.
 */
export function classBreaks(values: readonly number[], classes = 5): number[] {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const min = sorted[0]!;
	const max = sorted[sorted.length - 1]!;
	if (min === max) return [min];
	const k = Math.max(1, Math.floor(classes));

	const distinct = [...new Set(sorted)];
	const between = (i: number) => (distinct[i]! + distinct[i + 1]!) / 2;
	if (distinct.length <= k) {
		return [min, ...distinct.slice(1).map((_, i) => between(i)), max];
	}

	const belowMax = between(distinct.length - 2);
	const bounds = [min];
	for (let i = 1; i < k; i++) {
		let q = quantile(sorted, i / k);
		if (q >= max) q = belowMax;
		if (q > bounds[bounds.length - 1]!) bounds.push(q);
	}
	bounds.push(max);
	return bounds;
}

/** Quantile `p` of sorted values, linear interpolation (R type 7). */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.ceil(h);
	return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The class of `value` given `classBreaks` bounds (0-based); null for a value with no class. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
	if (value === null || !Number.isFinite(value) || breaks.length === 0) return null;
	if (value < breaks[0]! || value > breaks[breaks.length - 1]!) return null;
	if (breaks.length === 1) return 0;
	let c = 0;
	while (c < breaks.length - 2 && value >= breaks[c + 1]!) c++;
	return c;
}
