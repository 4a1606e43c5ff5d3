import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import OffersPage from './+page.svelte';

// No DOM in this suite: the page is checked through its server rendering.

type Props = Parameters<typeof render<typeof OffersPage>>[1] extends infer O
	? O extends { props?: infer P }
		? P
		: never
	: never;
type Data = Props['data'];

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const base = {
	territory: { slug: 'pays-d-uzes', name: 'Pays d’Uzès' },
	category: null,
	showExpired: false,
	today: '2026-03-01',
	items: [],
	matches: [],
	hiddenExpired: 0
};

const html = (data: Partial<Data>) =>
	render(OffersPage, {
		props: { data: { ...base, ...data } as Data, params: { territory: 'pays-d-uzes' }, form: null }
	} as never)
		.body.replace(/<!--.*?-->/g, '')
		.replace(/ class="svelte-[a-z0-9]+"/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');

const item = {
	id: 'o1',
	actorId: A,
	actorName: 'Mairie de Moussac',
	communeName: 'Moussac',
	category: 'vehicle' as const,
	title: 'Minibus neuf places',
	description: 'Le week-end.',
	conditions: 'Conducteur avec trois ans de permis',
	validFrom: null,
	validUntil: '2027-03-12',
	expired: false,
	upcoming: false
};

describe('offers page (server render)', () => {
	it('shows the three tabs as links, the current one marked, keeping the filters', () => {
		const body = html({ view: 'requests', category: 'vehicle', showExpired: true });
		expect(body).toContain(
			'<a href="/t/pays-d-uzes/offers?category=vehicle&amp;expired=1" data-testid="offers-tab-offers">Offres</a>'
		);
		expect(body).toMatch(
			/<a href="\/t\/pays-d-uzes\/offers\?view=requests&amp;category=vehicle&amp;expired=1" aria-current="page"[^>]*>Demandes<\/a>/
		);
		expect(body).toContain('?view=matching&amp;category=vehicle&amp;expired=1');
		expect(body).toContain('<option value="vehicle" selected="">Véhicule</option>');
		expect(body).toMatch(/<input type="checkbox" name="expired" value="1" checked=""/);
		expect(body).toContain('Aucun résultat avec ces filtres.');
	});

	it('lists offers with actor link, conditions and validity; expired ones greyed', () => {
		const body = html({
			view: 'offers',
			items: [
				item,
				{ ...item, id: 'o2', title: 'Vieux camion', expired: true, validUntil: '2026-01-31' }
			],
			hiddenExpired: 0
		});
		expect(body).toContain(`<a href="/t/pays-d-uzes/actors/${A}">Mairie de Moussac</a>`);
		expect(body).toContain('Conditions d’activation :');
		expect(body).toContain('jusqu’au 12 mars 2027');
		expect(body).toMatch(/class="card item is-expired"[^>]*data-offer-id="o2"/);
		expect(body).toMatch(/class="card item"[^>]*data-offer-id="o1"/);
		expect(body).toContain('Expirée');
	});

	it('says how many expired ones are hidden', () => {
		const body = html({ view: 'offers', items: [item], hiddenExpired: 2 });
		expect(body).toContain('2 expirées masquées');
	});

	it('matching: each request with its offers, km, why, and both actors linked', () => {
		const body = html({
			view: 'matching',
			matches: [
				{
					request: {
						...item,
						id: 'r1',
						actorId: B,
						actorName: 'Chorale',
						title: 'Salle pour les répétitions',
						category: 'room'
					},
					offers: [
						{
							id: 'o3',
							actorId: A,
							actorName: 'Médiathèque',
							communeName: 'Uzès',
							title: 'Salle d’animation',
							conditions: null,
							validFrom: null,
							validUntil: null,
							km: 5.09,
							why: { kind: 'category', category: 'room' }
						}
					]
				},
				{
					request: {
						...item,
						id: 'r2',
						actorId: B,
						title: 'Terrain pour des ruches',
						category: 'other'
					},
					offers: []
				}
			]
		} as Partial<Data>);
		expect(body).toContain(`<a href="/t/pays-d-uzes/actors/${B}">Chorale</a>`);
		expect(body).toContain(`<a href="/t/pays-d-uzes/actors/${A}">Médiathèque</a>`);
		expect(body).toContain('5,1 km');
		expect(body).toContain('même catégorie');
		expect(body).toContain('Aucune offre ne répond encore à cette demande.');
	});
});
