import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { TravelSuggestion } from '$lib/domain/events/travel';
import TravelPage from './+page.svelte';

// No DOM in this suite: the page is checked through its server rendering.

type Props = Parameters<typeof render<typeof TravelPage>>[1] extends infer O
	? O extends { props?: infer P }
		? P
		: never
	: never;
type Data = Props['data'];

const ACTOR = '11111111-1111-4111-8111-111111111111';
const PLACE = '22222222-2222-4222-8222-222222222222';
const EVENT = '33333333-3333-4333-8333-333333333333';

const suggestion: TravelSuggestion = {
	rank: 1,
	code: '30041',
	name: 'Blauzac',
	visits: 0,
	planned: 0,
	lastDate: null,
	place: {
		id: PLACE,
		name: 'Salle des fêtes de Blauzac',
		kind: 'salle',
		capacity: 200,
		capacityFit: 'enough',
		equipment: ['sono', 'tables']
	},
	placesInCommune: 1,
	nearbyActors: 12,
	matchingActors: 3,
	coOrganisers: [
		{
			id: ACTOR,
			name: 'Comité des fêtes de Blauzac',
			communeCode: '30041',
			distanceKm: 0.4,
			sameCommune: true,
			matchesTheme: true
		}
	],
	reasons: [
		{ code: 'never-visited' },
		{
			code: 'place',
			placeId: PLACE,
			placeName: 'Salle des fêtes de Blauzac',
			capacity: 200,
			expectedSize: 150,
			capacityFit: 'enough',
			equipment: ['sono', 'tables']
		},
		{
			code: 'actors',
			count: 12,
			matching: 3,
			theme: 'social',
			radiusKm: 10,
			names: ['Comité des fêtes de Blauzac']
		}
	]
};

const second: TravelSuggestion = {
	...suggestion,
	rank: 2,
	code: '30151',
	name: 'Lussan',
	visits: 2,
	lastDate: '2025-05-10T13:00:00.000Z',
	place: null,
	placesInCommune: 1,
	coOrganisers: [],
	reasons: [
		{ code: 'last-visit', date: '2025-05-10T13:00:00.000Z', visits: 2 },
		{ code: 'no-place', places: 1 },
		{ code: 'no-actors', radiusKm: 10 }
	]
};

const base = {
	territory: { slug: 'pays-d-uzes', name: 'Pays d’Uzès' },
	query: { format: 'fête', theme: 'social', size: '150', sizeValue: 150, sizeError: false },
	choices: [{ format: 'fête', events: 5, communes: 5, themes: [{ theme: 'social', events: 4 }] }],
	themes: ['culture', 'social'],
	totalEvents: 18,
	plan: {
		timeline: [
			{
				eventId: EVENT,
				title: 'Fête des associations rurales',
				startsAt: '2025-05-10T13:00:00.000Z',
				communeCode: '30151',
				communeName: 'Lussan',
				placeId: null,
				placeName: null,
				planned: false
			},
			{
				eventId: '44444444-4444-4444-8444-444444444444',
				title: 'Fête des associations rurales',
				startsAt: '2026-08-15T13:00:00.000Z',
				communeCode: '30001',
				communeName: 'Aigaliers',
				placeId: null,
				placeName: null,
				planned: true
			}
		],
		hosts: [
			{
				code: '30001',
				name: 'Aigaliers',
				visits: 0,
				planned: 1,
				firstDate: '2026-08-15T13:00:00.000Z',
				lastDate: '2026-08-15T13:00:00.000Z',
				inTerritory: true
			},
			{
				code: '30151',
				name: 'Lussan',
				visits: 1,
				planned: 0,
				firstDate: '2025-05-10T13:00:00.000Z',
				lastDate: '2025-05-10T13:00:00.000Z',
				inTerritory: true
			}
		],
		ignored: 1,
		seriesEvents: 3,
		expectedSize: 150,
		needs: ['sono'],
		suggestions: [suggestion, second]
	},
	hostCommunes: 1,
	map: {
		width: 400,
		height: 300,
		shapes: [{ code: '30151', name: 'Lussan', d: 'M0 0L10 0L10 10Z', state: 'host' as const }],
		dots: [
			{
				code: '30151',
				name: 'Lussan',
				x: 5,
				y: 5,
				r: 6,
				visits: 1,
				planned: 0,
				rank: null,
				state: 'host' as const
			},
			{
				code: '30041',
				name: 'Blauzac',
				x: 50,
				y: 50,
				r: 0,
				visits: 0,
				planned: 0,
				rank: 1,
				state: 'suggested' as const
			}
		]
	}
};

