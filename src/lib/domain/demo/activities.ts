/**
 * The common places, events and offers of the demo, written by hand so they tell a coherent
 * story (the repair café repairs in the workshop it runs, the forum gathers many actors…).
 * Actors are referred to by catalogue key and, when it matters, commune; `generate.ts` makes
 * sure the referenced actors exist (see FIXED_ACTORS) and falls back to the mairie otherwise.
 */
import type { DemoOffer, DemoPlace, Sector } from './types';

export interface ActorRef {
	key: string;
	/** INSEE code; any commune when absent. */
	commune?: string;
}

const UZES = '30334';
const SAINT_QUENTIN = '30295';
const CASTILLON = '30073';
const MOUSSAC = '30184';
const MONTAREN = '30174';
const BLAUZAC = '30041';
const SAINT_SIFFRET = '30299';
const LUSSAN = '30151';
const AIGALIERS = '30001';

/** [template key, commune]: actors every run contains because something below points at them. */
export const FIXED_ACTORS: readonly (readonly [string, string])[] = [
	['communaute', UZES],
	['conseil-communautaire', UZES],
	['conseil-jeunes', UZES],
	['office-tourisme', UZES],
	['college', UZES],
	['mediatheque', UZES],
	['tiers-lieu', UZES],
	['cae', UZES],
	['union-commercants', UZES],
	['fablab', UZES],
	['reseau-culture', SAINT_QUENTIN],
	['atelier-ceramique', SAINT_QUENTIN],
	['chorale', SAINT_QUENTIN],
	['jardins', MONTAREN],
	['foyer-rural', LUSSAN],
	['repair-cafe', CASTILLON],
	['comite-fetes', BLAUZAC],
	['ludotheque', BLAUZAC],
	['football', MOUSSAC],
	['amap', SAINT_SIFFRET],
	['randonnee', AIGALIERS],
	['comite-fetes', AIGALIERS]
];

export interface PlaceSpec extends Omit<DemoPlace, 'id' | 'runBy' | 'location' | 'address'> {
	runBy: ActorRef;
	street: string;
}

const SALLE_EQUIPMENT = ['tables', 'chaises', 'cuisine', 'sono', 'scène', 'parking'];

