/**
 * The key figures of a dossier (#7), one pure function each, over a `DossierInput` and a scope.
 *
 * Each returns `{ value, method }`; `method.key` names the Paraglide message
 * `dossier_method_<key>` the page shows as a footnote or tooltip, with `method.params` as its
 * parameters (every method also carries `scope` and `scopeCode`). The wording each key stands
 * for is in METHOD_KEYS below.
 *
 * Counting rules shared by all figures:
 *   - the scope filters by commune code (scope.ts): the whole territory counts every row, those
 *     without a commune included; an EPCI or a commune only the rows placed in it;
 *   - an actor with several sectors (or worlds) counts once in each;
 *   - "the last 12 months" is [now − 12 months, now], bounds included: past events only;
 *   - counts are sorted largest first, ties in French order (kinds: in the legend's order).
 */
import { ACTOR_KINDS, type ActorKind } from '../actor-kinds';
import { isExpiredOn, isoDay, isValidOn, matchRequests } from '../offers/match';
import { compareFr, inScope, scopeCodes, scopeCommunes, scopeParams } from './scope';
import type {
	DossierCommune,
	DossierEvent,
	DossierInput,
	DossierScope,
	Figure,
	FigureMethod,
	MaybeFigure,
	MethodParam
} from './types';

/**
 * The method keys, with the sentence each stands for (French, as the messages should say it).
 * Parameters in braces.
 */
export const METHOD_KEYS = {
	actors_by_kind:
		'Acteurs recensés dans le périmètre ({total}), comptés par type ; les types sans acteur ne sont pas montrés.',
	actors_by_sector:
		'Acteurs du périmètre par secteur : un acteur de plusieurs secteurs compte dans chacun ; {withoutSector} sans secteur.',
	listings_merged:
		'Listes importées ({listings}) et leurs lignes ({rows}), fusionnées en acteurs ({actors}) : doublons résolus ({duplicatesResolved}), paires tranchées à la main ({decisions}). Les lignes retirées de leur liste ({gone}) ne comptent plus.',
	common_places:
		'Lieux communs enregistrés dans le périmètre, par commune ; {withoutCommune} sans commune connue.',
	events_last_12_months:
		'Événements passés commençant entre le {from} et le {to}, dans la commune de l’événement ou de son lieu.',
	offers_requests:
		'Offres et demandes des acteurs du périmètre. Une demande ouverte le {today} est satisfaite quand au moins une offre valide ce jour-là, d’un autre acteur du territoire, y répond.',
	actors_per_1000:
		'Acteurs ({kind}) par commune pour 1 000 habitants (population municipale INSEE) ; pas de taux pour les communes sans population connue ({unknownPopulation}).',
	kind_gaps: 'Communes du périmètre ({communes}) sans aucun acteur du type.',
	event_gaps:
		'Communes du périmètre ({communes}) où aucun événement n’a eu lieu entre le {from} et le {to}.',
	worlds_present:
		'Acteurs du périmètre par monde (professionnel, amateur, élu…) : un acteur de plusieurs mondes compte dans chacun ; {withoutWorld} sans monde renseigné.',
	not_available: 'Donnée réservée aux membres du réseau : absente du dossier public.'
} as const;

export type DossierMethodKey = keyof typeof METHOD_KEYS;

function method<K extends DossierMethodKey>(
	key: K,
	scope: DossierScope,
	params: Record<string, MethodParam> = {}
): FigureMethod<K> {
	return { key, params: { ...scopeParams(scope), ...params } };
}

function notAvailable(scope: DossierScope): {
	available: false;
	method: FigureMethod<'not_available'>;
} {
	return { available: false, method: method('not_available', scope) };
}

/** Counts of labels, largest first, ties in French order. */
function countsOf(labels: Iterable<string>): { label: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
	return [...counts]
		.map(([label, count]) => ({ label, count }))
		.sort((a, b) => b.count - a.count || compareFr(a.label, b.label));
}

export interface CommuneCount {
	code: string;
	name: string;
	count: number;
}

