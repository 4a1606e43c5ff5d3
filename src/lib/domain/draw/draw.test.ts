import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	attemptSeed,
	canonicalOrder,
	drawGroups,
	drawOrder,
	MAX_ATTEMPTS,
	missingMix,
	mixesCommunes,
	mixesWorlds,
	replayDraw,
	type Answer,
	type DrawRules,
	type Volunteer
} from './draw';
import { sha256Hex } from './sha256';
import { SeedStream } from './stream';

const UZES = '30334';
const MOUSSAC = '30184';
const LUSSAN = '30151';

function volunteers(n: number, make: (i: number) => Partial<Volunteer> = () => ({})): Volunteer[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `v${String(i).padStart(3, '0')}`,
		name: `Volontaire ${i}`,
		worlds: [],
		commune: null,
		...make(i)
	}));
}

const plain: DrawRules = { groups: 2, groupSize: 3, mixWorlds: false, mixCommunes: false };

describe('sha256', () => {
	it('matches node:crypto, including multi-block and non-ASCII text', () => {
		for (const text of [
			'',
			'abc',
			'Tirage du 1er décembre 2026 — 4 8 15 16 23 42#0',
			'x'.repeat(200)
		]) {
			expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		}
	});
});

describe('the seed stream', () => {
	it('reads the words of SHA-256(seed#0), then SHA-256(seed#1)', () => {
		const stream = new SeedStream('graine');
		const words = Array.from({ length: 9 }, () => stream.word());
		const block0 = createHash('sha256').update('graine#0').digest();
		const block1 = createHash('sha256').update('graine#1').digest();
		expect(words.slice(0, 8)).toEqual(
			Array.from({ length: 8 }, (_, i) => block0.readUInt32BE(i * 4))
		);
		expect(words[8]).toBe(block1.readUInt32BE(0));
	});

	it('below(n) stays in range and below(1) reads nothing', () => {
		const stream = new SeedStream('s');
		for (let i = 0; i < 200; i++) {
			const n = 1 + (i % 17);
			const v = stream.below(n);
			expect(v).toBeGreaterThanOrEqual(0);
			expect(v).toBeLessThan(n);
		}
		const fresh = new SeedStream('s');
		expect(fresh.below(1)).toBe(0);
		expect(fresh.consumed).toBe(0);
		expect(() => fresh.below(0)).toThrow(RangeError);
	});

	it('below(n) skips a word at or above 2³² − (2³² mod n), and takes the next one', () => {
		// n = 3·2³⁰: the limit is 3·2³⁰ too, so a quarter of the words are skipped.
		const n = 3 * 2 ** 30;
		const drawn = new SeedStream('rejet');
		const raw = new SeedStream('rejet');
		let skipped = 0;
		for (let i = 0; i < 200; i++) {
			let u = raw.word();
			while (u >= n) {
				skipped += 1;
				u = raw.word();
			}
			expect(drawn.below(n)).toBe(u % n);
			expect(drawn.consumed).toBe(raw.consumed);
		}
		// 200 draws at a quarter each: about 67 skipped words (none at all: chance 0.75²⁰⁰).
		expect(skipped).toBeGreaterThan(20);
	});
});

