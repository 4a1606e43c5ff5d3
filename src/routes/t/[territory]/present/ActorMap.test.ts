import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { kindLabel, m } from '$lib/i18n';
import type { DossierPoints } from '$lib/server/queries/dossier-map';
import ActorMap from './ActorMap.svelte';

// No DOM in this suite: checked through the server rendering (Plot draws in the browser only).

const html = (body: string) =>
	body
		.replace(/<!--.*?-->/g, '')
		.replace(/ class="svelte-[a-z0-9]+"/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '')
		.replace(/[ \t\r\n]+/g, ' ');
/** French thousands separator (narrow no-break space). */
const NNBSP = '\u202f';

const points: DossierPoints = {
	actors: [
		{ lng: 4.42, lat: 44.01, kind: 'association', count: 1200 },
		{ lng: 4.43, lat: 44.02, kind: 'business', count: 3 },
		{ lng: 4.41, lat: 44.0, kind: 'association', count: 34 }
	],
	places: [{ lng: 4.42, lat: 44.012, kind: 'place', count: 2 }],
	actorsPlaced: 1237,
	actorsUnplaced: 0,
	placesPlaced: 2,
	capped: false
};

const nothing: DossierPoints = {
	actors: [],
	places: [],
	actorsPlaced: 0,
	actorsUnplaced: 0,
	placesPlaced: 0,
	capped: false
};

function figure(props: Parameters<typeof render<typeof ActorMap>>[1]['props']) {
	return html(render(ActorMap, { props }).body);
}

describe('ActorMap', () => {
	it('waits for its drawing, with the alt text, the legend and the top communes', () => {
		const body = figure({
			points,
			shapes: null,
			communes: [
				{ name: 'Aigaliers', actors: 2 },
				{ name: 'Uzès', actors: 900 },
				{ name: 'Arpaillargues', actors: 0 },
				{ name: 'Blauzac', actors: 40 },
				{ name: 'Bourdic', actors: 30 }
			]
		});
		expect(body).toContain('data-chart="actors-map"');
		expect(body).toContain('data-state="pending"');
		expect(body).toContain(m.dossier_map_caption());
		expect(body).toContain('role="img"');
		// Drawn: 1 237 actors and 2 places; the three communes with most actors, largest first.
		expect(body).toContain(`1${NNBSP}237 acteurs et 2 lieux communs`);
		expect(body).toContain('Uzès 900, Blauzac 40, Bourdic 30.');
		expect(body).not.toContain('Aigaliers 2');
		// Legend: kinds in their order with their counts, then the places.
		const legend = body.slice(body.indexOf('class="legend"'));
		const association = legend.indexOf(`${kindLabel('association')} (1${NNBSP}234)`);
		const business = legend.indexOf(`${kindLabel('business')} (3)`);
		const place = legend.indexOf(`${m.dossier_map_legend_place()} (2)`);
		expect(association).toBeGreaterThan(-1);
		expect(business).toBeGreaterThan(association);
		expect(place).toBeGreaterThan(business);
		expect(body).not.toContain('data-kind="cooperative"');
		// No outline: said so; nothing left out: no capped or unplaced line.
		expect(body).toContain('data-testid="actor-map-no-shapes"');
		expect(body).not.toContain('actor-map-capped');
		expect(body).not.toContain('actor-map-unplaced');
	});

	it('says how many actors have no position and when cells were left out', () => {
		const body = figure({
			points: { ...points, actorsUnplaced: 7, actorsPlaced: 5000, capped: true },
			shapes: { type: 'FeatureCollection', features: [] }
		});
		expect(body).toContain('7 acteurs sans position ne figurent pas sur la carte.');
		expect(body).toContain(
			`4 regroupements les plus fournis : 1${NNBSP}237 acteurs placés sur 5${NNBSP}000.`
		);
		expect(body).not.toContain('actor-map-no-shapes');
		const one = figure({ points: { ...points, actorsUnplaced: 1 }, shapes: null });
		expect(one).toContain('1 acteur sans position ne figure pas sur la carte.');
	});

	it('has nothing to draw without a located actor or place', () => {
		const body = figure({ points: { ...nothing, actorsUnplaced: 3 }, shapes: null });
		expect(body).toContain('data-state="none"');
		expect(body).not.toContain('role="img"');
		expect(body).toContain(m.dossier_map_empty());
		expect(body).toContain('3 acteurs sans position');
		expect(figure({ points: nothing, shapes: null })).not.toContain('actor-map-unplaced');
	});
});
