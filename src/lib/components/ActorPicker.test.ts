import type { ComponentProps } from 'svelte';
import { describe, expect, it } from 'vitest';
import ActorPicker from './ActorPicker.svelte';
import { serverHtml } from './server-html';

// No DOM in this suite: the initial state is checked through the server rendering (what a
// browser without JavaScript gets, and what hydration starts from).

type Props = ComponentProps<typeof ActorPicker>;

const html = (props: Props): string => serverHtml(ActorPicker, props);

const filature = { id: '11111111-1111-4111-8111-111111111111', name: 'La Filature' };
const foyer = { id: '22222222-2222-4222-8222-222222222222', name: 'Foyer rural « Lussan » & co' };

describe('ActorPicker (server render)', () => {
	it('renders one hidden input per chosen actor and a labelled remove button for each', () => {
		const body = html({
			name: 'organisers',
			label: 'Organisateurs',
			searchUrl: '/t/pays-d-uzes/actors/search',
			multiple: true,
			selected: [filature, foyer],
			id: 'organisers'
		});
		const hidden = [...body.matchAll(/<input type="hidden"([^>]*)>/g)].map((m) => m[1]!);
		expect(hidden).toHaveLength(2);
		expect(hidden[0]).toContain('name="organisers"');
		expect(hidden[0]).toContain(`value="${filature.id}"`);
		expect(hidden[1]).toContain(`value="${foyer.id}"`);

		const chips = [...body.matchAll(/<li[^>]*data-testid="actor-picker-chip"[^>]*>(.*?)<\/li>/gs)];
		expect(chips).toHaveLength(2);
		expect(chips[0]![1]).toContain('<span>La Filature</span>');
		expect(chips[0]![1]).toMatch(/<button type="button"[^>]*aria-label="Retirer La Filature"/);
		// Names are escaped, never markup.
		expect(chips[1]![1]).toContain('Foyer rural « Lussan » &amp; co');
		expect(chips[1]![1]).toContain('aria-label="Retirer Foyer rural « Lussan » &amp; co"');
		expect(body).not.toContain('Aucun acteur choisi.');
	});

	it('has a visible label tied to a combobox that controls a listbox, closed at first', () => {
		const body = html({
			name: 'run_by',
			label: 'Géré par',
			searchUrl: '/t/pays-d-uzes/actors/search',
			id: 'run-by',
			describedBy: 'run-by-error'
		});
		expect(body).toContain('data-testid="actor-picker"');
		expect(body).toMatch(/<label for="run-by"[^>]*>Géré par<\/label>/);
		const input = /<input([^>]*role="combobox"[^>]*)>/.exec(body)?.[1];
		expect(input).toBeDefined();
		expect(input).toContain('id="run-by"');
		expect(input).toContain('aria-expanded="false"');
		expect(input).toContain('aria-controls="run-by-listbox"');
		expect(input).toContain('aria-autocomplete="list"');
		expect(input).toMatch(/aria-describedby="run-by-hint run-by-error"/);
		expect(input).not.toContain('aria-activedescendant');
		// The text input is not submitted: only the hidden inputs are.
		expect(input).not.toMatch(/\sname=/);
		expect(body).toMatch(/<ul id="run-by-listbox" role="listbox"[^>]*hidden/);
		expect(body).not.toContain('type="hidden"');
		expect(body).toContain('Aucun acteur choisi.');
		expect(body).toContain('id="run-by-hint"');
	});

	it('ties the label to a generated input id when none is given', () => {
		const body = html({ name: 'x', label: 'X', searchUrl: '/s' });
		const labelFor = /<label for="([^"]+)"/.exec(body)?.[1];
		expect(labelFor).toMatch(/^actor-picker-/);
		const input = /<input([^>]*role="combobox"[^>]*)>/.exec(body)![1]!;
		expect(input).toContain(`id="${labelFor}"`);
		expect(input).toContain(`aria-controls="${labelFor}-listbox"`);
	});
});
