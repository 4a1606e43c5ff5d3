import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTOR_KINDS, type ActorKind } from '$lib/domain/actor-kinds';
import {
	ActorIndex,
	EMPTY_FILTERS,
	FACET_KEYS,
	emptyFilters,
	isEmptyFilters,
	matchesEvent,
	matchesPlace,
	type FacetKey,
	type FacetLabels,
	type MapFilters
} from './facets';
import { matchesQuery, normaliseForSearch, queryWords } from './search';
import type { ActorMapData, ActorMapProps, EventMapProps, PlaceMapProps } from './types';

type Spec = Partial<ActorMapProps> & { id: string; at?: [number, number] };

const UZES: [number, number] = [4.42, 44.01];
const AMBROIX: [number, number] = [4.19, 44.26];
const BLAUZAC: [number, number] = [4.37, 43.96];
const COMMUNES: Record<string, string> = {
	'30334': 'Uzès',
	'30243': 'Saint-Ambroix',
	'30042': 'Blauzac'
};

function props(spec: Spec): ActorMapProps {
	const commune = spec.commune ?? null;
	return {
		id: spec.id,
		name: spec.name ?? spec.id,
		kind: spec.kind ?? 'association',
		sectors: spec.sectors ?? [],
		worlds: spec.worlds ?? [],
		tags: spec.tags ?? [],
		commune,
		communeName: spec.communeName ?? (commune ? (COMMUNES[commune] ?? null) : null),
		address: spec.address ?? null,
		sources: spec.sources ?? [],
		contact: spec.contact ?? false
	};
}

function data(specs: Spec[], sources = SOURCES): ActorMapData {
	return {
		type: 'FeatureCollection',
		features: specs
			.filter((s) => s.at)
			.map((s) => ({
				type: 'Feature',
				geometry: { type: 'Point', coordinates: s.at! },
				properties: props(s)
			})),
		unlocated: specs.filter((s) => !s.at).map(props),
		sources
	};
}

const SOURCES = [
	{ id: 'src-rna', name: 'Registre RNA' },
	{ id: 'src-reseau', name: 'Membres du réseau' }
];

// 10 actors: 7 located, 3 not (a6, a7, a9).
const ACTORS: Spec[] = [
	{
		id: 'a1',
		name: 'Théâtre d’Uzès',
		sectors: ['culture'],
		worlds: ['amateur', 'urbain'],
		commune: '30334',
		at: UZES,
		contact: true,
		sources: [0]
	},
	{
		id: 'a2',
		name: 'Les Jardins de Saint-Ambroix',
		sectors: ['agriculture', 'environnement'],
		worlds: ['rural'],
		commune: '30243',
		at: AMBROIX,
		sources: [0, 1]
	},
	{
		id: 'a3',
		name: 'Boulangerie Œuvre du Pain',
		kind: 'business',
		sectors: ['alimentation'],
		worlds: ['professionnel', 'urbain'],
		commune: '30334',
		at: [4.421, 44.012],
		contact: true,
		sources: [1]
	},
	{
		id: 'a4',
		name: 'Coopérative Oléicole',
		kind: 'cooperative',
		sectors: ['agriculture'],
		worlds: ['professionnel', 'rural'],
		tags: ['huile d’olive'],
		commune: '30243',
		at: [4.2, 44.25],
		contact: true,
		sources: [1]
	},
	{
		id: 'a5',
		name: 'Mairie de Blauzac',
		kind: 'public_body',
		worlds: ['rural'],
		commune: '30042',
		at: BLAUZAC,
		contact: true
	},
	{
		id: 'a6',
		name: 'Collectif Été Musical',
		kind: 'informal_group',
		sectors: ['culture'],
		worlds: ['amateur'],
		sources: [0]
	},
	{
		id: 'a7',
		name: 'Conseil municipal',
		kind: 'elected_body',
		worlds: ['urbain'],
		commune: '30334',
		contact: true,
		sources: [0]
	},
	{
		id: 'a8',
		name: 'Atelier Vélo',
		sectors: ['mobilite'],
		worlds: ['amateur', 'urbain'],
		commune: '30334',
		address: '3 rue de la Gare',
		at: [4.43, 44.02],
		sources: [1]
	},
	{
		id: 'a9',
		name: 'Ferme du Mas',
		kind: 'business',
		sectors: ['agriculture'],
		worlds: ['professionnel', 'rural'],
		commune: '30042',
		sources: [0]
	},
	{
		id: 'a10',
		name: 'Association Sportive',
		sectors: ['sport', 'sport'],
		worlds: ['amateur', 'rural'],
		commune: '30243',
		at: [4.18, 44.27],
		contact: true,
		sources: [0, 0, 7]
	}
];