export const PLACES: readonly PlaceSpec[] = [
	{
		name: 'La Filature',
		kind: 'tiers-lieu',
		description:
			'Ancienne filature de soie devenue tiers-lieu: bureaux partagés, salle de réunion, café et atelier.',
		capacity: 80,
		equipment: ['wifi', 'vidéoprojecteur', 'cuisine partagée', 'bureaux partagés', 'atelier'],
		accessibility: 'Rez-de-chaussée accessible en fauteuil, toilettes adaptées.',
		conditions: 'Salle gratuite pour les associations adhérentes, location à l’heure sinon.',
		runBy: { key: 'tiers-lieu', commune: UZES },
		street: 'Chemin de la Fontaine d’Eure',
		communeCode: UZES
	},
	{
		name: 'Médiathèque intercommunale',
		kind: 'mediatheque',
		description: 'Espace de lecture, salle d’animation et postes informatiques en accès libre.',
		capacity: 60,
		equipment: ['wifi', 'ordinateurs', 'vidéoprojecteur', 'salle d’animation'],
		accessibility: 'Accessible en fauteuil, boucle magnétique à l’accueil.',
		conditions: 'Salle d’animation prêtée aux associations pour des activités gratuites.',
		runBy: { key: 'mediatheque', commune: UZES },
		street: 'Boulevard Gambetta',
		communeCode: UZES
	},
	{
		name: 'Maison des associations',
		kind: 'salle',
		description: 'Trois salles de réunion et un bureau partagé pour les associations de la ville.',
		capacity: 45,
		equipment: ['tables', 'chaises', 'vidéoprojecteur', 'photocopieuse'],
		accessibility: 'Salle du rez-de-chaussée accessible; étage sans ascenseur.',
		conditions: 'Réservation auprès de la mairie, gratuite pour les associations de la commune.',
		runBy: { key: 'mairie', commune: UZES },
		street: 'Rue de la République',
		communeCode: UZES
	},
	{
		name: 'Stade municipal',
		kind: 'equipement-sportif',
		description: 'Terrain de football en herbe, vestiaires et buvette.',
		capacity: 400,
		equipment: ['vestiaires', 'éclairage', 'buvette', 'parking'],
		accessibility: 'Tribune accessible par une rampe.',
		conditions: 'Créneaux attribués aux clubs en début de saison.',
		runBy: { key: 'mairie', commune: UZES },
		street: 'Route de Nîmes',
		communeCode: UZES
	},
	{
		name: 'Atelier céramique partagé',
		kind: 'atelier',
		description: 'Tours de potier, four électrique et four raku partagés entre potiers.',
		capacity: 15,
		equipment: ['four céramique', 'tours de potier', 'émaux', 'étagères de séchage'],
		accessibility: 'Plain-pied.',
		conditions: 'Adhésion annuelle et participation aux cuissons.',
		runBy: { key: 'atelier-ceramique', commune: SAINT_QUENTIN },
		street: 'Rue des Remparts',
		communeCode: SAINT_QUENTIN
	},
	{
		name: 'Atelier de réparation',
		kind: 'atelier',
		description:
			'Établis, outillage et pièces de récupération pour le repair café et les particuliers.',
		capacity: 20,
		equipment: ['outillage', 'fer à souder', 'pied d’atelier vélo', 'machine à coudre'],
		accessibility: 'Plain-pied, place de parking réservée.',
		conditions: 'Ouvert le premier samedi du mois et sur rendez-vous.',
		runBy: { key: 'repair-cafe', commune: CASTILLON },
		street: 'Route de Bagnols',
		communeCode: CASTILLON
	},
	{
		name: 'Jardin partagé de la Fontaine',
		kind: 'jardin',
		description: 'Vingt parcelles, un verger et une aire de compost collectif au bord du village.',
		capacity: 30,
		equipment: ['cabane à outils', 'récupérateurs d’eau', 'composteurs'],
		accessibility: 'Allées stabilisées, deux bacs surélevés.',
		conditions: 'Parcelles attribuées chaque printemps; visites libres le samedi.',
		runBy: { key: 'jardins', commune: MONTAREN },
		street: 'Place de la Fontaine',
		communeCode: MONTAREN
	},
	{
		name: 'Salle des fêtes de Blauzac',
		kind: 'salle',
		description: 'Grande salle avec scène et cuisine équipée.',
		capacity: 200,
		equipment: SALLE_EQUIPMENT,
		accessibility: 'Accessible en fauteuil, toilettes adaptées.',
		conditions: 'Prêt gratuit aux associations de la commune, caution demandée.',
		runBy: { key: 'mairie', commune: BLAUZAC },
		street: 'Place du Marché',
		communeCode: BLAUZAC
	},
	{
		name: 'Salle polyvalente de Moussac',
		kind: 'salle',
		description: 'Salle de sport et de spectacle modulable.',
		capacity: 250,
		equipment: [...SALLE_EQUIPMENT, 'gradins'],
		accessibility: 'Accessible en fauteuil.',
		conditions: 'Sur réservation à la mairie.',
		runBy: { key: 'mairie', commune: MOUSSAC },
		street: 'Avenue de la Gare',
		communeCode: MOUSSAC
	},
	{
		name: 'Salle des fêtes de Saint-Siffret',
		kind: 'salle',
		description: 'Salle communale au cœur du village, avec terrasse ombragée.',
		capacity: 120,
		equipment: ['tables', 'chaises', 'cuisine', 'terrasse'],
		accessibility: 'Une marche à l’entrée, rampe amovible.',
		conditions: 'Prêt aux associations, location aux particuliers.',
		runBy: { key: 'mairie', commune: SAINT_SIFFRET },
		street: 'Rue de l’Église',
		communeCode: SAINT_SIFFRET
	},
	{
		name: 'Foyer de Lussan',
		kind: 'salle',
		description: 'Salle du foyer rural dans l’ancienne école, cour et préau.',
		capacity: 90,
		equipment: ['tables', 'chaises', 'sono', 'jeux de société', 'préau'],
		accessibility: 'Accès par la cour, plain-pied.',
		conditions: 'Pour les adhérents du foyer et les associations partenaires.',
		runBy: { key: 'foyer-rural', commune: LUSSAN },
		street: 'Rue des Écoles',
		communeCode: LUSSAN
	},
	{
		name: 'Fab lab de l’Uzège',
		kind: 'atelier',
		description: 'Imprimantes 3D, découpeuse laser et postes d’électronique.',
		capacity: 20,
		equipment: ['imprimante 3D', 'découpeuse laser', 'postes informatiques', 'wifi'],
		accessibility: 'Accessible en fauteuil.',
		conditions: 'Ouvert à tous le mercredi et le samedi, formation aux machines obligatoire.',
		runBy: { key: 'fablab', commune: UZES },
		street: 'Avenue de la Libération',
		communeCode: UZES
	}
];

