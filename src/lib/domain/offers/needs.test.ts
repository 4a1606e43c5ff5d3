import { describe, expect, it } from 'vitest';
import {
	needWords,
	needsMet,
	offerMeetsNeed,
	placeOffers,
	requestMatchesOffer,
	type OfferText
} from './needs';

const barnums: OfferText = {
	category: 'equipment',
	title: 'Barnums, tables et bancs',
	description: 'Trois barnums 3×6 m, vingt tables et quarante bancs.'
};
const sono: OfferText = { category: 'equipment', title: 'Sono et éclairage de scène' };
const jeunes: OfferText = { category: 'time', title: 'Des jeunes pour vos chantiers' };
const minibus: OfferText = { category: 'vehicle', title: 'Minibus neuf places' };

describe('needs against offers', () => {
	it('folds accents, case and plurals', () => {
		expect(needWords('Bénévoles BRICOLEURS, tables')).toEqual(['benevole', 'bricoleur', 'table']);
	});

	it('matches by concept: words of the vocabulary or the offer category', () => {
		expect(offerMeetsNeed('tables', barnums)).toBe(true);
		expect(offerMeetsNeed('chaises', barnums)).toBe(true); // bancs are seats
		expect(offerMeetsNeed('sono', sono)).toBe(true);
		expect(offerMeetsNeed('sono', barnums)).toBe(false);
		expect(offerMeetsNeed('bénévoles bricoleurs', jeunes)).toBe(true); // a `time` offer
		expect(offerMeetsNeed('véhicule', minibus)).toBe(true);
		expect(offerMeetsNeed('barnums', minibus)).toBe(false);
	});

	it('falls back on shared significant words for needs outside the vocabulary', () => {
		const four: OfferText = { category: 'equipment', title: 'Cuissons dans le four partagé' };
		expect(offerMeetsNeed('four à pain', four)).toBe(true);
		expect(offerMeetsNeed('grilles d’exposition', four)).toBe(false);
		expect(offerMeetsNeed('de la', four)).toBe(false);
		// Numbers and filler words are not what a need is about.
		expect(
			offerMeetsNeed('quatre pages', { category: 'equipment', title: 'Quatre projecteurs' })
		).toBe(false);
	});

	it('lists the needs met, in the needs order, each once', () => {
		expect(needsMet(['sono', 'tables', 'buvette', 'bénévoles'], [barnums, sono])).toEqual([
			'sono',
			'tables'
		]);
		expect(needsMet(['sono'], [])).toEqual([]);
	});

	it('reads a place equipment as offers', () => {
		const offers = placeOffers({ name: 'Salle des fêtes', equipment: ['cuisine', 'chaises'] });
		expect(needsMet(['salle', 'cuisine', 'chaises', 'sono'], offers)).toEqual([
			'salle',
			'cuisine',
			'chaises'
		]);
	});

	it('pairs a request with offers of the same category or concept', () => {
		const room: OfferText = { category: 'room', title: 'Salle de réunion' };
		const wantsRoom: OfferText = { category: 'room', title: 'Salle pour les répétitions' };
		const wantsVan: OfferText = { category: 'vehicle', title: 'Utilitaire pour le marché' };
		expect(requestMatchesOffer(wantsRoom, room)).toBe(true);
		expect(requestMatchesOffer(wantsVan, minibus)).toBe(true);
		expect(requestMatchesOffer(wantsVan, room)).toBe(false);
		// A skill is not a thing, and descriptions do not count.
		const jardin: OfferText = { category: 'equipment', title: 'Outils de jardinage' };
		const numerique: OfferText = { category: 'skill', title: 'Initiation aux outils numériques' };
		expect(requestMatchesOffer(jardin, numerique)).toBe(false);
		// Equipment must name the same thing; a room or a van is enough by its category.
		const four: OfferText = { category: 'equipment', title: 'Cuissons dans le four partagé' };
		expect(requestMatchesOffer(jardin, four)).toBe(false);
		expect(requestMatchesOffer({ category: 'equipment', title: 'Tables pliantes' }, barnums)).toBe(
			true
		);
		const graphiste: OfferText = { category: 'skill', title: 'Graphiste pour l’affiche' };
		const compta: OfferText = { category: 'skill', title: 'Comptabilité associative' };
		expect(requestMatchesOffer(graphiste, compta)).toBe(false);
		const sorties: OfferText = { category: 'time', title: 'Accompagnateurs pour les sorties' };
		const velos: OfferText = {
			category: 'skill',
			title: 'Réparation de vélos',
			description: 'Des bénévoles apprennent à régler freins et dérailleurs.'
		};
		expect(requestMatchesOffer(sorties, velos)).toBe(false);
		const ruches: OfferText = { category: 'other', title: 'Terrain pour installer des ruches' };
		const pain: OfferText = { category: 'other', title: 'Invendus de pain' };
		expect(requestMatchesOffer(ruches, pain)).toBe(false);
	});
});
