import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { seriesChoices, travelPlan, type TravelSeries } from '$lib/domain/events/travel';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { territoryCommunes } from '$lib/server/geo/commune-map';
import {
	communeShapesFromEnv,
	loadCommuneShapes,
	type CommuneShapeProvider
} from '$lib/server/geo/commune-shapes';
import type { Outline } from '$lib/server/geo/geometry';
import { loadTravelData, travelCommunes } from '$lib/server/queries/travel';
import { travelMap } from './travel-map';
import { parseTravelQuery } from './travel-query';
import type { PageServerLoad } from './$types';

// One provider per process, as for the dossier: its failure memo keeps an offline server from
// asking the Geo API again at every page view.
let provider: CommuneShapeProvider | undefined;

/**
 * GET /t/<slug>/events/travel — where the events of a series (`?format=`, `?theme=`) were held,
 * and the suggested next host communes, each with why (`?size=`: expected attendance, checked
 * against the places' capacity). Members only (the plan names actors and reads every event):
 * anybody else gets the 404 of an unknown territory.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const query = parseTravelQuery(url.searchParams);
	const found = await db.asUser(locals.claims, async (tx) => {
		const [territory] = await tx.query<{
			id: string;
			slug: string;
			name: string;
			role: string | null;
		}>(
			`select id, slug, name, public.territory_role(id) as role
			   from public.territory where slug = $1`,
			[params.territory]
		);
		if (!territory || territory.role === null) return null;
		const codes = (await territoryCommunes(tx, territory.slug))?.codes ?? [];
		return { territory, codes, data: await loadTravelData(tx, territory.id) };
	});
	// Unknown, unreadable and not a member look the same on purpose.
	if (!found) error(404, m.error_territory_not_found());
	const { territory, codes, data } = found;

	provider ??= communeShapesFromEnv(env);
	// Its own admin transactions: after the user's has ended.
	const shapes = await loadCommuneShapes(db, codes, provider);
	const outlines = new Map<string, Outline>([...shapes].map(([code, s]) => [code, s.geometry]));
	const names = await loadFrenchCommunes();
	const communes = travelCommunes(codes, (code) => names.nameOf(code), outlines, data.actors);

	const series: TravelSeries = { format: query.format, theme: query.theme };
	const plan = travelPlan({
		communes,
		events: data.events,
		places: data.places,
		actors: data.actors,
		series,
		now: new Date(),
		expectedSize: query.sizeValue
	});
	// A host outside the territory's communes is named from the national list.
	const hosts = plan.hosts.map((h) =>
		h.inTerritory ? h : { ...h, name: names.nameOf(h.code) ?? h.code }
	);
	const hostOf = new Map(hosts.map((h) => [h.code, h]));
	const timeline = plan.timeline.map((v) => ({
		...v,
		communeName: hostOf.get(v.communeCode)!.name
	}));
	const rankOf = new Map(plan.suggestions.map((s) => [s.code, s.rank]));
	const map = travelMap(
		communes.map((c) => ({
			code: c.code,
			name: c.name,
			centre: c.centre,
			outline: outlines.get(c.code) ?? null,
			visits: hostOf.get(c.code)?.visits ?? 0,
			planned: hostOf.get(c.code)?.planned ?? 0,
			rank: rankOf.get(c.code) ?? null
		}))
	);

	const themes = [
		...new Map(
			data.events
				.filter((e) => e.theme?.trim())
				.map((e) => [e.theme!.trim().toLowerCase(), e.theme!.trim()])
		).values()
	].sort((a, b) => a.localeCompare(b, 'fr'));

	return {
		territory: { slug: territory.slug, name: territory.name },
		query,
		choices: seriesChoices(data.events, data.places),
		themes,
		totalEvents: data.events.length,
		plan: { ...plan, hosts, timeline },
		hostCommunes: hosts.filter((h) => h.visits > 0).length,
		map
	};
};
