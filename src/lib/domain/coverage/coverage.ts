/**
 * Coverage gaps (« zones blanches », issue #9): the communes of a territory that have no actor of
 * a kind or a sector found elsewhere in the territory, no common place, or no event in the period.
 *
 * Rules:
 * - A kind (or sector) counts as a **local gap** only when some other commune of the territory has
 *   it: a kind absent from the whole territory is not a commune's shortcoming, it is listed apart
 *   (`absentKinds`).
 * - Presence is counted over the territory's communes only: an actor without a commune, or in a
 *   commune outside the list, makes no kind « present elsewhere ».
 * - Sectors are free text: they are compared trimmed and case-insensitively (« Culture » and
 *   « culture » are one sector), shown in the spelling most actors use.
 * - Events: the period is the last `EVENT_PERIOD_MONTHS` months plus everything upcoming, i.e.
 *   every event not ended before `eventPeriodStart(now)` (see `inEventPeriod`).
 * - The score of a commune is its number of gaps (each missing kind, each missing sector, no
 *   place, no event): it sorts the list and shades the map.
 */
import { ACTOR_KINDS, type ActorKind } from '../actor-kinds';

/** How far back an event still counts as « recent ». */
export const EVENT_PERIOD_MONTHS = 12;

/** Start of the event period: `now` minus EVENT_PERIOD_MONTHS calendar months (UTC). */
export function eventPeriodStart(now: Date): Date {
	const start = new Date(now.getTime());
	start.setUTCMonth(start.getUTCMonth() - EVENT_PERIOD_MONTHS);
	return start;
}

/** An event counts when it has not ended before the period starts (ends_at, else starts_at). */
export function inEventPeriod(startsAt: Date, endsAt: Date | null, now: Date): boolean {
	const end = endsAt ?? startsAt;
	return end.getTime() >= eventPeriodStart(now).getTime();
}

export interface CoverageCommuneInput {
	/** INSEE code. */
	code: string;
	name: string;
	population: number | null;
	/** Actors of the commune by kind (missing kinds: 0). */
	actorsByKind: Readonly<Partial<Record<ActorKind, number>>>;
	/** Actors of the commune by sector, as stored (an actor with two sectors counts in both). */
	actorsBySector: Readonly<Record<string, number>>;
	/** Actors of the commune, whatever their kind. */
	actors: number;
	/** Common places in the commune. */
	places: number;
	/** Events held in the commune during the period. */
	events: number;
}

export type CoverageGap =
	| { type: 'kind'; kind: ActorKind }
	| { type: 'sector'; sector: string }
	| { type: 'no_place' }
	| { type: 'no_event' };

export interface CommuneCoverage {
	code: string;
	name: string;
	population: number | null;
	actors: number;
	places: number;
	events: number;
	/** Kinds present elsewhere in the territory, absent here (ACTOR_KINDS order). */
	missingKinds: ActorKind[];
	/** Sectors present elsewhere in the territory, absent here (alphabetical, French). */
	missingSectors: string[];
	noPlace: boolean;
	noEvent: boolean;
	/** Every gap: kinds, then sectors, then place, then event. */
	gaps: CoverageGap[];
	/** Number of gaps. */
	score: number;
}

export interface CoverageReport {
	/** Every commune of the input, most gaps first, then by name. */
	communes: CommuneCoverage[];
	/** Kinds found in at least one commune, with their number of communes (ACTOR_KINDS order). */
	kinds: { kind: ActorKind; communes: number }[];
	/** Sectors found in at least one commune, with their number of communes (alphabetical). */
	sectors: { sector: string; communes: number }[];
	/** Kinds no commune of the territory has: not counted as local gaps. */
	absentKinds: ActorKind[];
	/** Highest score of any commune (0 when none has a gap). */
	maxScore: number;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The key two spellings of one sector share. */
export function sectorKey(sector: string): string {
	return sector.trim().toLocaleLowerCase('fr');
}

/** Builds the report; pure, and the same input always gives the same output (stable order). */
export function coverageReport(input: readonly CoverageCommuneInput[]): CoverageReport {
	// Per kind and per sector key: how many communes have it.
	const kindCommunes = new Map<ActorKind, number>();
	const sectorCommunes = new Map<string, number>();
	// Per sector key: actors per spelling, for the displayed spelling.
	const spellings = new Map<string, Map<string, number>>();
	const localSectors: Set<string>[] = [];

	for (const commune of input) {
		for (const kind of ACTOR_KINDS) {
			if ((commune.actorsByKind[kind] ?? 0) > 0) {
				kindCommunes.set(kind, (kindCommunes.get(kind) ?? 0) + 1);
			}
		}
		const here = new Set<string>();
		for (const [raw, count] of Object.entries(commune.actorsBySector)) {
			const key = sectorKey(raw);
			if (key === '' || !(count > 0)) continue;
			here.add(key);
			const forms = spellings.get(key) ?? new Map<string, number>();
			forms.set(raw.trim(), (forms.get(raw.trim()) ?? 0) + count);
			spellings.set(key, forms);
		}
		for (const key of here) sectorCommunes.set(key, (sectorCommunes.get(key) ?? 0) + 1);
		localSectors.push(here);
	}

	const display = new Map<string, string>();
	for (const [key, forms] of spellings) {
		const best = [...forms].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))[0]!;
		display.set(key, best[0]);
	}
	const sectorKeys = [...sectorCommunes.keys()].sort((a, b) =>
		collator.compare(display.get(a)!, display.get(b)!)
	);
	const presentKinds = ACTOR_KINDS.filter((k) => kindCommunes.has(k));

	const communes = input.map((commune, i): CommuneCoverage => {
		const missingKinds = presentKinds.filter((k) => !((commune.actorsByKind[k] ?? 0) > 0));
		const missingSectors = sectorKeys
			.filter((key) => !localSectors[i]!.has(key))
			.map((key) => display.get(key)!);
		const noPlace = commune.places <= 0;
		const noEvent = commune.events <= 0;
		const gaps: CoverageGap[] = [
			...missingKinds.map((kind): CoverageGap => ({ type: 'kind', kind })),
			...missingSectors.map((sector): CoverageGap => ({ type: 'sector', sector })),
			...(noPlace ? [{ type: 'no_place' } as const] : []),
			...(noEvent ? [{ type: 'no_event' } as const] : [])
		];
		return {
			code: commune.code,
			name: commune.name,
			population: commune.population,
			actors: commune.actors,
			places: commune.places,
			events: commune.events,
			missingKinds,
			missingSectors,
			noPlace,
			noEvent,
			gaps,
			score: gaps.length
		};
	});
	communes.sort(byScore('desc'));

	return {
		communes,
		kinds: presentKinds.map((kind) => ({ kind, communes: kindCommunes.get(kind)! })),
		sectors: sectorKeys.map((key) => ({
			sector: display.get(key)!,
			communes: sectorCommunes.get(key)!
		})),
		absentKinds: ACTOR_KINDS.filter((k) => !kindCommunes.has(k)),
		maxScore: communes.reduce((max, c) => Math.max(max, c.score), 0)
	};
}

