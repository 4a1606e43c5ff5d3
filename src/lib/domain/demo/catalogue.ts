/**
 * What a cooperation network in the Uzège looks like, as templates the generator draws from.
 * Every name is invented: placeholders are `{c}` (commune), `{de}` ("de Blauzac" / "d'Uzès")
 * and `{x}` (one of `fancy`). No template names a person.
 */
import type { ActorKind, Sector, World } from './types';

export type ContactPolicy = 'public' | 'association' | 'private';

export interface ActorTemplate {
	key: string;
	kind: ActorKind;
	names: readonly string[];
	fancy?: readonly string[];
	legalForms: readonly (string | null)[];
	sectors: readonly Sector[];
	/** Worlds besides urbain/rural, which follow the commune. */
	worlds: readonly World[];
	tags?: readonly string[];
	description: string;
	/** Relative frequency when filling a commune. */
	weight: number;
	/** Only in communes at least this big (a bookshop needs customers). */
	minPopulation?: number;
	/** How many may share a commune of 3 000 inhabitants or more; 1 elsewhere. */
	perTown?: number;
	/** Weight multiplier in given communes (pottery in Saint-Quentin-la-Poterie). */
	boost?: Readonly<Record<string, number>>;
	contact: ContactPolicy;
	/** Probability of a website. */
	website?: number;
}

const POTTERY_VILLAGE = '30295';
const UZES = '30334';

export const MAIRIE: ActorTemplate = {
	key: 'mairie',
	kind: 'public_body',
	names: ['Mairie {de}'],
	legalForms: ['Commune'],
	sectors: ['social', 'education', 'patrimoine'],
	worlds: ['professionnel', 'non-lucratif', 'elu'],
	tags: ['prêt de salle', 'subventions'],
	description:
		'Accueil de la mairie {de}: état civil, urbanisme, prêt des salles communales et soutien aux associations.',
	weight: 0,
	contact: 'public',
	website: 0.6
};