const KIND_FR: Record<ActorKind, string> = {
	association: 'Association',
	business: 'Entreprise',
	cooperative: 'Coopérative',
	public_body: 'Organisme public',
	informal_group: 'Collectif informel',
	elected_body: 'Élu·e·s et collectivités',
	other: 'Autre'
};
const LABELS: FacetLabels = {
	kind: (k) => KIND_FR[k as ActorKind] ?? k,
	contact: (v) => (v === 'yes' ? 'Avec contact' : 'Sans contact')
};

const index = new ActorIndex(data(ACTORS));

function f(partial: Partial<MapFilters>): MapFilters {
	return { ...emptyFilters(), ...partial };
}
function ids(indexes: ArrayLike<number>): string[] {
	return Array.from(indexes, (i) => index.entry(i).props.id).sort();
}
/** value → count (and a trailing * when selected), in the order listed. */
function counts(key: FacetKey, filters: MapFilters): [string, number, boolean][] {
	return index.facets(filters, LABELS)[key].map((v) => [v.value, v.count, v.selected]);
}

describe('ActorIndex.match', () => {
	it('indexes located then unlocated actors, one entry each', () => {
		expect(index.size).toBe(10);
		expect(index.match(EMPTY_FILTERS)).toEqual(Uint32Array.from({ length: 10 }, (_, i) => i));
		expect(index.entry(0).props.id).toBe('a1');
		expect(index.entry(0).position).toEqual(UZES);
		expect(index.entry(index.indexOf('a6')).position).toBeNull();
		expect(index.indexOf('nope')).toBe(-1);
		expect(() => index.entry(10)).toThrow(RangeError);
	});

	it('ORs values within a facet and ANDs facets and the query', () => {
		expect(ids(index.match(f({ kind: ['association'] })))).toEqual(['a1', 'a10', 'a2', 'a8']);
		expect(ids(index.match(f({ kind: ['association', 'business'] })))).toEqual(
			['a1', 'a10', 'a2', 'a3', 'a8', 'a9'].sort()
		);
		expect(ids(index.match(f({ kind: ['association'], contact: 'yes' })))).toEqual(['a1', 'a10']);
		expect(ids(index.match(f({ kind: ['association'], contact: 'no' })))).toEqual(['a2', 'a8']);
		expect(ids(index.match(f({ sector: ['agriculture'], world: ['professionnel'] })))).toEqual([
			'a4',
			'a9'
		]);
		expect(ids(index.match(f({ source: ['src-reseau'], commune: ['30334'] })))).toEqual([
			'a3',
			'a8'
		]);
		expect(ids(index.match(f({ q: 'saint', world: ['rural'], kind: ['association'] })))).toEqual([
			'a10',
			'a2'
		]);
	});

	it('keeps index order', () => {
		const m = index.match(f({ world: ['urbain'] }));
		expect(Array.from(m)).toEqual([...m].sort((a, b) => a - b));
		expect(m).toBeInstanceOf(Uint32Array);
	});

	it('searches names, communes, addresses, tags and sectors without accents', () => {
		expect(ids(index.match(f({ q: 'uzes' })))).toEqual(['a1', 'a3', 'a7', 'a8']);
		expect(ids(index.match(f({ q: 'UZÈS théâtre' })))).toEqual(['a1']);
		expect(ids(index.match(f({ q: 'oeuvre' })))).toEqual(['a3']);
		expect(ids(index.match(f({ q: 'saint ambroix' })))).toEqual(['a10', 'a2', 'a4']);
		expect(ids(index.match(f({ q: 'olive' })))).toEqual(['a4']); // tag
		expect(ids(index.match(f({ q: 'gare' })))).toEqual(['a8']); // address
		// Sectors, unlocated actors too; words match inside words (agri-culture).
		expect(ids(index.match(f({ q: 'culture' })))).toEqual(['a1', 'a2', 'a4', 'a6', 'a9']);
		expect(ids(index.match(f({ q: 'mobilite' })))).toEqual(['a8']);
		expect(ids(index.match(f({ q: 'ete musical' })))).toEqual(['a6']);
		expect(ids(index.match(f({ q: 'urbain' })))).toEqual([]); // worlds are a facet, not text
		expect(index.match(f({ q: '  ’ - ' }))).toHaveLength(10);
	});

	it('a selected value the data does not have matches nothing', () => {
		expect(index.match(f({ commune: ['99999'] }))).toHaveLength(0);
		expect(ids(index.match(f({ commune: ['99999', '30042'] })))).toEqual(['a5', 'a9']);
		expect(index.match(f({ kind: ['not-a-kind'] }))).toHaveLength(0);
	});
});