describe('the draw', () => {
	const pool = volunteers(10);

	it('is reproducible: the same pool, rules and seed give the same groups, whatever the pool order', () => {
		const a = drawGroups(pool, plain, 'Loto 2026-12-01 7 12 23 34 41');
		const b = drawGroups([...pool].reverse(), plain, 'Loto 2026-12-01 7 12 23 34 41');
		expect(a.ok && b.ok).toBe(true);
		expect(b).toEqual(a);
	});

	it('changes with the seed', () => {
		const a = drawGroups(pool, plain, 'seed A');
		const b = drawGroups(pool, plain, 'seed B');
		if (!a.ok || !b.ok) throw new Error('draw failed');
		expect(a.order).not.toEqual(b.order);
	});

	it('is the documented Fisher–Yates shuffle of the ids in code-point order', () => {
		// Recomputed here by hand from node:crypto, following the algorithm's description.
		const ids = canonicalOrder(pool).map((v) => v.id);
		const words: number[] = [];
		for (let block = 0; words.length < 64; block++) {
			const digest = createHash('sha256').update(`le hasard#${block}`).digest();
			for (let i = 0; i < 8; i++) words.push(digest.readUInt32BE(i * 4));
		}
		let w = 0;
		for (let i = 0; i < ids.length - 1; i++) {
			const n = ids.length - i;
			const limit = 2 ** 32 - (2 ** 32 % n);
			let u = words[w++]!;
			while (u >= limit) u = words[w++]!;
			const j = i + (u % n);
			[ids[i], ids[j]] = [ids[j]!, ids[i]!];
		}
		expect(drawOrder(pool, 'le hasard').order).toEqual(ids);
	});

	it('fills N groups of K from the head of the draw order, nobody twice', () => {
		const result = drawGroups(pool, { ...plain, groups: 3, groupSize: 3 }, 'x');
		if (!result.ok) throw new Error('draw failed');
		expect(result.attempts).toBe(1);
		expect(result.groups).toEqual([
			result.order.slice(0, 3),
			result.order.slice(3, 6),
			result.order.slice(6, 9)
		]);
	});

	it('says the pool is too small, and refuses rules that make no sense', () => {
		expect(drawGroups(pool, { ...plain, groups: 4, groupSize: 3 }, 'x')).toEqual({
			ok: false,
			reason: 'pool_too_small',
			needed: 12,
			available: 10
		});
		expect(drawGroups(pool, { ...plain, groups: 0 }, 'x')).toEqual({
			ok: false,
			reason: 'invalid_rules'
		});
		expect(drawGroups(pool, { ...plain, groupSize: 1, mixWorlds: true }, 'x')).toMatchObject({
			reason: 'invalid_rules'
		});
	});
});

