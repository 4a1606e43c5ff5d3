import { describe, expect, it } from 'vitest';
import {
	byScore,
	communesLacking,
	coverageInput,
	coverageReport,
	eventPeriodStart,
	hasGaps,
	inEventPeriod,
	type CoverageCommuneInput
} from './coverage';

function commune(
	code: string,
	name: string,
	f: Partial<Omit<CoverageCommuneInput, 'code' | 'name'>> = {}
): CoverageCommuneInput {
	return {
		code,
		name,
		population: f.population ?? null,
		actorsByKind: f.actorsByKind ?? {},
		actorsBySector: f.actorsBySector ?? {},
		actors: f.actors ?? 0,
		places: f.places ?? 0,
		events: f.events ?? 0
	};
}

const uzes = commune('30334', 'Uzès', {
	actorsByKind: { association: 5, business: 2 },
	actorsBySector: { culture: 3, social: 2 },
	actors: 7,
	places: 2,
	events: 4
});
const blauzac = commune('30043', 'Blauzac', {
	actorsByKind: { association: 1 },
	actorsBySector: { Culture: 1 },
	actors: 1,
	places: 0,
	events: 1
});
const arpaillargues = commune('30016', 'Arpaillargues-et-Aureillac');

describe('coverageReport', () => {
	const report = coverageReport([blauzac, uzes, arpaillargues]);
	const byCode = (code: string) => report.communes.find((c) => c.code === code)!;

	it('counts a kind present elsewhere as a local gap, never a kind absent everywhere', () => {
		expect(byCode('30043').missingKinds).toEqual(['business']);
		expect(byCode('30016').missingKinds).toEqual(['association', 'business']);
		expect(byCode('30334').missingKinds).toEqual([]);
		expect(report.absentKinds).toEqual([
			'cooperative',
			'public_body',
			'informal_group',
			'elected_body',
			'other'
		]);
		expect(report.kinds).toEqual([
			{ kind: 'association', communes: 2 },
			{ kind: 'business', communes: 1 }
		]);
	});

	it('treats two spellings of a sector as one, shown as most actors write it', () => {
		expect(report.sectors).toEqual([
			{ sector: 'culture', communes: 2 },
			{ sector: 'social', communes: 1 }
		]);
		expect(byCode('30043').missingSectors).toEqual(['social']);
		expect(byCode('30016').missingSectors).toEqual(['culture', 'social']);
	});

	it('flags no place and no event, and scores the number of gaps', () => {
		const b = byCode('30043');
		expect(b.noPlace).toBe(true);
		expect(b.noEvent).toBe(false);
		expect(b.gaps).toEqual([
			{ type: 'kind', kind: 'business' },
			{ type: 'sector', sector: 'social' },
			{ type: 'no_place' }
		]);
		expect(b.score).toBe(3);
		// 2 kinds + 2 sectors + no place + no event
		expect(byCode('30016').score).toBe(6);
		expect(byCode('30334').score).toBe(0);
		expect(byCode('30334').gaps).toEqual([]);
		expect(report.maxScore).toBe(6);
	});

	it('sorts most gaps first, ties by name', () => {
		expect(report.communes.map((c) => c.code)).toEqual(['30016', '30043', '30334']);
		const tie = coverageReport([commune('2', 'Sanilhac'), commune('1', 'Aigaliers')]);
		expect(tie.communes.map((c) => c.name)).toEqual(['Aigaliers', 'Sanilhac']);
		expect([...report.communes].sort(byScore('asc')).map((c) => c.code)).toEqual([
			'30334',
			'30043',
			'30016'
		]);
	});

	it('has no kind or sector gap when a single commune has everything', () => {
		const alone = coverageReport([uzes]);
		expect(alone.communes[0]!.score).toBe(0);
		expect(coverageReport([]).communes).toEqual([]);
		expect(coverageReport([]).maxScore).toBe(0);
	});
});

describe('the reverse view', () => {
	const report = coverageReport([blauzac, uzes, arpaillargues]);
	const codes = (list: { code: string }[]) => list.map((c) => c.code);

	it('lists the communes lacking a kind or a sector (any spelling)', () => {
		expect(codes(communesLacking(report, { kind: 'business' }))).toEqual(['30016', '30043']);
		expect(codes(communesLacking(report, { kind: 'association' }))).toEqual(['30016']);
		expect(codes(communesLacking(report, { sector: 'SOCIAL ' }))).toEqual(['30016', '30043']);
		expect(codes(communesLacking(report, { sector: 'Culture' }))).toEqual(['30016']);
	});

	it('gives nothing for a kind or sector no commune has', () => {
		expect(communesLacking(report, { kind: 'cooperative' })).toEqual([]);
		expect(communesLacking(report, { sector: 'sport' })).toEqual([]);
	});

	it('combines criteria, and an empty filter keeps communes with a gap', () => {
		expect(codes(communesLacking(report, { noPlace: true }))).toEqual(['30016', '30043']);
		expect(codes(communesLacking(report, { noEvent: true }))).toEqual(['30016']);
		expect(codes(communesLacking(report, { noPlace: true, kind: 'association' }))).toEqual([
			'30016'
		]);
		expect(codes(communesLacking(report, {}))).toEqual(['30016', '30043']);
		expect(hasGaps(report.communes[2]!, {})).toBe(false);
	});
});

describe('the event period', () => {
	const now = new Date('2026-03-10T12:00:00Z');

	it('starts twelve months back', () => {
		expect(eventPeriodStart(now).toISOString()).toBe('2025-03-10T12:00:00.000Z');
	});

	it('keeps recent and upcoming events, not older ones', () => {
		expect(inEventPeriod(new Date('2026-06-01T10:00:00Z'), null, now)).toBe(true);
		expect(inEventPeriod(new Date('2025-04-01T10:00:00Z'), null, now)).toBe(true);
		expect(inEventPeriod(new Date('2025-03-01T10:00:00Z'), null, now)).toBe(false);
		// Started before the period, ended inside it.
		expect(
			inEventPeriod(new Date('2025-02-01T10:00:00Z'), new Date('2025-03-20T10:00:00Z'), now)
		).toBe(true);
	});
});

describe('coverageInput', () => {
	it('puts counts in their commune, ignores others, maps unknown kinds to other', () => {
		const input = coverageInput(
			[
				{ code: '30334', name: 'Uzès', population: 8519 },
				{ code: '30043', name: 'Blauzac', population: 900 }
			],
			{
				actorsByKind: [
					{ commune: '30334', kind: 'association', count: 3 },
					{ commune: '30334', kind: 'mystery', count: 1 },
					{ commune: '75056', kind: 'business', count: 9 },
					{ commune: null, kind: 'business', count: 4 }
				],
				actorsBySector: [{ commune: '30334', sector: 'culture', count: 2 }],
				places: [
					{ commune: '30043', count: 1 },
					{ commune: null, count: 5 }
				],
				events: [{ commune: '30334', count: 2 }]
			}
		);
		expect(input).toEqual([
			{
				code: '30334',
				name: 'Uzès',
				population: 8519,
				actorsByKind: { association: 3, other: 1 },
				actorsBySector: { culture: 2 },
				actors: 4,
				places: 0,
				events: 2
			},
			{
				code: '30043',
				name: 'Blauzac',
				population: 900,
				actorsByKind: {},
				actorsBySector: {},
				actors: 0,
				places: 1,
				events: 0
			}
		]);
		// Business only outside the territory's communes: not a gap anywhere.
		expect(coverageReport(input).absentKinds).toContain('business');
	});
});