/** Counts by commune code (nulls skipped), named from `communes`, largest first then by name. */
function byCommune(
	codes: Iterable<string | null>,
	communes: readonly DossierCommune[]
): CommuneCount[] {
	const names = new Map(communes.map((c) => [c.code, c.name]));
	const counts = new Map<string, number>();
	for (const code of codes) if (code !== null) counts.set(code, (counts.get(code) ?? 0) + 1);
	return [...counts]
		.map(([code, count]) => ({ code, name: names.get(code) ?? code, count }))
		.sort((a, b) => b.count - a.count || compareFr(a.name, b.name) || compareFr(a.code, b.code));
}

function scopedActors(input: DossierInput, scope: DossierScope) {
	const codes = scopeCodes(scope);
	return input.actors.filter((a) => inScope(a.communeCode, codes));
}

// ------------------------------------------------------------------ actors by kind and sector

export interface ActorsByKind {
	total: number;
	/** Kinds with at least one actor, largest first (ties in the legend's order). */
	kinds: { kind: ActorKind; count: number }[];
	/** Kinds with no actor in the scope, in the legend's order. */
	absent: ActorKind[];
}

export function actorsByKind(
	input: DossierInput,
	scope: DossierScope
): Figure<ActorsByKind, 'actors_by_kind'> {
	const actors = scopedActors(input, scope);
	const counts = new Map<ActorKind, number>();
	for (const a of actors) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
	const kinds = ACTOR_KINDS.filter((k) => counts.has(k))
		.map((kind) => ({ kind, count: counts.get(kind)! }))
		// Stable sort: ties keep the legend's order.
		.sort((a, b) => b.count - a.count);
	const absent = ACTOR_KINDS.filter((k) => !counts.has(k));
	return {
		value: { total: actors.length, kinds, absent },
		method: method('actors_by_kind', scope, { total: actors.length })
	};
}

export interface ActorsBySector {
	total: number;
	sectors: { sector: string; count: number }[];
	withoutSector: number;
}

export function actorsBySector(
	input: DossierInput,
	scope: DossierScope
): Figure<ActorsBySector, 'actors_by_sector'> {
	const actors = scopedActors(input, scope);
	// A sector written twice on one actor still counts once.
	const sectors = countsOf(actors.flatMap((a) => [...new Set(a.sectors)])).map((c) => ({
		sector: c.label,
		count: c.count
	}));
	const withoutSector = actors.filter((a) => a.sectors.length === 0).length;
	return {
		value: { total: actors.length, sectors, withoutSector },
		method: method('actors_by_sector', scope, { total: actors.length, withoutSector })
	};
}

// ------------------------------------------------------------------ worlds

export interface WorldsPresent {
	total: number;
	worlds: { world: string; count: number }[];
	withoutWorld: number;
}

/** How many actors of the scope belong to each world (how they connect: the network graph). */
export function worldsPresent(
	input: DossierInput,
	scope: DossierScope
): Figure<WorldsPresent, 'worlds_present'> {
	const actors = scopedActors(input, scope);
	const worlds = countsOf(actors.flatMap((a) => [...new Set(a.worlds)])).map((c) => ({
		world: c.label,
		count: c.count
	}));
	const withoutWorld = actors.filter((a) => a.worlds.length === 0).length;
	return {
		value: { total: actors.length, worlds, withoutWorld },
		method: method('worlds_present', scope, { total: actors.length, withoutWorld })
	};
}

// ------------------------------------------------------------------ listings merged

export interface ListingsMerged {
	/** Listings with at least one current row in the scope. */
	listings: number;
	/** Current rows (not gone) of the scope. */
	rows: number;
	/** Distinct actors those rows were merged into. */
	actors: number;
	/** Rows folded into an actor that another row already gave: rows merged − actors. */
	duplicatesResolved: number;
	/** Current rows attached to no actor (territory scope only: they have no commune). */
	unattachedRows: number;
	/** Pairs of rows a person decided on, at least one of them in the scope. */
	decisions: { total: number; same: number; different: number };
}

/**
 * What merging the listings did. A row is in the scope when the actor it was merged into is;
 * rows attached to no actor count for the whole territory only. Rows gone from their listing's
 * last version are left out (and counted in the `gone` parameter).
 */
