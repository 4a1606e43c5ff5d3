import { error } from '@sveltejs/kit';
import { isActorKind } from '$lib/domain/actor-kinds';
import { byScore, communesLacking, sectorKey } from '$lib/domain/coverage/coverage';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { loadCoverage } from '$lib/server/queries/coverage';
import type { PageServerLoad } from './$types';

/** Longest sector kept from a link (sectors are short tokens). */
const MAX_SECTOR_LENGTH = 100;

/**
 * The communes with coverage gaps, for whoever may read the territory (as the map: a public
 * territory's visitors see it, with public events only). Filters are GET parameters, so a
 * filtered list is a link: `kind`, `sector`, `noplace=1`, `noevent=1`, `sort=asc|desc` (by the
 * number of gaps; most first by default).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const rawKind = url.searchParams.get('kind');
	const kind = isActorKind(rawKind) ? rawKind : null;
	const rawSector = url.searchParams.get('sector')?.trim() ?? '';
	const sector = rawSector !== '' && rawSector.length <= MAX_SECTOR_LENGTH ? rawSector : null;
	const noPlace = url.searchParams.get('noplace') === '1';
	const noEvent = url.searchParams.get('noevent') === '1';
	const sort = url.searchParams.get('sort') === 'asc' ? 'asc' : 'desc';

	const db = await getDatabase();
	const coverage = await loadCoverage(db, locals.claims, params.territory);
	if (!coverage) error(404, m.error_territory_not_found());
	const { report } = coverage;

	const rows = communesLacking(report, { kind, sector, noPlace, noEvent }).sort(byScore(sort));
	const absentChoice =
		(kind !== null && !report.kinds.some((k) => k.kind === kind)) ||
		(sector !== null && !report.sectors.some((s) => sectorKey(s.sector) === sectorKey(sector)));

	return {
		territory: { slug: coverage.territory.slug, name: coverage.territory.name },
		publicView: coverage.audience === 'public',
		periodStart: coverage.periodStart,
		filters: { kind, sector, noPlace, noEvent, sort },
		options: {
			kinds: report.kinds.map((k) => k.kind),
			sectors: report.sectors.map((s) => s.sector)
		},
		absentKinds: report.absentKinds,
		absentChoice,
		total: report.communes.length,
		withGaps: report.communes.filter((c) => c.score > 0).length,
		rows: rows.map((c) => ({
			code: c.code,
			name: c.name,
			actors: c.actors,
			places: c.places,
			events: c.events,
			missingKinds: c.missingKinds,
			missingSectors: c.missingSectors,
			noPlace: c.noPlace,
			noEvent: c.noEvent,
			score: c.score
		}))
	};
};
