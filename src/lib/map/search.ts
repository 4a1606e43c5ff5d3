/**
 * Accent-insensitive search for the map and the directory: « uzes » finds « Uzès »,
 * « saint ambroix » finds « Saint-Ambroix », « oeuvre » finds « Œuvre ».
 *
 * Unlike `fold` in src/lib/domain/census/text.ts (which keeps only Latin letters, for matching
 * listings), letters of every script are kept: a name written in Greek or Arabic stays findable.
 */

/** Letters that do not decompose under Unicode normalisation, spelled the way people type them. */
const FOLDS: Record<string, string> = {
	œ: 'oe',
	æ: 'ae',
	ß: 'ss',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ı: 'i',
	// Lower-casing turns a word-final capital sigma into ς: a query typed alone would not match.
	ς: 'σ'
};
const FOLDABLE = /[œæßøłđıς]/g;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** The full Unicode fold, untrimmed: the reference the table path must agree with. */
function foldUnicode(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(MARKS, '')
			.toLowerCase()
			// Lower-casing can reveal marks (İ → i + U+0307): decompose once more.
			.normalize('NFKD')
			.replace(MARKS, '')
			.replace(FOLDABLE, (c) => FOLDS[c] ?? c)
			.replace(NOT_WORD, ' ')
	);
}

/*
 * French text is ASCII, Latin-1 and Latin Extended (é, œ) with typographic marks (’ « — …). Each
 * of these characters folds on its own, whatever surrounds it, so a table built once from
 * `foldUnicode` replaces Unicode normalisation and regular expressions in one pass over the
 * text: at 100k actors this is most of the cost of building the search index.
 */
const LATIN_END = 0x250; // Basic Latin, Latin-1, Latin Extended-A and B
const PUNCT_START = 0x2000; // General Punctuation
const PUNCT_END = 0x2070;
const SPACE = 0x20;

/** Folded code units of each table character, a space for a separator (Ŀ → "l "). */
const TABLE: readonly Uint16Array[] = [
	...Array.from({ length: LATIN_END }, (_, c) => c),
	...Array.from({ length: PUNCT_END - PUNCT_START }, (_, c) => PUNCT_START + c)
].map((c) => {
	const folded = foldUnicode(String.fromCharCode(c));
	return Uint16Array.from({ length: folded.length }, (_, i) => folded.charCodeAt(i));
});
const MAX_EXPANSION = Math.max(...TABLE.map((e) => e.length));

// Turning code units back into a string: TextDecoder is the fastest way for long runs, but reads
// bytes, so only where Uint16Array is little-endian (every browser and Node platform in use).
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const utf16 = LITTLE_ENDIAN ? new TextDecoder('utf-16le', { ignoreBOM: true }) : null;
function unitsToString(units: Uint16Array): string {
	if (utf16) return utf16.decode(units);
	let out = '';
	for (let i = 0; i < units.length; i += 4096) {
		out += String.fromCharCode(...units.subarray(i, i + 4096));
	}
	return out;
}

type Field = string | null | undefined | readonly (string | null | undefined)[];

// A scratch buffer reused across calls, grown as needed (like osaDistance in census/text.ts):
// it holds nothing between calls.
let scratch: Uint16Array = new Uint16Array(1024);

function grow(min: number, keep: number): void {
	const bigger = new Uint16Array(Math.max(min, scratch.length * 2));
	bigger.set(scratch.subarray(0, keep));
	scratch = bigger;
}

/** ASCII folded: lower-case letters and digits as themselves, 0 for a separator. */
const ASCII = Uint16Array.from({ length: 0x80 }, (_, c) => {
	const entry = TABLE[c]!;
	return entry.length === 1 && entry[0] !== SPACE ? entry[0]! : 0;
});

// The append functions write into `scratch` from `len` and return the new length times two,
// plus one when a space is pending: a separator is written only before the next word, so there
// is no leading, trailing or double space. Plain functions over locals: this is the hot loop.

