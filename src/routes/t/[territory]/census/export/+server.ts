import { error } from '@sveltejs/kit';
import { parseExportFormat } from '$lib/domain/export';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import {
	buildExportFile,
	contentDisposition,
	listExportRows,
	readExportContext
} from '$lib/server/export';
import { findTerritoryBySlug } from '$lib/server/queries/territories';
import type { RequestHandler } from './$types';

/**
 * GET /t/<slug>/census/export?format=csv|csv-excel|xlsx|geojson — the census as a file, read as
 * the requesting user (RLS applies): 404 when the territory is unknown or unreadable, 400 for an
 * unknown format.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const requested = url.searchParams.get('format');
	const format = parseExportFormat(requested);
	// Echoed back to help a person fix a typed link; cut so a long query is not reflected whole.
	if (!format) error(400, m.export_error_format({ format: (requested ?? '').slice(0, 40) }));

	// Loaded before the transaction opens: the embedded database serves one transaction at a time.
	const communes = await loadFrenchCommunes();
	const db = await getDatabase();
	const found = await db.asUser(locals.claims, async (tx) => {
		const territory = await findTerritoryBySlug(tx, params.territory);
		if (!territory) return null;
		const rows = await listExportRows(tx, territory.id, {
			communeName: (code) => communes.nameOf(code),
			describeRecord: (source, row) => m.export_source_row({ source, row }),
			manualEntry: m.export_source_manual()
		});
		return { territory, rows, context: await readExportContext(tx, territory.id) };
	});
	if (!found) error(404, m.error_territory_not_found());

	const { territory, rows, context } = found;
	const file = await buildExportFile(
		format,
		rows,
		{
			territoryName: territory.name,
			licence: context.licence,
			exportedAt: new Date(),
			sources: context.sources
		},
		territory.slug
	);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': contentDisposition(file.fileName),
			// Per-user data (RLS): never shared by a cache.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