describe('ActorIndex.facets', () => {
	it('counts every actor, unlocated ones included, with no filter', () => {
		const all = index.facets(EMPTY_FILTERS, LABELS);
		expect(all.kind.map((v) => [v.label, v.count])).toEqual([
			['Association', 4],
			['Entreprise', 2],
			// ties in French order: É sorts with E, not after Z
			['Collectif informel', 1],
			['Coopérative', 1],
			['Élu·e·s et collectivités', 1],
			['Organisme public', 1]
		]);
		expect(counts('contact', EMPTY_FILTERS)).toEqual([
			['yes', 6, false],
			['no', 4, false]
		]);
		expect(all.contact.map((v) => v.label)).toEqual(['Avec contact', 'Sans contact']);
		expect(all.commune.map((v) => [v.value, v.label, v.count])).toEqual([
			['30334', 'Uzès', 4],
			['30243', 'Saint-Ambroix', 3],
			['30042', 'Blauzac', 2]
		]);
		// a10 lists listing 0 twice and a listing index out of range: counted once, ignored.
		expect(all.source.map((v) => [v.value, v.label, v.count])).toEqual([
			['src-rna', 'Registre RNA', 6],
			['src-reseau', 'Membres du réseau', 4]
		]);
		expect(counts('sector', EMPTY_FILTERS)).toEqual([
			['agriculture', 3, false],
			['culture', 2, false],
			['alimentation', 1, false],
			['environnement', 1, false],
			['mobilite', 1, false],
			['sport', 1, false]
		]);
		expect(counts('world', EMPTY_FILTERS)).toEqual([
			['rural', 5, false],
			['amateur', 4, false],
			['urbain', 4, false],
			['professionnel', 3, false]
		]);
	});

	it('counts each facet against the query and the other facets only', () => {
		const filters = f({ kind: ['association'], contact: 'yes' });
		expect(counts('kind', filters)).toEqual([
			['association', 2, true],
			// ties by French label: Coopérative, Élu·e·s (unlocated, still counted), Entreprise…
			['cooperative', 1, false],
			['elected_body', 1, false],
			['business', 1, false],
			['public_body', 1, false]
		]);
		expect(counts('contact', filters)).toEqual([
			['yes', 2, true], // « Avec contact » before « Sans contact »
			['no', 2, false]
		]);
		expect(counts('commune', filters)).toEqual([
			['30243', 1, false],
			['30334', 1, false]
		]);
		expect(counts('world', filters)).toEqual([
			['amateur', 2, false],
			['rural', 1, false],
			['urbain', 1, false]
		]);
	});

	it('lists a selected value even at 0, and its label', () => {
		const filters = f({ kind: ['association'], commune: ['30042'] });
		expect(index.match(filters)).toHaveLength(0);
		const facets = index.facets(filters, LABELS);
		expect(facets.commune).toEqual([
			{ value: '30243', label: 'Saint-Ambroix', count: 2, selected: false },
			{ value: '30334', label: 'Uzès', count: 2, selected: false },
			{ value: '30042', label: 'Blauzac', count: 0, selected: true }
		]);
		// Blauzac has a public body and an unlocated business, no association.
		expect(counts('kind', filters)).toEqual([
			['business', 1, false],
			['public_body', 1, false],
			['association', 0, true]
		]);
		// Everything else is empty: no value listed.
		expect(facets.sector).toEqual([]);
		const unknown = index.facets(f({ commune: ['99999'], source: ['gone'] }), LABELS);
		expect(unknown.commune.at(-1)).toEqual({
			value: '99999',
			label: '99999',
			count: 0,
			selected: true
		});
		expect(unknown.source).toEqual([{ value: 'gone', label: 'gone', count: 0, selected: true }]);
	});

	it('counts with a query', () => {
		const filters = f({ q: 'uzes' });
		expect(counts('kind', filters)).toEqual([
			['association', 2, false],
			['elected_body', 1, false],
			['business', 1, false]
		]);
		expect(counts('contact', filters)).toEqual([
			['yes', 3, false],
			['no', 1, false]
		]);
	});

	it('lets a caller relabel any facet', () => {
		const facets = index.facets(EMPTY_FILTERS, { commune: (c) => `Commune ${c}` });
		expect(facets.commune[0]!.label).toBe('Commune 30334');
		expect(facets.kind[0]!.label).toBe('association'); // default: the value
	});
});

