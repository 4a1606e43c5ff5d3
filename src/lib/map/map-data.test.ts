import { describe, expect, it } from 'vitest';
import {
	buildActorDetail,
	buildActorMapData,
	buildEventDetail,
	buildEventMapData,
	buildPlaceDetail,
	buildPlaceMapData,
	contactVisible,
	eventWhen,
	formatEventDate,
	safeHref,
	type ActorDetailRow,
	type ActorMapRow,
	type DetailContext,
	type EventDetailRow,
	type EventMapRow,
	type PlaceDetailRow
} from './map-data';

const COMMUNES: Record<string, string> = { '30334': 'Uzès', '30295': 'Saint-Quentin-la-Poterie' };
const communeName = (code: string) => COMMUNES[code];

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const SOURCES = [
	{ id: S1, name: 'RNA Gard' },
	{ id: S2, name: 'Adhérents réseau' }
];

const actorRow = (over: Partial<ActorMapRow> = {}): ActorMapRow => ({
	id: 'a1',
	name: 'Les Amis du Lavoir',
	kind: 'association',
	sectors: ['culture'],
	worlds: ['amateur', 'rural'],
	tags: ['patrimoine'],
	commune_code: '30334',
	address: '3 rue du Lavoir',
	has_email: true,
	has_phone: true,
	has_website: false,
	contact_visibility: { phone: 'public' },
	lng: 4.41962345678,
	lat: 44.01221234567,
	source_indexes: [1, 0],
	...over
});

describe('contactVisible', () => {
	it('shows members everything and the public only fields marked public', () => {
		expect(contactVisible({}, 'email', 'members')).toBe(true);
		expect(contactVisible({ email: 'public' }, 'email', 'public')).toBe(true);
		expect(contactVisible({ email: 'members' }, 'email', 'public')).toBe(false);
		// A missing mark, or a visibility that is not even an object, means members only.
		expect(contactVisible({}, 'phone', 'public')).toBe(false);
		expect(contactVisible(null, 'address', 'public')).toBe(false);
		expect(contactVisible('public', 'address', 'public')).toBe(false);
	});
});

describe('buildActorMapData', () => {
	it('gives members every field, listings as indexes into sources, coordinates to 6 decimals', () => {
		const data = buildActorMapData([actorRow()], SOURCES, communeName, 'members');
		expect(data.type).toBe('FeatureCollection');
		expect(data.sources).toEqual(SOURCES);
		expect(data.unlocated).toEqual([]);
		expect(data.features).toHaveLength(1);
		const [f] = data.features;
		expect(f?.geometry).toEqual({ type: 'Point', coordinates: [4.419623, 44.012212] });
		expect(f?.properties).toEqual({
			id: 'a1',
			name: 'Les Amis du Lavoir',
			kind: 'association',
			sectors: ['culture'],
			worlds: ['amateur', 'rural'],
			tags: ['patrimoine'],
			commune: '30334',
			communeName: 'Uzès',
			address: '3 rue du Lavoir',
			sources: [0, 1],
			contact: true
		});
	});

	it('gives the public only public contacts and no listing at all', () => {
		const data = buildActorMapData([actorRow()], SOURCES, communeName, 'public');
		expect(data.sources).toEqual([]);
		const props = data.features[0]?.properties;
		expect(props?.sources).toEqual([]);
		// The phone is public: contact stays true; the address is members only.
		expect(props?.address).toBeNull();
		expect(props?.contact).toBe(true);
	});

	it('counts contact per audience: a members-only email is no contact for the public', () => {
		const contact = (over: Partial<ActorMapRow>, audience: 'members' | 'public') =>
			buildActorMapData([actorRow(over)], [], communeName, audience).features[0]?.properties
				.contact;
		const emailOnly = { has_phone: false, contact_visibility: { email: 'members' } };
		expect(contact(emailOnly, 'members')).toBe(true);
		expect(contact(emailOnly, 'public')).toBe(false);
		expect(contact({ ...emailOnly, contact_visibility: { email: 'public' } }, 'public')).toBe(true);
		// A website is public information.
		expect(contact({ ...emailOnly, has_website: true }, 'public')).toBe(true);
		expect(contact({ has_email: false, has_phone: false }, 'members')).toBe(false);
	});

	it('puts actors without a valid location in unlocated, with the same properties', () => {
		const rows = [
			actorRow({ id: 'none', lng: null, lat: null }),
			actorRow({ id: 'out', lng: 200, lat: 44 }),
			actorRow({ id: 'text', lng: '4.5', lat: '44.1' })
		];
		const data = buildActorMapData(rows, SOURCES, communeName, 'members');
		expect(data.unlocated.map((a) => a.id)).toEqual(['none', 'out']);
		expect(data.unlocated[0]?.communeName).toBe('Uzès');
		expect(data.features.map((f) => f.geometry.coordinates)).toEqual([[4.5, 44.1]]);
	});

	it('names unknown communes by their code, no commune by null, unknown kinds as other', () => {
		const rows = [
			actorRow({ id: 'x', commune_code: '99999', kind: 'guild' }),
			actorRow({ id: 'y', commune_code: null, sectors: null, worlds: null, tags: null })
		];
		const [x, y] = buildActorMapData(rows, [], communeName, 'members').features;
		expect(x?.properties).toMatchObject({ commune: '99999', communeName: '99999', kind: 'other' });
		expect(y?.properties).toMatchObject({
			commune: null,
			communeName: null,
			sectors: [],
			worlds: [],
			tags: []
		});
	});

	it('ignores indexes that are not among the listings, and repeats', () => {
		const row = actorRow({ source_indexes: [5, 1, -1, 1, 0.5] });
		expect(
			buildActorMapData([row], SOURCES, communeName, 'members').features[0]?.properties.sources
		).toEqual([1]);
	});

	it('keeps listing text as the same plain string', () => {
		const name = '<img src=x onerror=alert(1)>';
		const data = buildActorMapData([actorRow({ name })], [], communeName, 'members');
		expect(data.features[0]?.properties.name).toBe(name);
	});
});

