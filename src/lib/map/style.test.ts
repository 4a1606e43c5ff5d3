import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS } from '$lib/domain/actor-kinds';
import {
	actorLayerIds,
	actorLayers,
	CLUSTER_MAX_ZOOM,
	KIND_COLOURS,
	kindColourExpression,
	SELECTED_ZOOM
} from './style';

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
	const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('palette', () => {
	it('has a colour for every actor kind, and only for them', () => {
		expect(Object.keys(KIND_COLOURS).sort()).toEqual([...ACTOR_KINDS].sort());
		for (const kind of ACTOR_KINDS) expect(KIND_COLOURS[kind]).toMatch(/^#[0-9A-F]{6}$/i);
	});

	it('gives every kind a distinct colour', () => {
		const colours = Object.values(KIND_COLOURS).map((c) => c.toUpperCase());
		expect(new Set(colours).size).toBe(colours.length);
	});

	it('keeps markers visible on a light background (contrast ≥ 1.9:1 against white)', () => {
		for (const colour of Object.values(KIND_COLOURS)) {
			const ratio = 1.05 / (luminance(colour) + 0.05);
			expect(ratio, colour).toBeGreaterThanOrEqual(1.9);
		}
	});
});

describe('kindColourExpression', () => {
	it('matches every kind to its palette colour with "other" as fallback', () => {
		const expression = kindColourExpression() as unknown[];
		expect(expression[0]).toBe('match');
		expect(expression[1]).toEqual(['get', 'kind']);
		for (const kind of ACTOR_KINDS) {
			const at = expression.indexOf(kind);
			expect(at, kind).toBeGreaterThan(1);
			expect(expression[at + 1]).toBe(KIND_COLOURS[kind]);
		}
		expect(expression.at(-1)).toBe(KIND_COLOURS.other);
		// label/value pairs + 'match' + input + fallback
		expect(expression).toHaveLength(ACTOR_KINDS.length * 2 + 3);
	});
});

describe('actorLayers', () => {
	it('draws clusters, their counts and points from one source', () => {
		const layers = actorLayers('actors', ['Noto Sans Regular']);
		const ids = actorLayerIds('actors');
		expect(layers.map((l) => l.id)).toEqual([ids.clusters, ids.clusterCount, ids.points]);
		for (const layer of layers) expect((layer as { source?: string }).source).toBe('actors');
		const count = layers.find((l) => l.id === ids.clusterCount);
		expect(count?.type).toBe('symbol');
		expect(count?.layout).toMatchObject({ 'text-font': ['Noto Sans Regular'] });
		const points = layers.find((l) => l.id === ids.points);
		expect(points?.paint).toMatchObject({ 'circle-color': kindColourExpression() });
	});

	it('flies to a zoom where points are no longer clustered', () => {
		expect(SELECTED_ZOOM).toBeGreaterThan(CLUSTER_MAX_ZOOM);
	});
});