describe('ActorIndex geometry', () => {
	it('builds the map source from the located ones, reusing the features', () => {
		const d = data(ACTORS);
		const own = new ActorIndex(d);
		const all = own.featureCollection(own.match(EMPTY_FILTERS));
		expect(all.type).toBe('FeatureCollection');
		expect(all.features).toHaveLength(7);
		expect(all.features[0]).toBe(d.features[0]);
		const culture = own.featureCollection(own.match(f({ q: 'culture' })));
		// a6 and a9 match too but are unlocated.
		expect(culture.features.map((x) => x.properties.id)).toEqual(['a1', 'a2', 'a4']);
		expect(own.entry(own.indexOf('a6')).props).toBe(d.unlocated[0]);
	});

	it('keeps those inside a box', () => {
		const all = index.match(EMPTY_FILTERS);
		expect(ids(index.inBounds(all, [4.3, 43.95, 4.5, 44.05]))).toEqual(['a1', 'a3', 'a5', 'a8']);
		expect(ids(index.inBounds(all, [4.42, 44.01, 4.42, 44.01]))).toEqual(['a1']); // edges in
		expect(ids(index.inBounds(all, [-180, -90, 180, 90]))).toHaveLength(7);
		expect(ids(index.inBounds(index.match(f({ contact: 'no' })), [0, 40, 10, 50]))).toEqual([
			'a2',
			'a8'
		]);
		expect(index.inBounds(all, [NaN, 0, 1, 1])).toHaveLength(0);
	});

	it('handles boxes across the antimeridian', () => {
		const pacific = new ActorIndex(
			data([
				{ id: 'fiji', at: [178, -18] },
				{ id: 'samoa', at: [-172, -14] },
				{ id: 'paris', at: [2.35, 48.85] }
			])
		);
		const names = (m: Uint32Array) => Array.from(m, (i) => pacific.entry(i).props.id).sort();
		const all = pacific.match(EMPTY_FILTERS);
		expect(names(pacific.inBounds(all, [170, -20, -170, 0]))).toEqual(['fiji', 'samoa']);
		expect(names(pacific.inBounds(all, [170, -20, 190, 0]))).toEqual(['fiji', 'samoa']);
		expect(names(pacific.inBounds(all, [-400, -90, 400, 90]))).toHaveLength(3);
	});

	it('accepts an empty or sparse data set', () => {
		const empty = new ActorIndex({
			type: 'FeatureCollection',
			features: [],
			unlocated: [],
			sources: []
		});
		expect(empty.match(EMPTY_FILTERS)).toHaveLength(0);
		const facets = empty.facets(f({ kind: ['association'] }));
		expect(facets.kind).toEqual([
			{ value: 'association', label: 'association', count: 0, selected: true }
		]);
		expect(facets.contact).toEqual([]);
	});
});

