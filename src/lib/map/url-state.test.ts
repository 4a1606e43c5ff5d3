import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTOR_KINDS } from '$lib/domain/actor-kinds';
import { MAP_LAYERS } from './types';
import {
	defaultMapUrlState,
	isToken,
	mapUrlSearch,
	parseMapUrl,
	roundTo,
	writeMapUrl,
	type MapUrlState
} from './url-state';

const parse = (query: string) => parseMapUrl(new URLSearchParams(query));

describe('parseMapUrl', () => {
	it('gives the defaults for an empty query', () => {
		expect(parse('')).toEqual(defaultMapUrlState());
		expect(parse('').layers).toEqual([...MAP_LAYERS]);
		expect(mapUrlSearch(defaultMapUrlState())).toBe('');
	});

	it('reads every parameter', () => {
		const uuid = '0b6f3c52-7a9e-4c1d-9f0a-2d5e8b7c6a41';
		const state = parse(
			'v=4.419461,44.012345,11.456&q=th%C3%A9%C3%A2tre+uz%C3%A8s&kind=association&kind=cooperative' +
				'&sector=culture&sector=%C3%A9conomie+sociale&world=rural&commune=30334&commune=2A004' +
				`&source=${uuid}&contact=no&sel=actor:${uuid}&layers=places,actors&dir=all` +
				'&sort=commune-desc&choro=association'
		);
		expect(state).toEqual({
			view: { lng: 4.41946, lat: 44.01235, zoom: 11.46 },
			filters: {
				q: 'théâtre uzès',
				kind: ['association', 'cooperative'],
				sector: ['culture', 'économie sociale'],
				world: ['rural'],
				commune: ['30334', '2A004'],
				source: [uuid],
				contact: 'no'
			},
			selected: { type: 'actor', id: uuid },
			layers: ['actors', 'places'], // legend order
			directory: 'all',
			sort: { key: 'commune', dir: 'desc' },
			choropleth: 'association'
		} satisfies MapUrlState);
	});

	it('falls back to the default for each unreadable value', () => {
		const d = defaultMapUrlState();
		for (const v of [
			'200,44,10',
			'4,-91,10',
			'4,44,23',
			'4,44,-1',
			'4,44',
			'4,44,10,1',
			'a,b,c',
			'4,44,1e3',
			'0x10,44,3',
			',,',
			'Infinity,0,0',
			'4, 44,10'
		]) {
			expect(parse(`v=${encodeURIComponent(v)}`).view, v).toBeNull();
		}
		expect(parse('v=-180,90,0').view).toEqual({ lng: -180, lat: 90, zoom: 0 });
		expect(parse('v=-0.000001,0,22').view).toEqual({ lng: 0, lat: 0, zoom: 22 });
		expect(Object.is(parse('v=-0.000001,0,22').view!.lng, 0)).toBe(true);
		expect(parse('kind=assoc&kind=ASSOCIATION&kind=business&kind=business').filters.kind).toEqual([
			'business'
		]);
		expect(parse('commune=30 334&commune=<script>&source=' + 'x'.repeat(101)).filters).toEqual(
			d.filters
		);
		expect(
			parse('sector=%0Aculture&sector=&sector=+culture&world=' + 'é'.repeat(101)).filters
		).toEqual(d.filters);
		expect(parse('contact=maybe').filters.contact).toBe('any');
		expect(parse('contact=yes').filters.contact).toBe('yes');
		expect(parse('sel=actor').selected).toBeNull();
		expect(parse('sel=person:a1').selected).toBeNull();
		expect(parse('sel=actor:').selected).toBeNull();
		expect(parse('sel=actor:a b').selected).toBeNull();
		expect(parse('sel=event:e:1').selected).toEqual({ type: 'event', id: 'e:1' });
		expect(parse('layers=foo,bar').layers).toEqual([...MAP_LAYERS]);
		expect(parse('layers=foo,events-past').layers).toEqual(['events-past']);
		expect(parse('layers=').layers).toEqual([]); // every layer hidden
		expect(parse('dir=everything').directory).toBe('view');
		expect(parse('sort=commune').sort).toEqual({ key: 'commune', dir: 'asc' });
		expect(parse('sort=name-desc').sort).toEqual({ key: 'name', dir: 'desc' });
		for (const s of ['kind-desc', 'commune-up', 'commune-desc-x', '-desc', '']) {
			expect(parse(`sort=${s}`).sort, s).toEqual({ key: 'name', dir: 'asc' });
		}
		expect(parse('choro=all').choropleth).toBe('all');
		expect(parse('choro=martians').choropleth).toBeNull();
		expect(parse(`q=${'a'.repeat(500)}`).filters.q).toHaveLength(200);
		// Not cut inside a character: 199 + an emoji (2 UTF-16 units) → 199.
		const emoji = parse(`q=${'a'.repeat(199)}${encodeURIComponent('🎭')}b`).filters.q;
		expect(emoji).toBe('a'.repeat(199));
		expect(
			parseMapUrl(
				writeMapUrl({
					...defaultMapUrlState(),
					filters: { ...defaultMapUrlState().filters, q: emoji }
				})
			).filters.q
		).toBe(emoji);
	});

	it('keeps the first of repeated single parameters', () => {
		expect(parse('contact=no&contact=yes').filters.contact).toBe('no');
		expect(parse('q=un&q=deux').filters.q).toBe('un');
	});

	it('bounds the number of facet values read from a link', () => {
		const many = Array.from({ length: 1000 }, (_, i) => `commune=c${i}`).join('&');
		expect(parse(many).filters.commune).toHaveLength(200);
	});
});

