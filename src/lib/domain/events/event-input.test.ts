import { describe, expect, it } from 'vitest';
import { eventFormValues, parseEventForm, splitNeeds, type EventFormValues } from './event-input';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const base: EventFormValues = {
	title: '  Nuit de la lecture ',
	description: '',
	startDate: '2026-12-05',
	startTime: '19:00',
	endDate: '',
	endTime: '',
	place: '',
	address: '',
	lng: '',
	lat: '',
	commune: 'Uzès',
	theme: '',
	format: '',
	needs: '',
	visibility: '',
	organisers: [],
	participants: []
};

const parse = (patch: Partial<EventFormValues>) => parseEventForm({ ...base, ...patch });
const errorsOf = (patch: Partial<EventFormValues>) => {
	const r = parse(patch);
	return r.ok ? {} : r.errors;
};

describe('parseEventForm', () => {
	it('reads a minimal event: trimmed title, Paris time stored in UTC, members by default', () => {
		const r = parse({});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.draft.title).toBe('Nuit de la lecture');
		expect(r.draft.startsAt).toBe('2026-12-05T18:00:00.000Z');
		expect(r.draft.endsAt).toBeNull();
		expect(r.draft.visibility).toBe('members');
		expect(r.draft.commune).toBe('Uzès');
	});

	it('names the field of each error', () => {
		expect(errorsOf({ title: ' ' })).toEqual({ title: 'required' });
		expect(errorsOf({ title: 'x'.repeat(201) })).toEqual({ title: 'too_long' });
		expect(errorsOf({ title: 'x'.repeat(200) })).toEqual({});
		expect(errorsOf({ startTime: '' })).toEqual({ start: 'required' });
		expect(errorsOf({ startDate: '2026-02-30' })).toEqual({ start: 'invalid' });
		expect(errorsOf({ visibility: 'tous' })).toEqual({ visibility: 'invalid' });
		expect(errorsOf({ place: 'la salle' })).toEqual({ place: 'unknown' });
		expect(errorsOf({ organisers: ['pas-un-id'] })).toEqual({ organisers: 'unknown' });
	});

	it('puts an end time alone on the start day and refuses an end before the start', () => {
		const r = parse({ endTime: '23:00' });
		expect(r.ok && r.draft.endsAt).toBe('2026-12-05T22:00:00.000Z');
		expect(errorsOf({ endTime: '18:00' })).toEqual({ end: 'end_before_start' });
		const night = parse({ endDate: '2026-12-06', endTime: '01:00' });
		expect(night.ok && night.draft.endsAt).toBe('2026-12-06T00:00:00.000Z');
		expect(errorsOf({ endDate: '2026-12-06' })).toEqual({ end: 'invalid' });
	});

	it('takes a map point within range only, with both coordinates', () => {
		const r = parse({ lng: '4.4194', lat: '44,0125' });
		expect(r.ok && r.draft.point).toEqual({ lng: 4.4194, lat: 44.0125 });
		expect(errorsOf({ lng: '200', lat: '44' })).toEqual({ point: 'invalid' });
		expect(errorsOf({ lng: '4', lat: '-91' })).toEqual({ point: 'invalid' });
		expect(errorsOf({ lng: 'Infinity', lat: '44' })).toEqual({ point: 'invalid' });
		expect(errorsOf({ lng: 'NaN', lat: '44' })).toEqual({ point: 'invalid' });
		expect(errorsOf({ lng: '4.4', lat: '' })).toEqual({ point: 'invalid' });
	});

	it('limits needs to 30 of at most 80 characters', () => {
		const many = Array.from({ length: 31 }, (_, i) => `besoin ${i}`).join(',');
		expect(errorsOf({ needs: many })).toEqual({ needs: 'too_many' });
		expect(errorsOf({ needs: 'x'.repeat(81) })).toEqual({ needs: 'too_long' });
	});

	it('keeps an actor in one role: organiser wins', () => {
		const r = parse({ organisers: [A, A], participants: [A, B] });
		expect(r.ok && r.draft.organisers).toEqual([A]);
		expect(r.ok && r.draft.participants).toEqual([B]);
	});
});

describe('splitNeeds', () => {
	it('splits on commas and lines, trims, drops blanks and duplicates ignoring case', () => {
		expect(splitNeeds('sono, chaises\n\n  Chaises ; cuisine,, \r\nbénévoles  en  cuisine')).toEqual(
			['sono', 'chaises', 'cuisine', 'bénévoles en cuisine']
		);
		expect(splitNeeds('')).toEqual([]);
	});
});

describe('eventFormValues', () => {
	it('reads FormData, several actors per list', () => {
		const form = new FormData();
		form.set('title', 'Bal');
		form.append('organisers', A);
		form.append('organisers', B);
		const values = eventFormValues(form);
		expect(values.title).toBe('Bal');
		expect(values.organisers).toEqual([A, B]);
		expect(values.participants).toEqual([]);
		expect(values.place).toBe('');
	});
});