describe('filters', () => {
	it('EMPTY_FILTERS is frozen, emptyFilters() is fresh', () => {
		expect(Object.isFrozen(EMPTY_FILTERS)).toBe(true);
		expect(Object.isFrozen(EMPTY_FILTERS.kind)).toBe(true);
		const a = emptyFilters();
		a.kind.push('business');
		expect(emptyFilters().kind).toEqual([]);
		expect(isEmptyFilters(EMPTY_FILTERS)).toBe(true);
		expect(isEmptyFilters(f({ q: ' - ' }))).toBe(true);
		expect(isEmptyFilters(f({ contact: 'no' }))).toBe(false);
	});
});

describe('places and events', () => {
	const place: PlaceMapProps = {
		id: 'p1',
		name: 'Salle des fêtes',
		kind: 'salle',
		commune: '30334',
		communeName: 'Uzès',
		capacity: 200,
		equipment: ['sono', 'cuisine équipée']
	};
	const event: EventMapProps = {
		id: 'e1',
		title: 'Fête de l’Été',
		startsAt: '2026-06-21T18:00:00Z',
		when: 'upcoming',
		format: 'concert',
		theme: 'musique',
		commune: '30243',
		communeName: 'Saint-Ambroix',
		placeId: null
	};
	it('matches name, commune and kind or format/theme', () => {
		expect(matchesPlace(place, queryWords('fetes uzes'))).toBe(true);
		expect(matchesPlace(place, queryWords('salle cuisine'))).toBe(true);
		expect(matchesPlace(place, queryWords('ambroix'))).toBe(false);
		expect(matchesPlace(place, [])).toBe(true);
		expect(matchesEvent(event, queryWords('ete saint-ambroix'))).toBe(true);
		expect(matchesEvent(event, queryWords('concert musique'))).toBe(true);
		expect(matchesEvent(event, queryWords('theatre'))).toBe(false);
		expect(
			matchesEvent({ ...event, format: null, theme: null, communeName: null }, queryWords('fete'))
		).toBe(true);
	});
});

// ---- properties over random data ----

const SECTOR_POOL = ['culture', 'sport', 'agriculture', 'santé'];
const WORLD_POOL = ['urbain', 'rural', 'amateur'];
const COMMUNE_POOL = ['30334', '30243', '30042'];
const NAME_WORDS = ['Uzès', 'Saint', 'Ambroix', 'Œuvre', 'club', 'la', 'Été'];
const SOURCE_LIST = [
	{ id: 's0', name: 'Zéro' },
	{ id: 's1', name: 'Un' },
	{ id: 's2', name: 'Deux' }
];

const specArb = fc.record({
	name: fc
		.array(fc.constantFrom(...NAME_WORDS), { minLength: 1, maxLength: 3 })
		.map((w) => w.join(' ')),
	kind: fc.constantFrom(...ACTOR_KINDS),
	sectors: fc.array(fc.constantFrom(...SECTOR_POOL), { maxLength: 3 }),
	worlds: fc.array(fc.constantFrom(...WORLD_POOL), { maxLength: 2 }),
	commune: fc.option(fc.constantFrom(...COMMUNE_POOL)),
	sources: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
	contact: fc.boolean(),
	at: fc.option(
		fc.tuple(
			fc.double({ min: 4, max: 5, noNaN: true }),
			fc.double({ min: 43, max: 45, noNaN: true })
		),
		{ nil: undefined }
	)
});

