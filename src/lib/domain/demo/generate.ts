/**
 * The demo territory: the 35 communes of the CC Pays d'Uzès with a few hundred invented actors,
 * common places, events, offers and links. Pure and deterministic: the same seed and the same
 * `now` give the same data, ids included, so the demo can be loaded, tested and screenshotted
 * reproducibly. Dates are relative to `now` so the agenda always has past and upcoming events.
 */
import { EVENTS, FIXED_ACTORS, OFFERS, PLACES, type ActorRef } from './activities';
import {
	FIXED_TEMPLATES,
	LIEUX_DITS,
	MAIRIE,
	STREETS,
	TEMPLATES,
	TOWN_STREETS,
	type ActorTemplate
} from './catalogue';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI, type DemoCommune } from './communes';
import { fictionalRna, fictionalSiret } from './identifiers';
import { Random } from './prng';
import type {
	ContactVisibility,
	DemoActor,
	DemoEvent,
	DemoLink,
	DemoOffer,
	DemoPlace,
	DemoTerritoryData,
	LngLat,
	World
} from './types';

export const DEMO_SLUG = 'pays-d-uzes';
export const DEMO_SEED = 30700;
/** Total number of actors; the communes share it by population. */
export const DEMO_ACTOR_COUNT = 300;
const LINK_TARGET = 60;
/** A commune this big counts as "urbain" in the worlds. */
const TOWN_POPULATION = 3000;
const DAY_MS = 86_400_000;

export interface DemoOptions {
	seed?: number;
	/** Reference date for events and offers. */
	now?: Date;
}

const ALL_TEMPLATES = new Map<string, ActorTemplate>(
	[MAIRIE, ...FIXED_TEMPLATES, ...TEMPLATES].map((t) => [t.key, t])
);

export function generateDemo(options: DemoOptions = {}): DemoTerritoryData {
	const random = new Random(options.seed ?? DEMO_SEED);
	const today = startOfUtcDay(options.now ?? new Date());
	const communes = PAYS_D_UZES_COMMUNES;

	const territory = {
		id: random.uuid(),
		slug: DEMO_SLUG,
		name: "Communauté de communes du Pays d'Uzès",
		communeCodes: communes.map((c) => c.code),
		epciCode: PAYS_D_UZES_EPCI,
		licence: 'ODbL-1.0' as const,
		visibility: 'public' as const
	};

	const actors = generateActors(random, communes);
	const finder = new ActorFinder(actors);
	const places = generatePlaces(random, finder);
	const events = generateEvents(random, finder, actors, places, today);
	const offers = generateOffers(random, finder, today);
	const links = generateLinks(random, actors, events, today);
	return { territory, actors, places, events, offers, links };
}

// ---------------------------------------------------------------- actors

function generateActors(random: Random, communes: readonly DemoCommune[]): DemoActor[] {
	const actors: DemoActor[] = [];
	const usedNames = new Set<string>();
	const byCommune = new Map<string, DemoCommune>(communes.map((c) => [c.code, c]));

	const add = (template: ActorTemplate, commune: DemoCommune): boolean => {
		const actor = makeActor(random, template, commune, usedNames);
		if (actor) actors.push(actor);
		return actor !== null;
	};

	for (const commune of communes) add(MAIRIE, commune);
	const fixedPerCommune = new Map<string, number>();
	for (const [key, code] of FIXED_ACTORS) {
		const template = ALL_TEMPLATES.get(key);
		const commune = byCommune.get(code);
		if (!template || !commune) throw new Error(`demo: unknown fixed actor ${key}@${code}`);
		if (!add(template, commune)) throw new Error(`demo: duplicate fixed actor ${key}@${code}`);
		fixedPerCommune.set(code, (fixedPerCommune.get(code) ?? 0) + 1);
	}

	const quotas = shareByPopulation(communes, DEMO_ACTOR_COUNT - communes.length, 2);
	for (const commune of communes) {
		const wanted = (quotas.get(commune.code) ?? 0) - (fixedPerCommune.get(commune.code) ?? 0);
		const counts = new Map<string, number>();
		for (const a of actors) {
			if (a.communeCode === commune.code) counts.set(a.template, (counts.get(a.template) ?? 0) + 1);
		}
		const exhausted = new Set<string>();
		let made = 0;
		while (made < wanted) {
			const candidates = TEMPLATES.filter(
				(t) =>
					!exhausted.has(t.key) &&
					commune.population >= (t.minPopulation ?? 0) &&
					(counts.get(t.key) ?? 0) < maxPerCommune(t, commune)
			);
			if (candidates.length === 0) break;
			const template = random.weighted(
				candidates,
				(t) => t.weight * (t.boost?.[commune.code] ?? 1)
			);
			if (add(template, commune)) {
				counts.set(template.key, (counts.get(template.key) ?? 0) + 1);
				made++;
			} else {
				exhausted.add(template.key);
			}
		}
	}
	return actors;
}