describe('places and events layers', () => {
	it('draws located places only, with commune names and an integer capacity', () => {
		const data = buildPlaceMapData(
			[
				{
					id: 'p1',
					name: 'Salle des fêtes',
					kind: 'salle',
					commune_code: '30295',
					capacity: '120',
					equipment: ['scène', 'cuisine'],
					lng: 4.43847,
					lat: 44.05729
				},
				{
					id: 'p2',
					name: 'Jardin',
					kind: '',
					commune_code: null,
					capacity: null,
					equipment: null,
					lng: null,
					lat: null
				}
			],
			communeName
		);
		expect(data.features).toHaveLength(1);
		expect(data.features[0]?.properties).toEqual({
			id: 'p1',
			name: 'Salle des fêtes',
			kind: 'salle',
			commune: '30295',
			communeName: 'Saint-Quentin-la-Poterie',
			capacity: 120,
			equipment: ['scène', 'cuisine']
		});
	});

	const now = new Date('2026-03-10T12:00:00Z');
	const eventRow = (over: Partial<EventMapRow>): EventMapRow => ({
		id: 'e',
		title: 'Forum',
		starts_at: '2026-03-14T17:00:00Z',
		ends_at: '2026-03-14T20:00:00Z',
		format: 'forum',
		theme: null,
		commune_code: '30334',
		place_id: null,
		lng: 4.4,
		lat: 44,
		...over
	});

	it('tells upcoming from past by the end (the start when there is none) against now', () => {
		expect(eventWhen('2026-03-10T10:00:00Z', '2026-03-10T13:00:00Z', now)).toBe('upcoming');
		expect(eventWhen('2026-03-10T10:00:00Z', '2026-03-10T11:59:59Z', now)).toBe('past');
		expect(eventWhen('2026-03-10T12:00:00Z', null, now)).toBe('upcoming');
		expect(eventWhen('2026-03-10T11:00:00Z', null, now)).toBe('past');
		const data = buildEventMapData(
			[
				eventRow({ id: 'soon' }),
				eventRow({
					id: 'running',
					starts_at: '2026-03-09T08:00:00Z',
					ends_at: '2026-03-11T08:00:00Z'
				}),
				eventRow({ id: 'over', starts_at: '2026-02-01T08:00:00Z', ends_at: null }),
				eventRow({ id: 'nowhere', lng: null, lat: null })
			],
			communeName,
			now
		);
		expect(data.features.map((f) => [f.properties.id, f.properties.when])).toEqual([
			['soon', 'upcoming'],
			['running', 'upcoming'],
			['over', 'past']
		]);
		expect(data.features[0]?.properties).toMatchObject({
			startsAt: '2026-03-14T17:00:00Z',
			communeName: 'Uzès',
			theme: null,
			placeId: null
		});
	});
});

