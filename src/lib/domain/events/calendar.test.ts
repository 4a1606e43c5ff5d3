import { describe, expect, it } from 'vitest';
import { addMonths, buildMonthGrid, eventDays, parseMonth, type CalendarItem } from './calendar';

const ev = (id: string, startsAt: string, endsAt: string | null = null): CalendarItem => ({
	id,
	title: id,
	startsAt,
	endsAt
});

const cell = (grid: ReturnType<typeof buildMonthGrid>, date: string) =>
	grid.weeks.flat().find((c) => c.date === date)!;

describe('buildMonthGrid', () => {
	it('lays December 2026 out in whole weeks from Monday 30 November to Sunday 3 January', () => {
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [], '2026-12-10');
		expect(grid.key).toBe('2026-12');
		expect(grid.weeks).toHaveLength(5);
		expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
		expect(grid.first).toBe('2026-11-30');
		expect(grid.last).toBe('2027-01-03');
		expect(grid.weeks[0]!.map((c) => c.day)).toEqual([30, 1, 2, 3, 4, 5, 6]);
		expect(grid.weeks[0]![0]!.inMonth).toBe(false);
		expect(grid.weeks[0]![1]!.inMonth).toBe(true);
		expect(grid.weeks[4]!.map((c) => c.date)).toEqual([
			'2026-12-28',
			'2026-12-29',
			'2026-12-30',
			'2026-12-31',
			'2027-01-01',
			'2027-01-02',
			'2027-01-03'
		]);
		expect(grid.previous).toBe('2026-11');
		expect(grid.next).toBe('2027-01');
	});

	it('needs four weeks for a February starting on a Monday and six for March 2026', () => {
		expect(buildMonthGrid({ year: 2027, month: 2 }, [], '2000-01-01').weeks).toHaveLength(4);
		const march = buildMonthGrid({ year: 2026, month: 3 }, [], '2000-01-01');
		expect(march.weeks).toHaveLength(6);
		expect(march.first).toBe('2026-02-23');
		expect(march.last).toBe('2026-04-05');
	});

	it('marks today, and only today', () => {
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [], '2026-12-10');
		expect(
			grid.weeks
				.flat()
				.filter((c) => c.isToday)
				.map((c) => c.date)
		).toEqual(['2026-12-10']);
		const other = buildMonthGrid({ year: 2026, month: 11 }, [], '2026-12-10');
		expect(other.weeks.flat().some((c) => c.isToday)).toBe(false);
	});

	it('places events on their Paris day, not their UTC day', () => {
		// 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
		const late = ev('reveillon', '2026-12-31T23:30:00Z');
		// 22:30 UTC on 5 December is 23:30 the same day in Paris.
		const evening = ev('soiree', '2026-12-05T22:30:00Z');
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [late, evening], '2026-12-01');
		expect(cell(grid, '2026-12-31').events).toEqual([]);
		expect(cell(grid, '2027-01-01').events.map((e) => e.event.id)).toEqual(['reveillon']);
		expect(cell(grid, '2026-12-05').events.map((e) => e.event.id)).toEqual(['soiree']);
	});

	it('shows an event spanning midnight on both days, the second one as continued', () => {
		const night = ev('nuit', '2026-12-12T19:00:00Z', '2026-12-13T01:00:00Z');
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [night], '2026-12-01');
		expect(cell(grid, '2026-12-12').events).toEqual([{ event: night, continued: false }]);
		expect(cell(grid, '2026-12-13').events).toEqual([{ event: night, continued: true }]);
		expect(cell(grid, '2026-12-14').events).toEqual([]);
	});

	it('keeps an event ending exactly at midnight (Paris) on its own day', () => {
		const evening = ev('soir', '2026-12-12T18:00:00Z', '2026-12-12T23:00:00Z');
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [evening], '2026-12-01');
		expect(cell(grid, '2026-12-12').events).toHaveLength(1);
		expect(cell(grid, '2026-12-13').events).toHaveLength(0);
	});

	it('orders the events of a day by start and ignores those outside the grid', () => {
		const grid = buildMonthGrid(
			{ year: 2026, month: 12 },
			[
				ev('b', '2026-12-08T17:00:00Z'),
				ev('a', '2026-12-08T09:00:00Z'),
				ev('loin', '2027-03-01T09:00:00Z')
			],
			'2026-12-01'
		);
		expect(cell(grid, '2026-12-08').events.map((e) => e.event.id)).toEqual(['a', 'b']);
		expect(grid.weeks.flat().flatMap((c) => c.events)).toHaveLength(2);
	});

	it('shows an event spanning the end of the month in the next month too', () => {
		const long = ev('festival', '2026-11-28T09:00:00Z', '2026-12-02T18:00:00Z');
		const grid = buildMonthGrid({ year: 2026, month: 12 }, [long], '2026-12-01');
		const days = grid.weeks
			.flat()
			.filter((c) => c.events.length > 0)
			.map((c) => c.date);
		expect(days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
		expect(cell(grid, '2026-11-30').events[0]!.continued).toBe(true);
	});
});

describe('eventDays, parseMonth, addMonths', () => {
	it('draws an event longer than a month on its first day only', () => {
		expect(eventDays(ev('saison', '2026-06-01T08:00:00Z', '2026-09-30T18:00:00Z'))).toEqual([
			'2026-06-01'
		]);
	});

	it('ignores an end before the start', () => {
		expect(eventDays(ev('x', '2026-06-02T08:00:00Z', '2026-06-01T08:00:00Z'))).toEqual([
			'2026-06-02'
		]);
	});

	it('parses YYYY-MM only', () => {
		expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
		expect(parseMonth('2026-13')).toBeNull();
		expect(parseMonth('2026-1')).toBeNull();
		expect(parseMonth(null)).toBeNull();
	});

	it('steps across years', () => {
		expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
		expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
	});
});
