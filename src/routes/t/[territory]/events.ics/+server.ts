import { error } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { buildCalendar, type CalendarEvent } from '$lib/domain/events/ical';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { findPublicTerritory } from '$lib/server/queries/map';
import type { RequestHandler } from './$types';

/**
 * GET /t/<slug>/events.ics — the public events of a public territory as an iCalendar feed
 * (subscribe from any calendar application). Private territories answer 404, whoever asks;
 * members-only events are never in it.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findPublicTerritory(tx, params.territory);
		if (!territory) return null;
		const rows = await tx.query<{
			id: string;
			title: string;
			description: string | null;
			starts_at: string;
			ends_at: string | null;
			place: string | null;
			commune_code: string | null;
			lng: number | null;
			lat: number | null;
		}>(
			`select e.id, e.title, e.description,
			        to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
			        to_char(e.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ends_at,
			        p.name as place, coalesce(e.commune_code, p.commune_code) as commune_code,
			        st_x(coalesce(e.location, p.location)::geometry) as lng,
			        st_y(coalesce(e.location, p.location)::geometry) as lat
			   from public.event e
			   left join public.place p on p.territory_id = e.territory_id and p.id = e.place_id
			  where e.territory_id = $1 and e.visibility = 'public'
			  order by e.starts_at, e.id`,
			[territory.id]
		);
		return { territory, rows };
	});
	if (!found) error(404, m.error_territory_not_found());
	const events: CalendarEvent[] = found.rows.map((r) => {
		const commune = r.commune_code ? (communes.nameOf(r.commune_code) ?? null) : null;
		const location = [r.place, commune].filter(Boolean).join(', ');
		return {
			id: r.id,
			title: r.title,
			description: r.description,
			startsAt: r.starts_at,
			endsAt: r.ends_at,
			location: location || null,
			position: r.lng !== null && r.lat !== null ? [Number(r.lng), Number(r.lat)] : null,
			url: `${url.origin}/t/${found.territory.slug}/map?sel=event:${r.id}`
		};
	});
	const body = buildCalendar(events, {
		name: found.territory.name,
		host: url.host,
		now: new Date()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${found.territory.slug}.ics"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
