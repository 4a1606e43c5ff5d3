/**
 * The random draw of volunteers (#9): N groups of K drawn from a pool with a public seed, by a
 * documented deterministic algorithm, so that anyone holding the pool, the rules, the seed and
 * the list of answers gets the same groups and the same replacements.
 *
 * 1. The pool is put in a canonical order: by identifier (code-point order), whatever order the
 *    database returned it in.
 * 2. The draw order is a Fisher–Yates shuffle driven by the seed's stream (stream.ts): at step i,
 *    a name is drawn among the n − i not yet drawn (`below(n − i)`) — as out of a hat, one by one.
 * 3. The first K names of the draw order form group 1, the next K group 2, and so on. With « mix
 *    the worlds » or « mix the communes », when a group does not mix, the hat is shuffled again:
 *    shuffle k starts from the canonical order with its own stream, that of « seed/k »
 *    (attemptSeed), up to MAX_ATTEMPTS times; the audit gives the shuffle that was kept. Every
 *    arrangement that mixes thus has the same chance. When none mixes, the draw says so and
 *    records nothing.
 * 4. A seat freed by a decline or by silence past the deadline goes to the first name of the draw
 *    order never seated — keeping the group mixed when a remaining name can, else the first one
 *    (the log says the mix was lost). Someone who declined or stayed silent is never drawn again.
 *
 * Without constraints every volunteer has the same chance, N×K / size of the pool, of being drawn
 * (tested over many seeds); with them, every arrangement that mixes has the same chance, so
 * volunteers alike (same worlds, same commune) have the same chance.
 */
import { WORLD_PAIRS } from '../worlds';
import { SeedStream } from './stream';

export interface Volunteer {
	id: string;
	name: string;
	/** World keys (domain/worlds.ts); none when unknown. */
	worlds: readonly string[];
	/** INSEE code; null when unknown. */
	commune: string | null;
}

export interface DrawRules {
	groups: number;
	groupSize: number;
	mixWorlds: boolean;
	mixCommunes: boolean;
}

/** The most groups × group size a draw accepts (a screen of names, not a lottery). */
export const MAX_SEATS = 500;

export type DrawFailure =
	| { ok: false; reason: 'invalid_rules' }
	| { ok: false; reason: 'pool_too_small'; needed: number; available: number }
	/**
	 * No arrangement mixed after `attempts` shuffles (0: the pool as a whole cannot mix);
	 * `constraint` is the one most often missed.
	 */
	| { ok: false; reason: 'cannot_mix'; constraint: 'worlds' | 'communes'; attempts: number };

export interface DrawResult {
	ok: true;
	/** Every volunteer's id in draw order. */
	order: string[];
	/** Ids per group, in seat order. */
	groups: string[][];
	/** The shuffle kept (1 when the first one mixes, or without constraints). */
	attempts: number;
	/** Words of the kept shuffle's stream it used (shown in the audit). */
	wordsUsed: number;
}

export function validRules(rules: DrawRules): boolean {
	return (
		Number.isInteger(rules.groups) &&
		Number.isInteger(rules.groupSize) &&
		rules.groups >= 1 &&
		rules.groupSize >= 1 &&
		rules.groups * rules.groupSize <= MAX_SEATS &&
		// A group of one cannot mix anything.
		(rules.groupSize >= 2 || (!rules.mixWorlds && !rules.mixCommunes))
	);
}

