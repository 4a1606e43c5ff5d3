import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { ComponentProps } from 'svelte';
import PlaceForm, { type PlaceFormValues } from './PlaceForm.svelte';

// No DOM in this suite: the form is checked through its server rendering, which is also what a
// browser without JavaScript submits.

const EMPTY: PlaceFormValues = {
	name: '',
	kind: '',
	description: '',
	capacity: '',
	equipment: '',
	accessibility: '',
	conditions: '',
	address: '',
	commune: '',
	lng: '',
	lat: ''
};

function html(props: Partial<ComponentProps<typeof PlaceForm>> = {}) {
	return render(PlaceForm, {
		props: {
			values: EMPTY,
			runBy: [],
			kinds: ['salle des fêtes', 'tiers-lieu'],
			searchUrl: '/t/pays-d-uzes/actors/search',
			submitLabel: 'Créer le lieu',
			...props
		}
	}).body.replace(/<!--.*?-->/g, '');
}

describe('PlaceForm', () => {
	it('posts every field under its name, with a visible label, the runner as an ActorPicker', () => {
		const body = html({
			values: { ...EMPTY, name: 'La Filature', equipment: 'wifi\natelier', commune: 'Uzès' },
			runBy: [{ id: '11111111-1111-4111-8111-111111111111', name: 'La Filature, SCIC' }]
		});
		expect(body).toMatch(/<form method="POST"[^>]*data-testid="place-form"/);
		for (const name of ['name', 'kind', 'capacity', 'address', 'commune', 'lng', 'lat'])
			expect(body).toMatch(new RegExp(`<input[^>]*name="${name}"`));
		for (const name of ['description', 'equipment', 'accessibility', 'conditions'])
			expect(body).toMatch(new RegExp(`<textarea[^>]*name="${name}"`));
		// Every text field has a label pointing at it.
		const ids = [...body.matchAll(/<(?:input|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
		for (const id of ids) expect(body).toContain(`for="${id}"`);
		expect(body).toMatch(/name="name"[^>]*value="La Filature"|value="La Filature"[^>]*name="name"/);
		expect(body).toContain('wifi\natelier</textarea>');
		expect(body).toContain(
			'<input type="hidden" name="run_by" value="11111111-1111-4111-8111-111111111111"'
		);
		expect(body).toContain('aria-label="Retirer La Filature, SCIC"');
		expect(body).toMatch(/<datalist[^>]*>.*<option value="salle des fêtes">/s);
		expect(body).toContain('Créer le lieu</button>');
		expect(body).not.toContain('role="alert"');
	});

	it('shows each error next to its field and ties it to the field', () => {
		const body = html({
			values: { ...EMPTY, capacity: '-2' },
			errors: {
				name: 'Le nom du lieu est obligatoire.',
				capacity: 'La capacité doit être un nombre entier de personnes (0 ou plus).'
			},
			message: 'Le lieu n’a pas été enregistré : corrigez les champs signalés.'
		});
		expect(body).toMatch(/role="alert"[^>]*>Le lieu n’a pas été enregistré/);
		const name = /<input([^>]*name="name"[^>]*)>/.exec(body)![1]!;
		expect(name).toContain('aria-invalid="true"');
		const describedBy = /aria-describedby="([^"]+)"/.exec(name)![1]!;
		expect(body).toMatch(
			new RegExp(`<p class="error[^"]*" id="${describedBy}"[^>]*>Le nom du lieu est obligatoire.`)
		);
		const capacity = /<input([^>]*name="capacity"[^>]*)>/.exec(body)![1]!;
		expect(capacity).toContain('aria-invalid="true"');
		expect(capacity).toContain('value="-2"');
		const address = /<input([^>]*name="address"[^>]*)>/.exec(body)![1]!;
		expect(address).not.toContain('aria-invalid');
	});
});
