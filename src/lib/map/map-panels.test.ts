/**
 * Server renders of the directory table and the detail panel: what reaches the HTML (rows in the
 * DOM, escaping, links). Keyboard and scrolling need a browser: see the dev demo route.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { DirectoryRow } from './directory-rows';
import MapDetail, { safeHref } from './MapDetail.svelte';
import MapDirectory from './MapDirectory.svelte';
import type { MapDetail as MapDetailData } from './types';

const XSS = '<img src=x onerror=alert(1)>';

function rows(count: number): DirectoryRow[] {
	return Array.from({ length: count }, (_, i) => ({
		type: 'actor' as const,
		id: `a${i}`,
		name: i === 1 ? XSS : `Acteur ${i}`,
		category: 'Association',
		colour: '#0072B2',
		commune: i % 3 === 0 ? null : 'Uzès',
		located: i % 4 !== 0
	}));
}

const noop = () => {};

function directory(list: DirectoryRow[], extra: Record<string, unknown> = {}): string {
	return render(MapDirectory, {
		props: {
			rows: list,
			sort: { key: 'name', dir: 'asc' },
			onSort: noop,
			selected: null,
			onSelect: noop,
			caption: 'Acteurs du territoire',
			emptyText: 'Rien ne correspond.',
			...extra
		}
	}).body;
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe('MapDirectory', () => {
	it('puts a few dozen rows in the DOM for 100,000 rows, and tells their number', () => {
		const html = directory(rows(100_000));
		const trs = count(html, /<tr[\s>]/g);
		expect(trs).toBeGreaterThan(10);
		expect(trs).toBeLessThan(60);
		expect(html).toContain('data-row-count="100000"');
		expect(html).toContain('aria-rowcount="100001"');
		expect(html).toMatch(/aria-rowindex="2"/);
		// The spacer below stands for the rows not drawn.
		const gap =
			/<tr class="gap[^"]*" aria-hidden="true"><td colspan="3"[^>]*style="height: (\d+)px;/.exec(
				html
			);
		expect(Number(gap?.[1])).toBeGreaterThan(99_000 * 30);
	});

	it('shows a name that looks like HTML as text', () => {
		const html = directory(rows(5));
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img src=x onerror=alert(1)>');
	});

	it('gives the body one Tab stop, marks the sorted column and the unlocated rows', () => {
		const html = directory(rows(50), { sort: { key: 'commune', dir: 'desc' } });
		expect(count(html, /tabindex="0"/g)).toBe(1);
		expect(count(html, /aria-sort=/g)).toBe(1);
		expect(html).toMatch(
			/<th scope="col" aria-sort="descending"[^>]*>\s*<button[^>]*data-sort-key="commune"/
		);
		expect(html).toContain('non localisé');
	});

	it('marks the selected row and makes it the Tab stop', () => {
		const html = directory(rows(50), { selected: { type: 'actor', id: 'a7' } });
		expect(html).toMatch(/<tr class="row[^"]*selected[^"]*"[^>]*data-id="a7"/);
		expect(html).toMatch(/data-index="7" tabindex="0" aria-current="true"/);
	});

	it('says so when there is no row', () => {
		const html = directory([]);
		expect(html).toContain('data-row-count="0"');
		expect(html).toContain('Rien ne correspond.');
		expect(html).not.toContain('data-testid="map-directory-row"');
	});
});

const detail: MapDetailData = {
	type: 'actor',
	id: 'a1',
	title: XSS,
	subtitle: 'Association',
	position: null,
	fields: [
		{
			key: 'email',
			label: 'Courriel',
			value: 'contact@example.org',
			href: 'mailto:contact@example.org',
			provenance: 'RNA Gard ligne 12'
		},
		{ key: 'website', label: 'Site', value: 'javascript:alert(1)', href: 'javascript:alert(1)' },
		{ key: 'web', label: 'Site web', value: 'example.org', href: 'https://example.org' },
		{ key: 'note', label: 'Note', value: '<b>gras</b>' }
	],
	events: [
		{
			type: 'event',
			id: 'e1',
			name: 'Fête des jardins',
			startsAt: '2026-03-12T18:00:00Z',
			relation: 'organisateur'
		}
	],
	related: [{ type: 'actor', id: 'a2', name: 'Les Amis du Moulin', relation: 'partenaire' }],
	pageUrl: '/t/pays-d-uzes/actors/a1'
};

function panel(props: Record<string, unknown>): string {
	return render(MapDetail, {
		props: { detail: null, onClose: noop, onOpen: noop, ...props }
	}).body;
}

describe('MapDetail', () => {
	it('renders nothing when there is nothing to show', () => {
		expect(panel({})).not.toContain('map-detail');
	});

	it('shows the title and values as text, links only safe schemes', () => {
		const html = panel({ detail });
		expect(html).toContain('data-testid="map-detail"');
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<b>');
		expect(html).toContain('&lt;img src=x onerror=alert(1)>');
		expect(html).toContain('href="mailto:contact@example.org"');
		expect(html).toContain('href="https://example.org"');
		expect(html).not.toContain('href="javascript:');
		expect(html).toContain('Source : RNA Gard ligne 12');
	});

	it('lists events with a French date, related items, and the full page link', () => {
		const html = panel({ detail });
		expect(html).toContain('12 mars 2026');
		expect(html).toContain('Fête des jardins (organisateur)');
		expect(html).toContain('Les Amis du Moulin');
		expect(html).toContain('partenaire');
		expect(html).toMatch(/href="\/t\/pays-d-uzes\/actors\/a1"[^>]*>Fiche complète et provenance/);
		expect(html).toContain('Pas de position sur la carte.');
	});

	it('has a loading and an error state', () => {
		const loading = panel({ loading: true });
		expect(loading).toContain('data-state="loading"');
		expect(loading).toContain('Chargement de la fiche…');
		const failed = panel({ error: 'Le serveur ne répond pas.' });
		expect(failed).toContain('data-state="error"');
		expect(failed).toContain('role="alert"');
		expect(failed).toContain('Le serveur ne répond pas.');
	});
});

describe('safeHref', () => {
	it('keeps mailto, tel, http and https links', () => {
		expect(safeHref('mailto:a@b.fr')).toBe('mailto:a@b.fr');
		expect(safeHref(' tel:+33466000000')).toBe('tel:+33466000000');
		expect(safeHref('HTTPS://example.org')).toBe('HTTPS://example.org');
		expect(safeHref('http://example.org')).toBe('http://example.org');
	});

	it('drops every other scheme, relative or missing links', () => {
		for (const href of [
			'javascript:alert(1)',
			' JavaScript:alert(1)',
			'\u0001javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'//evil.example',
			'/t/x',
			'',
			undefined
		]) {
			expect(safeHref(href), String(href)).toBeNull();
		}
	});
});