export interface EventSpec {
	title: string;
	description: string;
	/** Days from "now": negative in the past. */
	day: number;
	/** Hour, local time (Europe/Paris, taken as UTC+1 for the demo). */
	hour: number;
	durationHours: number;
	/** Index in PLACES, or a commune code when there is no common place. */
	at: { place: number } | { commune: string };
	theme: Sector;
	format: string;
	needs: string[];
	visibility: 'public' | 'members';
	organisers: ActorRef[];
	participants: number;
}

export const EVENTS: readonly EventSpec[] = [
	{
		title: 'Forum des associations',
		description: 'Les associations présentent leurs activités; inscriptions pour la saison.',
		day: -330,
		hour: 10,
		durationHours: 7,
		at: { place: 2 },
		theme: 'social',
		format: 'forum',
		needs: ['tables', 'grilles d’exposition'],
		visibility: 'public',
		organisers: [
			{ key: 'mairie', commune: UZES },
			{ key: 'reseau-culture', commune: SAINT_QUENTIN }
		],
		participants: 10
	},
	{
		title: 'Journées du patrimoine: capitelles et lavoirs',
		description: 'Visites guidées des capitelles restaurées et du lavoir, goûter au foyer.',
		day: -300,
		hour: 14,
		durationHours: 4,
		at: { place: 10 },
		theme: 'patrimoine',
		format: 'visite',
		needs: [],
		visibility: 'public',
		organisers: [{ key: 'foyer-rural', commune: LUSSAN }],
		participants: 4
	},
	{
		title: 'Repair café de rentrée',
		description: 'Apportez vos objets en panne: on cherche ensemble comment les réparer.',
		day: -270,
		hour: 9,
		durationHours: 4,
		at: { place: 5 },
		theme: 'environnement',
		format: 'atelier',
		needs: ['bénévoles bricoleurs'],
		visibility: 'public',
		organisers: [{ key: 'repair-cafe', commune: CASTILLON }],
		participants: 3
	},
	{
		title: 'Tournoi de football inter-villages',
		description: 'Équipes mixtes des villages de l’intercommunalité, finale en soirée.',
		day: -245,
		hour: 9,
		durationHours: 9,
		at: { commune: MOUSSAC },
		theme: 'sport',
		format: 'tournoi',
		needs: ['arbitres', 'buvette'],
		visibility: 'public',
		organisers: [
			{ key: 'football', commune: MOUSSAC },
			{ key: 'mairie', commune: MOUSSAC }
		],
		participants: 5
	},
	{
		title: 'Fête du jeu',
		description: 'Jeux de société, jeux en bois géants et tournoi de belote pour tous les âges.',
		day: -210,
		hour: 14,
		durationHours: 6,
		at: { place: 7 },
		theme: 'education',
		format: 'fête',
		needs: ['tables'],
		visibility: 'public',
		organisers: [
			{ key: 'ludotheque', commune: BLAUZAC },
			{ key: 'comite-fetes', commune: BLAUZAC }
		],
		participants: 4
	},
	{
		title: 'Marché aux truffes',
		description: 'Marché des trufficulteurs, démonstrations de cavage et dégustations.',
		day: -180,
		hour: 9,
		durationHours: 5,
		at: { commune: UZES },
		theme: 'alimentation',
		format: 'marché',
		needs: ['barnums'],
		visibility: 'public',
		organisers: [
			{ key: 'office-tourisme', commune: UZES },
			{ key: 'union-commercants', commune: UZES }
		],
		participants: 6
	},
	{
		title: 'Atelier numérique pour les seniors',
		description: 'Prendre en main sa tablette et les démarches en ligne, en petits groupes.',
		day: -150,
		hour: 14,
		durationHours: 3,
		at: { place: 11 },
		theme: 'numerique',
		format: 'atelier',
		needs: [],
		visibility: 'public',
		organisers: [
			{ key: 'fablab', commune: UZES },
			{ key: 'mediatheque', commune: UZES }
		],
		participants: 2
	},
	{
		title: 'Rencontre élus – associations',
		description:
			'Soirée d’échange entre élus et responsables associatifs sur les salles et le matériel partagés.',
		day: -120,
		hour: 18,
		durationHours: 3,
		at: { place: 0 },
		theme: 'social',
		format: 'réunion',
		needs: [],
		visibility: 'members',
		organisers: [
			{ key: 'conseil-communautaire', commune: UZES },
			{ key: 'tiers-lieu', commune: UZES }
		],
		participants: 8
	},
	{
		title: 'Bourse aux plantes et aux graines',
		description: 'Échange de plants, de boutures et de semences paysannes.',
		day: -95,
		hour: 9,
		durationHours: 4,
		at: { place: 9 },
		theme: 'environnement',
		format: 'troc',
		needs: ['tables'],
		visibility: 'public',
		organisers: [
			{ key: 'amap', commune: SAINT_SIFFRET },
			{ key: 'jardins', commune: MONTAREN }
		],
		participants: 3
	},
	{
		title: 'Chantier participatif au jardin',
		description: 'Construction de bacs surélevés et d’une haie sèche.',
		day: -70,
		hour: 9,
		durationHours: 6,
		at: { place: 6 },
		theme: 'environnement',
		format: 'chantier participatif',
		needs: ['outils', 'repas partagé'],
		visibility: 'public',
		organisers: [{ key: 'jardins', commune: MONTAREN }],
		participants: 3
	},
	{
		title: 'Marché des potiers',
		description: 'Une trentaine de céramistes exposent dans les rues du village.',
		day: -40,
		hour: 9,
		durationHours: 9,
		at: { place: 4 },
		theme: 'artisanat',
		format: 'marché',
		needs: ['barnums', 'bénévoles'],
		visibility: 'public',
		organisers: [
			{ key: 'atelier-ceramique', commune: SAINT_QUENTIN },
			{ key: 'mairie', commune: SAINT_QUENTIN }
		],
		participants: 5
	},
	{
		title: 'Concert des chorales de l’Uzège',
		description: 'Cinq chorales du territoire chantent ensemble à l’église.',
		day: -14,
		hour: 18,
		durationHours: 2,
		at: { commune: SAINT_QUENTIN },
		theme: 'culture',
		format: 'concert',
		needs: ['sono'],
		visibility: 'public',
		organisers: [
			{ key: 'chorale', commune: SAINT_QUENTIN },
			{ key: 'reseau-culture', commune: SAINT_QUENTIN }
		],
		participants: 4
	},
	{
		title: 'Nuit de la lecture',
		description: 'Lectures à voix haute, contes et jeux jusqu’à minuit.',
		day: 12,
		hour: 19,
		durationHours: 4,
		at: { place: 1 },
		theme: 'culture',
		format: 'lecture',
		needs: ['lecteurs bénévoles'],
		visibility: 'public',
		organisers: [{ key: 'mediatheque', commune: UZES }],
		participants: 3
	},
	{
		title: 'Randonnée des villages',
		description: 'Boucle de 15 km entre trois villages, pique-nique tiré du sac.',
		day: 40,
		hour: 8,
		durationHours: 7,
		at: { commune: AIGALIERS },
		theme: 'sport',
		format: 'randonnée',
		needs: ['signaleurs', 'ravitaillement'],
		visibility: 'public',
		organisers: [
			{ key: 'randonnee', commune: AIGALIERS },
			{ key: 'comite-fetes', commune: AIGALIERS }
		],
		participants: 3
	},
	{
		title: 'Fête des associations rurales',
		description:
			'La fête tourne chaque année dans une autre commune pour faire se rencontrer les villages.',
		day: 75,
		hour: 15,
		durationHours: 8,
		at: { commune: AIGALIERS },
		theme: 'social',
		format: 'fête',
		needs: ['bénévoles', 'tables', 'sono', 'buvette'],
		visibility: 'public',
		organisers: [
			{ key: 'mairie', commune: AIGALIERS },
			{ key: 'reseau-culture', commune: SAINT_QUENTIN }
		],
		participants: 6
	},
	// The fête's past editions (#9, events that travel): one a year, each in another village.
	// Appended last so that the events above keep their ids and participants.
	{
		title: 'Fête des associations rurales',
		description:
			'Première édition: les associations des villages tiennent stands et buvette autour de la salle des fêtes.',
		day: -1020,
		hour: 15,
		durationHours: 8,
		at: { place: 9 },
		theme: 'social',
		format: 'fête',
		needs: ['bénévoles', 'tables', 'buvette'],
		visibility: 'public',
		organisers: [
			{ key: 'mairie', commune: SAINT_SIFFRET },
			{ key: 'amap', commune: SAINT_SIFFRET }
		],
		participants: 5
	},
	{
		title: 'Fête des associations rurales',
		description: 'Deuxième édition, avec le tournoi de pétanque des clubs et un bal le soir.',
		day: -655,
		hour: 15,
		durationHours: 8,
		at: { place: 8 },
		theme: 'social',
		format: 'fête',
		needs: ['bénévoles', 'tables', 'sono', 'buvette'],
		visibility: 'public',
		organisers: [
			{ key: 'mairie', commune: MOUSSAC },
			{ key: 'football', commune: MOUSSAC }
		],
		participants: 5
	},
	{
		title: 'Fête des associations rurales',
		description: 'Troisième édition, dans la cour et sous le préau du foyer rural.',
		day: -290,
		hour: 15,
		durationHours: 8,
		at: { place: 10 },
		theme: 'social',
		format: 'fête',
		needs: ['bénévoles', 'tables', 'sono', 'buvette'],
		visibility: 'public',
		organisers: [
			{ key: 'foyer-rural', commune: LUSSAN },
			{ key: 'mairie', commune: LUSSAN }
		],
		participants: 5
	}
];

