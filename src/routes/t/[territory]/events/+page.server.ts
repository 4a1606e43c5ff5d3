import { buildMonthGrid, monthOfDay, parseMonth } from '$lib/domain/events/calendar';
import { parisDay, parisLocalToUtc } from '$lib/domain/events/datetime';
import { getDatabase } from '$lib/server/db';
import { findMapTerritory } from '$lib/server/queries/map';
import { eventFacets, listEvents, type EventSummary } from '$lib/server/queries/events';
import { canEdit } from '$lib/server/queries/territories';
import { territoryWithRole } from '$lib/server/territory-access';
import type { PageServerLoad } from './$types';

/** The list shows this many; past it, the page asks for a filter. */
const LIST_LIMIT = 200;

const DAY = 86_400_000;

/** The day after a `YYYY-MM-DD` day. */
function nextDay(day: string): string {
	const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8)));
	return new Date(t + DAY).toISOString().slice(0, 10);
}

const param = (url: URL, name: string, max = 80): string | null => {
	const v = (url.searchParams.get(name) ?? '').trim();
	return v === '' || v.length > max ? null : v;
};

/**
 * GET /t/<slug>/events — the list (upcoming by default, `?when=past` for the past ones, newest
 * first) or the month calendar (`?view=calendar&month=2026-12`), filtered by `commune` (INSEE
 * code), `theme` and `format`. Members see every event; anybody, on a public territory, the
 * public ones (row level security); 404 otherwise.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	const view = url.searchParams.get('view') === 'calendar' ? 'calendar' : 'list';
	const past = view === 'list' && url.searchParams.get('when') === 'past';
	const filters = {
		communeCode: param(url, 'commune', 10),
		theme: param(url, 'theme'),
		format: param(url, 'format')
	};
	const now = new Date();
	const today = parisDay(now);
	const month = parseMonth(url.searchParams.get('month')) ?? monthOfDay(today);

	const found = await db.asUser(locals.claims, async (tx) => {
		const meta = await findMapTerritory(tx, territory.slug);
		const facets = await eventFacets(tx, territory.id);
		let events: EventSummary[];
		if (view === 'calendar') {
			const empty = buildMonthGrid(month, [], today);
			events = await listEvents(tx, territory.id, {
				...filters,
				from: parisLocalToUtc(empty.first, '00:00'),
				to: parisLocalToUtc(nextDay(empty.last), '00:00'),
				limit: 2000
			});
		} else {
			events = await listEvents(tx, territory.id, {
				...filters,
				...(past
					? { endedBefore: now.toISOString(), descending: true }
					: { from: now.toISOString() }),
				limit: LIST_LIMIT
			});
		}
		return { isPublic: meta?.visibility === 'public', facets, events };
	});

	const isMember = role !== null;
	// Names and counts come from rows only members may read: others get neither.
	const events = found.events.map((e) => ({
		...e,
		organisers: isMember ? e.organisers : [],
		participantCount: isMember ? e.participantCount : null
	}));
	return {
		territory: { slug: territory.slug, name: territory.name },
		canEdit: canEdit(role),
		isMember,
		isPublic: found.isPublic,
		view,
		past,
		filters,
		filtered: Object.values(filters).some((v) => v !== null),
		facets: found.facets,
		today,
		events: view === 'list' ? events : [],
		truncated: view === 'list' && events.length >= LIST_LIMIT,
		listLimit: LIST_LIMIT,
		calendar: view === 'calendar' ? buildMonthGrid(month, events, today) : null,
		currentMonth: monthOfDay(today),
		deleted: url.searchParams.get('deleted') === '1'
	};
};