/** Most (`desc`) or fewest (`asc`) gaps first; ties by name, then code. */
export function byScore(dir: 'asc' | 'desc'): (a: CommuneCoverage, b: CommuneCoverage) => number {
	const sign = dir === 'desc' ? -1 : 1;
	return (a, b) =>
		sign * (a.score - b.score) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code);
}

/** What the list filters and the map's « lacking » view ask for; every given criterion must hold. */
export interface CoverageFilter {
	kind?: ActorKind | null;
	/** Any spelling of a sector (compared with `sectorKey`). */
	sector?: string | null;
	noPlace?: boolean;
	noEvent?: boolean;
}

/** Whether `commune` has every gap `filter` asks for (an empty filter: at least one gap). */
export function hasGaps(commune: CommuneCoverage, filter: CoverageFilter): boolean {
	const { kind, sector, noPlace, noEvent } = filter;
	if (!kind && !sector && !noPlace && !noEvent) return commune.score > 0;
	if (kind && !commune.missingKinds.includes(kind)) return false;
	if (sector && !commune.missingSectors.some((s) => sectorKey(s) === sectorKey(sector))) {
		return false;
	}
	if (noPlace && !commune.noPlace) return false;
	if (noEvent && !commune.noEvent) return false;
	return true;
}

/**
 * The reverse view: the communes lacking what `filter` asks for, in the report's order. A kind or
 * sector that no commune has gives no commune (it is not a local gap; see `absentKinds`).
 */
export function communesLacking(report: CoverageReport, filter: CoverageFilter): CommuneCoverage[] {
	return report.communes.filter((c) => hasGaps(c, filter));
}

export interface CommuneCount {
	commune: string | null;
	count: number;
}

/**
 * The report's input from per-commune counts (what the query aggregates): `communes` are the
 * territory's, in any order; counts for a commune not in it (or none) are ignored.
 */
export function coverageInput(
	communes: readonly { code: string; name: string; population: number | null }[],
	counts: {
		actorsByKind: readonly (CommuneCount & { kind: string })[];
		actorsBySector: readonly (CommuneCount & { sector: string })[];
		places: readonly CommuneCount[];
		events: readonly CommuneCount[];
	}
): CoverageCommuneInput[] {
	const rows = new Map(
		communes.map((c) => [
			c.code,
			{
				code: c.code,
				name: c.name,
				population: c.population,
				actorsByKind: {} as Partial<Record<ActorKind, number>>,
				actorsBySector: {} as Record<string, number>,
				actors: 0,
				places: 0,
				events: 0
			}
		])
	);
	const at = (commune: string | null) => (commune === null ? undefined : rows.get(commune));
	for (const { commune, kind, count } of counts.actorsByKind) {
		const row = at(commune);
		if (!row || !(count > 0)) continue;
		// Unknown kinds are counted as `other`, as the map shows them.
		const k: ActorKind = (ACTOR_KINDS as readonly string[]).includes(kind)
			? (kind as ActorKind)
			: 'other';
		row.actorsByKind[k] = (row.actorsByKind[k] ?? 0) + count;
		row.actors += count;
	}
	for (const { commune, sector, count } of counts.actorsBySector) {
		const row = at(commune);
		if (!row || !(count > 0)) continue;
		row.actorsBySector[sector] = (row.actorsBySector[sector] ?? 0) + count;
	}
	for (const { commune, count } of counts.places) {
		const row = at(commune);
		if (row && count > 0) row.places += count;
	}
	for (const { commune, count } of counts.events) {
		const row = at(commune);
		if (row && count > 0) row.events += count;
	}
	return [...rows.values()];
}