export function listingsMerged(
	input: DossierInput,
	scope: DossierScope
): MaybeFigure<ListingsMerged, 'listings_merged'> {
	if (input.census === null) return notAvailable(scope);
	const { records, decisions } = input.census;
	const codes = scopeCodes(scope);
	const actorInScope = new Set(
		input.actors.filter((a) => inScope(a.communeCode, codes)).map((a) => a.id)
	);
	const recordInScope = (actorId: string | null) =>
		actorId === null ? codes === null : actorInScope.has(actorId);

	const scopedRecordIds = new Set<string>();
	const listings = new Set<string>();
	const actors = new Set<string>();
	let rows = 0;
	let merged = 0;
	let gone = 0;
	for (const r of records) {
		if (!recordInScope(r.actorId)) continue;
		scopedRecordIds.add(r.id);
		if (r.gone) {
			gone += 1;
			continue;
		}
		rows += 1;
		listings.add(r.listingId);
		if (r.actorId !== null) {
			merged += 1;
			actors.add(r.actorId);
		}
	}
	const decided = decisions.filter(
		(d) => scopedRecordIds.has(d.recordA) || scopedRecordIds.has(d.recordB)
	);
	const same = decided.filter((d) => d.decision === 'same').length;
	const value: ListingsMerged = {
		listings: listings.size,
		rows,
		actors: actors.size,
		duplicatesResolved: merged - actors.size,
		unattachedRows: rows - merged,
		decisions: { total: decided.length, same, different: decided.length - same }
	};
	return {
		available: true,
		value,
		method: method('listings_merged', scope, {
			listings: value.listings,
			rows: value.rows,
			actors: value.actors,
			duplicatesResolved: value.duplicatesResolved,
			decisions: value.decisions.total,
			gone
		})
	};
}

// ------------------------------------------------------------------ common places

export interface CommonPlaces {
	total: number;
	byCommune: CommuneCount[];
	/** Places of the scope with no commune (whole territory only). */
	withoutCommune: number;
}

export function commonPlaces(
	input: DossierInput,
	scope: DossierScope
): Figure<CommonPlaces, 'common_places'> {
	const codes = scopeCodes(scope);
	const places = input.places.filter((p) => inScope(p.communeCode, codes));
	const withoutCommune = places.filter((p) => p.communeCode === null).length;
	return {
		value: {
			total: places.length,
			byCommune: byCommune(
				places.map((p) => p.communeCode),
				input.communes
			),
			withoutCommune
		},
		method: method('common_places', scope, { total: places.length, withoutCommune })
	};
}

// ------------------------------------------------------------------ events

/** The 12 months before `now`: from the same instant a year earlier (UTC calendar) to `now`. */
export function lastTwelveMonths(now: Date): { from: Date; to: Date } {
	const from = new Date(now.getTime());
	from.setUTCFullYear(from.getUTCFullYear() - 1);
	return { from, to: new Date(now.getTime()) };
}

function eventsInWindow(
	events: readonly DossierEvent[],
	codes: ReadonlySet<string> | null,
	from: Date,
	to: Date
): DossierEvent[] {
	const start = from.getTime();
	const end = to.getTime();
	return events.filter((e) => {
		const t = Date.parse(e.startsAt);
		return Number.isFinite(t) && t >= start && t <= end && inScope(e.communeCode, codes);
	});
}

export interface EventsLastYear {
	count: number;
	/** The window, ISO instants. */
	from: string;
	to: string;
	/** Communes that hosted them, most events first. */
	communes: CommuneCount[];
	/** Events of the window with no commune (whole territory only). */
	withoutCommune: number;
	/** Distinct actors that organised or took part in them; null when they are not visible. */
	actorsInvolved: number | null;
}

export function eventsLastYear(
	input: DossierInput,
	scope: DossierScope,
	now: Date
): Figure<EventsLastYear, 'events_last_12_months'> {
	const { from, to } = lastTwelveMonths(now);
	const events = eventsInWindow(input.events, scopeCodes(scope), from, to);
	const communes = byCommune(
		events.map((e) => e.communeCode),
		input.communes
	);
	const value: EventsLastYear = {
		count: events.length,
		from: from.toISOString(),
		to: to.toISOString(),
		communes,
		withoutCommune: events.filter((e) => e.communeCode === null).length,
		actorsInvolved: events.some((e) => e.actorIds === null)
			? null
			: new Set(events.flatMap((e) => e.actorIds ?? [])).size
	};
	return {
		value,
		method: method('events_last_12_months', scope, {
			count: value.count,
			communes: communes.length,
			from: value.from,
			to: value.to
		})
	};
}

