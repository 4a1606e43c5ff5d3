import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { headerSignature } from '$lib/import/preview';
import type { RoleMapping } from '$lib/domain/census/types';
import { PARIS_TIME_ZONE } from '$lib/domain/events/datetime';
import { m } from '$lib/i18n';
import { findEvent } from '$lib/server/census/participants';
import { UPLOAD_LIMITS } from '$lib/server/census/upload';
import { editableTerritory } from './access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const territory = await editableTerritory(db, locals.claims, params.territory);
	// `?event=<id>`: a participants sheet of that event (the commit registers them).
	const eventParam = url.searchParams.get('event');
	const event =
		eventParam === null
			? null
			: await db.asUser(locals.claims, (tx) => findEvent(tx, territory.id, eventParam));
	if (eventParam !== null && event === null) error(404, m.import_event_unknown());
	const sources = await db.asUser(locals.claims, (tx) =>
		tx.query<{
			id: string;
			name: string;
			file_name: string | null;
			headers: string[];
			column_mapping: RoleMapping;
			record_count: number;
			imported_at: string;
			last_event: string | null;
		}>(
			`select id, name, file_name, headers, column_mapping, record_count,
			        imported_at::text as imported_at, last_import ->> 'event' as last_event
			   from public.source where territory_id = $1 order by created_at, id`,
			[territory.id]
		)
	);
	return {
		territory: { slug: territory.slug, name: territory.name },
		// The wizard refuses a file too big or of an unknown type before sending it.
		limits: UPLOAD_LIMITS,
		event:
			event === null
				? null
				: {
						id: event.id,
						title: event.title,
						date: new Intl.DateTimeFormat(locals.locale ?? 'fr', {
							dateStyle: 'long',
							timeZone: PARIS_TIME_ZONE
						}).format(new Date(event.starts_at))
					},
		// Known listings: a dropped file with the same columns gets their mapping back.
		sources: sources.map((s) => ({
			id: s.id,
			name: s.name,
			fileName: s.file_name,
			signature: headerSignature(s.headers),
			mapping: s.column_mapping,
			recordCount: Number(s.record_count),
			importedAt: s.imported_at,
			/** The event whose participants sheet this listing last was, if any. */
			lastEvent: s.last_event
		}))
	};
};