describe('writeMapUrl', () => {
	it('writes nothing for the defaults and a stable order otherwise', () => {
		expect(writeMapUrl(defaultMapUrlState()).toString()).toBe('');
		const state: MapUrlState = {
			...defaultMapUrlState(),
			choropleth: 'all',
			sort: { key: 'category', dir: 'asc' },
			directory: 'all',
			layers: ['events-upcoming', 'actors'],
			selected: { type: 'place', id: 'p-1' },
			filters: {
				q: 'Saint-Ambroix & co',
				kind: ['business'],
				sector: ['culture'],
				world: ['urbain', 'rural'],
				commune: ['30243'],
				source: ['s1'],
				contact: 'yes'
			},
			view: { lng: 4.4194649, lat: 44.0123, zoom: 11 }
		};
		expect(writeMapUrl(state).toString()).toBe(
			'v=4.41946%2C44.0123%2C11&q=Saint-Ambroix+%26+co&kind=business&sector=culture' +
				'&world=urbain&world=rural&commune=30243&source=s1&contact=yes&sel=place%3Ap-1' +
				'&layers=actors%2Cevents-upcoming&dir=all&sort=category-asc&choro=all'
		);
	});

	it('leaves out values the parser would reject', () => {
		const state: MapUrlState = {
			...defaultMapUrlState(),
			view: { lng: NaN, lat: 0, zoom: 3 },
			selected: { type: 'actor', id: 'has space' },
			choropleth: 'martians',
			filters: {
				...defaultMapUrlState().filters,
				kind: ['nope', 'other', 'other'],
				commune: ['ok', 'not ok']
			}
		};
		expect(writeMapUrl(state).toString()).toBe('kind=other&commune=ok');
		expect(mapUrlSearch(state)).toBe('?kind=other&commune=ok');
	});

	it('writes the layers only when some are hidden', () => {
		const all = { ...defaultMapUrlState(), layers: [...MAP_LAYERS].reverse() };
		expect(writeMapUrl(all).has('layers')).toBe(false);
		expect(writeMapUrl({ ...all, layers: [] }).get('layers')).toBe('');
	});
});

// ---- properties ----

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/);
const freeValue = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter(
	(s) =>
		s.trim() === s &&
		[...s].every((c) => {
			const code = c.codePointAt(0)!;
			return code > 0x1f && (code < 0x7f || code > 0x9f);
		})
);

const stateArb: fc.Arbitrary<MapUrlState> = fc.record({
	view: fc.option(
		fc.record({
			lng: fc.double({ min: -180, max: 180, noNaN: true }),
			lat: fc.double({ min: -90, max: 90, noNaN: true }),
			zoom: fc.double({ min: 0, max: 22, noNaN: true })
		}),
		{ nil: null }
	),
	filters: fc.record({
		q: fc.string({ unit: 'grapheme', maxLength: 60 }),
		kind: fc.uniqueArray(fc.constantFrom(...ACTOR_KINDS)),
		sector: fc.uniqueArray(freeValue, { maxLength: 4 }),
		world: fc.uniqueArray(freeValue, { maxLength: 4 }),
		commune: fc.uniqueArray(token, { maxLength: 4 }),
		source: fc.uniqueArray(token, { maxLength: 4 }),
		contact: fc.constantFrom('any' as const, 'yes' as const, 'no' as const)
	}),
	selected: fc.option(
		fc.record({
			type: fc.constantFrom('actor' as const, 'place' as const, 'event' as const),
			id: token
		}),
		{ nil: null }
	),
	layers: fc.subarray([...MAP_LAYERS]),
	directory: fc.constantFrom('view' as const, 'all' as const),
	sort: fc.record({
		key: fc.constantFrom('name' as const, 'category' as const, 'commune' as const),
		dir: fc.constantFrom('asc' as const, 'desc' as const)
	}),
	choropleth: fc.constantFrom(null, 'all', ...ACTOR_KINDS)
});

function rounded(state: MapUrlState): MapUrlState {
	const { view } = state;
	return {
		...state,
		view: view && {
			lng: roundTo(view.lng, 5),
			lat: roundTo(view.lat, 5),
			zoom: roundTo(view.zoom, 2)
		}
	};
}

describe('properties', () => {
	it('parse(write(state)) is the state, coordinates rounded', () => {
		fc.assert(
			fc.property(stateArb, (state) => {
				const query = writeMapUrl(state).toString();
				// Through a string, as a copied link travels.
				expect(parseMapUrl(new URLSearchParams(query))).toEqual(rounded(state));
			}),
			{ numRuns: 1000 }
		);
	});

	it('never throws on junk, and what it reads writes back to itself', () => {
		const junkParam = fc.tuple(
			fc.constantFrom(
				'v',
				'q',
				'kind',
				'sector',
				'world',
				'commune',
				'source',
				'contact',
				'sel',
				'layers',
				'dir',
				'sort',
				'choro',
				'x'
			),
			fc.oneof(
				fc.string({ unit: 'binary', maxLength: 40 }),
				fc.constantFrom(
					'actor:',
					'actor:a',
					'4,44,10',
					'all',
					'yes',
					'commune-desc',
					'association',
					'actors,events-past',
					''
				),
				fc.tuple(fc.double(), fc.double(), fc.double()).map((t) => t.join(','))
			)
		);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.array(junkParam, { maxLength: 12 }).map((pairs) => new URLSearchParams(pairs)),
					fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new URLSearchParams(s))
				),
				(params) => {
					const state = parseMapUrl(params);
					const again = parseMapUrl(new URLSearchParams(writeMapUrl(state).toString()));
					expect(again).toEqual(state);
					expect(state.layers.every((l) => (MAP_LAYERS as readonly string[]).includes(l))).toBe(
						true
					);
					if (state.selected) expect(isToken(state.selected.id)).toBe(true);
				}
			),
			{ numRuns: 1000 }
		);
	});
});