// ------------------------------------------------------------------ offers and requests

export interface OffersRequests {
	/** Offers of the scope's actors, valid or not. */
	offers: number;
	/** Of which valid on `today`. */
	validOffers: number;
	requests: number;
	/** Requests not expired on `today`. */
	openRequests: number;
	/** Open requests with at least one matching offer valid on `today` (`matchRequests`). */
	matchedRequests: number;
	/** The day validity is read on, YYYY-MM-DD. */
	today: string;
}

/**
 * Offers and requests of the scope's actors (by the actor's commune). A request is matched when
 * `matchRequests` finds it at least one offer valid on `today` — from any actor of the
 * territory but its own, since a request of a commune may be met from the next one.
 */
export function offersAndRequests(
	input: DossierInput,
	scope: DossierScope,
	now: Date,
	options: { timeZone?: string } = {}
): MaybeFigure<OffersRequests, 'offers_requests'> {
	if (input.offers === null) return notAvailable(scope);
	const today = isoDay(now, options.timeZone);
	const codes = scopeCodes(scope);
	const scoped = input.offers.filter((o) => inScope(o.communeCode, codes));
	const offers = scoped.filter((o) => o.direction === 'offer');
	const requests = scoped.filter((o) => o.direction === 'request');
	const open = requests.filter((r) => !isExpiredOn(r, today));
	const allOffers = input.offers.filter((o) => o.direction === 'offer');
	const matched = matchRequests(open, allOffers, { today, limit: 1 }).filter(
		(m) => m.offers.length > 0
	).length;
	const value: OffersRequests = {
		offers: offers.length,
		validOffers: offers.filter((o) => isValidOn(o, today)).length,
		requests: requests.length,
		openRequests: open.length,
		matchedRequests: matched,
		today
	};
	return {
		available: true,
		value,
		method: method('offers_requests', scope, {
			offers: value.offers,
			requests: value.requests,
			matched,
			today
		})
	};
}

// ------------------------------------------------------------------ density

export interface CommuneRate {
	code: string;
	name: string;
	population: number | null;
	actors: number;
	/** Actors per 1,000 inhabitants; null when the population is unknown (or zero). */
	rate: number | null;
}

export interface ActorsPerThousand {
	/** The kind counted, or null for all kinds. */
	kind: ActorKind | null;
	/** Every commune of the scope, highest rate first, unknown rates last, then by name. */
	communes: CommuneRate[];
	/** Over the communes with a known population: their actors per 1,000 of their inhabitants. */
	overall: { actors: number; population: number; rate: number | null };
}

function rate(actors: number, population: number | null): number | null {
	return population === null || population <= 0 ? null : (actors * 1000) / population;
}

/** Actors (all kinds, or one) per 1,000 inhabitants in each commune of the scope. */
export function actorsPerThousand(
	input: DossierInput,
	scope: DossierScope,
	kind: ActorKind | null = null
): Figure<ActorsPerThousand, 'actors_per_1000'> {
	const communes = scopeCommunes(input, scope);
	const counts = new Map<string, number>();
	for (const a of input.actors) {
		if (a.communeCode === null || (kind !== null && a.kind !== kind)) continue;
		counts.set(a.communeCode, (counts.get(a.communeCode) ?? 0) + 1);
	}
	const rows: CommuneRate[] = communes.map((c) => {
		const actors = counts.get(c.code) ?? 0;
		return {
			code: c.code,
			name: c.name,
			population: c.population,
			actors,
			rate: rate(actors, c.population)
		};
	});
	let actors = 0;
	let population = 0;
	for (const r of rows) {
		if (r.rate === null) continue;
		actors += r.actors;
		population += r.population!;
	}
	rows.sort((a, b) => {
		if (a.rate === null || b.rate === null) {
			if (a.rate !== b.rate) return a.rate === null ? 1 : -1;
		} else if (a.rate !== b.rate) return b.rate - a.rate;
		return compareFr(a.name, b.name) || compareFr(a.code, b.code);
	});
	const unknownPopulation = rows.filter((r) => r.rate === null).length;
	return {
		value: {
			kind,
			communes: rows,
			overall: { actors, population, rate: rate(actors, population) }
		},
		method: method('actors_per_1000', scope, { kind: kind ?? 'all', unknownPopulation })
	};
}