/**
 * Largest-remainder share of `total` among communes by population, each getting `floor` first,
 * so that the smallest village still has a couple of actors besides its mairie.
 */
export function shareByPopulation(
	communes: readonly DemoCommune[],
	total: number,
	floor: number
): Map<string, number> {
	const rest = Math.max(0, total - floor * communes.length);
	const population = communes.reduce((sum, c) => sum + c.population, 0);
	const exact = communes.map((c) => ({ code: c.code, value: (rest * c.population) / population }));
	const shares = new Map(exact.map((e) => [e.code, floor + Math.floor(e.value)]));
	let left = rest - exact.reduce((sum, e) => sum + Math.floor(e.value), 0);
	const byRemainder = [...exact].sort(
		(a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value))
	);
	for (const e of byRemainder) {
		if (left <= 0) break;
		shares.set(e.code, (shares.get(e.code) ?? 0) + 1);
		left--;
	}
	return shares;
}

function maxPerCommune(template: ActorTemplate, commune: DemoCommune): number {
	return commune.population >= TOWN_POPULATION ? (template.perTown ?? 1) : 1;
}

function makeActor(
	random: Random,
	template: ActorTemplate,
	commune: DemoCommune,
	usedNames: Set<string>
): DemoActor | null {
	let name: string | null = null;
	let fancyKey = '';
	for (let attempt = 0; attempt < 8 && name === null; attempt++) {
		const fancy = template.fancy ? random.pick(template.fancy) : '';
		// Names use the straight apostrophe, as registers and spreadsheets write them.
		const candidate = fillPlaceholders(
			random.pick(template.names).replace('{x}', fancy),
			commune
		).replaceAll('’', "'");
		// "Restaurant Le Figuier" and "Bistrot Le Figuier" in one town would read as the same place.
		fancyKey = `${template.key}|${commune.code}|${fancy}`;
		if (!usedNames.has(candidate) && (!fancy || !usedNames.has(fancyKey))) name = candidate;
	}
	if (name === null) return null;
	usedNames.add(name);
	if (template.fancy) usedNames.add(fancyKey);

	const town = commune.population >= TOWN_POPULATION;
	const worlds: World[] = [town ? 'urbain' : 'rural', ...template.worlds];
	const isMairie = template.key === 'mairie';
	const countryside = template.sectors.includes('agriculture') && !town && random.chance(0.6);
	const { address, quality } = isMairie
		? { address: 'Place de la Mairie', quality: 'exact' as const }
		: makeAddress(random, commune, countryside);
	const maxOffsetKm = isMairie
		? 0.1
		: countryside
			? Math.min(1.2, commune.radiusKm * 0.5)
			: Math.min(0.6, commune.radiusKm * 0.3);
	const slug = slugify(name).slice(0, 40).replace(/-+$/, '');
	const registered = template.kind === 'business' || template.kind === 'cooperative';

	return {
		id: random.uuid(),
		template: template.key,
		name,
		kind: template.kind,
		legalForm: random.pick(template.legalForms),
		sectors: [...template.sectors],
		worlds,
		tags: [...(template.tags ?? [])],
		description: fillPlaceholders(template.description, commune),
		address,
		postcode: commune.postcode,
		communeCode: commune.code,
		email: makeEmail(random, template, slug, commune),
		phone: makePhone(random, template),
		website: random.chance(template.website ?? 0) ? `https://${slug}.example.org` : null,
		siret: registered ? fictionalSiret(random) : null,
		rna: template.kind === 'association' ? fictionalRna(random) : null,
		location: offset(random, commune.centre, maxOffsetKm),
		locationQuality: quality,
		contactVisibility: contactVisibility(random, template)
	};
}