/** The canonical order the shuffle starts from: ids in code-point order. */
export function canonicalOrder(pool: readonly Volunteer[]): Volunteer[] {
	return [...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Steps 1 and 2: the pool's first draw order for a seed. */
export function drawOrder(
	pool: readonly Volunteer[],
	seed: string
): { order: string[]; words: number } {
	const ids = canonicalOrder(pool).map((v) => v.id);
	const stream = new SeedStream(seed);
	shuffle(ids, stream);
	return { order: ids, words: stream.consumed };
}

/**
 * A group mixes the worlds when it brings together two worlds that rarely meet: for at least one
 * pair of worlds (professional / amateur, urban / rural… WORLD_PAIRS), one member carries one end
 * and another member the other end. A world left unanswered, a world outside the pairs, or one
 * actor carrying both ends (data written outside the app) does not make a mix.
 */
export function mixesWorlds(members: readonly Volunteer[]): boolean {
	return WORLD_PAIRS.some(([a, b]) => {
		const withA = members.filter((m) => m.worlds.includes(a));
		const withB = members.filter((m) => m.worlds.includes(b));
		return withA.some((x) => withB.some((y) => y !== x));
	});
}

/** A group mixes the communes when its members come from at least two (known) communes. */
export function mixesCommunes(members: readonly Volunteer[]): boolean {
	const communes = new Set(members.map((m) => m.commune).filter((c) => c !== null));
	return communes.size >= 2;
}

/** The constraint a group misses, if any (worlds checked first). */
export function missingMix(
	members: readonly Volunteer[],
	rules: Pick<DrawRules, 'mixWorlds' | 'mixCommunes'>
): 'worlds' | 'communes' | null {
	if (rules.mixWorlds && !mixesWorlds(members)) return 'worlds';
	if (rules.mixCommunes && !mixesCommunes(members)) return 'communes';
	return null;
}

function byId(pool: readonly Volunteer[]): Map<string, Volunteer> {
	const map = new Map<string, Volunteer>();
	for (const v of pool) {
		if (map.has(v.id)) throw new Error(`volunteer ${v.id} twice in the pool`);
		map.set(v.id, v);
	}
	return map;
}

/** Shuffles of the hat tried before a constrained draw says it cannot (documented, audited). */
export const MAX_ATTEMPTS = 10_000;

/**
 * The text whose SHA-256 blocks make the stream of shuffle number `attempt`: the seed itself for
 * the first shuffle (blocks « seed#0 », « seed#1 »…), « seed/k » for the k-th (blocks
 * « seed/2#0 »…). Each shuffle has its own stream, so a shuffle that does not mix is abandoned as
 * soon as one of its groups does not, without reading the rest of its numbers.
 */
export function attemptSeed(seed: string, attempt: number): string {
	return attempt === 1 ? seed : `${seed}/${attempt}`;
}

/** One Fisher–Yates step: position i gets a name drawn among the n − i from i on. */
function step(ids: string[], i: number, stream: SeedStream): void {
	const j = i + stream.below(ids.length - i);
	[ids[i], ids[j]] = [ids[j]!, ids[i]!];
}

function shuffle(ids: string[], stream: SeedStream, from = 0): void {
	for (let i = from; i < ids.length - 1; i++) step(ids, i, stream);
}

/** Steps 1 to 3: the groups. */
export function drawGroups(
	pool: readonly Volunteer[],
	rules: DrawRules,
	seed: string
): DrawResult | DrawFailure {
	if (!validRules(rules)) return { ok: false, reason: 'invalid_rules' };
	const needed = rules.groups * rules.groupSize;
	if (pool.length < needed) {
		return { ok: false, reason: 'pool_too_small', needed, available: pool.length };
	}
	const people = byId(pool);
	// A pool that cannot mix at all is said at once, without shuffling ten thousand times.
	const whole = missingMix(pool, rules);
	if (whole) return { ok: false, reason: 'cannot_mix', constraint: whole, attempts: 0 };
	const canonical = canonicalOrder(pool).map((v) => v.id);
	const size = rules.groupSize;
	const missing = { worlds: 0, communes: 0 };
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		const order = [...canonical];
		const stream = new SeedStream(attemptSeed(seed, attempt));
		// The first i + 1 places of a Fisher–Yates shuffle are final after step i: each group is
		// checked as soon as it is complete, and a shuffle that fails one is dropped there.
		let lacking: 'worlds' | 'communes' | null = null;
		for (let i = 0; i < needed && !lacking; i++) {
			if (i < order.length - 1) step(order, i, stream);
			if ((i + 1) % size === 0) {
				const group = order.slice(i + 1 - size, i + 1).map((id) => people.get(id)!);
				lacking = missingMix(group, rules);
			}
		}
		if (lacking) {
			missing[lacking] += 1;
			continue;
		}
		// Every group mixes: the rest of the shuffle gives the waiting list.
		shuffle(order, stream, needed);
		const groups = Array.from({ length: rules.groups }, (_, g) =>
			order.slice(g * size, (g + 1) * size)
		);
		return { ok: true, order, groups, attempts: attempt, wordsUsed: stream.consumed };
	}
	const constraint = missing.worlds >= missing.communes ? 'worlds' : 'communes';
	return { ok: false, reason: 'cannot_mix', constraint, attempts: MAX_ATTEMPTS };
}

export type AnswerKind = 'confirmed' | 'declined' | 'expired';

export interface Answer {
	actorId: string;
	answer: AnswerKind;
}

export type SeatStatus = 'pending' | 'confirmed';

export interface Seat {
	actorId: string;
	status: SeatStatus;
	/** Index of the answer whose replacement seated this person; -1 when seated by the draw. */
	seatedBy: number;
	/** Who this person replaced, if anyone. */
	replaces: string | null;
}

export interface Replacement {
	/** Index of the answer (decline or silence) that freed the seat. */
	answer: number;
	/** 1-based group number. */
	group: number;
	out: string;
	reason: 'declined' | 'expired';
	/** Null when nobody was left to draw: the seat stays empty. */
	in: string | null;
	/** False when no remaining name could keep the group mixed. */
	keptMix: boolean;
}

export interface DrawState {
	order: string[];
	/** Current members per group (an empty seat is simply absent). */
	groups: Seat[][];
	/** Who left, in order, and why. */
	out: { actorId: string; reason: 'declined' | 'expired'; group: number }[];
	replacements: Replacement[];
	/** Names never seated, in draw order: the next ones to be drawn. */
	reserve: string[];
}

export type AnswerError =
	| { ok: false; reason: 'not_seated'; index: number; actorId: string }
	| { ok: false; reason: 'already_confirmed'; index: number; actorId: string }
	| { ok: false; reason: 'confirmed_cannot_expire'; index: number; actorId: string };

/**
 * Step 4: the draw's state after its answers, replayed in order. The same inputs always give the
 * same state; a person who declined or stayed silent is out for good.
 */
export function replayDraw(
	pool: readonly Volunteer[],
	rules: DrawRules,
	seed: string,
	answers: readonly Answer[]
): (DrawFailure | AnswerError) | { ok: true; state: DrawState } {
	const drawn = drawGroups(pool, rules, seed);
	if (!drawn.ok) return drawn;
	const people = byId(pool);
	const seated = new Set(drawn.groups.flat());
	const state: DrawState = {
		order: drawn.order,
		groups: drawn.groups.map((ids) =>
			ids.map((actorId) => ({ actorId, status: 'pending', seatedBy: -1, replaces: null }))
		),
		out: [],
		replacements: [],
		reserve: drawn.order.filter((id) => !seated.has(id))
	};
	for (let index = 0; index < answers.length; index++) {
		const { actorId, answer } = answers[index]!;
		const g = state.groups.findIndex((seats) => seats.some((s) => s.actorId === actorId));
		if (g < 0) return { ok: false, reason: 'not_seated', index, actorId };
		const seats = state.groups[g]!;
		const seat = seats.find((s) => s.actorId === actorId)!;
		if (answer === 'confirmed') {
			if (seat.status === 'confirmed')
				return { ok: false, reason: 'already_confirmed', index, actorId };
			seat.status = 'confirmed';
			continue;
		}
		if (answer === 'expired' && seat.status === 'confirmed') {
			return { ok: false, reason: 'confirmed_cannot_expire', index, actorId };
		}
		seats.splice(seats.indexOf(seat), 1);
		state.out.push({ actorId, reason: answer, group: g + 1 });
		const stay = seats.map((s) => people.get(s.actorId)!);
		const mixed = (id: string) => missingMix([...stay, people.get(id)!], rules) === null;
		const wantsMix = rules.mixWorlds || rules.mixCommunes;
		let at = wantsMix ? state.reserve.findIndex(mixed) : 0;
		const keptMix = !wantsMix || at >= 0;
		if (at < 0) at = 0;
		const incoming = state.reserve.length > 0 ? state.reserve.splice(at, 1)[0]! : null;
		if (incoming !== null) {
			seats.push({ actorId: incoming, status: 'pending', seatedBy: index, replaces: actorId });
		}
		state.replacements.push({
			answer: index,
			group: g + 1,
			out: actorId,
			reason: answer,
			in: incoming,
			keptMix: incoming !== null && keptMix
		});
	}
	return { ok: true, state };
}
