import { getDatabase } from '$lib/server/db';
import { headerSignature } from '$lib/import/preview';
import type { RoleMapping } from '$lib/domain/census/types';
import { editableTerritory } from './access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const territory = await editableTerritory(db, locals.claims, params.territory);
	const sources = await db.asUser(locals.claims, (tx) =>
		tx.query<{
			id: string;
			name: string;
			file_name: string | null;
			headers: string[];
			column_mapping: RoleMapping;
			record_count: number;
			imported_at: string;
		}>(
			`select id, name, file_name, headers, column_mapping, record_count,
			        imported_at::text as imported_at
			   from public.source where territory_id = $1 order by created_at, id`,
			[territory.id]
		)
	);
	return {
		territory: { slug: territory.slug, name: territory.name },
		// Known listings: a dropped file with the same columns gets their mapping back.
		sources: sources.map((s) => ({
			id: s.id,
			name: s.name,
			fileName: s.file_name,
			signature: headerSignature(s.headers),
			mapping: s.column_mapping,
			recordCount: Number(s.record_count),
			importedAt: s.imported_at
		}))
	};
};
