import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { dossierFigures } from '$lib/domain/dossier/figures';
import { dossierNetwork } from '$lib/domain/dossier/network';
import { WORLD_ORDER, networkSummary } from '$lib/domain/network';
import { scopeCodes } from '$lib/domain/dossier/scope';
import type { DossierScope } from '$lib/domain/dossier/types';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { territoryCommunes } from '$lib/server/geo/commune-map';
import {
	communeShapesFromEnv,
	loadCommuneShapes,
	type CommuneShapeProvider
} from '$lib/server/geo/commune-shapes';
import { loadDossierInput } from '$lib/server/queries/dossier';
import { loadDossierPoints } from '$lib/server/queries/dossier-map';
import { loadNetworkInput } from '$lib/server/queries/network';
import { epcisOf, loadEpciIndex } from './epci.server';
import {
	DEFAULT_LICENCE,
	type DossierPageData,
	type DossierScopeView,
	type DossierShapes
} from './types';
import type { PageServerLoad } from './$types';

// One provider per process, as for `map/communes.geojson`: its failure memo keeps an offline
// server from asking the Geo API again at every page view.
let provider: CommuneShapeProvider | undefined;

/**
 * The dossier of a territory, an EPCI (`?epci=<SIREN>`) or one of its communes
 * (`?commune=<INSEE>`), for its members or, with `?public=1` or for anybody else, the public.
 * Unknown territory, one the user may not read, or a scope outside the territory: 404.
 */
export const load: PageServerLoad = async ({ params, locals, url }): Promise<DossierPageData> => {
	const db = await getDatabase();
	const now = new Date();
	const communeParam = url.searchParams.get('commune');
	const epciParam = url.searchParams.get('epci');
	if (communeParam !== null && epciParam !== null) error(400, m.dossier_error_two_scopes());
	const askedPublic = url.searchParams.get('public') === '1';
	// Parsed outside the transaction: the embedded database has a single connection.
	const epcis = await loadEpciIndex();

	const found = await db.asUser(locals.claims, async (tx) => {
		const [territory] = await tx.query<{
			id: string;
			slug: string;
			name: string;
			licence: string | null;
			visibility: 'public' | 'private';
			role: string | null;
		}>(
			`select id, slug, name, licence, visibility, public.territory_role(id) as role
			   from public.territory where slug = $1`,
			[params.territory]
		);
		if (!territory) return null;
		const codes = (await territoryCommunes(tx, territory.slug))?.codes ?? [];

		let scope: DossierScope = { kind: 'territory' };
		let scopeName = territory.name;
		if (communeParam !== null) {
			if (!codes.includes(communeParam)) return 'no-scope' as const;
			scope = { kind: 'commune', code: communeParam };
		} else if (epciParam !== null) {
			const epci = epcis.bySiren.get(epciParam);
			const inTerritory = new Set(codes);
			const members = epci?.members.filter((code) => inTerritory.has(code)) ?? [];
			if (!epci || members.length === 0) return 'no-scope' as const;
			scope = { kind: 'epci', code: epci.code, communeCodes: members };
			scopeName = epci.name;
		}

		const input = await loadDossierInput(tx, territory.id, scope, now, {
			audience: askedPublic ? 'public' : undefined
		});
		if (!input) return null;
		const points = await loadDossierPoints(tx, territory.id, scopeCodes(scope), input.audience);
		if (scope.kind === 'commune') {
			scopeName = input.communes.find((c) => c.code === communeParam)?.name ?? communeParam!;
		}
		// How the worlds meet: links and participations are members-only rows, so the public
		// dossier has no network section.
		const network =
			input.audience === 'members'
				? await loadNetworkInput(
						tx,
						territory.id,
						scope.kind === 'territory'
							? {}
							: { communes: scope.kind === 'commune' ? [scope.code] : scope.communeCodes }
					)
				: null;
		return { territory, codes, scope, scopeName, input, network, points };
	});
	if (found === null) error(404, m.error_territory_not_found());
	if (found === 'no-scope') error(404, m.dossier_error_scope_not_found());
	const { territory, scope, input } = found;

	const figures = dossierFigures(input, scope, now);
	const scopeCommunes = figures.actorsPerThousand.value.communes;
	provider ??= communeShapesFromEnv(env);
	// Its own admin transactions: after the user's has ended.
	const outlines = await loadCommuneShapes(
		db,
		scopeCommunes.map((c) => c.code),
		provider
	);
	const shapes: DossierShapes | null =
		outlines.size === 0
			? null
			: {
					type: 'FeatureCollection',
					features: scopeCommunes
						.filter((c) => outlines.has(c.code))
						.map((c) => ({
							type: 'Feature',
							geometry: outlines.get(c.code)!.geometry,
							properties: { code: c.code, name: c.name }
						}))
				};

	const isMember = territory.role !== null;
	const isPublic = territory.visibility === 'public';
	const publicUrl = new URL(url);
	publicUrl.searchParams.set('public', '1');
	const scopeView: DossierScopeView = {
		kind: scope.kind,
		code: scope.kind === 'territory' ? null : scope.code,
		name: found.scopeName
	};
	return {
		territory: { slug: territory.slug, name: territory.name, isPublic },
		isMember,
		audience: input.audience,
		scope: scopeView,
		choices: {
			communes: input.communes
				.filter((c) => found.codes.includes(c.code))
				.map(({ code, name }) => ({ code, name }))
				.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
			epcis: epcisOf(epcis, found.codes).map(({ code, name }) => ({ code, name }))
		},
		computedAt: now.toISOString(),
		licence: territory.licence?.trim() || DEFAULT_LICENCE,
		sources: input.census ? input.census.listings.map((l) => l.name) : null,
		figures,
		network: found.network
			? dossierNetwork(networkSummary(found.network, { worldOrder: WORLD_ORDER }))
			: null,
		shapes,
		points: found.points,
		publicUrl: isMember && isPublic ? publicUrl.href : null
	};
};
