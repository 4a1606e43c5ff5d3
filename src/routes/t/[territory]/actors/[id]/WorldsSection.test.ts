import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { WORLDS } from '$lib/domain/worlds';
import { m, worldLabel } from '$lib/i18n';
import HistoryList from '$lib/components/census/HistoryList.svelte';
import { fieldLabel } from '$lib/components/census/field-labels';
import WorldsSection from './WorldsSection.svelte';

// No DOM in this suite: checked through the server rendering (what a browser without
// JavaScript gets, e.g. after a refused post).

type Props = Parameters<typeof render<typeof WorldsSection>>[1] extends infer O
	? O extends { props?: infer P }
		? P
		: never
	: never;

const html = (props: Props) =>
	render(WorldsSection, { props })
		.body.replace(/<!--.*?-->/g, '')
		.replace(/(?<=class="[^"]*)\s*svelte-[a-z0-9]+/g, '')
		.replace(/class="\s+/g, 'class="')
		.replace(/ class=""/g, '');

/** The checked radio of each pair, by field name. */
const checked = (body: string) =>
	Object.fromEntries(
		[...body.matchAll(/<input type="radio" name="([^"]+)" value="([^"]*)"([^>]*)\/>/g)]
			.filter((x) => / checked/.test(x[3]!))
			.map((x) => [x[1], x[2]])
	);

describe('worldLabel', () => {
	it('gives every world its own French label and keeps unknown worlds as written', () => {
		const labels = WORLDS.map(worldLabel);
		expect(new Set(labels).size).toBe(WORLDS.length);
		expect(worldLabel('petite-association')).toBe('petite association');
		expect(worldLabel('elu')).toBe('élu');
		expect(worldLabel('citoyen')).toBe('citoyen');
		expect(m.worlds_label_non_lucratif({}, { locale: 'en' })).toBe('non-profit');
		expect(worldLabel('culture')).toBe('culture');
	});
});

describe('WorldsSection (server render)', () => {
	it('shows a reader the worlds grouped by pair, in French, without a form', () => {
		const body = html({ worlds: ['rural', 'petite-association', 'culture'], canEdit: false });
		expect(body).not.toContain('<form');
		expect(body).toMatch(/<dt>Urbain ou rural<\/dt>\s*<dd[^>]*>rural<\/dd>/);
		expect(body).toMatch(
			/<dt>Fédération ou petite association<\/dt>\s*<dd[^>]*>petite association<\/dd>/
		);
		expect(body).toMatch(
			/<dt>Professionnel ou amateur<\/dt>\s*<dd class="muted">non renseigné<\/dd>/
		);
		expect(body).toMatch(/<dt>Autres mondes<\/dt>\s*<dd>culture<\/dd>/);
		expect(body.match(/<dt>/g)).toHaveLength(7);
	});

	it('says so when a reader’s actor has no world', () => {
		const body = html({ worlds: [], canEdit: false });
		expect(body).toContain('Aucun monde renseigné.');
		expect(body).not.toContain('<dl');
	});

	it('gives an editor one labelled radio group per pair, the current world checked', () => {
		const body = html({ worlds: ['amateur', 'rural'], canEdit: true });
		expect(body).toContain('action="?/worlds"');
		expect(body.match(/<fieldset/g)).toHaveLength(6);
		for (const legend of [
			'Professionnel ou amateur',
			'Urbain ou rural',
			'Fédération ou petite association',
			'Lucratif ou non lucratif',
			'Institution ou citoyen',
			'Élu ou associatif'
		])
			expect(body).toContain(`<legend>${legend}</legend>`);
		// Each pair: its two ends and « non renseigné », all under the same name.
		expect(body.match(/name="worlds\.urbain-rural"/g)).toHaveLength(3);
		expect(checked(body)).toEqual({
			'worlds.professionnel-amateur': 'amateur',
			'worlds.urbain-rural': 'rural',
			'worlds.federation-petite-association': '',
			'worlds.lucratif-non-lucratif': '',
			'worlds.institution-citoyen': '',
			'worlds.elu-associatif': ''
		});
		// Every radio sits in its label (a click on the text picks it; no id needed).
		expect(body).toMatch(
			/<label><input type="radio" name="worlds\.institution-citoyen" value="citoyen"\/> citoyen<\/label>/
		);
	});

	it('checks nothing for a pair carried at both ends, and says to choose', () => {
		const body = html({ worlds: ['urbain', 'rural'], canEdit: true });
		expect(checked(body)['worlds.urbain-rural']).toBeUndefined();
		expect(body).toContain('urbain et rural à la fois : ces deux mondes s’excluent');
	});

	it('shows a refused world next to its pair', () => {
		const body = html({
			worlds: [],
			canEdit: true,
			result: { error: 'unknown_world', pair: 'urbain-rural', value: 'montagnard' }
		});
		expect(body).toMatch(
			/<fieldset data-testid="worlds-pair-urbain-rural" aria-describedby="worlds-urbain-rural-note" class="invalid">/
		);
		expect(body).toContain(
			'<p class="error" role="alert" id="worlds-urbain-rural-note">« montagnard » n’est pas un monde de la paire « Urbain ou rural »'
		);
		expect(body.match(/role="alert"/g)).toHaveLength(1);
	});

	it('says the worlds were saved', () => {
		const body = html({ worlds: ['rural'], canEdit: true, result: { saved: true, changed: true } });
		expect(body).toContain('Mondes enregistrés.');
	});
});

describe('the history of a worlds edit', () => {
	it('names the field « Mondes » and the worlds by their labels', () => {
		const body = render(HistoryList, {
			props: {
				items: [
					{
						id: 1,
						action: 'override',
						field: 'worlds',
						after: 'rural, petite-association, elu',
						doneAt: '2026-11-24T09:47:00Z',
						by: 'editrice@example.org',
						actor: null
					}
				],
				slug: 'pays-d-uzes',
				fieldLabel
			}
		}).body;
		expect(body).toContain('Mondes : « rural, petite association, élu », saisie à la main');
	});
});