export interface OfferSpec extends Omit<DemoOffer, 'id' | 'actorId' | 'validFrom' | 'validUntil'> {
	owner: ActorRef;
	/** Days from "now" the offer started, and how long it lasts (null: no end). */
	fromDay: number;
	days: number | null;
}

export const OFFERS: readonly OfferSpec[] = [
	{
		owner: { key: 'tiers-lieu', commune: UZES },
		direction: 'offer',
		category: 'room',
		title: 'Salle de réunion en semaine',
		description: 'Salle de 20 places avec écran, disponible en journée du lundi au jeudi.',
		conditions: 'Gratuit pour les associations adhérentes, 10 € l’heure sinon.',
		fromDay: -200,
		days: null
	},
	{
		owner: { key: 'mairie', commune: BLAUZAC },
		direction: 'offer',
		category: 'room',
		title: 'Prêt de la salle des fêtes',
		description: 'Salle de 200 places avec cuisine, pour les associations du territoire.',
		conditions: 'Réservation un mois à l’avance, caution de 300 €.',
		fromDay: -300,
		days: null
	},
	{
		owner: { key: 'mediatheque', commune: UZES },
		direction: 'offer',
		category: 'room',
		title: 'Salle d’animation pour ateliers gratuits',
		description: 'Pour des ateliers ouverts au public, le mercredi et le samedi.',
		conditions: 'Activité gratuite pour le public.',
		fromDay: -120,
		days: 365
	},
	{
		owner: { key: 'comite-fetes', commune: BLAUZAC },
		direction: 'offer',
		category: 'equipment',
		title: 'Barnums, tables et bancs',
		description: 'Trois barnums 3×6 m, vingt tables et quarante bancs.',
		conditions: 'Prêt entre associations, retrait et retour par l’emprunteur.',
		fromDay: -250,
		days: null
	},
	{
		owner: { key: 'foyer-rural', commune: LUSSAN },
		direction: 'offer',
		category: 'equipment',
		title: 'Sono et éclairage de scène',
		description: 'Sono 2×500 W, deux micros sans fil et quatre projecteurs LED.',
		conditions: 'Un membre du foyer installe le matériel.',
		fromDay: -180,
		days: null
	},
	{
		owner: { key: 'atelier-ceramique', commune: SAINT_QUENTIN },
		direction: 'offer',
		category: 'equipment',
		title: 'Cuissons dans le four partagé',
		description: 'Places dans les cuissons biscuit et émail pour les potiers du territoire.',
		conditions: 'Participation aux frais d’électricité.',
		fromDay: -90,
		days: 180
	},
	{
		owner: { key: 'mairie', commune: MOUSSAC },
		direction: 'offer',
		category: 'vehicle',
		title: 'Minibus neuf places',
		description: 'Le minibus communal peut transporter des équipes et des groupes le week-end.',
		conditions: 'Conducteur avec trois ans de permis; carburant à la charge de l’emprunteur.',
		fromDay: -365,
		days: null
	},
	{
		owner: { key: 'amap', commune: SAINT_SIFFRET },
		direction: 'offer',
		category: 'vehicle',
		title: 'Vélo cargo à prêter',
		description: 'Vélo cargo électrique pour les livraisons et les petits déménagements.',
		conditions: 'Caution et prise en main de dix minutes.',
		fromDay: -60,
		days: null
	},
	{
		owner: { key: 'atelier-ceramique', commune: SAINT_QUENTIN },
		direction: 'request',
		category: 'vehicle',
		title: 'Utilitaire pour le marché des potiers',
		description: 'Nous cherchons un utilitaire pour transporter les stands le jour du marché.',
		conditions: null,
		fromDay: -60,
		days: 30
	},
	{
		owner: { key: 'cae', commune: UZES },
		direction: 'offer',
		category: 'skill',
		title: 'Comptabilité associative',
		description: 'Permanence mensuelle: budget, demande de subvention, bilan simplifié.',
		conditions: 'Gratuit pour les petites associations.',
		fromDay: -150,
		days: null
	},
	{
		owner: { key: 'fablab', commune: UZES },
		direction: 'offer',
		category: 'skill',
		title: 'Initiation aux outils numériques',
		description: 'Visioconférence, partage de documents, site web simple pour une association.',
		conditions: null,
		fromDay: -100,
		days: null
	},
	{
		owner: { key: 'repair-cafe', commune: CASTILLON },
		direction: 'offer',
		category: 'skill',
		title: 'Réparation de vélos',
		description: 'Des bénévoles apprennent à régler freins et dérailleurs.',
		conditions: 'Pièces à la charge du propriétaire.',
		fromDay: -40,
		days: null
	},
	{
		owner: { key: 'reseau-culture', commune: SAINT_QUENTIN },
		direction: 'request',
		category: 'skill',
		title: 'Graphiste pour l’affiche du festival',
		description: 'Une affiche et un programme de quatre pages, à rendre avant le printemps.',
		conditions: 'Bénévolat ou petit défraiement.',
		fromDay: -20,
		days: 60
	},
	{
		owner: { key: 'comite-fetes', commune: AIGALIERS },
		direction: 'request',
		category: 'time',
		title: 'Bénévoles pour la fête des associations rurales',
		description: 'Montage, buvette et rangement: deux heures suffisent.',
		conditions: null,
		fromDay: -10,
		days: 90
	},
	{
		owner: { key: 'conseil-jeunes', commune: UZES },
		direction: 'offer',
		category: 'time',
		title: 'Des jeunes pour vos chantiers',
		description: 'Le conseil municipal des jeunes propose des demi-journées de chantier citoyen.',
		conditions: 'Encadrement par un adulte de l’association.',
		fromDay: -30,
		days: 120
	},
	{
		owner: { key: 'randonnee', commune: AIGALIERS },
		direction: 'request',
		category: 'time',
		title: 'Accompagnateurs pour les sorties',
		description: 'Des marcheurs expérimentés pour encadrer un second groupe le dimanche.',
		conditions: null,
		fromDay: -45,
		days: null
	},
	{
		owner: { key: 'chorale', commune: SAINT_QUENTIN },
		direction: 'request',
		category: 'room',
		title: 'Salle pour les répétitions',
		description: 'Une salle chauffée de 30 places le mardi soir, de préférence avec un piano.',
		conditions: null,
		fromDay: -80,
		days: null
	},
	{
		owner: { key: 'jardins', commune: MONTAREN },
		direction: 'request',
		category: 'equipment',
		title: 'Outils de jardinage',
		description: 'Bêches, grelinettes et brouettes, même à réparer.',
		conditions: null,
		fromDay: -70,
		days: null
	},
	{
		owner: { key: 'boulangerie' },
		direction: 'offer',
		category: 'other',
		title: 'Invendus de pain en fin de journée',
		description: 'Pain de la veille à donner à une épicerie solidaire ou une association.',
		conditions: 'À récupérer avant 19 h.',
		fromDay: -100,
		days: null
	},
	{
		owner: { key: 'huilerie' },
		direction: 'request',
		category: 'other',
		title: 'Terrain pour installer des ruches',
		description:
			'Une parcelle en garrigue, loin des cultures traitées, pour une dizaine de ruches.',
		conditions: 'Un pot de miel par ruche et par an.',
		fromDay: -50,
		days: null
	}
];