const html = (data: Partial<Data>) =>
	render(TravelPage, {
		props: { data: { ...base, ...data } as Data, params: { territory: 'pays-d-uzes' } }
	} as never)
		.body.replace(/<!--.*?-->/g, '')
		.replace(/ class="svelte-[a-z0-9]+"/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');

const text = (body: string) =>
	body
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.replace(/&amp;/g, '&');

describe('travel page (server render)', () => {
	it('explains each suggestion in French sentences, with its place and co-organisers linked', () => {
		const body = html({});
		const words = text(body);
		expect(words).toContain('n° 1 Blauzac');
		expect(words).toContain('Pourquoi cette commune');
		expect(words).toContain('Elle n’a jamais accueilli cette série.');
		expect(words).toContain(
			'Lieu commun : Salle des fêtes de Blauzac, 200 places, assez pour les 150 personnes attendues.'
		);
		expect(words).toContain('Équipement déjà sur place pour la série : sono, tables.');
		expect(words).toContain(
			'12 acteurs à moins de 10 km pour co-organiser, dont 3 du thème « social ».'
		);
		expect(body).toContain(`href="/t/pays-d-uzes/places/${PLACE}"`);
		expect(body).toContain(`href="/t/pays-d-uzes/actors/${ACTOR}"`);
		expect(words).toContain('Comité des fêtes de Blauzac (dans la commune)');
		// The second one: visited, no suitable place, nobody around.
		expect(words).toContain('Dernière édition ici le 10 mai 2025 ; 2 éditions en tout.');
		expect(words).toContain(
			'1 lieu commun recensé dans la commune, mais il ne convient pas à ce format ou à cette taille.'
		);
		expect(words).toContain('Aucun acteur recensé à moins de 10 km');
	});

	it('shows the timeline by date with links to the events, the planned one marked, and the hosts', () => {
		const body = html({});
		const words = text(body);
		expect(body).toContain(`href="/t/pays-d-uzes/events/${EVENT}"`);
		expect(words).toMatch(/10 mai 2025 Fête des associations rurales Lussan/);
		expect(words).toMatch(/15 août 2026 Fête des associations rurales Aigaliers prévu/);
		expect(words).toContain('Communes hôtes');
		expect(words).toContain(
			'3 événements de la série « fête · social », dans 2 commune(s) hôte(s).'
		);
		expect(words).toContain('1 événement de la série n’a ni commune ni lieu');
	});

	it('keeps the series in the GET form, and draws the map as an SVG with the ranks', () => {
		const body = html({});
		expect(body).toMatch(/<form method="GET" action="\/t\/pays-d-uzes\/events\/travel"/);
		expect(body).toContain('<option value="fête" selected="">fête (5 événements)</option>');
		expect(body).toContain('<option value="social" selected="">social</option>');
		expect(body).toMatch(/<svg viewBox="0 0 400 300" role="img" aria-label="Carte des communes/);
		expect(body).toContain('<path d="M0 0L10 0L10 10Z" class="commune host">');
		expect(body).toMatch(/<circle cx="5" cy="5" r="6" class="dot host" data-commune="30151"/);
		expect(body).toMatch(/<g class="rank" transform="translate\(50 50\)">.*?<text[^>]*>1<\/text>/s);
	});

	it('says what is wrong with the size next to the field', () => {
		const body = html({
			query: { format: null, theme: null, size: 'beaucoup', sizeValue: null, sizeError: true }
		});
		expect(body).toMatch(/aria-invalid="true"[^>]*aria-describedby="travel-size-error"/);
		expect(text(body)).toContain(
			'Indiquez un nombre entier de personnes entre 1 et 100 000, ou laissez vide.'
		);
	});

	it('has empty states: no event at all, an empty series, no map', () => {
		const empty = { ...base.plan, timeline: [], hosts: [], ignored: 0, seriesEvents: 0 };
		const none = text(html({ totalEvents: 0, plan: empty, map: null }));
		expect(none).toContain('Aucun événement n’est encore enregistré sur ce territoire');
		expect(none).toContain('Pas de carte');
		const series = text(html({ plan: empty }));
		expect(series).toContain('Aucun événement de cette série pour l’instant');
		expect(series).not.toContain('Communes hôtes');
		// The suggestions are still there: every commune is a candidate.
		expect(series).toContain('n° 1 Blauzac');
	});
});