function fillPlaceholders(text: string, commune: DemoCommune): string {
	return text.replaceAll('{de}', de(commune.name)).replaceAll('{c}', commune.name);
}

/** "de Blauzac", "d'Uzès", "de La Bruguière": French elision before a vowel. */
export function de(name: string): string {
	return /^[AEIOUYÉÈÊÂÎÔH]/i.test(name) ? `d'${name}` : `de ${name}`;
}

function makeAddress(
	random: Random,
	commune: DemoCommune,
	countryside: boolean
): { address: string; quality: 'exact' | 'street' } {
	if (countryside) return { address: random.pick(LIEUX_DITS), quality: 'street' };
	const street = random.pick(TOWN_STREETS[commune.code] ?? STREETS);
	if (random.chance(0.25)) return { address: street, quality: 'street' };
	const suffix = random.chance(0.08) ? ' bis' : '';
	return { address: `${random.int(1, 48)}${suffix} ${street}`, quality: 'exact' };
}

function makeEmail(
	random: Random,
	template: ActorTemplate,
	slug: string,
	commune: DemoCommune
): string | null {
	if (template.key === 'mairie') return `mairie.${slugify(commune.name)}@example.org`;
	const missing =
		template.contact === 'private' ? 0.3 : template.contact === 'association' ? 0.1 : 0;
	return random.chance(missing) ? null : `${slug}@example.org`;
}

/**
 * Phone numbers in 04 65 71 xx xx (landline) and 06 39 98 xx xx (mobile), the blocks ARCEP sets
 * aside for works of fiction (recalled, not checked against the current numbering plan): a demo
 * number should never ring a real subscriber.
 */
function makePhone(random: Random, template: ActorTemplate): string | null {
	const missing =
		template.contact === 'private' ? 0.4 : template.contact === 'association' ? 0.15 : 0;
	if (random.chance(missing)) return null;
	const mobile = template.contact !== 'public' && random.chance(0.5);
	const pairs = `${random.digits(2)} ${random.digits(2)}`;
	return mobile ? `06 39 98 ${pairs}` : `04 65 71 ${pairs}`;
}

export function contactVisibility(random: Random, template: ActorTemplate): ContactVisibility {
	switch (template.contact) {
		case 'public':
			return { email: 'public', phone: 'public', address: 'public' };
		case 'association':
			return {
				email: 'public',
				phone: random.chance(0.5) ? 'public' : 'members',
				address: 'public'
			};
		case 'private':
			return { email: 'members', phone: 'members', address: 'members' };
	}
}

/** A point uniformly spread in a disc of `maxKm` around `centre`. */
export function offset(random: Random, [lng, lat]: LngLat, maxKm: number): LngLat {
	const distance = maxKm * Math.sqrt(random.next());
	const angle = 2 * Math.PI * random.next();
	const dLat = (distance * Math.sin(angle)) / 110.574;
	const dLng = (distance * Math.cos(angle)) / (111.32 * Math.cos((lat * Math.PI) / 180));
	return [round6(lng + dLng), round6(lat + dLat)];
}

// ---------------------------------------------------------------- places, events, offers

class ActorFinder {
	readonly #actors: readonly DemoActor[];