describe('mixing', () => {
	const pro = { worlds: ['professionnel'] };
	const amateur = { worlds: ['amateur'] };

	it('a group mixes worlds when two members stand on the two ends of a pair', () => {
		let n = 0;
		const v = (worlds: string[]) => ({ id: `v${n++}`, name: 'x', worlds, commune: null });
		expect(mixesWorlds([v(['professionnel']), v(['professionnel'])])).toBe(false);
		expect(mixesWorlds([v(['professionnel']), v(['amateur'])])).toBe(true);
		expect(mixesWorlds([v(['rural', 'elu']), v(['urbain']), v(['rural'])])).toBe(true);
		expect(mixesWorlds([v(['professionnel', 'rural']), v(['rural', 'professionnel'])])).toBe(false);
		// Different worlds of different pairs, or a pair left unanswered, are not a mix.
		expect(mixesWorlds([v(['professionnel', 'rural']), v(['professionnel'])])).toBe(false);
		expect(mixesWorlds([v(['professionnel']), v(['rural'])])).toBe(false);
		expect(mixesWorlds([v(['professionnel']), v([])])).toBe(false);
		// Nor worlds outside the pairs, nor one actor carrying both ends.
		expect(mixesWorlds([v(['culture']), v(['sport'])])).toBe(false);
		expect(mixesWorlds([v(['professionnel', 'amateur']), v([])])).toBe(false);
		expect(mixesWorlds([v(['professionnel', 'amateur']), v(['amateur'])])).toBe(true);
	});

	it('a group mixes communes when it spans two known communes', () => {
		const v = (commune: string | null) => ({ id: 'x', name: 'x', worlds: [], commune });
		expect(mixesCommunes([v(UZES), v(UZES)])).toBe(false);
		expect(mixesCommunes([v(UZES), v(null)])).toBe(false);
		expect(mixesCommunes([v(UZES), v(MOUSSAC)])).toBe(true);
	});

	it('shuffle k is the full shuffle of « seed/k »; the first one whose groups all mix is kept', () => {
		// One amateur in three: with two groups of three mixing worlds, many first shuffles fail.
		const mixedPool = volunteers(12, (i) => ({ worlds: [i % 3 ? 'professionnel' : 'amateur'] }));
		const rules: DrawRules = { groups: 2, groupSize: 3, mixWorlds: true, mixCommunes: false };
		const people = new Map(mixedPool.map((p) => [p.id, p]));
		const mixes = (order: string[]) =>
			[order.slice(0, 3), order.slice(3, 6)].every((g) =>
				mixesWorlds(g.map((id) => people.get(id)!))
			);
		let later = 0;
		for (let s = 0; s < 50; s++) {
			const seed = `essais ${s}`;
			const result = drawGroups(mixedPool, rules, seed);
			if (!result.ok) throw new Error('draw failed');
			expect(attemptSeed(seed, 1)).toBe(seed);
			for (let k = 1; k < result.attempts; k++) {
				expect(mixes(drawOrder(mixedPool, attemptSeed(seed, k)).order)).toBe(false);
			}
			// Not the continuation of one stream: shuffle k reads « seed/k#0 », « seed/k#1 »…
			const kept = drawOrder(mixedPool, attemptSeed(seed, result.attempts));
			expect(result.order).toEqual(kept.order);
			expect(result.wordsUsed).toBe(kept.words);
			if (result.attempts > 1)
				expect(attemptSeed(seed, result.attempts)).toBe(`${seed}/${result.attempts}`);
			if (result.attempts > 1) later += 1;
		}
		// The rule was exercised: some draws kept a later shuffle.
		expect(later).toBeGreaterThan(5);
	});

	it('every group of a constrained draw mixes, for many seeds', () => {
		// Two in ten are amateurs, three in ten are from Moussac: plain draws often fail to mix.
		const pool = volunteers(20, (i) => ({
			...(i % 5 === 0 ? amateur : pro),
			commune: i % 3 === 0 ? MOUSSAC : UZES
		}));
		const rules: DrawRules = { groups: 4, groupSize: 3, mixWorlds: true, mixCommunes: true };
		let unmixedPlain = 0;
		for (let s = 0; s < 200; s++) {
			const result = drawGroups(pool, rules, `seed ${s}`);
			if (!result.ok) throw new Error(`seed ${s}: ${JSON.stringify(result)}`);
			const people = new Map(pool.map((p) => [p.id, p]));
			for (const group of result.groups) {
				expect(group).toHaveLength(3);
				expect(
					missingMix(
						group.map((id) => people.get(id)!),
						rules
					)
				).toBeNull();
			}
			expect(new Set(result.groups.flat()).size).toBe(12);
			const plainDraw = drawGroups(
				pool,
				{ ...rules, mixWorlds: false, mixCommunes: false },
				`seed ${s}`
			);
			if (
				plainDraw.ok &&
				plainDraw.groups.some((g) =>
					missingMix(
						g.map((id) => people.get(id)!),
						rules
					)
				)
			) {
				unmixedPlain += 1;
			}
		}
		// The constraint did something: without it, most of these draws have a group that does not mix.
		expect(unmixedPlain).toBeGreaterThan(100);
	});

	it('says it cannot when the pool cannot mix, naming the group and the constraint', () => {
		const allPro = volunteers(8, () => ({ ...pro, commune: UZES }));
		expect(drawGroups(allPro, { ...plain, mixWorlds: true }, 's')).toEqual({
			ok: false,
			reason: 'cannot_mix',
			constraint: 'worlds',
			attempts: 0
		});
		// One amateur only: one group can mix, never both; said after every shuffle was tried.
		const oneAmateur = volunteers(8, (i) => ({ ...(i === 4 ? amateur : pro), commune: LUSSAN }));
		expect(drawGroups(oneAmateur, { ...plain, mixWorlds: true }, 's')).toEqual({
			ok: false,
			reason: 'cannot_mix',
			constraint: 'worlds',
			attempts: MAX_ATTEMPTS
		});
		const mixedWorldsOneCommune = volunteers(8, (i) => ({
			...(i % 2 ? amateur : pro),
			commune: LUSSAN
		}));
		expect(
			drawGroups(mixedWorldsOneCommune, { ...plain, mixWorlds: true, mixCommunes: true }, 's')
		).toEqual({ ok: false, reason: 'cannot_mix', constraint: 'communes', attempts: 0 });
	});
});

