import { describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES } from '../demo/communes';
import { communeCentre, communeCentresFrom, DEFAULT_COMMUNE_CENTRES } from './commune-centres';

describe('commune centres', () => {
	it('knows every commune of the demo territory, at its demo centre', () => {
		expect(DEFAULT_COMMUNE_CENTRES.size).toBe(PAYS_D_UZES_COMMUNES.length);
		for (const c of PAYS_D_UZES_COMMUNES) expect(communeCentre(c.code)).toEqual(c.centre);
		expect(DEFAULT_COMMUNE_CENTRES.get('30334')?.name).toBe('Uzès');
	});

	it('answers null for a commune it does not know', () => {
		expect(communeCentre('75056')).toBeNull();
		expect(communeCentre('')).toBeNull();
	});

	it('returns a copy: callers cannot move a centre', () => {
		const c = communeCentre('30334')!;
		c[0] = 0;
		expect(communeCentre('30334')![0]).not.toBe(0);
	});

	it('takes a bigger table with the same API, first entry wins, codes trimmed', () => {
		const table = communeCentresFrom(
			[
				{ code: '2A004', name: 'Ajaccio', centre: [8.7369, 41.9192] },
				{ code: '2A004', name: 'Doublon', centre: [0, 0] }
			],
			'test'
		);
		expect(table.size).toBe(1);
		expect(communeCentre(' 2a004 ', table)).toEqual([8.7369, 41.9192]);
		expect(table.get('2A004')?.name).toBe('Ajaccio');
	});

	it('refuses coordinates that are not a point on Earth', () => {
		expect(() => communeCentresFrom([{ code: '1', name: 'x', centre: [200, 0] }], 't')).toThrow();
		expect(() => communeCentresFrom([{ code: '1', name: 'x', centre: [0, NaN] }], 't')).toThrow();
	});
});
