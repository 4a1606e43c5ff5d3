/**
 * A synthetic territory of any size, for benchmarks and screenshots of the map at 1k, 10k, 100k
 * actors: actors spread over the communes of the Pays d'Uzès around their centres, kinds,
 * sectors, worlds and tags drawn from the demo catalogue, about 5% without a location, and three
 * listings in which each actor has one or two rows. Pure and seeded: the same options give the
 * same data. Unlike the demo it is not meant to be read as a real network (names repeat with a
 * suffix, there are no places, events or links) and its rows carry no normalised values, so a
 * census rebuild of it would not give these actors back: load it, do not import into it.
 *
 * Loaded by scripts/synthetic-territory.ts.
 */
import type { ActorKind } from '../actor-kinds';
import { communeCentre } from '../geo/commune-centres';
import { TEMPLATES, STREETS, TOWN_STREETS, LIEUX_DITS, type ActorTemplate } from './catalogue';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI, type DemoCommune } from './communes';
import { contactVisibility, de, offset, slugify } from './generate';
import { fictionalRna, fictionalSiret } from './identifiers';
import { Random } from './prng';
import type { ContactVisibility, LngLat } from './types';

export const SYNTHETIC_SEED = 1_000_003;
/** Share of actors left without a location (listed by the directory, not drawn). */
export const UNLOCATED_SHARE = 0.05;
/** Share of actors found in two listings rather than one. */
const TWO_LISTINGS_SHARE = 0.4;
const TOWN_POPULATION = 3000;

export interface SyntheticOptions {
	actors: number;
	slug: string;
	name?: string;
	seed?: number;
	/** Id source; the seeded generator by default. A loader may pass `crypto.randomUUID`. */
	uuid?: () => string;
}

export interface SyntheticSource {
	id: string;
	name: string;
	fileName: string;
	headers: string[];
	/** Role → columns, as the import wizard stores `source.column_mapping`. */
	columnMapping: Record<string, string[]>;
}

export interface ProvenanceRef {
	record_id: string;
	source_id: string;
}

export interface SyntheticActor {
	id: string;
	name: string;
	kind: ActorKind;
	legalForm: string | null;
	sectors: string[];
	worlds: string[];
	tags: string[];
	description: string;
	address: string;
	postcode: string;
	communeCode: string;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	/** `[lng, lat]`, null for the unlocated ones. */
	location: LngLat | null;
	locationQuality: 'exact' | 'street' | null;
	contactVisibility: ContactVisibility;
	/** Field → the record it was taken from, as the census writes `actor.provenance`. */
	provenance: Record<string, ProvenanceRef>;
}

export interface SyntheticRecord {
	id: string;
	sourceId: string;
	actorId: string;
	rowNumber: number;
	raw: Record<string, string>;
	/** Unique within its listing, as the import's content hash is. */
	contentHash: string;
}

export interface SyntheticTerritory {
	territory: {
		slug: string;
		name: string;
		communeCodes: string[];
		epciCode: string;
		licence: 'ODbL-1.0';
		visibility: 'public';
	};
	sources: SyntheticSource[];
	actors: SyntheticActor[];
	records: SyntheticRecord[];
}

/** The three listings, with the column names such files have. */
const LISTINGS = [
	{
		name: 'Répertoire national des associations — Gard',
		fileName: 'rna_waldec_30.csv',
		headers: ['titre', 'adrs_libvoie', 'adrs_codepostal', 'adrs_libcommune', 'id'],
		columnMapping: {
			name: ['titre'],
			address: ['adrs_libvoie'],
			postcode: ['adrs_codepostal'],
			commune: ['adrs_libcommune'],
			rna: ['id']
		}
	},
	{
		name: 'Adhérents du réseau',
		fileName: 'adherents-reseau.xlsx',
		headers: ['Nom', 'Commune', 'Courriel', 'Téléphone'],
		columnMapping: {
			name: ['Nom'],
			commune: ['Commune'],
			email: ['Courriel'],
			phone: ['Téléphone']
		}
	},
	{
		name: 'Forum des associations — inscriptions',
		fileName: 'forum-inscriptions.csv',
		headers: ['Structure', 'Ville', 'Contact'],
		columnMapping: { name: ['Structure'], commune: ['Ville'], email: ['Contact'] }
	}
] as const;

/** Words that tell apart two actors drawn with the same name in the same commune. */
const SUFFIXES = [
	'Cigale',
	'Lavande',
	'Mistral',
	'Olivier',
	'Garrigue',
	'Capitelle',
	'Micocoulier',
	'Tramontane',
	'Figuier',
	'Clapas',
	'Alzon',
	'Seynes'
];