describe('replacements', () => {
	const pool = volunteers(12);
	const seed = 'Tirage public du 24 novembre';

	function state(answers: Answer[], rules = plain) {
		const result = replayDraw(pool, rules, seed, answers);
		if (!result.ok) throw new Error(JSON.stringify(result));
		return result.state;
	}

	it('gives a declined seat to the first name of the draw order never seated, and logs it', () => {
		const initial = state([]);
		const leaving = initial.groups[1]![0]!.actorId;
		const after = state([{ actorId: leaving, answer: 'declined' }]);
		expect(after.replacements).toEqual([
			{
				answer: 0,
				group: 2,
				out: leaving,
				reason: 'declined',
				in: initial.reserve[0],
				keptMix: true
			}
		]);
		expect(after.groups[1]!.map((s) => s.actorId)).toContain(initial.reserve[0]);
		expect(after.groups[1]!.find((s) => s.actorId === initial.reserve[0])).toMatchObject({
			status: 'pending',
			seatedBy: 0,
			replaces: leaving
		});
		expect(after.reserve).toEqual(initial.reserve.slice(1));
	});

	it('never draws again someone who declined or stayed silent, even after many declines', () => {
		let answers: Answer[] = [];
		const gone = new Set<string>();
		for (let round = 0; round < 6; round++) {
			const current = state(answers);
			const leaving = current.groups[round % 2]![0]!.actorId;
			gone.add(leaving);
			answers = [...answers, { actorId: leaving, answer: round % 2 ? 'declined' : 'expired' }];
			const next = state(answers);
			const seatedNow = next.groups.flat().map((s) => s.actorId);
			for (const id of gone) {
				expect(seatedNow).not.toContain(id);
				expect(next.reserve).not.toContain(id);
			}
		}
		// 12 volunteers, 6 seats, 6 left: the reserve is empty, the next seat freed stays empty.
		const last = state(answers);
		expect(last.reserve).toEqual([]);
		const leaving = last.groups[0]![0]!.actorId;
		const emptied = state([...answers, { actorId: leaving, answer: 'declined' }]);
		expect(emptied.replacements.at(-1)).toMatchObject({ out: leaving, in: null, keptMix: false });
		expect(emptied.groups[0]).toHaveLength(2);
	});

	it('refuses an answer from someone not seated, and silence after a confirmation', () => {
		const initial = state([]);
		const reserve = initial.reserve[0]!;
		expect(replayDraw(pool, plain, seed, [{ actorId: reserve, answer: 'declined' }])).toEqual({
			ok: false,
			reason: 'not_seated',
			index: 0,
			actorId: reserve
		});
		const seated = initial.groups[0]![0]!.actorId;
		expect(
			replayDraw(pool, plain, seed, [
				{ actorId: seated, answer: 'confirmed' },
				{ actorId: seated, answer: 'expired' }
			])
		).toMatchObject({ ok: false, reason: 'confirmed_cannot_expire', index: 1 });
		// A confirmed person may still withdraw.
		const withdrawn = state([
			{ actorId: seated, answer: 'confirmed' },
			{ actorId: seated, answer: 'declined' }
		]);
		expect(withdrawn.out).toEqual([{ actorId: seated, reason: 'declined', group: 1 }]);
	});

	it('keeps a group mixed when a remaining name can, else says the mix was lost', () => {
		// Worlds: index 0 and 1 amateur, the rest professional.
		const mixedPool = volunteers(12, (i) => ({ worlds: [i < 3 ? 'amateur' : 'professionnel'] }));
		const rules: DrawRules = { groups: 2, groupSize: 3, mixWorlds: true, mixCommunes: false };
		const run = (answers: Answer[]) => {
			const r = replayDraw(mixedPool, rules, seed, answers);
			if (!r.ok) throw new Error(JSON.stringify(r));
			return r.state;
		};
		const people = new Map(mixedPool.map((p) => [p.id, p]));
		const isAmateur = (id: string) => people.get(id)!.worlds[0] === 'amateur';
		const initial = run([]);
		const withAmateur = initial.groups.findIndex(
			(g) => g.filter((s) => isAmateur(s.actorId)).length === 1
		);
		expect(withAmateur).toBeGreaterThanOrEqual(0);
		const amateurSeat = initial.groups[withAmateur]!.find((s) => isAmateur(s.actorId))!;
		const spare = initial.reserve.filter(isAmateur);
		const after = run([{ actorId: amateurSeat.actorId, answer: 'declined' }]);
		const replacement = after.replacements[0];
		if (spare.length > 0) {
			// The first amateur left in the reserve takes the seat, even if others come before.
			expect(replacement).toMatchObject({ in: spare[0], keptMix: true });
		} else {
			expect(replacement).toMatchObject({ in: initial.reserve[0], keptMix: false });
		}
	});
});

