import type { NormalizedAddress } from './types';
import { fold } from './text';

/** Street type abbreviations (La Poste / BAN usage and common hand-typed forms). */
// No prototype: a word such as "constructor" must not find Object's own members.
const STREET_TYPES: Record<string, string> = Object.assign(Object.create(null), {
	r: 'rue',
	av: 'avenue',
	ave: 'avenue',
	avn: 'avenue',
	bd: 'boulevard',
	bld: 'boulevard',
	boul: 'boulevard',
	bvd: 'boulevard',
	pl: 'place',
	imp: 'impasse',
	ch: 'chemin',
	chem: 'chemin',
	che: 'chemin',
	rte: 'route',
	all: 'allee',
	crs: 'cours',
	sq: 'square',
	fg: 'faubourg',
	fbg: 'faubourg',
	lot: 'lotissement',
	res: 'residence',
	resid: 'residence',
	ham: 'hameau',
	ld: 'lieu dit',
	qua: 'quartier',
	qu: 'quai',
	mte: 'montee',
	esp: 'esplanade',
	pass: 'passage',
	prom: 'promenade',
	rpt: 'rond point',
	sen: 'sentier',
	tra: 'traverse',
	st: 'saint',
	ste: 'sainte',
	// English abbreviations, for listings from elsewhere.
	rd: 'road',
	dr: 'drive',
	cres: 'crescent',
	pde: 'parade',
	hwy: 'highway'
});

const NUMBER_SUFFIX = new Set(['bis', 'ter', 'quater', 'b', 't', 'a', 'c']);

/**
 * Folds an address written in one or several columns: expands street types, separates the
 * street number, drops a trailing "postcode commune" some listings append.
 */
export function normalizeAddress(input: string): NormalizedAddress | null {
	let f = fold(input);
	if (f === '') return null;
	// "14 rue des chassaintes 30900 nimes": what follows a postcode is the commune, compared elsewhere.
	f = f.replace(/ \d{5}( .*)?$/, '').trim();
	const ws = f.split(' ').filter((w) => w !== '');
	let number: string | null = null;
	let i = 0;
	if (ws.length > 0 && /^\d{1,5}[a-z]?$/.test(ws[0]!)) {
		number = ws[0]!.replace(/[a-z]$/, '');
		i = 1;
		if (ws.length > 2 && NUMBER_SUFFIX.has(ws[1]!)) i = 2;
	}
	const street: string[] = [];
	for (; i < ws.length; i++) {
		const w = ws[i]!;
		const expanded = STREET_TYPES[w];
		if (expanded !== undefined) street.push(...expanded.split(' '));
		else street.push(w);
	}
	const text = street.join(' ');
	if (text === '' && number === null) return null;
	return { number, street: text, tokens: street.filter((w) => w.length > 2 || /\d/.test(w)) };
}