export function generateSynthetic(options: SyntheticOptions): SyntheticTerritory {
	const count = Math.max(0, Math.floor(options.actors));
	const random = new Random(options.seed ?? SYNTHETIC_SEED);
	const uuid = options.uuid ?? (() => random.uuid());
	const communes = PAYS_D_UZES_COMMUNES;

	const sources: SyntheticSource[] = LISTINGS.map((l) => ({
		id: uuid(),
		name: l.name,
		fileName: l.fileName,
		headers: [...l.headers],
		columnMapping: Object.fromEntries(
			Object.entries(l.columnMapping).map(([role, cols]) => [role, [...cols]])
		)
	}));
	// Rows of a listing start at 2: row 1 is its header.
	const nextRow = sources.map(() => 2);

	const candidates = new Map<string, ActorTemplate[]>(
		communes.map((c) => [c.code, TEMPLATES.filter((t) => c.population >= (t.minPopulation ?? 0))])
	);
	const seenNames = new Map<string, number>();
	const actors: SyntheticActor[] = [];
	const records: SyntheticRecord[] = [];

	for (let i = 0; i < count; i++) {
		const commune = random.weighted(communes, (c) => c.population + 400);
		const template = random.weighted(
			candidates.get(commune.code) ?? TEMPLATES,
			(t) => t.weight * (t.boost?.[commune.code] ?? 1)
		);
		const actor = makeActor(random, uuid(), template, commune, seenNames);
		actors.push(actor);

		// Associations are mostly found in the register, the rest in the two other listings.
		const first =
			template.kind === 'association' && random.chance(0.7)
				? 0
				: random.int(1, LISTINGS.length - 1);
		const listings = [first];
		if (random.chance(TWO_LISTINGS_SHARE))
			listings.push((first + random.int(1, LISTINGS.length - 1)) % LISTINGS.length);
		for (const s of listings) {
			const source = sources[s]!;
			const record: SyntheticRecord = {
				id: uuid(),
				sourceId: source.id,
				actorId: actor.id,
				rowNumber: nextRow[s]!++,
				raw: rawRow(s, actor, commune),
				contentHash: `synthetic:${actor.id}`
			};
			records.push(record);
			if (s === first) {
				const ref = { record_id: record.id, source_id: source.id };
				actor.provenance.name = ref;
				actor.provenance.commune_code = ref;
				if (s === 0) actor.provenance.address = ref;
			}
			if (s !== 0 && actor.email !== null)
				actor.provenance.email ??= {
					record_id: record.id,
					source_id: source.id
				};
		}
	}

	return {
		territory: {
			slug: options.slug,
			name: options.name ?? `Territoire synthétique (${count.toLocaleString('fr-FR')} acteurs)`,
			communeCodes: communes.map((c) => c.code),
			epciCode: PAYS_D_UZES_EPCI,
			licence: 'ODbL-1.0',
			visibility: 'public'
		},
		sources,
		actors,
		records
	};
}

function rawRow(
	listing: number,
	actor: SyntheticActor,
	commune: DemoCommune
): Record<string, string> {
	switch (listing) {
		case 0:
			return {
				titre: actor.name.toUpperCase(),
				adrs_libvoie: actor.address,
				adrs_codepostal: actor.postcode,
				adrs_libcommune: commune.name.toUpperCase(),
				id: actor.rna ?? ''
			};
		case 1:
			return {
				Nom: actor.name,
				Commune: commune.name,
				Courriel: actor.email ?? '',
				Téléphone: actor.phone ?? ''
			};
		default:
			return { Structure: actor.name, Ville: commune.name, Contact: actor.email ?? '' };
	}
}

function makeActor(
	random: Random,
	id: string,
	template: ActorTemplate,
	commune: DemoCommune,
	seenNames: Map<string, number>
): SyntheticActor {
	const fancy = template.fancy ? random.pick(template.fancy) : '';
	const base = fill(random.pick(template.names).replace('{x}', fancy), commune).replaceAll(
		'’',
		"'"
	);
	const seen = seenNames.get(base) ?? 0;
	seenNames.set(base, seen + 1);
	const name =
		seen === 0
			? base
			: seen <= SUFFIXES.length
				? `${base} — ${SUFFIXES[seen - 1]}`
				: `${base} — ${SUFFIXES[seen % SUFFIXES.length]} ${Math.floor(seen / SUFFIXES.length) + 1}`;

	const town = commune.population >= TOWN_POPULATION;
	const countryside = template.sectors.includes('agriculture') && !town && random.chance(0.6);
	let address: string;
	let quality: 'exact' | 'street';
	if (countryside) {
		address = random.pick(LIEUX_DITS);
		quality = 'street';
	} else {
		const street = random.pick(TOWN_STREETS[commune.code] ?? STREETS);
		quality = random.chance(0.25) ? 'street' : 'exact';
		address = quality === 'street' ? street : `${random.int(1, 60)} ${street}`;
	}
	const located = !random.chance(UNLOCATED_SHARE);
	const centre = communeCentre(commune.code) ?? commune.centre;
	const slug = slugify(name).slice(0, 40).replace(/-+$/, '');
	const missing =
		template.contact === 'private' ? 0.35 : template.contact === 'association' ? 0.15 : 0;
	const registered = template.kind === 'business' || template.kind === 'cooperative';

	return {
		id,
		name,
		kind: template.kind,
		legalForm: random.pick(template.legalForms),
		sectors: [...template.sectors],
		worlds: [town ? 'urbain' : 'rural', ...template.worlds],
		tags: [...(template.tags ?? [])],
		description: fill(template.description, commune),
		address,
		postcode: commune.postcode,
		communeCode: commune.code,
		email: random.chance(missing) ? null : `${slug}@example.org`,
		// The 04 65 71 block, set aside for fiction like the demo's: never a real subscriber.
		phone: random.chance(missing) ? null : `04 65 71 ${random.digits(2)} ${random.digits(2)}`,
		website: random.chance(template.website ?? 0.15) ? `https://${slug}.example.org` : null,
		siret: registered ? fictionalSiret(random) : null,
		rna: template.kind === 'association' ? fictionalRna(random) : null,
		location: located ? offset(random, centre, commune.radiusKm * 0.8) : null,
		locationQuality: located ? quality : null,
		contactVisibility: contactVisibility(random, template),
		provenance: {}
	};
}

function fill(text: string, commune: DemoCommune): string {
	return text.replaceAll('{de}', de(commune.name)).replaceAll('{c}', commune.name);
}