describe('fairness', () => {
	it('over many seeds, every volunteer has the same chance of being drawn, and of being drawn first', () => {
		const pool = volunteers(12);
		const rules: DrawRules = { groups: 2, groupSize: 3, mixWorlds: false, mixCommunes: false };
		const runs = 4000;
		const drawn = new Map(pool.map((v) => [v.id, 0]));
		const first = new Map(pool.map((v) => [v.id, 0]));
		const together = new Map<string, number>();
		for (let s = 0; s < runs; s++) {
			const result = drawGroups(pool, rules, `équité ${s}`);
			if (!result.ok) throw new Error('draw failed');
			for (const id of result.groups.flat()) drawn.set(id, drawn.get(id)! + 1);
			const head = result.order[0]!;
			first.set(head, first.get(head)! + 1);
			const g = result.groups[0]!;
			const key = [g[0]!, g[1]!].sort().join('+');
			together.set(key, (together.get(key) ?? 0) + 1);
		}
		// Expected 6/12 = 0.5 (σ ≈ 0.008 over 4000 runs) and 1/12 ≈ 0.083 (σ ≈ 0.0044): 5σ tolerance.
		for (const [, count] of drawn) expect(Math.abs(count / runs - 0.5)).toBeLessThan(0.04);
		for (const [, count] of first) expect(Math.abs(count / runs - 1 / 12)).toBeLessThan(0.022);
		// The first two seats are an unordered pair among 66, each about equally often (≈ 61 times).
		expect(together.size).toBe(66);
		for (const [, count] of together) {
			expect(count).toBeGreaterThan(25);
			expect(count).toBeLessThan(110);
		}
	});

	/** Pearson's χ² of observed counts against equal expected counts. */
	const chiSquare = (counts: readonly number[], total: number) => {
		const expected = total / counts.length;
		return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
	};

	it('every volunteer is as likely at every place of the draw order (χ² over the whole matrix)', () => {
		const pool = volunteers(6);
		const runs = 3000;
		const at = pool.map(() => pool.map(() => 0));
		const index = new Map(pool.map((v, i) => [v.id, i]));
		for (let s = 0; s < runs; s++) {
			const { order } = drawOrder(pool, `places ${s}`);
			order.forEach((id, place) => (at[index.get(id)!]![place]! += 1));
		}
		// 36 cells, 25 degrees of freedom: 52.6 is the 0.1 % critical value.
		expect(chiSquare(at.flat(), runs * 6)).toBeLessThan(52.6);
	});

	it('all 720 orders of six names come out about equally often (χ², 719 degrees of freedom)', () => {
		const pool = volunteers(6);
		const runs = 14_400;
		const seen = new Map<string, number>();
		for (let s = 0; s < runs; s++) {
			const key = drawOrder(pool, `ordres ${s}`).order.join(',');
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		expect(seen.size).toBe(720);
		// 849 is the 0.1 % critical value for 719 degrees of freedom.
		expect(chiSquare([...seen.values()], runs)).toBeLessThan(849);
	});

	it('with a mix asked, every arrangement that mixes comes out equally often, and only those', () => {
		// Two amateurs, two professionals, two groups of two mixing the worlds: 16 of the 24 orders
		// put an amateur and a professional in each group.
		const pool = volunteers(4, (i) => ({ worlds: [i < 2 ? 'amateur' : 'professionnel'] }));
		const rules: DrawRules = { groups: 2, groupSize: 2, mixWorlds: true, mixCommunes: false };
		const runs = 8000;
		const seen = new Map<string, number>();
		for (let s = 0; s < runs; s++) {
			const result = drawGroups(pool, rules, `arrangements ${s}`);
			if (!result.ok) throw new Error('draw failed');
			for (const group of result.groups) {
				expect(mixesWorlds(group.map((id) => pool.find((v) => v.id === id)!))).toBe(true);
			}
			const key = result.order.join(',');
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		expect(seen.size).toBe(16);
		// 15 degrees of freedom: 37.7 is the 0.1 % critical value.
		expect(chiSquare([...seen.values()], runs)).toBeLessThan(37.7);
	});

	it('with « mix the worlds », volunteers alike still have the same chance as each other', () => {
		// Three amateurs among twelve: each group needs one, so amateurs are drawn more often than
		// professionals — but every amateur as often as every other, and likewise professionals.
		const pool = volunteers(12, (i) => ({ worlds: [i % 4 === 1 ? 'amateur' : 'professionnel'] }));
		const rules: DrawRules = { groups: 2, groupSize: 3, mixWorlds: true, mixCommunes: false };
		const runs = 2000;
		const drawn = new Map(pool.map((v) => [v.id, 0]));
		for (let s = 0; s < runs; s++) {
			const result = drawGroups(pool, rules, `mélange ${s}`);
			if (!result.ok) throw new Error('draw failed');
			for (const id of result.groups.flat()) drawn.set(id, drawn.get(id)! + 1);
		}
		const share = (amateur: boolean) =>
			pool
				.filter((v) => (v.worlds[0] === 'amateur') === amateur)
				.map((v) => drawn.get(v.id)! / runs);
		const amateurs = share(true);
		const pros = share(false);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		// Both groups need an amateur, so two or three of the three are drawn each time.
		expect(mean(amateurs)).toBeGreaterThan(mean(pros));
		for (const p of amateurs) expect(Math.abs(p - mean(amateurs))).toBeLessThan(0.05);
		for (const p of pros) expect(Math.abs(p - mean(pros))).toBeLessThan(0.05);
	});

	it('the replacement is any reserve name with the same chance', () => {
		const pool = volunteers(8);
		const rules: DrawRules = { groups: 1, groupSize: 2, mixWorlds: false, mixCommunes: false };
		const runs = 3000;
		const incoming = new Map<string, number>();
		for (let s = 0; s < runs; s++) {
			const seed = `remplaçant ${s}`;
			const drawn = drawGroups(pool, rules, seed);
			if (!drawn.ok) throw new Error('draw failed');
			const replayed = replayDraw(pool, rules, seed, [
				{ actorId: drawn.groups[0]![0]!, answer: 'declined' }
			]);
			if (!replayed.ok) throw new Error('replay failed');
			const who = replayed.state.replacements[0]!.in!;
			incoming.set(who, (incoming.get(who) ?? 0) + 1);
		}
		// Six in reserve each time, and over many seeds all eight volunteers come in ≈ 6/8 × 1/6 = 1/8.
		expect(incoming.size).toBe(8);
		for (const [, count] of incoming) expect(Math.abs(count / runs - 1 / 8)).toBeLessThan(0.035);
	});
});