/** Actors placed on purpose: places, events and offers refer to them. */
export const FIXED_TEMPLATES: readonly ActorTemplate[] = [
	{
		key: 'communaute',
		kind: 'public_body',
		names: ['Communauté de communes du Pays d’Uzès'],
		legalForms: ['Établissement public de coopération intercommunale'],
		sectors: ['economie', 'environnement', 'tourisme', 'social'],
		worlds: ['professionnel', 'non-lucratif', 'elu'],
		description:
			'Intercommunalité de 35 communes: développement économique, déchets, petite enfance, tourisme.',
		weight: 0,
		contact: 'public',
		website: 1
	},
	{
		key: 'conseil-communautaire',
		kind: 'elected_body',
		names: ['Conseil communautaire du Pays d’Uzès'],
		legalForms: ['Assemblée délibérante'],
		sectors: ['economie', 'social'],
		worlds: ['elu', 'non-lucratif'],
		description:
			'Les élus des 35 communes qui votent le budget et les projets de l’intercommunalité.',
		weight: 0,
		contact: 'public'
	},
	{
		key: 'conseil-jeunes',
		kind: 'elected_body',
		names: ['Conseil municipal des jeunes {de}'],
		legalForms: [null],
		sectors: ['education', 'social'],
		worlds: ['elu', 'amateur', 'non-lucratif'],
		tags: ['jeunesse'],
		description: 'Des collégiens élus qui portent des projets pour la commune.',
		weight: 0,
		contact: 'public'
	},
	{
		key: 'office-tourisme',
		kind: 'public_body',
		names: ['Office de tourisme intercommunal'],
		legalForms: ['Établissement public industriel et commercial'],
		sectors: ['tourisme', 'patrimoine', 'culture'],
		worlds: ['professionnel', 'non-lucratif'],
		description: 'Accueil des visiteurs, agenda des manifestations et marchés du territoire.',
		weight: 0,
		contact: 'public',
		website: 1
	},
	{
		key: 'college',
		kind: 'public_body',
		names: ['Collège public {de}'],
		legalForms: ['Établissement public local d’enseignement'],
		sectors: ['education'],
		worlds: ['professionnel', 'non-lucratif'],
		tags: ['jeunesse'],
		description: 'Collège de secteur des communes du Pays d’Uzès.',
		weight: 0,
		contact: 'public'
	},
	{
		key: 'mediatheque',
		kind: 'public_body',
		names: ['Médiathèque intercommunale {de}'],
		legalForms: ['Service public intercommunal'],
		sectors: ['culture', 'education', 'numerique'],
		worlds: ['professionnel', 'non-lucratif'],
		tags: ['lecture publique', 'ateliers'],
		description: 'Prêt de livres, jeux et films, ateliers numériques et accueil des classes.',
		weight: 0,
		contact: 'public',
		website: 1
	},
	{
		key: 'tiers-lieu',
		kind: 'cooperative',
		names: ['La Filature, tiers-lieu coopératif'],
		legalForms: ['SCIC SAS'],
		sectors: ['economie', 'numerique', 'culture', 'social'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['coworking', 'tiers-lieu', 'ESS'],
		description:
			'Société coopérative d’intérêt collectif: bureaux partagés, salle de réunion, café et ateliers.',
		weight: 0,
		contact: 'public',
		website: 1
	},
	{
		key: 'cae',
		kind: 'cooperative',
		names: ['Coopérative d’activités et d’emploi de l’Uzège'],
		legalForms: ['SCOP SA'],
		sectors: ['economie'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['ESS', 'entrepreneuriat', 'emploi'],
		description:
			'Entrepreneurs salariés qui testent et développent leur activité dans un cadre coopératif.',
		weight: 0,
		contact: 'public',
		website: 1
	},
	{
		key: 'union-commercants',
		kind: 'association',
		names: ['Union des commerçants et artisans {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['economie'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		description:
			'Animations commerciales, quinzaine des commerces et illuminations de fin d’année.',
		weight: 0,
		contact: 'association'
	},
	{
		key: 'reseau-culture',
		kind: 'association',
		names: ['Réseau culturel de l’Uzège'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		tags: ['réseau', 'agenda partagé'],
		description:
			'Fédère les associations culturelles du territoire: agenda commun, prêt de matériel, festival.',
		weight: 0,
		contact: 'association',
		website: 1
	},
	{
		key: 'atelier-ceramique',
		kind: 'association',
		names: ['Atelier céramique partagé {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['artisanat', 'culture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['poterie', 'four partagé'],
		description: 'Tours, four et émaux partagés entre potiers amateurs et professionnels.',
		weight: 0,
		contact: 'association'
	},
	{
		key: 'jardins',
		kind: 'association',
		names: ['Les Jardins partagés {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['environnement', 'alimentation'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['jardinage', 'compost'],
		description: 'Parcelles cultivées ensemble, compost collectif et ateliers de semences.',
		weight: 0,
		contact: 'association'
	},
	{
		key: 'fablab',
		kind: 'association',
		names: ['Fab lab de l’Uzège'],
		legalForms: ['Association loi 1901'],
		sectors: ['numerique', 'education'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['impression 3D', 'médiation numérique'],
		description:
			'Atelier de fabrication numérique ouvert à tous: impression 3D, découpe laser, électronique.',
		weight: 0,
		contact: 'association',
		website: 1
	}
];

const FETES = ['Comité des fêtes {de}', 'Comité des fêtes et de la jeunesse {de}'];

/** Templates that fill the communes, drawn by weight. */
export const TEMPLATES: readonly ActorTemplate[] = [
	// Associations
	{
		key: 'comite-fetes',
		kind: 'association',
		names: FETES,
		legalForms: ['Association loi 1901'],
		sectors: ['culture', 'social'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['fête votive', 'bénévoles'],
		description: 'Organise la fête votive, le loto et le réveillon du village.',
		weight: 8,
		contact: 'association'
	},
	{
		key: 'foyer-rural',
		kind: 'association',
		names: ['Foyer rural {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture', 'sport', 'education'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		tags: ['activités', 'adhérent fédération des foyers ruraux'],
		description: 'Activités à l’année pour tous les âges: gym, théâtre, yoga, sorties.',
		weight: 5,
		contact: 'association'
	},
	{
		key: 'football',
		kind: 'association',
		names: ['Football club {de}', 'Entente sportive {de}', 'Union sportive {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['sport'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		tags: ['jeunesse', 'affilié FFF'],
		description: 'Club de football, école de foot dès 5 ans et équipes seniors.',
		weight: 3,
		minPopulation: 700,
		contact: 'association'
	},
	{
		key: 'tennis',
		kind: 'association',
		names: ['Tennis club {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['sport'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		description: 'Courts, école de tennis et tournoi d’été.',
		weight: 2,
		minPopulation: 1000,
		contact: 'association'
	},
	{
		key: 'judo',
		kind: 'association',
		names: ['Judo club {de}', 'Dojo {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['sport'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'federation'],
		description: 'Judo, jujitsu et taïso, enseignés par un professeur diplômé d’État.',
		weight: 1.5,
		minPopulation: 1000,
		contact: 'association'
	},
	{
		key: 'randonnee',
		kind: 'association',
		names: ['{x}'],
		fancy: [
			'Les Marcheurs de la garrigue',
			'Rando Uzège',
			'Les Sentiers de l’Alzon',
			'Pas à pas en Uzège'
		],
		legalForms: ['Association loi 1901'],
		sectors: ['sport', 'environnement'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['randonnée', 'seniors'],
		description: 'Sorties à la journée dans les garrigues et les gorges, chaque mardi et dimanche.',
		weight: 2,
		contact: 'association'
	},
	{
		key: 'amap',
		kind: 'association',
		names: ['AMAP {x}'],
		fancy: ['Les Paniers {de}', 'Le Panier de garrigue', 'Terres voisines', 'Les Bons Voisins'],
		legalForms: ['Association loi 1901'],
		sectors: ['alimentation', 'environnement', 'agriculture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['circuit court', 'bio'],
		description:
			'Distribution hebdomadaire de paniers de légumes, œufs et pain de producteurs proches.',
		weight: 2,
		contact: 'association'
	},
	{
		key: 'chorale',
		kind: 'association',
		names: ['Chorale {x}'],
		fancy: ['Les Voix {de}', 'À travers chants', 'Chœur de garrigue', 'La Clé des chants'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['musique'],
		description:
			'Chorale amateur, répétition hebdomadaire et concerts dans les églises du territoire.',
		weight: 2,
		contact: 'association'
	},
	{
		key: 'ludotheque',
		kind: 'association',
		names: ['Ludothèque {x}'],
		fancy: ['La Toupie', 'Le Dé à jouer', 'Jeux de garrigue', 'La Marelle'],
		legalForms: ['Association loi 1901'],
		sectors: ['education', 'culture', 'social'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['familles', 'jeux'],
		description:
			'Prêt de jeux, soirées jeux et animations dans les écoles et les fêtes de village.',
		weight: 1.2,
		minPopulation: 800,
		contact: 'association'
	},
	{
		key: 'repair-cafe',
		kind: 'association',
		names: ['Repair café {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['environnement', 'numerique', 'social'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['réemploi', 'réparation'],
		description:
			'Un samedi par mois, des bénévoles réparent avec vous petit électroménager, vélos, vêtements.',
		weight: 1.2,
		contact: 'association'
	},
	{
		key: 'aines',
		kind: 'association',
		names: ['Club des aînés {de}', 'Génération mouvement {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['social'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		tags: ['seniors'],
		description: 'Après-midi jeux, repas partagés et voyages pour les retraités.',
		weight: 3,
		contact: 'association'
	},
	{
		key: 'parents-eleves',
		kind: 'association',
		names: ['Association des parents d’élèves {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['education'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['familles', 'école'],
		description: 'Kermesse, vide-greniers et représentation des familles au conseil d’école.',
		weight: 3,
		minPopulation: 300,
		contact: 'association'
	},
	{
		key: 'chasse',
		kind: 'association',
		names: ['Société de chasse {de}', 'La Diane {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['environnement'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'federation'],
		description: 'Gestion du gibier, régulation des sangliers et entretien des chemins.',
		weight: 3,
		contact: 'association'
	},
	{
		key: 'patrimoine',
		kind: 'association',
		names: ['Les Amis {de}', 'Sauvegarde du patrimoine {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['patrimoine', 'culture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['visites', 'chantiers'],
		description:
			'Restauration des capitelles, lavoirs et chapelles; visites lors des Journées du patrimoine.',
		weight: 2,
		contact: 'association'
	},
	{
		key: 'theatre',
		kind: 'association',
		names: ['Compagnie {x}'],
		fancy: [
			'Les Tréteaux du Duché',
			'Le Rideau rouge',
			'Les Trois Coups',
			'Théâtre de la Garrigue'
		],
		legalForms: ['Association loi 1901'],
		sectors: ['culture'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['spectacle vivant'],
		description:
			'Compagnie de théâtre: créations, ateliers pour adolescents et tournée dans les villages.',
		weight: 1.2,
		contact: 'association',
		website: 0.5
	},
	{
		key: 'musique',
		kind: 'association',
		names: ['École de musique {de}'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture', 'education'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		description: 'Cours d’instruments, éveil musical et orchestre d’élèves.',
		weight: 1,
		minPopulation: 1000,
		contact: 'association'
	},
	{
		key: 'epicerie-solidaire',
		kind: 'association',
		names: ['Épicerie solidaire {x}'],
		fancy: ['Le Panier partagé', 'La Passerelle', 'Le Relais'],
		legalForms: ['Association loi 1901'],
		sectors: ['social', 'alimentation'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['aide alimentaire'],
		description: 'Produits à petit prix pour les foyers orientés par les travailleurs sociaux.',
		weight: 1,
		minPopulation: 1500,
		contact: 'association'
	},
	{
		key: 'cafe-associatif',
		kind: 'association',
		names: ['Café associatif {x}'],
		fancy: ['Le Comptoir {de}', 'La Cigale', 'Le Lavoir', 'Chez nous'],
		legalForms: ['Association loi 1901'],
		sectors: ['social', 'culture'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['lien social'],
		description:
			'Un lieu de rencontre au cœur du village: concerts, soupes partagées, dépôt de pain.',
		weight: 1.5,
		contact: 'association'
	},
	{
		key: 'danse',
		kind: 'association',
		names: ['{x}'],
		fancy: ['Danses trad en Uzège', 'Country club {de}', 'Salsa garrigue', 'Les Pieds légers'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture', 'sport'],
		worlds: ['amateur', 'non-lucratif', 'associatif', 'petite-association'],
		description: 'Cours hebdomadaires et bals ouverts à tous.',
		weight: 1.2,
		contact: 'association'
	},
	{
		key: 'festival',
		kind: 'association',
		names: ['Festival {x}'],
		fancy: ['Garrigue en scène', 'Les Nuits de l’Uzège', 'Jazz au village', 'Terre et musiques'],
		legalForms: ['Association loi 1901'],
		sectors: ['culture', 'tourisme'],
		worlds: ['professionnel', 'non-lucratif', 'associatif', 'petite-association'],
		tags: ['été', 'bénévoles'],
		description:
			'Festival d’été porté par des bénévoles: concerts, buvette et restauration locale.',
		weight: 0.8,
		contact: 'association',
		website: 0.8
	},
	// Informal groups
	{
		key: 'collectif',
		kind: 'informal_group',
		names: ['{x}'],
		fancy: [
			'Collectif citoyen {de}',
			'Les Tricoteuses {de}',
			'Groupe de marche du jeudi',
			'Troc de graines {de}',
			'Parents solidaires {de}',
			'Collectif vélo {de}',
			'Les Cuisiniers du dimanche'
		],
		legalForms: [null],
		sectors: ['social', 'environnement'],
		worlds: ['amateur', 'non-lucratif', 'petite-association'],
		tags: ['sans statut'],
		description: 'Groupe d’habitants sans statut qui se retrouve régulièrement.',
		weight: 2.5,
		perTown: 3,
		contact: 'private'
	},
	// Businesses
	{
		key: 'boulangerie',
		kind: 'business',
		names: ['Boulangerie {x}', 'Au fournil {de}'],
		fancy: [
			'de la Placette',
			'du Portail',
			'des Remparts',
			'Le Pain d’antan',
			'du Lavoir',
			'de la Fontaine'
		],
		legalForms: ['SARL', 'Entreprise individuelle', 'EURL'],
		sectors: ['alimentation'],
		worlds: ['professionnel', 'lucratif'],
		description:
			'Pain au levain, fougasses et pâtisseries; dépôt de pain dans les villages voisins.',
		weight: 3,
		minPopulation: 400,
		perTown: 3,
		contact: 'public'
	},
	{
		key: 'librairie',
		kind: 'business',
		names: ['Librairie {x}'],
		fancy: ['Le Marque-page', 'La Plume et l’Encrier', 'Des livres et des arbres', 'Page blanche'],
		legalForms: ['SARL', 'SCOP SARL'],
		sectors: ['culture'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['rencontres d’auteurs'],
		description: 'Librairie indépendante: rencontres d’auteurs, rayon jeunesse et commandes.',
		weight: 1.5,
		minPopulation: 3000,
		perTown: 2,
		contact: 'public',
		website: 0.7
	},
	{
		key: 'domaine',
		kind: 'business',
		names: ['Domaine {x}', 'Mas {x}'],
		fancy: [
			'des Garrigues',
			'de la Combe',
			'des Oliviers',
			'du Pont romain',
			'de Saint-Ferréol',
			'des Capitelles',
			'du Grès'
		],
		legalForms: ['EARL', 'SCEA', 'Entreprise individuelle'],
		sectors: ['agriculture', 'alimentation', 'tourisme'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['vin', 'vente à la propriété'],
		description:
			'Domaine viticole familial en Duché d’Uzès: caveau de vente et visites sur rendez-vous.',
		weight: 3,
		perTown: 2,
		contact: 'public',
		website: 0.6
	},
	{
		key: 'garage',
		kind: 'business',
		names: ['Garage {x}'],
		fancy: ['de la Gare', 'du Rond-point', 'des Platanes', 'de la Route d’Alès'],
		legalForms: ['SARL', 'Entreprise individuelle'],
		sectors: ['mobilite'],
		worlds: ['professionnel', 'lucratif'],
		description: 'Entretien et réparation toutes marques, dépannage.',
		weight: 1.5,
		minPopulation: 700,
		perTown: 2,
		contact: 'public'
	},
	{
		key: 'epicerie',
		kind: 'business',
		names: ['Épicerie {x}', 'Le Petit marché {de}'],
		fancy: ['du village', 'de la Place', 'Vrac et compagnie', 'Le Garde-manger'],
		legalForms: ['Entreprise individuelle', 'SARL'],
		sectors: ['alimentation'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['produits locaux'],
		description: 'Épicerie de proximité, produits locaux et dépôt de colis.',
		weight: 2,
		perTown: 2,
		contact: 'public'
	},
	{
		key: 'restaurant',
		kind: 'business',
		names: ['Restaurant {x}', 'Bistrot {x}'],
		fancy: [
			'Le Duché',
			'La Treille',
			'L’Olivade',
			'Le Micocoulier',
			'La Table du marché',
			'Le Figuier'
		],
		legalForms: ['SARL', 'SAS', 'EURL'],
		sectors: ['alimentation', 'tourisme'],
		worlds: ['professionnel', 'lucratif'],
		description: 'Cuisine de saison avec les produits des fermes voisines.',
		weight: 2,
		minPopulation: 500,
		perTown: 5,
		contact: 'public',
		website: 0.5
	},
	{
		key: 'pharmacie',
		kind: 'business',
		names: ['Pharmacie {x}'],
		fancy: ['de la Place', 'du Marché', 'des Cévennes', 'de l’Esplanade'],
		legalForms: ['SELARL'],
		sectors: ['sante'],
		worlds: ['professionnel', 'lucratif'],
		description: 'Officine de pharmacie, matériel médical et conseils.',
		weight: 1.2,
		minPopulation: 1200,
		perTown: 3,
		contact: 'public'
	},
	{
		key: 'poterie',
		kind: 'business',
		names: ['Atelier {x}'],
		fancy: [
			'Terre de feu',
			'Grès et Cendres',
			'La Terre qui chante',
			'Argile bleue',
			'Le Tour',
			'Émaux et terres'
		],
		legalForms: ['Entreprise individuelle', 'Micro-entreprise'],
		sectors: ['artisanat', 'culture', 'tourisme'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['céramique', 'stages'],
		description: 'Atelier de potier: pièces utilitaires en grès, stages d’initiation.',
		weight: 0.6,
		perTown: 5,
		boost: { [POTTERY_VILLAGE]: 12 },
		contact: 'public',
		website: 0.5
	},
	{
		key: 'gite',
		kind: 'business',
		names: ['Gîte {x}', 'Chambres d’hôtes {x}'],
		fancy: [
			'Le Mas des Amandiers',
			'La Bergerie',
			'Les Cigales',
			'Le Clos des Lavandes',
			'La Magnanerie'
		],
		legalForms: ['Entreprise individuelle', 'SCI'],
		sectors: ['tourisme'],
		worlds: ['professionnel', 'lucratif'],
		description: 'Hébergement de charme au calme, piscine et petit-déjeuner aux produits locaux.',
		weight: 2,
		perTown: 2,
		contact: 'public',
		website: 0.8
	},
	{
		key: 'numerique',
		kind: 'business',
		names: ['{x}'],
		fancy: ['Garrigue numérique', 'Atelier Pixel', 'Uzège Web', 'Clic et Cigale'],
		legalForms: ['SASU', 'EURL', 'Micro-entreprise'],
		sectors: ['numerique', 'economie'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['sites web', 'formation'],
		description: 'Création de sites, maintenance informatique et formation des petites structures.',
		weight: 1,
		minPopulation: 1000,
		perTown: 2,
		contact: 'public',
		website: 1
	},
	{
		key: 'menuiserie',
		kind: 'business',
		names: ['Menuiserie {x}', 'Maçonnerie {x}', 'Électricité {x}'],
		fancy: ['de l’Uzège', 'du Duché', 'Pierre et Bois', 'des Garrigues', 'du Vallon'],
		legalForms: ['SARL', 'Entreprise individuelle', 'EURL'],
		sectors: ['artisanat'],
		worlds: ['professionnel', 'lucratif'],
		description:
			'Artisan du bâtiment: rénovation de maisons de village et du bâti ancien en pierre.',
		weight: 2,
		perTown: 3,
		contact: 'public'
	},
	{
		key: 'huilerie',
		kind: 'business',
		names: ['Moulin à huile {x}', 'Truffière {x}', 'Miellerie {x}'],
		fancy: ['des Oliviers', 'du Mas Blanc', 'de la Garrigue', 'des Chênes verts'],
		legalForms: ['EARL', 'Entreprise individuelle'],
		sectors: ['agriculture', 'alimentation'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['vente directe'],
		description:
			'Production et vente directe: huile d’olive, truffes noires ou miel de garrigue selon la saison.',
		weight: 1.5,
		contact: 'public'
	},
	{
		key: 'maraicher',
		kind: 'business',
		names: ['Ferme {x}', 'Les Jardins {x}'],
		fancy: ['du Bord de l’Alzon', 'de la Source', 'des Quatre Saisons', 'du Mas Neuf'],
		legalForms: ['EARL', 'Entreprise individuelle', 'GAEC'],
		sectors: ['agriculture', 'alimentation', 'environnement'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['bio', 'circuit court'],
		description: 'Maraîchage biologique, vente à la ferme et paniers pour les AMAP.',
		weight: 1.5,
		contact: 'public'
	},
	// Cooperatives
	{
		key: 'scop',
		kind: 'cooperative',
		names: ['{x}'],
		fancy: [
			'Bâti Sain Uzège SCOP',
			'Imprimerie coopérative du Duché',
			'Écoterre bureau d’études',
			'Les Menuisiers associés'
		],
		legalForms: ['SCOP SARL', 'SCOP SA'],
		sectors: ['economie', 'artisanat', 'environnement'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['ESS'],
		description: 'Société coopérative et participative: les salariés sont associés majoritaires.',
		weight: 0.8,
		minPopulation: 1000,
		perTown: 2,
		contact: 'public',
		website: 0.7
	},
	{
		key: 'scic',
		kind: 'cooperative',
		names: ['{x}'],
		fancy: [
			'Énergies citoyennes de l’Uzège',
			'Cinéma coopératif du Duché',
			'Mobilité partagée Uzège'
		],
		legalForms: ['SCIC SAS', 'SCIC SARL'],
		sectors: ['environnement', 'mobilite', 'culture'],
		worlds: ['professionnel', 'lucratif'],
		tags: ['ESS', 'intérêt collectif'],
		description: 'Coopérative d’intérêt collectif associant habitants, collectivités et salariés.',
		weight: 0.6,
		minPopulation: 1000,
		perTown: 2,
		contact: 'public',
		website: 1
	},
	{
		key: 'cave-cooperative',
		kind: 'cooperative',
		names: ['Cave coopérative {x}'],
		fancy: ['{de}', 'Les Vignerons {de}'],
		legalForms: ['Société coopérative agricole'],
		sectors: ['agriculture', 'alimentation'],
		worlds: ['professionnel', 'lucratif', 'federation'],
		tags: ['vin'],
		description:
			'Cave des vignerons coopérateurs: vinification, caveau de vente et fête des vendanges.',
		weight: 0.7,
		minPopulation: 500,
		contact: 'public'
	},
	// Public bodies
	{
		key: 'ecole',
		kind: 'public_body',
		names: ['École primaire publique {de}', 'École maternelle {de}'],
		legalForms: ['École publique'],
		sectors: ['education'],
		worlds: ['professionnel', 'non-lucratif'],
		tags: ['jeunesse'],
		description: 'École publique de la commune.',
		weight: 4,
		minPopulation: 350,
		perTown: 2,
		contact: 'public'
	},
	{
		key: 'ccas',
		kind: 'public_body',
		names: ['Centre communal d’action sociale {de}'],
		legalForms: ['Établissement public administratif'],
		sectors: ['social'],
		worlds: ['professionnel', 'non-lucratif'],
		description: 'Aide sociale, portage de repas et lutte contre l’isolement.',
		weight: 1,
		minPopulation: 1500,
		contact: 'public'
	},
	{
		key: 'conseil-municipal',
		kind: 'elected_body',
		names: ['Conseil municipal {de}'],
		legalForms: ['Assemblée délibérante'],
		sectors: ['social'],
		worlds: ['elu', 'non-lucratif'],
		description: 'Les élus de la commune: commissions vie associative, culture et travaux.',
		weight: 1.5,
		contact: 'public'
	}
];

export const STREETS: readonly string[] = [
	'Grand’Rue',
	'Rue de l’Église',
	'Rue du Temple',
	'Place de la Fontaine',
	'Rue des Écoles',
	'Avenue de la Libération',
	'Chemin des Oliviers',
	'Chemin de la Garrigue',
	'Chemin du Moulin',
	'Chemin des Vignes',
	'Chemin de la Croix',
	'Rue du Lavoir',
	'Impasse des Mûriers',
	'Rue des Remparts',
	'Montée du Château',
	'Route d’Alès',
	'Route de Nîmes',
	'Route de Bagnols',
	'Avenue de la Gare',
	'Place du Marché',
	'Rue de la Calade',
	'Chemin des Capitelles',
	'Traverse des Amandiers',
	'Rue du Four'
];

/** Streets only the town has, so Uzès does not look like a village. */
export const TOWN_STREETS: Readonly<Record<string, readonly string[]>> = {
	[UZES]: [
		'Boulevard Gambetta',
		'Boulevard Victor-Hugo',
		'Place aux Herbes',
		'Rue de la République',
		'Avenue du Général-Vincent',
		'Rue Jacques-d’Uzès',
		'Avenue de la Libération',
		'Route de Nîmes',
		'Chemin de la Fontaine d’Eure'
	]
};

/** Farm and estate addresses in the countryside. */
export const LIEUX_DITS: readonly string[] = [
	'Mas de la Combe',
	'Lieu-dit Les Plaines',
	'Lieu-dit La Bégude',
	'Mas Neuf',
	'Lieu-dit Les Garrigues',
	'Lieu-dit Le Grès'
];
