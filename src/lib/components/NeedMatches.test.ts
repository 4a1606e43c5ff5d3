import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { NeedMatches as NeedMatchesData, OfferItem } from '$lib/domain/offers/match';
import NeedMatches from './NeedMatches.svelte';
import { formatDay, kmText, validityText } from './offer-labels';

// No DOM in this suite: checked through the server rendering.

const html = (matches: NeedMatchesData<OfferItem>[]) =>
	render(NeedMatches, { props: { matches, slug: 'pays-d-uzes' } })
		.body.replace(/<!--.*?-->/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');

const offer = (fields: Partial<OfferItem>): OfferItem => ({
	id: 'o1',
	actorId: '11111111-1111-4111-8111-111111111111',
	actorName: 'Foyer rural de Lussan',
	position: [4.4, 44.1],
	category: 'equipment',
	title: 'Sono et éclairage de scène',
	description: null,
	conditions: null,
	validFrom: null,
	validUntil: null,
	...fields
});

describe('NeedMatches (server render)', () => {
	it('shows each need with its offers: title, actor link, km, conditions', () => {
		const body = html([
			{
				need: 'sono',
				offers: [
					{
						offer: offer({ conditions: 'Un membre du foyer installe le matériel.' }),
						km: 4.237
					},
					{
						offer: offer({
							id: 'place:p1:1',
							actorId: '22222222-2222-4222-8222-222222222222',
							actorName: 'Mairie de Blauzac',
							title: 'sono',
							place: { id: 'p1', name: 'Salle des fêtes de Blauzac' }
						}),
						km: 12.6
					}
				]
			},
			{ need: 'piano à queue', offers: [] }
		]);
		expect([...body.matchAll(/data-need="([^"]*)"/g)].map((m) => m[1])).toEqual([
			'sono',
			'piano à queue'
		]);
		expect(body).toContain('<h3 class="need-title">sono</h3>');
		expect(body).toContain(
			'<a href="/t/pays-d-uzes/actors/11111111-1111-4111-8111-111111111111">Foyer rural de Lussan</a>'
		);
		expect(body).toContain('4,2 km');
		expect(body).toContain('13 km');
		expect(body).toContain('Un membre du foyer installe le matériel.');
		expect(body).toContain('équipement de Salle des fêtes de Blauzac');
		// The order given (nearest first) is kept.
		expect(body.indexOf('Foyer rural de Lussan')).toBeLessThan(body.indexOf('Mairie de Blauzac'));
		const piano = body.slice(body.indexOf('data-need="piano à queue"'));
		expect(piano).toContain('Personne ne le propose encore');
		expect(body.match(/Personne ne le propose encore/g)).toHaveLength(1);
	});

	it('says so when the event lists no needs', () => {
		expect(html([])).toContain('Aucun besoin indiqué.');
	});
});

describe('offer labels', () => {
	it('writes validity the French way', () => {
		expect(formatDay('2027-03-12', 'fr')).toBe('12 mars 2027');
		expect(validityText({ validFrom: null, validUntil: '2027-03-12' })).toBe(
			'jusqu’au 12 mars 2027'
		);
		expect(validityText({ validFrom: '2026-03-01', validUntil: null })).toBe(
			'à partir du 1 mars 2026'
		);
		expect(validityText({ validFrom: null, validUntil: null })).toBe('sans limite de durée');
	});

	it('writes distances with a decimal comma under 10 km', () => {
		expect(kmText(0.04, 'fr')).toBe('0,0 km');
		expect(kmText(9.96, 'fr')).toBe('10,0 km');
		expect(kmText(12.6, 'fr')).toBe('13 km');
		expect(kmText(null)).toBe('distance inconnue');
	});
});
