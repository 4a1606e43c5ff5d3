import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { buildMonthGrid } from '$lib/domain/events/calendar';
import EventCalendar from './EventCalendar.svelte';
import EventForm from './EventForm.svelte';

// No DOM in this suite: the components are checked through their server rendering.

/** Without comments and Svelte's scoping classes. */
const strip = (s: string) =>
	s
		.replace(/<!--.*?-->/g, '')
		.replace(/ ?svelte-[a-z0-9]+/g, '')
		.replace(/ class=""/g, '');

function calendar(today = '2026-12-10') {
	const grid = buildMonthGrid(
		{ year: 2026, month: 12 },
		[
			{
				id: 'nuit',
				title: 'Nuit de la lecture',
				startsAt: '2026-12-12T18:00:00Z',
				endsAt: '2026-12-13T00:30:00Z'
			}
		],
		today
	);
	return strip(
		render(EventCalendar, {
			props: {
				grid,
				title: 'Décembre 2026',
				eventHref: (id: string) => `/t/uzege/events/${id}`,
				previousHref: '/t/uzege/events?view=calendar&month=2026-11',
				nextHref: '/t/uzege/events?view=calendar&month=2027-01',
				currentHref: '/t/uzege/events?view=calendar',
				isCurrent: true
			}
		}).body
	);
}

describe('EventCalendar', () => {
	it('is a table with a caption and French weekday headers, Monday first', () => {
		const body = calendar();
		expect(body).toContain('<caption>Décembre 2026</caption>');
		const headers = [...body.matchAll(/<th scope="col"><abbr title="([^"]+)">/g)].map((m) => m[1]);
		expect(headers).toEqual([
			'lundi',
			'mardi',
			'mercredi',
			'jeudi',
			'vendredi',
			'samedi',
			'dimanche'
		]);
		expect(body.match(/<tr>/g)).toHaveLength(6); // header + 5 weeks
	});

	it('marks today and links each event from its day, the next day as continued', () => {
		const body = calendar();
		expect(body).toMatch(/<td[^>]*aria-current="date"[^>]*data-date="2026-12-10"/);
		expect(body.match(/aria-current="date"/g)).toHaveLength(1);
		const links = [
			...body.matchAll(
				/<td[^>]*data-date="([^"]+)"(?:(?!<\/td>).)*?href="\/t\/uzege\/events\/nuit"/gs
			)
		].map((m) => m[1]);
		expect(links).toEqual(['2026-12-12', '2026-12-13']);
		expect(body).toContain('19:00');
		expect(body).toContain('suite');
	});

	it('offers the previous and next months as links', () => {
		const body = calendar();
		expect(body).toContain('href="/t/uzege/events?view=calendar&amp;month=2026-11"');
		expect(body).toContain('href="/t/uzege/events?view=calendar&amp;month=2027-01"');
	});
});

describe('EventForm', () => {
	const values = {
		title: 'Bal',
		description: '',
		startDate: '2026-12-05',
		startTime: '19:00',
		endDate: '',
		endTime: '',
		place: 'p1',
		address: '',
		lng: '',
		lat: '',
		commune: '',
		theme: '',
		format: '',
		needs: '',
		visibility: 'members',
		organisers: [],
		participants: []
	};

	function form(errors: Record<string, string> = {}) {
		return strip(
			render(EventForm, {
				props: {
					values,
					errors,
					places: [{ id: 'p1', name: 'Salle des fêtes', communeName: 'Uzès', capacity: 200 }],
					themes: ['culture'],
					formats: [],
					organisers: [{ id: 'a1', name: 'Médiathèque' }],
					participants: [],
					searchUrl: '/t/uzege/actors/search',
					submitLabel: 'Créer',
					cancelHref: '/t/uzege/events'
				}
			}).body
		);
	}

	it('lists the common places with commune and capacity, and « Autre lieu »', () => {
		const body = form();
		expect(body).toContain('Salle des fêtes — Uzès — 200 places');
		expect(body).toContain('Autre lieu (adresse ou point sur la carte)');
		// Before JavaScript the address stays usable, whatever the select says.
		expect(body).not.toMatch(/<fieldset class="other[^"]*"[^>]*hidden/);
		expect(body).toContain('name="address"');
		expect(body).toContain('<input type="hidden" name="organisers" value="a1"');
	});

	it('puts each error next to its field, linked by aria-describedby', () => {
		const body = form({ title: 'Le titre est obligatoire.' });
		const input = /<input[^>]*name="title"[^>]*>/.exec(body)![0];
		expect(input).toContain('aria-invalid="true"');
		const described = /aria-describedby="([^"]+)"/.exec(input)![1]!;
		expect(body).toContain(`id="${described}">Le titre est obligatoire.</p>`);
		expect(body).toContain('role="alert"');
	});
});