describe('safeHref', () => {
	it('links emails, phones and web sites with safe schemes only', () => {
		expect(safeHref('email', ' lavoir@example.org ')).toBe('mailto:lavoir@example.org');
		expect(safeHref('email', 'javascript:alert(1)//@x.fr')).toBeUndefined();
		expect(safeHref('email', 'pas un courriel')).toBeUndefined();
		expect(safeHref('phone', '04 65 71 00 00')).toBe('tel:0465710000');
		expect(safeHref('phone', '+33 (0)4.65.71.00.00')).toBe('tel:+330465710000');
		expect(safeHref('phone', 'le soir')).toBeUndefined();
		expect(safeHref('website', 'https://lavoir.example.org/a?b=1')).toBe(
			'https://lavoir.example.org/a?b=1'
		);
		expect(safeHref('website', 'www.lavoir.fr')).toBe('https://www.lavoir.fr/');
		expect(safeHref('website', 'http://lavoir.fr')).toBe('http://lavoir.fr/');
		for (const bad of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<b>x</b>',
			'vbscript:x',
			'ftp://x.fr',
			'<img src=x onerror=alert(1)>',
			''
		])
			expect(safeHref('website', bad)).toBeUndefined();
	});
});

const context = (over: Partial<DetailContext> = {}): DetailContext => ({
	audience: 'members',
	slug: 'pays-d-uzes',
	communeName,
	locale: 'fr-FR',
	...over
});

const REC = '33333333-3333-4333-8333-333333333333';
const detailRow = (over: Partial<ActorDetailRow> = {}): ActorDetailRow => ({
	id: 'a1',
	name: 'Les Amis du Lavoir',
	kind: 'association',
	legal_form: 'Association loi 1901',
	sectors: ['culture', 'patrimoine'],
	worlds: ['amateur'],
	tags: [],
	description: 'Restaure le lavoir.',
	address: '3 rue du Lavoir',
	postcode: '30700',
	commune_code: '30334',
	email: 'lavoir@example.org',
	phone: '04 65 71 00 00',
	website: 'javascript:alert(1)',
	siret: null,
	rna: 'W302000001',
	lng: 4.41,
	lat: 44.01,
	provenance: {
		email: { record_id: REC, source_id: S1 },
		rna: { record_id: 'gone', source_id: S1 }
	},
	contact_visibility: { phone: 'public' },
	...over
});

describe('buildActorDetail', () => {
	const records = [{ id: REC, source_name: 'RNA Gard', row_number: 12 }];
	const events = [
		{ id: 'old', title: 'Fête 2024', starts_at: '2024-06-01T10:00:00Z', role: 'organiser' },
		{ id: 'new', title: 'Fête 2026', starts_at: '2026-06-01T10:00:00Z', role: 'participant' }
	];
	const links = [
		{ id: 'b', name: 'Foyer rural', kind: 'member_of', outgoing: true },
		{ id: 'c', name: 'Club', kind: 'member_of', outgoing: false },
		{ id: 'd', name: 'Mairie', kind: 'partner', outgoing: false }
	];

	it('gives members every field with its listing row, events newest first and partners', () => {
		const d = buildActorDetail(detailRow(), records, events, links, context());
		expect(d).toMatchObject({
			type: 'actor',
			id: 'a1',
			title: 'Les Amis du Lavoir',
			subtitle: 'Association',
			position: [4.41, 44.01],
			pageUrl: '/t/pays-d-uzes/actors/a1'
		});
		const byKey = Object.fromEntries(d.fields.map((f) => [f.key, f]));
		expect(Object.keys(byKey)).toEqual([
			'kind',
			'legal_form',
			'sectors',
			'worlds',
			'description',
			'address',
			'email',
			'phone',
			'website',
			'rna'
		]);
		expect(byKey.address?.value).toBe('3 rue du Lavoir, 30700 Uzès');
		expect(byKey.email).toEqual({
			key: 'email',
			label: 'Courriel',
			value: 'lavoir@example.org',
			href: 'mailto:lavoir@example.org',
			provenance: 'RNA Gard ligne 12'
		});
		expect(byKey.phone?.href).toBe('tel:0465710000');
		// A website that is no web address is shown as text, without a link.
		expect(byKey.website).toEqual({
			key: 'website',
			label: 'Site web',
			value: 'javascript:alert(1)'
		});
		// Provenance naming a record the reader cannot resolve is left out, not invented.
		expect(byKey.rna?.provenance).toBeUndefined();
		expect(d.events.map((e) => [e.id, e.relation])).toEqual([
			['new', 'participant'],
			['old', 'organisateur']
		]);
		expect(d.related).toEqual([
			{ type: 'actor', id: 'b', name: 'Foyer rural', relation: 'membre de' },
			{ type: 'actor', id: 'c', name: 'Club', relation: 'membre' },
			{ type: 'actor', id: 'd', name: 'Mairie', relation: 'partenaire' }
		]);
	});

	it('gives the public only public contacts, no provenance and no page link', () => {
		const d = buildActorDetail(detailRow(), records, [], [], context({ audience: 'public' }));
		expect(d.pageUrl).toBeNull();
		const keys = d.fields.map((f) => f.key);
		expect(keys).toContain('phone');
		expect(keys).not.toContain('email');
		expect(keys).not.toContain('address');
		// The street is members only, the commune is not.
		expect(d.fields.find((f) => f.key === 'commune')?.value).toBe('30700 Uzès');
		expect(d.fields.some((f) => f.provenance !== undefined)).toBe(false);
	});

	it('caps events at 20', () => {
		const many = Array.from({ length: 25 }, (_, i) => ({
			id: `e${i}`,
			title: `É${i}`,
			starts_at: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
			role: 'participant'
		}));
		const d = buildActorDetail(detailRow(), [], many, [], context());
		expect(d.events).toHaveLength(20);
		expect(d.events[0]?.id).toBe('e24');
	});
});

