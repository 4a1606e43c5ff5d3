/**
 * Synthetic listings for the speed benchmark: French-looking actors in real communes, each
 * listed one to three times across three listings with the usual variations (case, accents,
 * legal form, typos, phone formats, missing fields). Deterministic (seeded), so runs compare.
 * Only for speed: its quirks are not used to tune the matching rules.
 */
import type { CommuneEntry } from '../src/lib/domain/census/communes';

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const KINDS = [
	'Comité des fêtes',
	'Club de judo',
	'Chorale',
	'Amicale laïque',
	'Foyer rural',
	'AMAP',
	'Repair café',
	'Jardins partagés',
	'Ciné-club',
	'Compagnie de théâtre',
	'École de musique',
	'Boulangerie',
	'Garage',
	'Menuiserie',
	'Épicerie',
	'Atelier vélo',
	'Ressourcerie',
	'Bibliothèque de rue',
	'Secours populaire',
	'Tennis club',
	'Société de chasse',
	'Café associatif',
	'Poterie',
	'Fromagerie',
	'Imprimerie',
	'Centre social',
	'Collectif citoyen',
	'Les Amis du patrimoine'
];
const WORDS = [
	'Cigale',
	'Lavande',
	'Mistral',
	'Olivier',
	'Garrigue',
	'Capitelle',
	'Source',
	'Colline',
	'Ricochet',
	'Pollen',
	'Mille Pattes',
	'Roue Libre',
	'Grand Chêne',
	'Pont Vieux',
	'Trois Fontaines',
	'La Lune',
	'Petit Pas',
	'Chemin Faisant',
	'Rezo',
	'Fourmi',
	'Abeille',
	'Châtaigne',
	'Micocoulier',
	'Tramontane',
	'Lézard',
	'Cerisier',
	'Figuier',
	'Bergerie',
	'Moulin',
	'Clapas',
	'Cévenole',
	'Camargue'
];
const SURNAMES = [
	'Martin',
	'Roux',
	'Garcia',
	'Bernard',
	'Vidal',
	'Teissier',
	'Reboul',
	'Gibert',
	'Castan',
	'Pellet',
	'Abric',
	'Balmelle',
	'Chabert',
	'Nègre',
	'Rouvière',
	'Servière',
	'Fabre',
	'Guiraud',
	'Soulier',
	'Meynier'
];
const STREETS = ['R', 'AV', 'PL', 'CH', 'IMP', 'BD', 'RTE', 'ALL'];
const STREET_NAMES = [
	'DE LA POSTE',
	"DE L'EGLISE",
	'JEAN JAURES',
	'DES ECOLES',
	'VICTOR HUGO',
	'GAMBETTA',
	'DU MOULIN'
];
const FORMS = ['SARL', 'SAS', 'EI', 'SCOP', 'asso', 'Association'];

function typo(s: string, rnd: () => number): string {
	if (s.length < 4) return s;
	const i = 1 + Math.floor(rnd() * (s.length - 2));
	const k = rnd();
	if (k < 0.33) return s.slice(0, i) + s.slice(i + 1);
	if (k < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
	return s.slice(0, i) + 'e' + s.slice(i + 1);
}

/** Appends the Luhn key digit, so generated SIRET numbers are valid. */
function withLuhnKey(digits: string): string {
	for (let k = 0; k < 10; k++) {
		const candidate = digits + k;
		let sum = 0;
		for (let i = 0; i < candidate.length; i++) {
			let d = candidate.charCodeAt(candidate.length - 1 - i) - 48;
			if (i % 2 === 1) {
				d *= 2;
				if (d > 9) d -= 9;
			}
			sum += d;
		}
		if (sum % 10 === 0) return candidate;
	}
	return digits + '0';
}

function fold(s: string): string {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function csvCell(s: string): string {
	return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface SyntheticListing {
	file: string;
	text: string;
	rows: number;
}

/** `n` records (about) split into three listings, from `communes` (current communes). */
export function syntheticListings(
	n: number,
	communes: readonly CommuneEntry[],
	seed = 42
): SyntheticListing[] {
	const rnd = mulberry32(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	// About 30 actors per commune, as in a dense territory.
	const pool = communes.filter((c) => (c.codesPostaux?.length ?? 0) > 0);
	const used = pool.slice(0, Math.max(10, Math.min(pool.length, Math.ceil(n / 45))));
	const reg = [
		'siret,denominationUniteLegale,numeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,codeCommuneEtablissement'
	];
	const members = ['Nom de la structure;Contact;Téléphone;Courriel;Ville;Site web'];
	const signup = ['Structure,Nom Prénom,Mail,Commune,CP'];
	let count = 0;
	let actor = 0;
	while (count < n) {
		actor++;
		const c = pick(used);
		const kind = pick(KINDS);
		const distinctive = rnd() < 0.5 ? pick(WORDS) : `${pick(WORDS)} ${pick(SURNAMES)}`;
		const name = rnd() < 0.4 ? `${kind} de ${c.nom}` : `${kind} ${distinctive}`;
		const phone = `0${4 + Math.floor(rnd() * 3)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
		const slug = fold(name)
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-');
		const email =
			rnd() < 0.5
				? `contact@${slug}.fr`
				: `${fold(pick(SURNAMES)).toLowerCase()}${actor}@orange.fr`;
		const person = `${pick(['Marie', 'Luc', 'Inès', 'Paul', 'Léa', 'Hugo'])} ${pick(SURNAMES)}`;
		const copies = 1 + (rnd() < 0.45 ? 1 : 0) + (rnd() < 0.15 ? 1 : 0);
		const targets = [0, 1, 2].sort(() => rnd() - 0.5).slice(0, copies);
		for (const t of targets) {
			if (count >= n) break;
			count++;
			const variant = rnd() < 0.3 ? typo(name, rnd) : name;
			if (t === 0) {
				const siret = withLuhnKey(String(100000000 + actor).slice(0, 9) + '0001');
				reg.push(
					[
						'',
						fold(variant).toUpperCase() + (rnd() < 0.3 ? ` ${pick(FORMS).toUpperCase()}` : ''),
						String(1 + Math.floor(rnd() * 120)),
						pick(STREETS),
						pick(STREET_NAMES),
						c.codesPostaux![0]!,
						fold(c.nom).toUpperCase(),
						c.code
					]
						.map((v, i) => (i === 0 ? siret : csvCell(v)))
						.join(',')
				);
			} else if (t === 1) {
				members.push(
					[
						rnd() < 0.2 ? `${pick(FORMS)} ${variant}` : variant,
						person,
						rnd() < 0.5 ? phone.replace(/(\d\d)(?=\d)/g, '$1 ') : '+33' + phone.slice(1),
						rnd() < 0.7 ? email : '',
						rnd() < 0.5 ? c.nom.toUpperCase() : c.nom,
						rnd() < 0.2 ? `www.${slug}.fr` : ''
					]
						.map(csvCell)
						.join(';')
				);
			} else {
				signup.push(
					[
						variant,
						person.split(' ').reverse().join(' ').toUpperCase(),
						rnd() < 0.6 ? email : '',
						rnd() < 0.3 ? fold(c.nom) : c.nom,
						rnd() < 0.5 ? c.codesPostaux![0]! : ''
					]
						.map(csvCell)
						.join(',')
				);
			}
		}
	}
	return [
		{ file: 'registre.csv', text: reg.join('\n') + '\n', rows: reg.length - 1 },
		{ file: 'membres.csv', text: members.join('\n') + '\n', rows: members.length - 1 },
		{ file: 'inscriptions.csv', text: signup.join('\n') + '\n', rows: signup.length - 1 }
	];
}
