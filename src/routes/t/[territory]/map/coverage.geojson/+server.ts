import { error, json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { m } from '$lib/i18n';
import { buildCoverageMapData } from '$lib/map/coverage-layer';
import { getDatabase } from '$lib/server/db';
import { communeMapData } from '$lib/server/geo/commune-map';
import { communeShapesFromEnv, type CommuneShapeProvider } from '$lib/server/geo/commune-shapes';
import { loadCoverage } from '$lib/server/queries/coverage';
import type { RequestHandler } from './$types';

// One provider per process, as communes.geojson keeps one: its failure memo is what keeps an
// offline server from retrying the Geo API at every request.
let provider: CommuneShapeProvider | undefined;

/**
 * GET /t/<slug>/map/coverage.geojson → `CoverageMapData` (src/lib/map/coverage-layer.ts): the
 * territory's commune outlines (those of communes.geojson) with each commune's coverage gaps,
 * read as the requesting user. No outline available (offline, nothing cached) is an empty
 * collection with the choices still filled in.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = await getDatabase();
	provider ??= communeShapesFromEnv(env);
	const coverage = await loadCoverage(db, locals.claims, params.territory);
	if (!coverage) error(404, m.error_territory_not_found());
	// Outside the transaction above: the outlines are loaded with their own.
	const outlines = await communeMapData(coverage.communes, db, { provider });
	return json(buildCoverageMapData(outlines, coverage.report, coverage.periodStart), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			// Per-user data (RLS, public events only for the public): never shared by a cache.
			'cache-control': 'private, no-cache'
		}
	});
};