const actorsArb = fc
	.array(specArb, { maxLength: 40 })
	.map((specs) => specs.map((s, i) => ({ ...s, id: `x${i}`, commune: s.commune ?? undefined })));

const subset = <T>(pool: T[]) => fc.subarray(pool, { maxLength: 2 });
const filtersArb: fc.Arbitrary<MapFilters> = fc.record({
	q: fc.constantFrom('', 'uzes', 'saint am', 'oeuvre', 'club ete', 'culture', 'zzz'),
	kind: subset([...ACTOR_KINDS]),
	sector: subset([...SECTOR_POOL, 'absent']),
	world: subset(WORLD_POOL),
	commune: subset([...COMMUNE_POOL, '99999']),
	source: subset(['s0', 's1', 's2', 'gone']),
	contact: fc.constantFrom('any', 'yes', 'no') as fc.Arbitrary<MapFilters['contact']>
});

/** The definition, written the slow and obvious way. */
function naiveMatch(p: ActorMapProps, filters: MapFilters): boolean {
	const words = queryWords(filters.q);
	const hay = normaliseForSearch(
		[p.name, p.communeName, p.address, ...p.tags, ...p.sectors].filter(Boolean).join(' ')
	);
	const any = (selected: string[], values: string[]) =>
		selected.length === 0 || values.some((v) => selected.includes(v));
	const sourceIds = p.sources.map((s) => SOURCE_LIST[s]?.id).filter((x): x is string => !!x);
	return (
		matchesQuery(hay, words) &&
		any(filters.kind, [p.kind]) &&
		any(filters.sector, p.sectors) &&
		any(filters.world, p.worlds) &&
		any(filters.commune, p.commune ? [p.commune] : []) &&
		any(filters.source, sourceIds) &&
		(filters.contact === 'any' || p.contact === (filters.contact === 'yes'))
	);
}

const UNIVERSE: Record<FacetKey, string[]> = {
	kind: [...ACTOR_KINDS],
	sector: [...SECTOR_POOL, 'absent'],
	world: WORLD_POOL,
	commune: [...COMMUNE_POOL, '99999'],
	source: ['s0', 's1', 's2', 'gone'],
	contact: ['yes', 'no']
};

function choose(filters: MapFilters, key: FacetKey, value: string): MapFilters {
	return key === 'contact'
		? { ...filters, contact: value as 'yes' | 'no' }
		: { ...filters, [key]: [value] };
}

