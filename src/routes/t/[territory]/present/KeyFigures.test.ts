import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { METHOD_KEYS, dossierFigures } from '$lib/domain/dossier/figures';
import type { DossierActor, DossierInput } from '$lib/domain/dossier/types';
import { m } from '$lib/i18n';
import CoverageGaps from './CoverageGaps.svelte';
import DensityMap from './DensityMap.svelte';
import KeyFigures from './KeyFigures.svelte';
import { dossierNotes, methodText } from './notes';

// No DOM in this suite: checked through the server rendering.

const NOW = new Date('2026-03-01T10:00:00Z');
/** French thousands separator (narrow no-break space) and decimal comma. */
const NNBSP = '\u202f';

const html = (body: string) =>
	body
		.replace(/<!--.*?-->/g, '')
		.replace(/ class="svelte-[a-z0-9]+"/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '')
		.replace(/[ \t\r\n]+/g, ' ');

function actors(count: number, kind: DossierActor['kind'], communeCode: string): DossierActor[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `${kind}-${communeCode}-${i}`,
		kind,
		sectors: ['culture'],
		worlds: ['rural'],
		communeCode
	}));
}

/** 1,234 actors in two communes, one listing, one event, no offer. */
const input: DossierInput = {
	audience: 'members',
	communes: [
		{ code: '30334', name: 'Uzès', population: 8519 },
		{ code: '30001', name: 'Aigaliers', population: null }
	],
	actors: [...actors(1200, 'association', '30334'), ...actors(34, 'business', '30001')],
	census: {
		listings: [{ id: 'l1', name: 'Annuaire' }],
		records: [
			{ id: 'r1', listingId: 'l1', actorId: 'association-30334-0', gone: false },
			{ id: 'r2', listingId: 'l1', actorId: 'association-30334-0', gone: false }
		],
		decisions: []
	},
	places: [{ id: 'p1', communeCode: '30334' }],
	events: [
		{ id: 'e1', startsAt: '2025-09-01T18:00:00Z', communeCode: '30334', actorIds: ['x', 'y'] }
	],
	offers: []
};

describe('dossier notes', () => {
	it('numbers one note per method key, in page order, each with its French sentence', () => {
		const notes = dossierNotes(dossierFigures(input, { kind: 'territory' }, NOW));
		expect(notes.map((n) => n.number)).toEqual(notes.map((_, i) => i + 1));
		expect(notes.map((n) => n.key)).toEqual([
			'actors_by_kind',
			'listings_merged',
			'common_places',
			'events_last_12_months',
			'offers_requests',
			'actors_by_sector',
			'actors_per_1000',
			'kind_gaps',
			'event_gaps',
			'worlds_present'
		]);
		expect(notes[0]!.text).toBe(
			`Acteurs recensés dans le périmètre (1${NNBSP}234), comptés par type ; les types sans acteur ne sont pas montrés.`
		);
		// ISO instants become French dates.
		expect(notes[3]!.text).toContain('entre le 1 mars 2025 et le 1 mars 2026');
		expect(notes[6]!.text).toContain('Acteurs (tous types)');
	});

	it('has a message for every method key, and a public dossier gets the members-only note once', () => {
		for (const key of Object.keys(METHOD_KEYS)) {
			expect(methodText({ key, params: {} }), key).not.toBe(key);
		}
		const notes = dossierNotes(
			dossierFigures(
				{ ...input, audience: 'public', census: null, offers: null },
				{ kind: 'territory' },
				NOW
			)
		);
		expect(notes.filter((n) => n.key === 'not_available')).toHaveLength(1);
		expect(notes[1]!.text).toBe(m.dossier_method_not_available());
	});
});

describe('KeyFigures (server render)', () => {
	const figures = dossierFigures(input, { kind: 'territory' }, NOW);
	const notes = dossierNotes(figures);

	it('writes the numbers the French way and links each card to its note', () => {
		const body = html(render(KeyFigures, { props: { figures, notes } }).body);
		expect(body).toContain(`<p class="value">1${NNBSP}234</p>`);
		// Listings: one listing, two rows, one actor, one duplicate resolved.
		expect(body).toMatch(/Doublons résolus<\/dt> ?<dd>1<\/dd>/);
		const refs = [
			...body.matchAll(/<a href="#(note-[a-z0-9-]+)" title="([^"]+)"[^>]*>(\d+)<\/a>/g)
		];
		expect(refs.map((r) => r[1])).toEqual([
			'note-actors-by-kind',
			'note-listings-merged',
			'note-common-places',
			'note-events-last-12-months',
			'note-offers-requests'
		]);
		expect(refs.map((r) => r[3])).toEqual(['1', '2', '3', '4', '5']);
		// The tooltip is the note's sentence.
		expect(refs[0]![2]).toContain(`(1${NNBSP}234)`);
		expect(body).toContain('aria-label="Note 1 : comment ce chiffre est calculé"');
	});

	it('says « réservé aux membres » where the public may not see a figure', () => {
		const publicFigures = dossierFigures(
			{ ...input, audience: 'public', census: null, offers: null },
			{ kind: 'territory' },
			NOW
		);
		const body = html(
			render(KeyFigures, { props: { figures: publicFigures, notes: dossierNotes(publicFigures) } })
				.body
		);
		expect(body.match(/Réservé aux membres du réseau/g)).toHaveLength(2);
		expect(body).not.toContain('Doublons résolus');
		expect(body).toContain('href="#note-not-available"');
	});
});

describe('DensityMap and CoverageGaps (server render)', () => {
	const figures = dossierFigures(input, { kind: 'territory' }, NOW);
	const notes = dossierNotes(figures);

	it('shows the table alone, with a note, when no outline is available', () => {
		const body = html(
			render(DensityMap, {
				props: { density: figures.actorsPerThousand.value, shapes: null, note: notes[6] }
			}).body
		);
		expect(body).toContain('data-testid="density-no-shapes"');
		expect(body).not.toContain('<details');
		// 1,200 actors for 8,519 inhabitants: 140.9 per 1,000; Aigaliers has no population.
		expect(body).toMatch(
			/<th scope="row">Uzès<\/th> ?<td>1\u202f200<\/td> ?<td>8\u202f519<\/td> ?<td>140,9<\/td>/
		);
		expect(body).toContain('population inconnue');
		expect(body).toContain('href="#note-actors-per-1000"');
	});

	it('lists the communes missing a kind and those without an event', () => {
		const body = html(
			render(CoverageGaps, {
				props: { kindGaps: figures.kindGaps, eventGaps: figures.eventGaps, notes }
			}).body
		);
		expect(body).toContain(
			'<strong>Entreprise</strong> — absent d’1 commune : <span class="communes">Uzès</span>'
		);
		expect(body).toContain('<strong>Coopérative</strong> — aucun dans le périmètre');
		expect(body).toContain(
			'1 commune n’a accueilli aucun événement : <span class="communes">Aigaliers</span>'
		);
	});
});
