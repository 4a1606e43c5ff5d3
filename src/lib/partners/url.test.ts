import { describe, expect, it } from 'vitest';
import {
	parseLngLat,
	parsePartnerParams,
	parsePointParams,
	parseRadius,
	partnerSearch,
	RADIUS,
	splitNeeds
} from './url';

const q = (s: string) => new URLSearchParams(s);

describe('parsePartnerParams', () => {
	it('gives the defaults for an empty query', () => {
		expect(parsePartnerParams(q(''))).toEqual({
			radiusKm: RADIUS.default,
			kinds: [],
			sectors: [],
			worlds: [],
			participation: 'any',
			newcomersFirst: false
		});
	});

	it('reads repeated filters, the participation and the newcomers option', () => {
		expect(
			parsePartnerParams(
				q(
					'r=25&kind=association&kind=business&kind=association&sector=culture&world=rural&participation=never&newcomers=1'
				)
			)
		).toEqual({
			radiusKm: 25,
			kinds: ['association', 'business'],
			sectors: ['culture'],
			worlds: ['rural'],
			participation: 'never',
			newcomersFirst: true
		});
		expect(parsePartnerParams(q('participation=sometimes&newcomers=yes'))).toMatchObject({
			participation: 'any',
			newcomersFirst: false
		});
	});

	it('keeps the radius within 1–100 km, whole kilometres', () => {
		expect(parseRadius('0')).toBe(1);
		expect(parseRadius('-4')).toBe(1);
		expect(parseRadius('250')).toBe(100);
		expect(parseRadius('12,6')).toBe(13);
		expect(parseRadius('abc')).toBe(RADIUS.default);
		expect(parseRadius(null)).toBe(RADIUS.default);
		expect(parseRadius('Infinity')).toBe(RADIUS.default);
	});
});

describe('point parameters', () => {
	it('reads at=lng,lat and refuses what is not a position', () => {
		expect(parseLngLat('4.42,44.01')).toEqual([4.42, 44.01]);
		expect(parseLngLat(' 4.42 , 44.01 ')).toEqual([4.42, 44.01]);
		expect(parseLngLat('44.01')).toBeNull();
		expect(parseLngLat('4.42,95')).toBeNull();
		expect(parseLngLat('a,b')).toBeNull();
		expect(parseLngLat(',')).toBeNull();
		expect(parseLngLat(null)).toBeNull();
	});

	it('splits the needs on commas, semicolons and lines', () => {
		expect(splitNeeds(' sono, tables ;chaises\n, sono ')).toEqual(['sono', 'tables', 'chaises']);
		expect(parsePointParams(q('at=4.4,44&theme=+culture+&needs=sono,tables'))).toEqual({
			at: [4.4, 44],
			theme: 'culture',
			needs: ['sono', 'tables']
		});
	});
});

describe('partnerSearch', () => {
	it('writes a query that parses back to the same state, defaults left out', () => {
		const state = parsePartnerParams(
			q('r=30&kind=association&sector=culture&participation=already&newcomers=1')
		);
		const point = parsePointParams(q('at=4.4123456789,44.0&theme=culture&needs=sono,tables'));
		const search = partnerSearch(state, point);
		expect(search).toBe(
			'at=4.412346%2C44&theme=culture&needs=sono%2C+tables&r=30&kind=association&sector=culture&participation=already&newcomers=1'
		);
		expect(parsePartnerParams(q(search))).toEqual(state);
		expect(parsePointParams(q(search))).toEqual({ ...point, at: [4.412346, 44] });
		expect(partnerSearch(parsePartnerParams(q('')))).toBe('');
	});
});