describe('properties', () => {
	it('match() agrees with the definition', () => {
		fc.assert(
			fc.property(actorsArb, filtersArb, (specs, filters) => {
				const idx = new ActorIndex(data(specs, SOURCE_LIST));
				const got = Array.from(idx.match(filters), (i) => idx.entry(i).props.id).sort();
				const want = Array.from({ length: idx.size }, (_, i) => idx.entry(i).props)
					.filter((p) => naiveMatch(p, filters))
					.map((p) => p.id)
					.sort();
				expect(got).toEqual(want);
			}),
			{ numRuns: 300 }
		);
	});

	it('a value’s count is what match() gives once it is chosen (facet otherwise empty)', () => {
		fc.assert(
			fc.property(actorsArb, filtersArb, fc.constantFrom(...FACET_KEYS), (specs, base, key) => {
				const idx = new ActorIndex(data(specs, SOURCE_LIST));
				const filters: MapFilters =
					key === 'contact' ? { ...base, contact: 'any' } : { ...base, [key]: [] };
				const facet = idx.facets(filters)[key];
				for (const v of facet) {
					expect(v.selected).toBe(false);
					expect(v.count).toBeGreaterThan(0);
					expect(v.count).toBe(idx.match(choose(filters, key, v.value)).length);
				}
				// Kind and contact have one value per actor: no value with matches is left out.
				if (key === 'kind' || key === 'contact') {
					expect(facet.reduce((sum, v) => sum + v.count, 0)).toBe(idx.match(filters).length);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('so is it when other values of that facet are selected, and selected ones are listed', () => {
		fc.assert(
			fc.property(actorsArb, filtersArb, fc.constantFrom(...FACET_KEYS), (specs, filters, key) => {
				const idx = new ActorIndex(data(specs, SOURCE_LIST));
				const facet = idx.facets(filters)[key];
				for (const v of facet) {
					expect(v.count).toBe(idx.match(choose(filters, key, v.value)).length);
				}
				const selected =
					key === 'contact' ? [filters.contact].filter((c) => c !== 'any') : filters[key];
				expect(
					facet
						.filter((v) => v.selected)
						.map((v) => v.value)
						.sort()
				).toEqual([...selected].sort());
				// Every value that would match something is listed (values at 0 only if selected).
				for (const value of UNIVERSE[key]) {
					const listed = facet.find((v) => v.value === value);
					expect(listed?.count ?? 0).toBe(idx.match(choose(filters, key, value)).length);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

// ---- scale: logs timings, asserts only consistency (no timed assertions) ----

/** A seeded territory of `n` actors with French names, accents, 150 communes, 5% unlocated. */
function syntheticData(n: number): ActorMapData {
	let seed = 42;
	const random = () => {
		// mulberry32
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const FIRST = [
		'Association',
		'Collectif',
		'Atelier',
		'Compagnie',
		'Ferme',
		'Café',
		'Théâtre',
		'Club',
		'Amicale',
		'Coopérative',
		'Maison',
		'Jardins'
	];
	const MIDDLE = [
		'des Arts',
		'du Pont',
		'de l’Œuvre',
		'des Garrigues',
		'du Vieux Moulin',
		'de la Source',
		'des Écoles',
		'Solidaire',
		'Partagé',
		'des Cévennes'
	];
	const SECTORS = [
		'culture',
		'sport',
		'agriculture',
		'santé',
		'éducation',
		'environnement',
		'social',
		'tourisme',
		'artisanat',
		'alimentation',
		'mobilité',
		'numérique'
	];
	const WORLDS = ['urbain', 'rural', 'amateur', 'professionnel', 'fédération', 'petite structure'];
	const TAGS = [
		'bénévolat',
		'jeunesse',
		'patrimoine',
		'marché',
		'vélo',
		'musique',
		'théâtre',
		'oliviers',
		'vin',
		'insertion'
	];
	const STREETS = [
		'rue de la République',
		'chemin des Oliviers',
		'place aux Herbes',
		'avenue de la Gare',
		'route d’Alès'
	];
	const communes = Array.from({ length: 150 }, (_, i) => ({
		code: String(30001 + i),
		name: `${pick(['Saint', 'Sainte', 'Montaren', 'Vallérargues', 'Uzès', 'Aigaliers'])}-${pick(['Ambroix', 'Quentin', 'Hippolyte', 'Maximin', 'Chaptes', 'Élie'])} ${i}`,
		lng: 4 + random(),
		lat: 43.8 + random() * 0.6
	}));
	const features: ActorMapData['features'] = [];
	const unlocated: ActorMapProps[] = [];
	for (let i = 0; i < n; i++) {
		const commune = random() < 0.02 ? null : pick(communes);
		const p: ActorMapProps = {
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			name: `${pick(FIRST)} ${pick(MIDDLE)} ${i % 97}`,
			kind: pick(ACTOR_KINDS),
			sectors: [pick(SECTORS), ...(random() < 0.5 ? [pick(SECTORS)] : [])],
			worlds: [pick(WORLDS), pick(WORLDS)],
			tags: random() < 0.6 ? [pick(TAGS), pick(TAGS)] : [],
			commune: commune?.code ?? null,
			communeName: commune?.name ?? null,
			address: random() < 0.7 ? `${1 + Math.floor(random() * 80)} ${pick(STREETS)}` : null,
			sources: random() < 0.4 ? [0, 1 + Math.floor(random() * 9)] : [Math.floor(random() * 10)],
			contact: random() < 0.7
		};
		if (commune && random() >= 0.05) {
			features.push({
				type: 'Feature',
				geometry: {
					type: 'Point',
					coordinates: [
						commune.lng + (random() - 0.5) * 0.05,
						commune.lat + (random() - 0.5) * 0.05
					]
				},
				properties: p
			});
		} else unlocated.push(p);
	}
	const sources = Array.from({ length: 10 }, (_, i) => ({ id: `src-${i}`, name: `Liste ${i}` }));
	return { type: 'FeatureCollection', features, unlocated, sources };
}

/** Median wall-clock and CPU milliseconds (CPU: this process, less skewed on a busy machine). */
function time<T>(fn: () => T, runs = 1): { ms: number; cpu: number; value: T } {
	let value!: T;
	const walls: number[] = [];
	const cpus: number[] = [];
	for (let r = 0; r < runs; r++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		value = fn();
		walls.push(performance.now() - t0);
		const c = process.cpuUsage(c0);
		cpus.push((c.user + c.system) / 1000);
	}
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	return { ms: median(walls), cpu: median(cpus), value };
}

describe('scale', () => {
	const n = Number(process.env.FACETS_SCALE_ACTORS ?? 100_000);

	it(`indexes, matches and counts ${n} actors (timings logged)`, () => {
		const d = syntheticData(n);
		const built = time(() => new ActorIndex(d));
		const big = built.value;
		expect(big.size).toBe(n);
		const busy = f({
			q: 'oeuvre',
			kind: ['association', 'cooperative'],
			world: ['rural'],
			contact: 'yes'
		});
		const rows: [string, number, number][] = [['build index', built.ms, built.cpu]];
		const measure = (label: string, fn: () => unknown, runs = 5) => {
			const t = time(fn, runs);
			rows.push([label, t.ms, t.cpu]);
			return t.value;
		};
		const all = measure('match, no filter', () => big.match(EMPTY_FILTERS)) as Uint32Array;
		expect(all).toHaveLength(n);
		measure('match, facets only', () =>
			big.match(f({ kind: ['association'], sector: ['culture', 'sport'] }))
		);
		// A new query each run, so the cached query matches do not hide the search.
		let k = 0;
		const qs = ['saint', 'uzes ambroix', 'theatre', 'oeuvre garrigues', 'jardins 4'];
		measure('match, new query', () => big.match(f({ q: qs[k++ % qs.length]! })));
		const matched = measure('match, query + 3 facets', () => big.match(busy)) as Uint32Array;
		const facetsAll = measure('facets, no filter', () => big.facets(EMPTY_FILTERS)) as ReturnType<
			ActorIndex['facets']
		>;
		const facetsBusy = measure('facets, query + 3 facets', () => big.facets(busy)) as ReturnType<
			ActorIndex['facets']
		>;
		measure('featureCollection, all', () => big.featureCollection(all));
		measure('inBounds, all, a quarter', () => big.inBounds(all, [4, 43.8, 4.5, 44.1]));
		// Consistency at scale: kind counts add up to the matches without the kind facet.
		expect(facetsAll.kind.reduce((s, v) => s + v.count, 0)).toBe(n);
		expect(facetsBusy.contact.find((v) => v.value === 'yes')?.count).toBe(matched.length);
		console.log(
			`ActorIndex at ${n} actors (median of 5 runs, build once): wall ms, CPU ms\n` +
				rows
					.map(
						([label, ms, cpu]) =>
							`  ${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ${cpu.toFixed(1).padStart(8)}`
					)
					.join('\n')
		);
	});
});
