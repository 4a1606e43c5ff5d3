import { isRole, type Role, type RoleMapping } from '../domain/census/types';

/** Header → compact key: no accents, no case, no punctuation ("Téléphone" → "telephone"). */
export function headerKey(header: string): string {
	return header
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/**
 * Exact header names, French and English, including the national registers' columns
 * (RNA extracts, SIRENE stock files) and the usual hand-made headers. Several columns may feed
 * one role: address parts are joined in the order of the file.
 */
// No prototype: a word such as "constructor" must not find Object's own members.
const EXACT: Record<string, Role> = Object.assign(Object.create(null), {
	// identifiers of the row in its own listing
	id: 'id',
	identifiant: 'id',
	ref: 'id',
	reference: 'id',
	recid: 'id',
	idfs: 'id',
	datapassid: 'id',
	// names
	nom: 'name',
	name: 'name',
	nomdelastructure: 'name',
	nomstructure: 'name',
	structure: 'name',
	raisonsociale: 'name',
	denomination: 'name',
	denominationunitelegale: 'name',
	enseigne: 'name',
	enseigne1etablissement: 'name',
	denominationusuelleetablissement: 'name',
	titre: 'name',
	libfs: 'name',
	organisation: 'name',
	organization: 'name',
	organisme: 'name',
	nomorganisme: 'name',
	association: 'name',
	nomassociation: 'name',
	nomdelassociation: 'name',
	entreprise: 'name',
	acteur: 'name',
	nomacteur: 'name',
	etablissement: 'name',
	// kind
	type: 'kind',
	typologie: 'kind',
	typestructure: 'kind',
	formejuridique: 'kind',
	statut: 'kind',
	statutjuridique: 'kind',
	categorie: 'kind',
	categoriejuridiqueunitelegale: 'kind',
	naturejuridique: 'kind',
	kind: 'kind',
	// address parts
	adresse: 'address',
	adresse1: 'address',
	adresse2: 'address',
	adressepostale: 'address',
	complementadresse: 'address',
	complementdadresse: 'address',
	adrsnumvoie: 'address',
	adrsrepetition: 'address',
	adrstypevoie: 'address',
	adrslibvoie: 'address',
	adrscomplement: 'address',
	numerovoieetablissement: 'address',
	indicerepetitionetablissement: 'address',
	typevoieetablissement: 'address',
	libellevoieetablissement: 'address',
	complementadresseetablissement: 'address',
	numvoie: 'address',
	numerovoie: 'address',
	typevoie: 'address',
	voie: 'address',
	rue: 'address',
	address: 'address',
	address1: 'address',
	address2: 'address',
	street: 'address',
	streetnumber: 'address',
	// postcode
	cp: 'postcode',
	codepostal: 'postcode',
	adrscodepostal: 'postcode',
	codepostaletablissement: 'postcode',
	postcode: 'postcode',
	postalcode: 'postcode',
	zip: 'postcode',
	zipcode: 'postcode',
	// commune
	ville: 'commune',
	commune: 'commune',
	localite: 'commune',
	adrslibcommune: 'commune',
	libellecommuneetablissement: 'commune',
	libcom: 'commune',
	nomcommune: 'commune',
	city: 'commune',
	town: 'commune',
	suburb: 'commune',
	// INSEE code
	codeinsee: 'commune_code',
	insee: 'commune_code',
	adrscodeinsee: 'commune_code',
	codecommuneetablissement: 'commune_code',
	codecommune: 'commune_code',
	inseecom: 'commune_code',
	citycode: 'commune_code',
	depcom: 'commune_code',
	// contacts
	tel: 'phone',
	telephone: 'phone',
	telephones: 'phone',
	portable: 'phone',
	mobile: 'phone',
	phone: 'phone',
	numerodetelephone: 'phone',
	courriel: 'email',
	mail: 'email',
	email: 'email',
	adressemail: 'email',
	adressecourriel: 'email',
	adresseelectronique: 'email',
	siteweb: 'website',
	siteinternet: 'website',
	site: 'website',
	website: 'website',
	web: 'website',
	url: 'website',
	// registers
	siret: 'siret',
	pivot: 'siret',
	numerosiret: 'siret',
	siren: 'siren',
	numerosiren: 'siren',
	rna: 'rna',
	numerorna: 'rna',
	idassociation: 'rna',
	numrna: 'rna',
	// coordinates
	lat: 'lat',
	latitude: 'lat',
	lon: 'lon',
	lng: 'lon',
	long: 'lon',
	longitude: 'lon',
	// tags
	secteur: 'tags',
	secteurs: 'tags',
	tags: 'tags',
	thematique: 'tags',
	thematiques: 'tags',
	domaine: 'tags',
	activite: 'tags',
	activites: 'tags',
	// people
	contact: 'contact_person',
	nomprenom: 'contact_person',
	prenomnom: 'contact_person',
	nomducontact: 'contact_person',
	personnecontact: 'contact_person',
	referent: 'contact_person',
	responsable: 'contact_person',
	president: 'contact_person',
	contactperson: 'contact_person',
	// a person's date of birth (member lists, contacts), evidence when people are listed
	datedenaissance: 'birth_date',
	datenaissance: 'birth_date',
	naissance: 'birth_date',
	nele: 'birth_date',
	dateofbirth: 'birth_date',
	birthdate: 'birth_date',
	birthday: 'birth_date',
	dob: 'birth_date'
});

/** Headers that look like a role but are not one (a department is not a commune). */
const IGNORED: ReadonlySet<string> = new Set([
	'inseedep',
	'codedepartement',
	'departement',
	'dep',
	'region',
	'coderegion',
	'typevoieetablissement2',
	'datemaj',
	'datecreat'
]);

/** Looser rules for headers not in the table, tried in this order. */
const CONTAINS: [RegExp, Role][] = [
	[/siret/, 'siret'],
	[/siren/, 'siren'],
	[/^rna|rna$/, 'rna'],
	[/insee/, 'commune_code'],
	[/mail|courriel/, 'email'],
	[/^tel|phone|telephone/, 'phone'],
	[/siteweb|website|siteinternet/, 'website'],
	[/codepostal|postal|^cp/, 'postcode'],
	[/latitude/, 'lat'],
	[/longitude/, 'lon'],
	[/^adresse|^adrs|address|voie$/, 'address'],
	[/commune|ville/, 'commune'],
	[/raisonsociale|denomination|nomstructure|nomdelastructure/, 'name']
];

/** Roles that take one column only: a second matching column is left out. */
const SINGLE: ReadonlySet<Role> = new Set<Role>([
	'id',
	'kind',
	'postcode',
	'commune',
	'commune_code',
	'siret',
	'siren',
	'rna',
	'lat',
	'lon',
	'contact_person',
	'website',
	'birth_date'
]);

const RNA_VALUE = /^W\d{9}$/i;

/**
 * Detects column roles from the headers, and from the values for one case: an `id` column that
 * holds RNA numbers (the association register's own extract) also feeds `rna`.
 */
export function detectRoles(
	headers: readonly string[],
	sample: readonly Readonly<Record<string, string>>[] = []
): RoleMapping {
	const roles: RoleMapping = {};
	for (const header of headers) {
		const key = headerKey(header);
		if (key === '') continue;
		if (IGNORED.has(key)) continue;
		let role: Role | undefined = EXACT[key];
		if (role === undefined) {
			for (const [re, r] of CONTAINS) {
				if (re.test(key)) {
					role = r;
					break;
				}
			}
		}
		if (role === undefined) continue;
		const list = (roles[role] ??= []);
		if (SINGLE.has(role) && list.length > 0) continue;
		list.push(header);
	}
	if (roles.rna === undefined && roles.id !== undefined && sample.length > 0) {
		const col = roles.id[0]!;
		const values = sample.map((r) => (r[col] ?? '').trim()).filter((v) => v !== '');
		const rnaLike = values.filter((v) => RNA_VALUE.test(v)).length;
		if (values.length > 0 && rnaLike / values.length >= 0.8) roles.rna = [col];
	}
	return roles;
}

export class MappingError extends Error {
	constructor(
		readonly code: 'bad_mapping' | 'unknown_role' | 'unknown_column',
		message: string
	) {
		super(message);
	}
}

/** One file's part of a `--mapping` file: `{ "<role>": "<column>" | ["<column>", …] }`. */
export function parseFileMapping(input: unknown, headers: readonly string[]): RoleMapping {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw new MappingError('bad_mapping', 'Le mapping doit être un objet { rôle: colonne }.');
	}
	const trimmed = new Map(headers.map((h) => [h.trim(), h]));
	const out: RoleMapping = {};
	for (const [role, value] of Object.entries(input as Record<string, unknown>)) {
		if (!isRole(role))
			throw new MappingError('unknown_role', `Rôle inconnu dans le mapping : ${role}`);
		const cols = typeof value === 'string' ? [value] : value;
		if (!Array.isArray(cols) || cols.some((c) => typeof c !== 'string')) {
			throw new MappingError('bad_mapping', `Colonnes invalides pour le rôle ${role}`);
		}
		out[role] = (cols as string[]).map((c) => {
			const h = trimmed.get(c.trim());
			if (h === undefined) {
				throw new MappingError(
					'unknown_column',
					`Colonne absente du fichier : ${c} (rôle ${role})`
				);
			}
			return h;
		});
	}
	return out;
}

/**
 * A mapping replaces detection for the roles it names; detected roles whose columns the
 * mapping did not claim are kept.
 */
export function applyMapping(detected: RoleMapping, mapping: RoleMapping): RoleMapping {
	const claimed = new Set(Object.values(mapping).flat());
	const out: RoleMapping = {};
	for (const [role, cols] of Object.entries(detected) as [Role, string[]][]) {
		if (mapping[role] !== undefined) continue;
		const free = cols.filter((c) => !claimed.has(c));
		if (free.length > 0) out[role] = free;
	}
	return { ...out, ...mapping };
}
