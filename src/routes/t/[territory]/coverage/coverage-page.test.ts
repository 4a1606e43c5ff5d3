import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CoveragePage from './+page.svelte';

// No DOM in this suite: the page is checked through its server rendering.

type Props = Parameters<typeof render<typeof CoveragePage>>[1] extends infer O
	? O extends { props?: infer P }
		? P
		: never
	: never;
type Data = Props['data'];

const base = {
	territory: { slug: 'pays-d-uzes', name: 'Pays d’Uzès' },
	publicView: false,
	periodStart: '2025-03-01T10:00:00.000Z',
	filters: { kind: null, sector: null, noPlace: false, noEvent: false, sort: 'desc' as const },
	options: { kinds: ['association', 'business'] as const, sectors: ['culture', 'sport'] },
	absentKinds: [],
	absentChoice: false,
	total: 3,
	withGaps: 2,
	rows: []
};

const html = (data: Partial<Data>) =>
	render(CoveragePage, {
		props: { data: { ...base, ...data } as Data, params: { territory: 'pays-d-uzes' } }
	} as never)
		.body.replace(/<!--.*?-->/g, '')
		.replace(/ class="svelte-[a-z0-9]+"/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');

const blauzac = {
	code: '30043',
	name: 'Blauzac',
	actors: 4,
	places: 0,
	events: 1,
	missingKinds: ['business' as const],
	missingSectors: ['sport'],
	noPlace: true,
	noEvent: false,
	score: 3
};

describe('coverage page (server render)', () => {
	it('lists each commune with its gaps in French, its counts and a map link', () => {
		const body = html({ rows: [blauzac] });
		expect(body).toContain('Zones blanches');
		expect(body).toContain('depuis le 1 mars 2025');
		expect(body).toMatch(/data-testid="coverage-row" data-code="30043" data-score="3"/);
		expect(body).toContain('Types d’acteurs absents : Entreprise');
		expect(body).toContain('Secteurs absents : sport');
		expect(body).toContain('sans lieu commun');
		expect(body).not.toContain('data-testid="gap-no-event"');
		expect(body).toContain('1 commune sur 3');
		// The map, filtered to the commune, with the layer on.
		expect(body).toContain('href="/t/pays-d-uzes/map?commune=30043&amp;zones=gaps"');
		// Sorting by the number of gaps: the header link flips the order.
		expect(body).toContain('href="/t/pays-d-uzes/coverage?sort=asc"');
		expect(body).toContain('aria-sort="descending"');
	});

	it('keeps the filters in the form, the sort link and the map link', () => {
		const body = html({
			rows: [blauzac],
			filters: { kind: 'business', sector: null, noPlace: true, noEvent: false, sort: 'asc' }
		});
		expect(body).toContain('<option value="business" selected="">Entreprise</option>');
		expect(body).toMatch(/<input type="checkbox" name="noplace" value="1" checked=""/);
		expect(body).toContain('<input type="hidden" name="sort" value="asc"/>');
		expect(body).toContain('href="/t/pays-d-uzes/coverage?kind=business&amp;noplace=1"');
		expect(body).toContain('aria-sort="ascending"');
		expect(body).toContain('map?commune=30043&amp;zones=kind%3Abusiness');
		expect(body).toContain('Tout afficher');
	});

	it('has an empty state for no gap, for filters and for a kind nobody has', () => {
		expect(html({ withGaps: 0 })).toContain('Aucune zone blanche');
		const filtered = html({
			filters: { kind: null, sector: 'sport', noPlace: false, noEvent: false, sort: 'desc' }
		});
		expect(filtered).toContain('Aucune commune ne correspond à ces filtres.');
		expect(
			html({
				absentChoice: true,
				filters: { kind: null, sector: 'ski', noPlace: false, noEvent: false, sort: 'desc' }
			})
		).toContain('ce n’est la lacune d’aucune commune en particulier');
		expect(html({ total: 0 })).toContain('n’a encore aucune commune');
		expect(html({ rows: [] })).not.toContain('data-testid="coverage-table"');
	});

	it('says when only public events are counted, and which kinds nobody has', () => {
		const body = html({ publicView: true, absentKinds: ['cooperative'] as never });
		expect(body).toContain('seuls les événements publics sont comptés');
		expect(body).toContain('Absents de tout le territoire');
		expect(body).toContain('Coopérative');
	});
});
