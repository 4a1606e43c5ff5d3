import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { NetworkBridge, NeverMeet, WorldMatrix } from '$lib/domain/network';
import BridgesList from './BridgesList.svelte';
import NeverMeetList from './NeverMeetList.svelte';
import WorldMatrixTable from './WorldMatrixTable.svelte';

// No DOM in this suite: checked through the server rendering.
/** Without Svelte's comments and scoping classes (`class="svelte-x diagonal"` → `class="diagonal"`). */
const clean = (body: string) =>
	body.replace(/<!--.*?-->/g, '').replace(/ class="([^"]*)"/g, (_, names: string) => {
		const kept = names.split(' ').filter((n) => n && !n.startsWith('svelte-'));
		return kept.length > 0 ? ` class="${kept.join(' ')}"` : '';
	});

/** Three worlds: élu and amateur never meet; 2 ties inside professionnel. */
const matrix: WorldMatrix = {
	worlds: ['professionnel', 'amateur', 'elu'],
	actors: [4, 3, 1],
	ties: [
		[2, 5, 1],
		[5, 1, 0],
		[1, 0, 0]
	]
};

/** The cells of the table's body: [row header text, cell texts…] per row. */
function rows(html: string): string[][] {
	const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
	return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
		[...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map(([, cell]) =>
			cell!
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
		)
	);
}

describe('WorldMatrixTable (server render)', () => {
	it('is a table with a caption, column and row headers and the counts in the cells', () => {
		const html = clean(render(WorldMatrixTable, { props: { matrix } }).body);
		expect(html).toContain('<table data-testid="world-matrix">');
		expect(html).toMatch(/<caption>Paires d’acteurs reliés selon le monde de chacun/);
		const columns = [...html.matchAll(/<th scope="col">(.*?)<\/th>/g)].map(([, c]) => c);
		// Worlds are shown by their French label (worldLabel): « élu », not the stored « elu ».
		expect(columns).toEqual(['professionnel', 'amateur', 'élu']);
		expect(html.match(/<th scope="row">/g)).toHaveLength(3);
		expect(rows(html)).toEqual([
			['professionnel 4 acteurs', '2', '5', '1'],
			['amateur 3 acteurs', '5', '1', '0'],
			['élu 1 acteur', '1', '0', '0']
		]);
	});

	it('heats each cell by its share of the largest, and marks the worlds that never meet', () => {
		const html = clean(render(WorldMatrixTable, { props: { matrix } }).body);
		const cell = (row: string, column: string) =>
			html.match(new RegExp(`<td[^>]*data-row="${row}" data-column="${column}"[^>]*>`))?.[0] ?? '';
		expect(cell('professionnel', 'amateur')).toContain('--heat: 1');
		expect(cell('professionnel', 'elu')).toContain('--heat: 0.2');
		expect(cell('professionnel', 'professionnel')).toMatch(/class="diagonal"/);
		expect(cell('professionnel', 'professionnel')).toContain('--heat: 1');
		expect(cell('amateur', 'elu')).toMatch(/class="never"/);
		expect(cell('elu', 'amateur')).toMatch(/class="never"/);
		// Inside a world, 0 is not « never meet »: élu has one actor.
		expect(cell('elu', 'elu')).not.toContain('never');
	});

	it('says so when no actor carries a world', () => {
		const html = render(WorldMatrixTable, {
			props: { matrix: { worlds: [], actors: [], ties: [] } }
		}).body;
		expect(html).not.toContain('<table');
		expect(html).toContain('Aucun acteur de cette sélection ne porte de monde.');
	});
});

describe('BridgesList and NeverMeetList (server render)', () => {
	const bridge: NetworkBridge = {
		id: '11111111-1111-4111-8111-111111111111',
		label: 'Mairie de Blauzac',
		score: 1.5,
		degree: 6,
		pairs: [
			{ a: 'elu', b: 'amateur', otherTies: 0 },
			{ a: 'elu', b: 'rural', otherTies: 1 }
		],
		foreignWorlds: ['amateur', 'rural']
	};

	it('lists each bridge with its score, the pairs it joins and a link to the actor', () => {
		const html = clean(
			render(BridgesList, { props: { bridges: [bridge], slug: 'pays-d-uzes' } }).body
		);
		expect(html).toContain(
			'href="/t/pays-d-uzes/actors/11111111-1111-4111-8111-111111111111">Mairie de Blauzac</a>'
		);
		expect(html).toContain('score 1,5');
		expect(html).toMatch(/élu ↔ amateur\s*<span class="muted">\(seul lien\)<\/span>/);
		expect(html).toMatch(/élu ↔ rural\s*<span class="muted">\(1 autre lien direct\)<\/span>/);
		expect(html).toContain('ouvre sur 2 mondes qu’il ne porte pas');
	});

	it('names without links when no territory is given (public dossier)', () => {
		const html = clean(render(BridgesList, { props: { bridges: [bridge] } }).body);
		expect(html).not.toContain('<a ');
		expect(html).toContain('<strong>Mairie de Blauzac</strong>');
	});

	it('lists instead the actors opening onto the most other worlds when there is no bridge', () => {
		const nodes = [
			{ id: 'n1', label: 'Foyer rural', worldReach: 2, degree: 3 },
			{ id: 'n2', label: 'Mairie', worldReach: 4, degree: 1 },
			{ id: 'n3', label: 'Brasserie', worldReach: 0, degree: 9 },
			{ id: 'n4', label: 'Atelier', worldReach: 2, degree: 5 }
		];
		const html = clean(render(BridgesList, { props: { bridges: [], nodes, slug: 'x' } }).body);
		expect(html).toContain('data-testid="bridges-none"');
		const names = [...html.matchAll(/href="\/t\/x\/actors\/(n\d)"/g)].map(([, id]) => id);
		expect(names).toEqual(['n2', 'n4', 'n1']);
		expect(html).toContain('ouvre sur 4 mondes qu’il ne porte pas');
		// With bridges, no such list.
		const withBridge = render(BridgesList, { props: { bridges: [bridge], nodes } }).body;
		expect(withBridge).not.toContain('world-openers');
	});

	it('says when there is no bridge, and when every pair of worlds meets', () => {
		expect(render(BridgesList, { props: { bridges: [] } }).body).toContain(
			'Aucun acteur ne relie des mondes faiblement connectés'
		);
		expect(render(NeverMeetList, { props: { pairs: [] } }).body).toContain(
			'Toutes les paires de mondes présents se rencontrent'
		);
		const pairs: NeverMeet[] = [{ a: 'amateur', b: 'elu', actorsA: 3, actorsB: 1, actorsBoth: 0 }];
		const html = clean(render(NeverMeetList, { props: { pairs } }).body);
		expect(html).toContain('<strong>amateur et élu</strong>');
		expect(html).toContain('acteurs : 3 et 1, dont 0 dans les deux');
	});
});
