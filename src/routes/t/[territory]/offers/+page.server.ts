import { error } from '@sveltejs/kit';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { isExpiredOn, isOfferCategory, isValidOn, isoDay } from '$lib/domain/offers/match';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { listTerritoryOffers, loadRequestMatches } from '$lib/server/queries/offers';
import { territoryWithRole } from '$lib/server/territory-access';
import type { PageServerLoad } from './$types';

/** Offers per request shown in the matching view; the nearest ones are the useful ones. */
const MATCHES_PER_REQUEST = 5;

type OffersView = 'offers' | 'requests' | 'matching';

function viewOf(value: string | null): OffersView {
	return value === 'requests' || value === 'matching' ? value : 'offers';
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDatabase();
	const { territory, role } = await territoryWithRole(db, locals.claims, params.territory);
	// Offers are members-only (RLS): for anybody else the page does not exist.
	if (role === null) error(404, m.error_territory_not_found());

	const view = viewOf(url.searchParams.get('view'));
	const rawCategory = url.searchParams.get('category');
	const category = isOfferCategory(rawCategory) ? rawCategory : undefined;
	const showExpired = url.searchParams.get('expired') === '1';
	const today = isoDay(new Date());

	const communes = await loadFrenchCommunes();
	const communeName = (code: string | null) => (code ? (communes.nameOf(code) ?? null) : null);
	const base = {
		territory: { slug: territory.slug, name: territory.name },
		view,
		category: category ?? null,
		showExpired,
		today
	};

	if (view === 'matching') {
		const matches = await db.asUser(locals.claims, (tx) =>
			loadRequestMatches(tx, territory.id, today, {
				includeExpired: showExpired,
				category,
				limit: MATCHES_PER_REQUEST
			})
		);
		return {
			...base,
			items: [],
			hiddenExpired: 0,
			matches: matches.map(({ request: r, offers }) => ({
				request: {
					id: r.id,
					actorId: r.actorId,
					actorName: r.actorName,
					communeName: communeName(r.communeCode),
					category: r.category,
					title: r.title,
					description: r.description,
					conditions: r.conditions,
					validFrom: r.validFrom,
					validUntil: r.validUntil,
					expired: isExpiredOn(r, today)
				},
				offers: offers.map(({ offer: o, km, why }) => ({
					id: o.id,
					actorId: o.actorId,
					actorName: o.actorName,
					communeName: communeName(o.communeCode),
					title: o.title,
					conditions: o.conditions,
					validFrom: o.validFrom,
					validUntil: o.validUntil,
					km,
					why
				}))
			}))
		};
	}

	const rows = await db.asUser(locals.claims, (tx) =>
		listTerritoryOffers(tx, territory.id, {
			direction: view === 'requests' ? 'request' : 'offer',
			category
		})
	);
	const expired = rows.filter((r) => isExpiredOn(r, today));
	return {
		...base,
		matches: [],
		hiddenExpired: showExpired ? 0 : expired.length,
		items: rows
			.filter((r) => showExpired || !isExpiredOn(r, today))
			.map((r) => ({
				id: r.id,
				actorId: r.actorId,
				actorName: r.actorName,
				communeName: communeName(r.communeCode),
				category: r.category,
				title: r.title,
				description: r.description,
				conditions: r.conditions,
				validFrom: r.validFrom,
				validUntil: r.validUntil,
				expired: isExpiredOn(r, today),
				upcoming: !isExpiredOn(r, today) && !isValidOn(r, today)
			}))
	};
};
