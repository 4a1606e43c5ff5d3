/**
 * The worlds an actor belongs to (DESIGN.md, issue #9): six pairs of worlds that rarely meet.
 * The two ends of a pair exclude each other — an actor is professional or amateur, not both —
 * so an actor carries at most one world of each pair. This is the one list in TypeScript: the
 * network matrices order their worlds by it (network/worlds.ts WORLD_ORDER), the actor page edits
 * it, and $lib/i18n labels it (the i18n test fails until a new world has labels).
 *
 * `actor.worlds` is a free text[] in the database: worlds outside these pairs (written through
 * the API, or by an older version) are kept as they are and shown by their value.
 */
export const WORLD_PAIRS = [
	['professionnel', 'amateur'],
	['urbain', 'rural'],
	['federation', 'petite-association'],
	['lucratif', 'non-lucratif'],
	['institution', 'citoyen'],
	['elu', 'associatif']
] as const;

export type WorldPair = (typeof WORLD_PAIRS)[number];
export type World = WorldPair[number];
/** A pair is named by its two ends: `professionnel-amateur`, `urbain-rural`… */
type PairIdOf<P> = P extends readonly [infer A extends string, infer B extends string]
	? `${A}-${B}`
	: never;
export type WorldPairId = PairIdOf<WorldPair>;

export const WORLDS: readonly World[] = WORLD_PAIRS.flat();

export const pairId = (pair: WorldPair): WorldPairId => `${pair[0]}-${pair[1]}` as WorldPairId;

export const WORLD_PAIR_IDS: readonly WorldPairId[] = WORLD_PAIRS.map(pairId);

export function isWorld(value: unknown): value is World {
	return typeof value === 'string' && (WORLDS as readonly string[]).includes(value);
}

export function isWorldPairId(value: unknown): value is WorldPairId {
	return typeof value === 'string' && (WORLD_PAIR_IDS as readonly string[]).includes(value);
}

/** The pair a world belongs to; undefined for a world outside the pairs. */
export function pairOfWorld(world: string): WorldPair | undefined {
	return WORLD_PAIRS.find((pair) => (pair as readonly string[]).includes(world));
}

export interface ActorWorldPair {
	id: WorldPairId;
	ends: WorldPair;
	/**
	 * The ends the actor carries: none, one, or — only in data written outside the app — both,
	 * which the page shows as they are until an editor chooses.
	 */
	carried: World[];
}

export interface ActorWorlds {
	pairs: ActorWorldPair[];
	/** Worlds outside the pairs, in the actor's order. */
	others: string[];
}

/** An actor's worlds grouped by pair, in the pairs' order. */
export function groupWorlds(worlds: readonly string[]): ActorWorlds {
	const held = new Set(worlds);
	return {
		pairs: WORLD_PAIRS.map((ends) => ({
			id: pairId(ends),
			ends,
			carried: ends.filter((w) => held.has(w))
		})),
		others: [...new Set(worlds.filter((w) => !isWorld(w)))]
	};
}

/** The form field of a pair's choice: `worlds.professionnel-amateur` = `amateur` or `` (none). */
export const WORLD_FIELD_PREFIX = 'worlds.';

export type WorldChoices = ReadonlyMap<WorldPairId, World | null>;

export type WorldChoiceError =
	/** A value that is not one of its pair's ends (or a field naming no pair). */
	| { code: 'unknown_world'; value: string; pair: WorldPairId | null }
	/** Both ends of a pair at once, or two different answers for the same pair. */
	| { code: 'both_ends'; pair: WorldPairId };

export type WorldChoiceResult =
	{ ok: true; choices: WorldChoices } | { ok: false; error: WorldChoiceError };

/**
 * Reads the pairs' answers of a submitted form (its entries, e.g. `[...formData]`): for each
 * pair field, one end of that pair or the empty string (« non renseigné »). A pair the form does
 * not mention is left as it is. Other fields are ignored.
 */
export function parseWorldChoices(
	entries: Iterable<readonly [string, unknown]>
): WorldChoiceResult {
	const choices = new Map<WorldPairId, World | null>();
	for (const [name, raw] of entries) {
		if (!name.startsWith(WORLD_FIELD_PREFIX)) continue;
		const id = name.slice(WORLD_FIELD_PREFIX.length);
		if (!isWorldPairId(id))
			return { ok: false, error: { code: 'unknown_world', value: id, pair: null } };
		// A file where a text was expected is no answer at all, not « non renseigné ».
		if (typeof raw !== 'string')
			return { ok: false, error: { code: 'unknown_world', value: '?', pair: id } };
		const value = raw.trim();
		const pair = WORLD_PAIRS[WORLD_PAIR_IDS.indexOf(id)]!;
		let choice: World | null;
		if (value === '') choice = null;
		else if ((pair as readonly string[]).includes(value)) choice = value as World;
		else return { ok: false, error: { code: 'unknown_world', value, pair: id } };
		if (choices.has(id) && choices.get(id) !== choice)
			return { ok: false, error: { code: 'both_ends', pair: id } };
		choices.set(id, choice);
	}
	return { ok: true, choices };
}

/**
 * A list of worlds for the database: the actor's current worlds with each answered pair replaced
 * by its answer. Pair worlds come first, in the pairs' order; worlds outside the pairs follow,
 * as they were. A pair left unanswered keeps what the actor carried, both ends included when
 * data written outside the app had both.
 */
export function applyWorldChoices(current: readonly string[], choices: WorldChoices): string[] {
	const grouped = groupWorlds(current);
	const out: string[] = [];
	for (const pair of grouped.pairs) {
		if (choices.has(pair.id)) {
			const choice = choices.get(pair.id);
			if (choice) out.push(choice);
		} else out.push(...pair.carried);
	}
	return [...out, ...grouped.others];
}

/** Whether two lists hold the same worlds (order and repeats aside). */
export function sameWorlds(a: readonly string[], b: readonly string[]): boolean {
	const x = new Set(a);
	const y = new Set(b);
	return x.size === y.size && [...x].every((w) => y.has(w));
}

/**
 * Whether a list of worlds is consistent: no world twice, and never both ends of a pair.
 * Worlds outside the pairs are allowed (see the module comment).
 */
export function worldsConsistent(worlds: readonly string[]): boolean {
	if (new Set(worlds).size !== worlds.length) return false;
	return WORLD_PAIRS.every(([a, b]) => !(worlds.includes(a) && worlds.includes(b)));
}