// ------------------------------------------------------------------ coverage gaps

export interface CommuneRef {
	code: string;
	name: string;
}

export interface KindGap {
	kind: ActorKind;
	/** Communes of the scope with no actor of this kind, by name. */
	communes: CommuneRef[];
	/** No actor of this kind in any commune of the scope. */
	absentEverywhere: boolean;
}

/** For each kind (all by default, in the legend's order), the communes of the scope without one. */
export function kindGaps(
	input: DossierInput,
	scope: DossierScope,
	kinds: readonly ActorKind[] = ACTOR_KINDS
): Figure<{ kinds: KindGap[] }, 'kind_gaps'> {
	const communes = scopeCommunes(input, scope);
	const present = new Set(
		input.actors.filter((a) => a.communeCode !== null).map((a) => `${a.kind}\u0000${a.communeCode}`)
	);
	const gaps = kinds.map((kind) => {
		const missing = communes
			.filter((c) => !present.has(`${kind}\u0000${c.code}`))
			.map(({ code, name }) => ({ code, name }));
		return { kind, communes: missing, absentEverywhere: missing.length === communes.length };
	});
	return {
		value: { kinds: gaps },
		method: method('kind_gaps', scope, { communes: communes.length })
	};
}

/** The communes of the scope where no event took place in the last 12 months, by name. */
export function eventGaps(
	input: DossierInput,
	scope: DossierScope,
	now: Date
): Figure<{ communes: CommuneRef[]; from: string; to: string }, 'event_gaps'> {
	const { from, to } = lastTwelveMonths(now);
	const communes = scopeCommunes(input, scope);
	const hosted = new Set(eventsInWindow(input.events, null, from, to).map((e) => e.communeCode));
	const missing = communes
		.filter((c) => !hosted.has(c.code))
		.map(({ code, name }) => ({ code, name }));
	return {
		value: { communes: missing, from: from.toISOString(), to: to.toISOString() },
		method: method('event_gaps', scope, {
			communes: communes.length,
			from: from.toISOString(),
			to: to.toISOString()
		})
	};
}

// ------------------------------------------------------------------ all together

export interface DossierFigures {
	actorsByKind: ReturnType<typeof actorsByKind>;
	actorsBySector: ReturnType<typeof actorsBySector>;
	worldsPresent: ReturnType<typeof worldsPresent>;
	listingsMerged: ReturnType<typeof listingsMerged>;
	commonPlaces: ReturnType<typeof commonPlaces>;
	eventsLastYear: ReturnType<typeof eventsLastYear>;
	offersAndRequests: ReturnType<typeof offersAndRequests>;
	actorsPerThousand: ReturnType<typeof actorsPerThousand>;
	kindGaps: ReturnType<typeof kindGaps>;
	eventGaps: ReturnType<typeof eventGaps>;
}

/** Every figure of the dossier for one scope (density over all kinds). */
export function dossierFigures(
	input: DossierInput,
	scope: DossierScope,
	now: Date
): DossierFigures {
	return {
		actorsByKind: actorsByKind(input, scope),
		actorsBySector: actorsBySector(input, scope),
		worldsPresent: worldsPresent(input, scope),
		listingsMerged: listingsMerged(input, scope),
		commonPlaces: commonPlaces(input, scope),
		eventsLastYear: eventsLastYear(input, scope, now),
		offersAndRequests: offersAndRequests(input, scope, now),
		actorsPerThousand: actorsPerThousand(input, scope),
		kindGaps: kindGaps(input, scope),
		eventGaps: eventGaps(input, scope, now)
	};
}