/** Appends the fold of `text` through the tables; -1 when a character is outside them. */
function appendTabled(text: string, len: number, pending: boolean): number {
	const n = text.length;
	if (scratch.length < len + 1 + n * MAX_EXPANSION) grow(len + 1 + n * MAX_EXPANSION, len);
	const out = scratch;
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) {
			const unit = ASCII[c]!;
			if (unit === 0) {
				pending = len > 0;
			} else {
				if (pending) {
					out[len++] = SPACE;
					pending = false;
				}
				out[len++] = unit;
			}
			continue;
		}
		const entry =
			c < LATIN_END
				? TABLE[c]
				: c >= PUNCT_START && c < PUNCT_END
					? TABLE[LATIN_END + c - PUNCT_START]
					: undefined;
		if (entry === undefined) return -1;
		for (let k = 0; k < entry.length; k++) {
			const unit = entry[k]!;
			if (unit === SPACE) {
				pending = len > 0;
			} else {
				if (pending) {
					out[len++] = SPACE;
					pending = false;
				}
				out[len++] = unit;
			}
		}
	}
	return len * 2 + (pending ? 1 : 0);
}

/** Appends text already folded by `foldUnicode` (letters, digits and spaces). */
function appendFolded(folded: string, len: number, pending: boolean): number {
	if (scratch.length < len + 1 + folded.length) grow(len + 1 + folded.length, len);
	const out = scratch;
	for (let i = 0; i < folded.length; i++) {
		const unit = folded.charCodeAt(i);
		if (unit === SPACE) {
			pending = len > 0;
		} else {
			if (pending) {
				out[len++] = SPACE;
				pending = false;
			}
			out[len++] = unit;
		}
	}
	return len * 2 + (pending ? 1 : 0);
}

function appendField(text: string, len: number): number {
	// Fields are separated by a space.
	const state = appendTabled(text, len, len > 0);
	// Another script, a combining mark, an emoji: this field takes the Unicode path.
	return state >= 0 ? state : appendFolded(foldUnicode(text), len, len > 0);
}

/** Folds every field into one string, one space between fields, without joining them first. */
function foldFields(fields: readonly Field[]): string {
	let state = 0;
	for (const field of fields) {
		if (typeof field === 'string') {
			state = appendField(field, state >>> 1);
		} else if (Array.isArray(field)) {
			for (const part of field) {
				if (typeof part === 'string') state = appendField(part, state >>> 1);
			}
		}
	}
	const len = state >>> 1;
	return len === 0 ? '' : unitsToString(scratch.subarray(0, len));
}

/**
 * Lower case, accents and other combining marks removed, ligatures expanded (œ→oe, æ→ae,
 * ß→ss), compatibility forms unfolded (ﬁ→fi, ² → 2), and every run of anything that is not a
 * letter or a digit (apostrophes, hyphens, punctuation, spaces) turned into one space, trimmed.
 * Idempotent.
 */
export function normaliseForSearch(text: string): string {
	return foldFields([text]);
}

/** The normalised text of several fields (a field may be a list, such as tags), joined by a space. */
export function searchHaystack(fields: readonly Field[]): string {
	return foldFields(fields);
}

/** Longest query considered: what a search box holds, not a pasted document. */
const MAX_QUERY_CHARS = 500;

/** The normalised words of a query; empty when the query has none (it then matches everything). */
export function queryWords(q: string): string[] {
	const normalised = normaliseForSearch(
		q.length > MAX_QUERY_CHARS ? q.slice(0, MAX_QUERY_CHARS) : q
	);
	return normalised === '' ? [] : normalised.split(' ');
}

/**
 * True when every query word appears somewhere in the haystack (as a substring, so that a word
 * being typed already matches). `haystackNormalised` must come from `normaliseForSearch`,
 * `words` from `queryWords`.
 */
export function matchesQuery(haystackNormalised: string, words: readonly string[]): boolean {
	for (const word of words) {
		if (!haystackNormalised.includes(word)) return false;
	}
	return true;
}
