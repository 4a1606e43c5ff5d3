import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, type CalendarEvent } from './ical';

const NOW = new Date('2026-03-01T08:00:00Z');
const events: CalendarEvent[] = [
	{
		id: '6f1c0d1e-0000-4000-8000-000000000001',
		title: 'Forum des associations; entrée libre, pour tous',
		description: 'Stands\net « débats » — apportez un plat\\dessert',
		startsAt: '2026-03-20T17:00:00Z',
		endsAt: '2026-03-20T21:30:00Z',
		location: 'La Filature, Uzès',
		position: [4.414424, 44.01454],
		url: 'https://maillage.example/t/pays-d-uzes/map?sel=event:6f1c0d1e'
	},
	{
		id: '6f1c0d1e-0000-4000-8000-000000000002',
		title: 'Réunion ' + 'très longue '.repeat(12) + '— fin',
		description: null,
		startsAt: '2026-04-02T07:30:00Z',
		endsAt: null,
		location: null,
		position: null,
		url: null
	}
];

describe('buildCalendar', () => {
	const text = buildCalendar(events, { name: 'Pays d’Uzès', host: 'maillage.example', now: NOW });

	it('is parsed back by ical.js with every value intact', () => {
		const calendar = new ICAL.Component(ICAL.parse(text));
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Pays d’Uzès');
		const vevents = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		expect(vevents).toHaveLength(2);
		const [first, second] = vevents;
		expect(first!.summary).toBe(events[0]!.title);
		expect(first!.description).toBe(events[0]!.description);
		expect(first!.location).toBe('La Filature, Uzès');
		expect(first!.uid).toBe(`${events[0]!.id}@maillage.example`);
		expect(first!.startDate.toJSDate().toISOString()).toBe('2026-03-20T17:00:00.000Z');
		expect(first!.endDate.toJSDate().toISOString()).toBe('2026-03-20T21:30:00.000Z');
		expect(second!.summary).toBe(events[1]!.title);
		expect(second!.startDate.toJSDate().toISOString()).toBe('2026-04-02T07:30:00.000Z');
	});

	it('uses CRLF and folds every line at 75 octets', () => {
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		for (const line of text.split('\r\n')) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
	});
});

describe('escapeText and foldLine', () => {
	it('escapes the separators and drops control characters', () => {
		expect(escapeText('a;b,c\\d\ne\u0007')).toBe('a\\;b\\,c\\\\d\\ne');
	});

	it('never cuts a UTF-8 character', () => {
		const folded = foldLine('SUMMARY:' + 'é'.repeat(100));
		const unfolded = folded.replace(/\r\n /g, '');
		expect(unfolded).toBe('SUMMARY:' + 'é'.repeat(100));
		for (const line of folded.split('\r\n')) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
	});
});
