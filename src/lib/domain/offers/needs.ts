/**
 * Does an offer meet a need? Shared by the partner finder (#6: an event's needs against what
 * nearby actors offer), the matching of requests with offers and the venue suggestions.
 *
 * Needs and offers are free text written by people ("bénévoles bricoleurs", "Barnums, tables et
 * bancs"), so the rule is deliberately simple and explainable:
 *   1. both texts are reduced to *concepts* of a small French vocabulary (salle, sono, chaises,
 *      tables, cuisine, bénévoles, véhicule, barnums, outils, écran…), by words (accents, case,
 *      plural ignored); an offer's category adds its own concept (a `room` offer is a salle, a
 *      `time` offer gives bénévoles, a `vehicle` offer a véhicule). Only the offer's *title* is
 *      read: descriptions tell stories (« des bénévoles apprennent à régler les freins ») that
 *      would make every offer meet everything;
 *   2. a need meets an offer when they share a concept, or, for a need outside the vocabulary,
 *      when one of its significant words (4 letters or more, not a number or a filler word)
 *      appears in the offer's title.
 * A request and an offer pair up when they are of the same interchangeable category (room,
 * vehicle, time), or meet by the rule above — never a skill with a thing: « Outils de jardinage »
 * is not « Initiation aux outils numériques ».
 * Equipment lists of common places are offers too (see `placeOffers`).
 */

export type OfferCategory = 'room' | 'equipment' | 'vehicle' | 'skill' | 'time' | 'other';

export interface OfferText {
	category: OfferCategory;
	title: string;
	description?: string | null;
}

interface Concept {
	id: string;
	/** Folded, singular words that name it. */
	words: readonly string[];
	/** Offer categories that provide it by themselves. */
	categories?: readonly OfferCategory[];
}

/** The vocabulary of things events need, in French, as the networks write them. */
export const NEED_CONCEPTS: readonly Concept[] = [
	{ id: 'salle', words: ['salle', 'local', 'lieu'], categories: ['room'] },
	{ id: 'sono', words: ['sono', 'sonorisation', 'micro', 'enceinte', 'ampli'] },
	{ id: 'eclairage', words: ['eclairage', 'projecteur', 'lumiere'] },
	{ id: 'chaises', words: ['chaise', 'banc', 'siege'] },
	{ id: 'tables', words: ['table'] },
	{ id: 'cuisine', words: ['cuisine', 'buvette', 'repas', 'ravitaillement', 'traiteur'] },
	{
		id: 'benevoles',
		words: ['benevole', 'volontaire', 'signaleur', 'arbitre', 'accompagnateur', 'lecteur', 'jeune'],
		categories: ['time']
	},
	{
		id: 'vehicule',
		words: ['vehicule', 'minibus', 'utilitaire', 'camion', 'camionnette', 'velo', 'cargo'],
		categories: ['vehicle']
	},
	{ id: 'barnums', words: ['barnum', 'chapiteau', 'tente', 'tonnelle'] },
	{ id: 'outils', words: ['outil', 'outillage', 'beche', 'grelinette', 'brouette'] },
	{ id: 'ecran', words: ['ecran', 'videoprojecteur', 'projection'] },
	{ id: 'scene', words: ['scene', 'estrade', 'podium', 'gradin'] },
	{ id: 'grilles', words: ['grille', 'panneau', 'cimaise'] }
];

/** Words too common to say anything about a need. */
const STOP = new Set([
	'pour',
	'avec',
	'dans',
	'sans',
	'plus',
	'tres',
	'tout',
	'toute',
	'chaque',
	'notre',
	'votre',
	'leur',
	'entre',
	'deux',
	'trois',
	'quatre',
	'cinq',
	'vingt',
	'cent',
	'mille',
	'place',
	'jour',
	'semaine',
	'besoin',
	'cherche',
	'recherche'
]);

/** Lower case, no accents, no punctuation, words in the singular (final s/x dropped). */
export function needWords(text: string): string[] {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[’']/g, ' ')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w !== '')
		.map((w) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w));
}

const BY_WORD = new Map<string, string>();
for (const c of NEED_CONCEPTS) for (const w of c.words) BY_WORD.set(w, c.id);

/** Concepts named in a text. */
export function conceptsOf(text: string): Set<string> {
	const found = new Set<string>();
	for (const w of needWords(text)) {
		const id = BY_WORD.get(w);
		if (id) found.add(id);
	}
	return found;
}

function offerConcepts(offer: OfferText): Set<string> {
	const found = conceptsOf(offer.title);
	for (const c of NEED_CONCEPTS) if (c.categories?.includes(offer.category)) found.add(c.id);
	return found;
}

/** Whether `offer` meets `need` (rule in the module comment). */
export function offerMeetsNeed(need: string, offer: OfferText): boolean {
	const wanted = conceptsOf(need);
	if (wanted.size > 0) {
		const given = offerConcepts(offer);
		for (const id of wanted) if (given.has(id)) return true;
		return false;
	}
	const words = needWords(need).filter((w) => w.length >= 4 && !STOP.has(w) && !/\d/.test(w));
	if (words.length === 0) return false;
	const text = new Set(needWords(offer.title));
	return words.some((w) => text.has(w));
}

/** The needs (as written) that at least one of the offers meets, in the needs' order. */
export function needsMet(needs: readonly string[], offers: readonly OfferText[]): string[] {
	return needs.filter((need) => offers.some((o) => offerMeetsNeed(need, o)));
}

/** The equipment of a common place as offers (a place run by an actor lends what it has). */
export function placeOffers(place: { name: string; equipment: readonly string[] }): OfferText[] {
	return [
		{ category: 'room', title: place.name },
		...place.equipment.map((e) => ({ category: 'equipment' as const, title: e }))
	];
}

/**
 * Categories whose offers answer any request of the same category: a room is a room, a van a
 * van, an afternoon of help an afternoon of help. Equipment, skills and the rest must also say
 * the same thing (a kiln is no garden tool, accounting no poster design).
 */
const INTERCHANGEABLE: ReadonlySet<OfferCategory> = new Set(['room', 'vehicle', 'time']);

/** Whether a request and an offer are about the same thing (see INTERCHANGEABLE and the rule above). */
export function requestMatchesOffer(request: OfferText, offer: OfferText): boolean {
	if (request.category === offer.category && INTERCHANGEABLE.has(request.category)) return true;
	if ((request.category === 'skill') !== (offer.category === 'skill')) return false;
	return offerMeetsNeed(request.title, offer);
}
