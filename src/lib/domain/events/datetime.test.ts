import { describe, expect, it } from 'vitest';
import {
	parisDay,
	parisLocalToUtc,
	parisOffset,
	parseDate,
	parseTime,
	utcToParisLocal
} from './datetime';

describe('parisLocalToUtc', () => {
	it('takes one hour off in winter and two in summer', () => {
		expect(parisLocalToUtc('2026-12-05', '19:30')).toBe('2026-12-05T18:30:00.000Z');
		expect(parisLocalToUtc('2026-07-14', '22:00')).toBe('2026-07-14T20:00:00.000Z');
	});

	it('crosses midnight back to the day before in UTC', () => {
		expect(parisLocalToUtc('2027-01-01', '00:30')).toBe('2026-12-31T23:30:00.000Z');
	});

	it('changes offset on the last Sunday of March (29 March 2026) at 02:00', () => {
		expect(parisLocalToUtc('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(parisLocalToUtc('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('reads a time inside the skipped spring hour as the same distance past the change', () => {
		// 02:30 does not exist that night: a clock set by hand would show 03:30 CEST.
		const iso = parisLocalToUtc('2026-03-29', '02:30')!;
		expect(iso).toBe('2026-03-29T01:30:00.000Z');
		expect(utcToParisLocal(iso)).toEqual({ date: '2026-03-29', time: '03:30' });
	});

	it('takes the first of the two 02:30 of the last Sunday of October (25 October 2026)', () => {
		expect(parisLocalToUtc('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
		expect(parisLocalToUtc('2026-10-25', '01:59')).toBe('2026-10-24T23:59:00.000Z');
		expect(parisLocalToUtc('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
	});

	it('refuses dates and times that are not valid', () => {
		expect(parisLocalToUtc('2026-02-30', '10:00')).toBeNull();
		expect(parisLocalToUtc('2026-13-01', '10:00')).toBeNull();
		expect(parisLocalToUtc('05/12/2026', '10:00')).toBeNull();
		expect(parisLocalToUtc('2026-12-05', '24:00')).toBeNull();
		expect(parisLocalToUtc('2026-12-05', '10:60')).toBeNull();
		expect(parisLocalToUtc('2026-12-05', '')).toBeNull();
	});

	it('accepts the French way of writing a time', () => {
		expect(parisLocalToUtc('2026-12-05', '19h30')).toBe('2026-12-05T18:30:00.000Z');
		expect(parisLocalToUtc('2026-12-05', '9:05')).toBe('2026-12-05T08:05:00.000Z');
	});
});

describe('utcToParisLocal', () => {
	it('gives the wall clock of both sides of each change', () => {
		expect(utcToParisLocal('2026-03-29T00:59:00Z')).toEqual({ date: '2026-03-29', time: '01:59' });
		expect(utcToParisLocal('2026-03-29T01:00:00Z')).toEqual({ date: '2026-03-29', time: '03:00' });
		expect(utcToParisLocal('2026-10-25T00:30:00Z')).toEqual({ date: '2026-10-25', time: '02:30' });
		expect(utcToParisLocal('2026-10-25T01:30:00Z')).toEqual({ date: '2026-10-25', time: '02:30' });
		expect(utcToParisLocal('2026-10-25T02:00:00Z')).toEqual({ date: '2026-10-25', time: '03:00' });
	});

	it('round-trips every half hour of a year', () => {
		const start = Date.UTC(2026, 0, 1);
		for (let t = start; t < start + 366 * 86_400_000; t += 30 * 60_000) {
			const local = utcToParisLocal(new Date(t));
			const back = parisLocalToUtc(local.date, local.time)!;
			// Only the second 02:xx of the October night comes back as the first one.
			if (Date.parse(back) !== t) {
				expect(Date.parse(back)).toBe(t - 3_600_000);
				expect(local.time.startsWith('02:')).toBe(true);
				expect(local.date).toBe('2026-10-25');
			}
		}
	});

	it('puts an evening event of 31 December on the right day', () => {
		expect(parisDay('2026-12-31T23:30:00Z')).toBe('2027-01-01');
		expect(parisDay('2026-12-31T22:59:00Z')).toBe('2026-12-31');
	});
});

describe('parisOffset and the parsers', () => {
	it('is one hour in winter and two in summer', () => {
		expect(parisOffset(Date.UTC(2026, 0, 15))).toBe(3_600_000);
		expect(parisOffset(Date.UTC(2026, 6, 15))).toBe(7_200_000);
	});

	it('parses only real days and times', () => {
		expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
		expect(parseDate('2026-02-29')).toBeNull();
		expect(parseTime('07:05')).toEqual({ hour: 7, minute: 5 });
		expect(parseTime('7')).toBeNull();
	});
});