describe('place and event detail', () => {
	const place: PlaceDetailRow = {
		id: 'p1',
		name: 'Salle des fêtes',
		kind: 'salle',
		description: null,
		capacity: 120,
		equipment: ['scène', 'cuisine'],
		accessibility: 'Plain-pied',
		conditions: 'Sur réservation',
		address: 'Place de la Mairie',
		commune_code: '30334',
		lng: 4.41,
		lat: 44.01,
		run_by: 'a9',
		run_by_name: 'Mairie d’Uzès'
	};

	it('describes a place, who runs it and what is held there', () => {
		const d = buildPlaceDetail(
			place,
			[{ id: 'e1', title: 'Bal', starts_at: '2026-07-14T19:00:00Z' }],
			context()
		);
		expect(d.subtitle).toBe('salle');
		expect(d.fields.map((f) => [f.key, f.value])).toEqual([
			['kind', 'salle'],
			['capacity', 'jusqu’à 120 personnes'],
			['equipment', 'scène, cuisine'],
			['accessibility', 'Plain-pied'],
			['conditions', 'Sur réservation'],
			['address', 'Place de la Mairie, Uzès']
		]);
		expect(d.related).toEqual([
			{ type: 'actor', id: 'a9', name: 'Mairie d’Uzès', relation: 'gestionnaire' }
		]);
		expect(d.events).toEqual([
			{ type: 'event', id: 'e1', name: 'Bal', startsAt: '2026-07-14T19:00:00Z' }
		]);
		// Members open the place's page; the public embed stays in the panel.
		expect(d.pageUrl).toBe('/t/pays-d-uzes/places/p1');
		expect(buildPlaceDetail(place, [], context({ audience: 'public' })).pageUrl).toBeNull();
	});

	const event: EventDetailRow = {
		id: 'e1',
		title: 'Forum des associations',
		description: 'Stands et démonstrations.',
		starts_at: '2026-09-05T08:00:00Z',
		ends_at: '2026-09-05T16:00:00Z',
		format: 'forum',
		theme: 'vie associative',
		needs: ['tables', 'bénévoles'],
		commune_code: '30334',
		lng: 4.41,
		lat: 44.01,
		place_id: 'p1',
		place_name: 'Salle des fêtes'
	};

	it('describes an event in French, Paris time, with its place, organisers then participants', () => {
		const d = buildEventDetail(
			event,
			[
				{ id: 'z', name: 'Zèbre', role: 'participant' },
				{ id: 'b', name: 'Bibliothèque', role: 'participant' },
				{ id: 'o', name: 'Office de tourisme', role: 'organiser' }
			],
			context()
		);
		const date = d.fields.find((f) => f.key === 'date')?.value ?? '';
		expect(date).toMatch(/samedi 5 septembre 2026/);
		// 08:00 UTC is 10:00 in Paris in September.
		expect(date).toMatch(/10:00/);
		expect(date).toMatch(/18:00/);
		expect(d.fields.map((f) => f.key)).toEqual([
			'date',
			'format',
			'theme',
			'place',
			'commune',
			'description',
			'needs'
		]);
		expect(d.subtitle).toBe('forum');
		expect(d.events).toEqual([]);
		expect(d.related.map((r) => [r.type, r.id, r.relation])).toEqual([
			['place', 'p1', 'lieu'],
			['actor', 'o', 'organisateur'],
			['actor', 'b', 'participant'],
			['actor', 'z', 'participant']
		]);
	});

	it('formats a date without an end, and an unreadable one as given', () => {
		expect(formatEventDate('2026-01-10T18:30:00Z', null, 'fr-FR')).toMatch(
			/samedi 10 janvier 2026.*19:30/
		);
		expect(formatEventDate('bientôt', null, 'fr-FR')).toBe('bientôt');
	});
});
