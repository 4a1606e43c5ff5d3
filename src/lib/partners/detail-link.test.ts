/** The map detail panel's link to the partner finder: members only, items with a position. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import MapDetail from '$lib/map/MapDetail.svelte';
import type { MapDetail as MapDetailData } from '$lib/map/types';

const noop = () => {};
const base: MapDetailData = {
	type: 'actor',
	id: 'a1',
	title: 'Les Amis du Lavoir',
	subtitle: 'Association',
	position: [4.4196, 44.0122],
	fields: [],
	events: [],
	related: [],
	pageUrl: null
};

function panel(detail: MapDetailData, partnersFor?: string | null): string {
	return render(MapDetail, { props: { detail, onClose: noop, onOpen: noop, partnersFor } }).body;
}

const link = (html: string) =>
	/<a href="([^"]*)" data-testid="map-detail-partners">([^<]*)<\/a>/.exec(html);

describe('MapDetail partner finder link', () => {
	it('links an actor or a place with a position to the finder around its point', () => {
		for (const type of ['actor', 'place'] as const) {
			const found = link(panel({ ...base, type }, 'pays-d-uzes'));
			expect(found?.[1]).toBe('/t/pays-d-uzes/partners?at=4.4196%2C44.0122');
			expect(found?.[2]).toBe('Chercher des partenaires autour');
		}
	});

	it('links an event to its own partners page', () => {
		const found = link(panel({ ...base, type: 'event', id: 'e1' }, 'pays-d-uzes'));
		expect(found?.[1]).toBe('/t/pays-d-uzes/events/e1/partners');
	});

	it('offers no link to the public, nor for an item without a position', () => {
		expect(link(panel(base))).toBeNull();
		expect(link(panel(base, null))).toBeNull();
		expect(link(panel({ ...base, position: null }, 'pays-d-uzes'))).toBeNull();
	});
});
