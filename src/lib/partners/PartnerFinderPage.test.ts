/** The partner finder page as the server renders it (no DOM in Vitest): what works without JS. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import PartnerFinderPage from './PartnerFinderPage.svelte';
import type { PartnerFinderData } from './types';

const XSS = '<img src=x onerror=alert(1)>';

const data: PartnerFinderData = {
	territory: { slug: 'pays-d-uzes', name: 'Pays d’Uzès' },
	origin: {
		type: 'event',
		id: 'e1',
		title: 'Fête du jeu',
		startsAt: '2026-05-16T12:00:00Z',
		placeName: 'Salle des fêtes',
		communeName: 'Blauzac',
		theme: 'education',
		needs: ['tables']
	},
	at: [4.37, 43.96],
	params: {
		radiusKm: 12,
		kinds: ['association'],
		sectors: [],
		worlds: [],
		participation: 'never',
		newcomersFirst: true
	},
	point: null,
	options: {
		kinds: [
			{ value: 'association', count: 20 },
			{ value: 'business', count: 3 }
		],
		sectors: [{ value: 'culture', count: 4 }],
		worlds: []
	},
	partners: [
		{
			rank: 1,
			id: 'a1',
			name: XSS,
			kind: 'association',
			communeName: 'Uzès',
			km: 3.24,
			reasons: [
				{ kind: 'distance', km: 3.24 },
				{ kind: 'offers', needs: ['tables'] },
				{ kind: 'newcomer' }
			],
			position: [4.4, 43.98]
		},
		{
			rank: 2,
			id: 'a2',
			name: 'Comité des fêtes',
			kind: 'association',
			communeName: null,
			km: 8,
			reasons: [{ kind: 'distance', km: 8 }, { kind: 'newcomer' }],
			position: [4.3, 43.9]
		}
	],
	total: 2,
	mail: { links: ['mailto:?bcc=a@x.fr&subject=Invitation'], reachable: 1, without: 1 }
};

function page(d: PartnerFinderData, eventPath: string | null = '/t/pays-d-uzes/events/e1'): string {
	return render(PartnerFinderPage, {
		props: {
			data: d,
			path: '/t/pays-d-uzes/events/e1/partners',
			csvPath: '/t/pays-d-uzes/events/e1/partners/invitations.csv',
			eventPath
		}
	}).body;
}

const text = (html: string) => html.replace(/<!--.*?-->/g, '').replace(/\s+/g, ' ');

describe('PartnerFinderPage', () => {
	const html = page(data);

	it('shows the count, the ranked rows with links, kinds, distances and reasons', () => {
		expect(text(html)).toContain('2 partenaires dans un rayon de 12 km');
		expect(html.match(/data-testid="partner-row"/g)).toHaveLength(2);
		expect(html).toContain('href="/t/pays-d-uzes/actors/a1"');
		expect(html).not.toContain('<img');
		expect(text(html)).toContain('à 3,2 km · propose : tables · n’a encore jamais participé');
		expect(text(html)).toContain('Association · Uzès · 3,2 km');
	});

	it('has a GET form with the range slider, checked filters and the newcomers option', () => {
		expect(html).toMatch(
			/<form[^>]*method="GET"[^>]*action="\/t\/pays-d-uzes\/events\/e1\/partners"/
		);
		expect(html).toMatch(
			/<input[^>]*type="range"[^>]*name="r"|<input[^>]*name="r"[^>]*type="range"/
		);
		expect(text(html)).toMatch(/Rayon : <output[^>]*>12 km<\/output>/);
		expect(html).toMatch(/<input type="checkbox" name="kind" value="association" checked/);
		expect(html).toMatch(/<input type="checkbox" name="kind" value="business"(?! checked)/);
		expect(html).toMatch(/name="participation" value="never" checked/);
		expect(html).toMatch(/name="newcomers" value="1" checked/);
		expect(text(html)).toContain('Les nouveaux d’abord');
		expect(html).toMatch(/<label for="partners-radius">/);
	});

	it('links both CSV dialects with the same parameters, and the blind-copy mail', () => {
		const csv =
			'/t/pays-d-uzes/events/e1/partners/invitations.csv?r=12&amp;kind=association&amp;participation=never&amp;newcomers=1';
		expect(html).toContain(`href="${csv}"`);
		expect(html).toContain(`href="${csv}&amp;excel=1"`);
		expect(text(html)).toContain('CSV pour Excel');
		expect(html).toContain('href="mailto:?bcc=a@x.fr&amp;subject=Invitation"');
		expect(text(html)).toContain('Écrire à tous (copie cachée)');
		expect(text(html)).toContain('1 adresse courriel visible · 1 acteur sans adresse visible');
	});

	it('says when the event has no position, with a link to edit it', () => {
		const none = text(page({ ...data, at: null, partners: [], total: 0 }));
		expect(none).toContain('Cet événement n’a pas de lieu sur la carte');
		expect(none).toContain('href="/t/pays-d-uzes/events/e1"');
		expect(none).not.toContain('partner-filters');
	});

	it('around a point: theme and needs inputs, the point kept in a hidden field', () => {
		const point = page(
			{
				...data,
				origin: { type: 'point' },
				point: { at: [4.37, 43.96], theme: 'culture', needs: ['sono', 'tables'] }
			},
			null
		);
		expect(point).toMatch(/<input type="hidden" name="at" value="4.37,43.96"/);
		expect(point).toMatch(/name="theme"[^>]*value="culture"/);
		expect(point).toMatch(/name="needs"[^>]*value="sono, tables"/);
		expect(point).toContain(
			'invitations.csv?at=4.37%2C43.96&amp;theme=culture&amp;needs=sono%2C+tables&amp;r=12'
		);
	});
});