	constructor(actors: readonly DemoActor[]) {
		this.#actors = actors;
	}

	/** The actor a reference names; the commune's mairie when the catalogue drew none. */
	find(ref: ActorRef): DemoActor {
		const exact = this.#actors.find(
			(a) => a.template === ref.key && (!ref.commune || a.communeCode === ref.commune)
		);
		const fallback = this.#actors.find(
			(a) => a.template === 'mairie' && (!ref.commune || a.communeCode === ref.commune)
		);
		const found = exact ?? fallback;
		if (!found) throw new Error(`demo: no actor for ${ref.key}@${ref.commune ?? '*'}`);
		return found;
	}
}

function communeOf(code: string): DemoCommune {
	const commune = PAYS_D_UZES_COMMUNES.find((c) => c.code === code);
	if (!commune) throw new Error(`demo: commune ${code} is not in the EPCI`);
	return commune;
}

function generatePlaces(random: Random, finder: ActorFinder): DemoPlace[] {
	return PLACES.map((spec) => {
		const commune = communeOf(spec.communeCode);
		const { runBy, street, ...rest } = spec;
		return {
			...rest,
			name: spec.name.replaceAll('’', "'"),
			equipment: [...spec.equipment],
			id: random.uuid(),
			runBy: finder.find(runBy).id,
			address: `${random.int(1, 30)} ${street}`,
			location: offset(random, commune.centre, Math.min(0.5, commune.radiusKm * 0.3))
		};
	});
}

function generateEvents(
	random: Random,
	finder: ActorFinder,
	actors: readonly DemoActor[],
	places: readonly DemoPlace[],
	today: number
): DemoEvent[] {
	return EVENTS.map((spec) => {
		const place = 'place' in spec.at ? places[spec.at.place] : undefined;
		if ('place' in spec.at && !place) throw new Error(`demo: no place ${spec.at.place}`);
		const communeCode = place ? place.communeCode : 'commune' in spec.at ? spec.at.commune : '';
		const commune = communeOf(communeCode);
		const location = place ? place.location : offset(random, commune.centre, 0.2);
		const organisers = [...new Set(spec.organisers.map((ref) => finder.find(ref).id))];
		// Participants come from around the event: the network is local.
		const nearby = actors.filter(
			(a) => !organisers.includes(a.id) && distanceKm(a.location, location) < 12
		);
		const participants = random.sample(nearby, spec.participants).map((a) => a.id);
		// Local time is taken as UTC+1 (Paris in winter): close enough for a demo agenda.
		const starts = today + spec.day * DAY_MS + (spec.hour - 1) * 3_600_000;
		return {
			id: random.uuid(),
			title: spec.title,
			description: spec.description,
			startsAt: new Date(starts).toISOString(),
			endsAt: new Date(starts + spec.durationHours * 3_600_000).toISOString(),
			placeId: place ? place.id : null,
			communeCode,
			location,
			theme: spec.theme,
			format: spec.format,
			needs: [...spec.needs],
			visibility: spec.visibility,
			organisers,
			participants
		};
	});
}

function generateOffers(random: Random, finder: ActorFinder, today: number): DemoOffer[] {
	return OFFERS.map((spec) => {
		const { owner, fromDay, days, ...rest } = spec;
		const from = today + fromDay * DAY_MS;
		return {
			...rest,
			id: random.uuid(),
			actorId: finder.find(owner).id,
			validFrom: isoDate(from),
			validUntil: days === null ? null : isoDate(from + days * DAY_MS)
		};
	});
}

// ---------------------------------------------------------------- links

