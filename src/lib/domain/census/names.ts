import type { LegalFamily, NormalizedName } from './types';
import { fold, osaDistance, wordSimilarity } from './text';

/** Legal forms written as separate words, with the family they belong to. */
// No prototype: a word such as "constructor" must not find Object's own members.
const LEGAL_FORMS: Record<string, LegalFamily> = Object.assign(Object.create(null), {
	association: 'association',
	asso: 'association',
	assoc: 'association',
	sarl: 'company',
	sas: 'company',
	sasu: 'company',
	eurl: 'company',
	sa: 'company',
	snc: 'company',
	sci: 'company',
	selarl: 'company',
	scop: 'cooperative',
	scic: 'cooperative',
	cuma: 'cooperative',
	ei: 'individual',
	eirl: 'individual',
	earl: 'individual'
});

/** Multi-word legal forms, folded. */
const LEGAL_PHRASES: [string, LegalFamily, RegExp][] = (
	[
		['loi 1901', 'association'],
		['entreprise individuelle', 'individual'],
		['auto entrepreneur', 'individual'],
		['micro entreprise', 'individual']
	] as const
).map(([phrase, family]) => [phrase, family, new RegExp(`(^| )${phrase}( |$)`)]);

const STOPWORDS = new Set([
	'le',
	'la',
	'les',
	'l',
	'de',
	'du',
	'des',
	'd',
	'et',
	'a',
	'au',
	'aux',
	'en',
	'sur',
	'sous',
	'lez',
	'pour',
	'par',
	'un',
	'une',
	'the',
	'of',
	'and'
]);

/** A word of the commune's name, possibly mistyped ("Rocheoort" in Rochefort-du-Gard). */
function isCommuneWord(w: string, communeWords: ReadonlySet<string>): boolean {
	if (communeWords.has(w)) return true;
	if (w.length < 5) return false;
	for (const c of communeWords) if (wordSimilarity(w, c) > 0) return true;
	return false;
}

/** Folded words with `st`/`ste` expanded, as French place and saint names are abbreviated. */
export function nameWords(input: string): string[] {
	const f = fold(input);
	if (f === '') return [];
	return f.split(' ').map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w));
}

/**
 * Splits a name into the words that identify it. `communeWords` are dropped when other words
 * remain, because "Club de judo de Nîmes" and "Club de judo" listed in Nîmes are one club.
 */
export function normalizeName(input: string, communeWords?: ReadonlySet<string>): NormalizedName {
	let ws = nameWords(input);
	let legalForm: string | null = null;
	let legalFamily: LegalFamily | null = null;
	let joined = ws.join(' ');
	for (const [phrase, family, re] of LEGAL_PHRASES) {
		while (joined.includes(phrase) && re.test(joined)) {
			legalForm ??= phrase;
			legalFamily ??= family;
			joined = joined.replace(re, ' ').trim();
		}
	}
	ws = joined === '' ? [] : joined.split(/ +/);
	const kept: string[] = [];
	for (const w of ws) {
		// "Associaton", "Asociation": the long legal-form word is often mistyped in hand-made lists.
		const family =
			LEGAL_FORMS[w] ??
			(w.length >= 10 && osaDistance(w, 'association', 1) <= 1 ? 'association' : undefined);
		// A lone legal-form word is the whole name ("SAS"), keep it rather than lose the name.
		if (family !== undefined && ws.length > 1) {
			legalForm ??= w;
			legalFamily ??= family;
			continue;
		}
		kept.push(w);
	}
	const key = kept.join(' ');
	const content = kept.filter((w) => !STOPWORDS.has(w));
	let tokens = content;
	if (communeWords !== undefined && communeWords.size > 0) {
		const withoutCommune = content.filter((w) => !isCommuneWord(w, communeWords));
		if (withoutCommune.length > 0) tokens = withoutCommune;
	}
	if (tokens.length === 0) tokens = kept.length > 0 ? kept : [];
	return {
		key,
		glued: key.replace(/ /g, ''),
		tokens: [...new Set(tokens)],
		fullTokens: [...new Set(content.length > 0 ? content : tokens)],
		legalForm,
		legalFamily
	};
}
