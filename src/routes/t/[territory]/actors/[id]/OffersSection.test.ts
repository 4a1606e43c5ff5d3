import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import OffersSection from './OffersSection.svelte';
import type { OfferSectionItem } from './offer-form';

// No DOM in this suite: checked through the server rendering (what a browser without
// JavaScript gets, e.g. after a refused post).

type Props = Parameters<typeof render<typeof OffersSection>>[1] extends infer O
	? O extends { props?: infer P }
		? P
		: never
	: never;

const html = (props: Props) =>
	render(OffersSection, { props })
		.body.replace(/<!--.*?-->/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');

const ID = '33333333-3333-4333-8333-333333333333';
const minibus: OfferSectionItem = {
	id: ID,
	direction: 'offer',
	category: 'vehicle',
	title: 'Minibus neuf places',
	description: 'Le week-end.',
	conditions: 'Conducteur avec trois ans de permis',
	validFrom: null,
	validUntil: '2027-03-12',
	expired: false,
	upcoming: false
};

describe('OffersSection (server render)', () => {
	it('lists the actor’s offers with conditions and validity, read-only for a viewer', () => {
		const body = html({ offers: [minibus], canEdit: false, slug: 'pays-d-uzes' });
		expect(body).toContain('Minibus neuf places');
		expect(body).toContain('Conditions d’activation :');
		expect(body).toContain('jusqu’au 12 mars 2027');
		expect(body).toContain('Véhicule');
		expect(body).not.toContain('<form');
		expect(body).toContain('href="/t/pays-d-uzes/offers"');
	});

	it('says offers are for members when the user may not read them', () => {
		const body = html({ offers: null, canEdit: false, slug: 'pays-d-uzes' });
		expect(body).toContain('visibles des membres du territoire');
		expect(body).not.toContain('Minibus');
	});

	it('gives editors a labelled form per offer and one to add, with French category labels', () => {
		const body = html({ offers: [minibus], canEdit: true, slug: 'pays-d-uzes' });
		expect(body.match(/action="\?\/offerSave"/g)).toHaveLength(2);
		expect(body.match(/action="\?\/offerDelete"/g)).toHaveLength(1);
		expect(body).toContain(`<input type="hidden" name="offerId" value="${ID}"`);
		for (const label of ['Sens', 'Catégorie', 'Titre', 'Description', 'Valable jusqu’au']) {
			expect(body).toContain(`<span>${label}</span>`);
		}
		const options = [...body.matchAll(/<option value="(\w+)"[^>]*>([^<]*)<\/option>/g)]
			.slice(2, 8)
			.map((m) => m[2]);
		expect(options).toEqual(['Salle', 'Matériel', 'Véhicule', 'Compétence', 'Temps', 'Autre']);
		// Nothing open until asked.
		expect(body).not.toMatch(/<details[^>]* open/);
	});

	it('after a refused post, reopens that form with the values typed and the errors by field', () => {
		const body = html({
			offers: [minibus],
			canEdit: true,
			slug: 'pays-d-uzes',
			form: {
				action: 'offerSave',
				offerId: ID,
				error: 'invalid',
				values: {
					direction: 'offer',
					category: 'vehicle',
					title: '',
					description: '',
					conditions: '',
					validFrom: '2027-03-12',
					validUntil: '2027-03-01'
				},
				fields: [
					{ field: 'title', message: 'Le titre est obligatoire.' },
					{ field: 'validUntil', message: 'La date de fin de validité doit être après.' }
				]
			}
		});
		expect(body.match(/<details[^>]* open/g)).toHaveLength(1);
		expect(body).toMatch(
			/<input name="title" value=""[^>]*aria-invalid="true"[^>]*aria-describedby="offer-[^"]*-title-error"/
		);
		expect(body).toContain(
			`<p class="error" id="offer-${ID}-title-error">Le titre est obligatoire.</p>`
		);
		expect(body).toContain(`id="offer-${ID}-validUntil-error"`);
		expect(body).toContain('value="2027-03-01"');
	});
});