function generateLinks(
	random: Random,
	actors: readonly DemoActor[],
	events: readonly DemoEvent[],
	today: number
): DemoLink[] {
	const links: DemoLink[] = [];
	const seen = new Set<string>();
	const add = (from: DemoActor | string, to: DemoActor | string, kind: DemoLink['kind']) => {
		const a = typeof from === 'string' ? from : from.id;
		const b = typeof to === 'string' ? to : to.id;
		// member_of has a direction; partner and co_organised are the same both ways.
		const key = kind === 'member_of' ? `${kind}:${a}:${b}` : `${kind}:${[a, b].sort().join(':')}`;
		if (a === b || seen.has(key)) return;
		seen.add(key);
		const yearsAgo = kind === 'co_organised' ? 0 : random.int(1, 8);
		links.push({
			id: random.uuid(),
			fromActor: a,
			toActor: b,
			kind,
			since: isoDate(today - (yearsAgo * 365 + random.int(0, 300)) * DAY_MS)
		});
	};
	const byTemplate = (key: string) => actors.filter((a) => a.template === key);
	const first = (key: string) => byTemplate(key)[0];

	// Co-organisation comes straight from the events.
	for (const event of events) {
		const [lead, ...others] = event.organisers;
		if (lead) for (const other of others) add(lead, other, 'co_organised');
	}

	// Networks and their members.
	const union = first('union-commercants');
	const reseau = first('reseau-culture');
	const cae = first('cae');
	if (union) {
		const shops = actors.filter(
			(a) => a.kind === 'business' && a.communeCode === union.communeCode
		);
		for (const shop of random.sample(shops, 6)) add(shop, union, 'member_of');
	}
	if (reseau) {
		const culture = actors.filter(
			(a) => a.kind === 'association' && a.sectors.includes('culture') && a.id !== reseau.id
		);
		for (const member of random.sample(culture, 8)) add(member, reseau, 'member_of');
	}
	if (cae) {
		const entrepreneurs = actors.filter(
			(a) => a.kind === 'business' && (a.template === 'numerique' || a.template === 'poterie')
		);
		for (const member of random.sample(entrepreneurs, 3)) add(member, cae, 'member_of');
	}

	// Partnerships that make sense, then a few chance ones between neighbours.
	const mairies = new Map(byTemplate('mairie').map((m) => [m.communeCode, m]));
	for (const comite of random.sample(byTemplate('comite-fetes'), 6)) {
		const mairie = mairies.get(comite.communeCode);
		if (mairie) add(mairie, comite, 'partner');
	}
	for (const ape of byTemplate('parents-eleves')) {
		const school = actors.find((a) => a.template === 'ecole' && a.communeCode === ape.communeCode);
		if (school) add(ape, school, 'partner');
	}
	const farms = actors.filter((a) => a.template === 'maraicher' || a.template === 'domaine');
	for (const amap of byTemplate('amap')) {
		const nearest = [...farms].sort(
			(x, y) => distanceKm(x.location, amap.location) - distanceKm(y.location, amap.location)
		);
		for (const farm of nearest.slice(0, 2)) add(amap, farm, 'partner');
	}
	const pairs: [string, string][] = [
		['mediatheque', 'ludotheque'],
		['fablab', 'repair-cafe'],
		['tiers-lieu', 'cae'],
		['office-tourisme', 'reseau-culture'],
		['communaute', 'tiers-lieu'],
		['college', 'conseil-jeunes']
	];
	for (const [x, y] of pairs) {
		const a = first(x);
		const b = first(y);
		if (a && b) add(a, b, 'partner');
	}
	const associations = actors.filter((a) => a.kind !== 'public_body' && a.kind !== 'elected_body');
	for (let guard = 0; links.length < LINK_TARGET && guard < 500; guard++) {
		const a = random.pick(associations);
		const near = associations.filter(
			(b) => b.id !== a.id && distanceKm(a.location, b.location) < 6
		);
		if (near.length > 0) add(a, random.pick(near), 'partner');
	}
	return links;
}

// ---------------------------------------------------------------- small helpers

export function distanceKm([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
	const toRad = Math.PI / 180;
	const dLat = (lat2 - lat1) * toRad;
	const dLng = (lng2 - lng1) * toRad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

function startOfUtcDay(date: Date): number {
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}
