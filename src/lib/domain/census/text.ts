/**
 * Text folding shared by every normaliser: lower case, no accents, ligatures expanded,
 * anything that is not a letter or a digit turned into a single space.
 */

// Inputs are bounded so a pathological cell (a 1-million-character field) costs little.
export const MAX_FIELD_CHARS = 2000;

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

// Most cells are printable ASCII: Unicode decomposition, the slowest step, is then skipped.
const NON_ASCII = /[^\u0020-\u007e]/;

export function fold(input: string): string {
	const s = input.length > MAX_FIELD_CHARS ? input.slice(0, MAX_FIELD_CHARS) : input;
	if (!NON_ASCII.test(s)) {
		return s
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ')
			.trim();
	}
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

export function words(input: string): string[] {
	const f = fold(input);
	return f === '' ? [] : f.split(' ');
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), the usual
 * model of typing errors. Stops early and returns `max + 1` once the distance exceeds `max`.
 */
export function osaDistance(a: string, b: string, max = Infinity): number {
	if (a === b) return 0;
	const n = a.length;
	const m = b.length;
	if (Math.abs(n - m) > max) return max + 1;
	if (n === 0) return m;
	if (m === 0) return n;
	// Three rows in one scratch buffer, reused across calls: this runs millions of times.
	if (scratch.length < 3 * (m + 1)) scratch = new Int32Array(3 * (m + 1) * 2);
	const buf = scratch;
	const w = m + 1;
	let prev2 = 0;
	let prev = w;
	let cur = 2 * w;
	for (let j = 0; j <= m; j++) buf[prev + j] = j;
	for (let i = 1; i <= n; i++) {
		buf[cur] = i;
		let rowMin = i;
		const ca = a.charCodeAt(i - 1);
		const pa = i > 1 ? a.charCodeAt(i - 2) : -1;
		for (let j = 1; j <= m; j++) {
			const cb = b.charCodeAt(j - 1);
			let v = buf[prev + j - 1]! + (ca === cb ? 0 : 1);
			const del = buf[prev + j]! + 1;
			if (del < v) v = del;
			const ins = buf[cur + j - 1]! + 1;
			if (ins < v) v = ins;
			if (j > 1 && ca === b.charCodeAt(j - 2) && pa === cb) {
				const tr = buf[prev2 + j - 2]! + 1;
				if (tr < v) v = tr;
			}
			buf[cur + j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		const t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return buf[prev + m]!;
}

let scratch = new Int32Array(256);

/** 1 − distance / longer length, in [0, 1]. */
export function editSimilarity(a: string, b: string): number {
	const len = Math.max(a.length, b.length);
	if (len === 0) return 1;
	return 1 - osaDistance(a, b) / len;
}

/** `editSimilarity` when it is at least `min`, else 0; stops early (cheap on unlike strings). */
export function editSimilarityAtLeast(a: string, b: string, min: number): number {
	const len = Math.max(a.length, b.length);
	if (len === 0) return 1;
	const max = Math.floor((1 - min) * len + 1e-9);
	const d = osaDistance(a, b, max);
	return d > max ? 0 : 1 - d / len;
}

/** Similarity of two words; short words must be equal, longer ones may carry a typo. */
export function wordSimilarity(a: string, b: string): number {
	if (a === b) return 1;
	const len = Math.max(a.length, b.length);
	if (Math.min(a.length, b.length) < 4) return 0;
	// One typing error per word, two in long words: beyond that they are different words
	// ("martin" and "martinez" are two surnames, not a typo).
	const max = len >= 10 ? 2 : 1;
	// One edit leaves the first or the last letter in place: a cheap test before the distance.
	if (
		max === 1 &&
		a.charCodeAt(0) !== b.charCodeAt(0) &&
		a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)
	) {
		return 0;
	}
	const d = osaDistance(a, b, max);
	return d > max ? 0 : 1 - d / len;
}
