import { describe, expect, it } from 'vitest';
import { buildNetwork } from './build';
import {
	bridgeScores,
	communities,
	degrees,
	neverMeet,
	seededRandom,
	worldMatrix,
	type BridgeScore
} from './metrics';
import { fixtureInput, shuffledFixtureInput } from './test-fixtures';
import type { NetworkActor, NetworkInput, NetworkLink } from './types';

const graph = buildNetwork(fixtureInput());

// Ties (pairs of actors with at least one edge): a–b, a–e, b–e, c–d, c–e, d–e; f has none.
// Worlds: a elu · b amateur associatif · c professionnel · d amateur associatif
//         e associatif professionnel · f lucratif professionnel

describe('degrees', () => {
	it('counts distinct neighbours, not edges', () => {
		// a–b carries partner and co_organised: one neighbour
		expect(Object.fromEntries(degrees(graph))).toEqual({ a: 2, b: 2, c: 2, d: 2, e: 4, f: 0 });
	});
});

describe('worldMatrix', () => {
	it('counts each tie once per pair of worlds its two ends carry', () => {
		// a–b: elu×amateur, elu×associatif
		// a–e: elu×associatif, elu×professionnel
		// b–e: amateur×associatif, amateur×professionnel, associatif×associatif,
		//      associatif×professionnel
		// c–d: professionnel×amateur, professionnel×associatif
		// c–e: professionnel×associatif, professionnel×professionnel
		// d–e: as b–e
		expect(worldMatrix(graph)).toEqual({
			worlds: ['amateur', 'associatif', 'elu', 'lucratif', 'professionnel'],
			actors: [2, 3, 1, 1, 3],
			ties: [
				[0, 2, 1, 0, 3],
				[2, 2, 2, 0, 4],
				[1, 2, 0, 0, 1],
				[0, 0, 0, 0, 0],
				[3, 4, 1, 0, 1]
			]
		});
	});

	it('lists the given worlds first, in that order', () => {
		const matrix = worldMatrix(graph, ['professionnel', 'amateur', 'urbain']);
		expect(matrix.worlds).toEqual(['professionnel', 'amateur', 'associatif', 'elu', 'lucratif']);
		expect(matrix.ties[0]).toEqual([1, 3, 4, 1, 0]);
		expect(matrix.actors).toEqual([3, 2, 3, 1, 1]);
	});
});

describe('neverMeet', () => {
	it('gives the pairs of present worlds with no tie, and who carries both', () => {
		expect(neverMeet(graph, worldMatrix(graph))).toEqual([
			{ a: 'amateur', b: 'lucratif', actorsA: 2, actorsB: 1, actorsBoth: 0 },
			{ a: 'associatif', b: 'lucratif', actorsA: 3, actorsB: 1, actorsBoth: 0 },
			{ a: 'elu', b: 'lucratif', actorsA: 1, actorsB: 1, actorsBoth: 0 },
			// the brewery is both, but tied to nobody
			{ a: 'lucratif', b: 'professionnel', actorsA: 1, actorsB: 3, actorsBoth: 1 }
		]);
	});
});

describe('bridgeScores', () => {
	const scores = bridgeScores(graph, worldMatrix(graph));
	const pairs = (s: BridgeScore) => s.pairs.map((p) => `${p.a}–${p.b}:${p.otherTies}`);

	it('scores e, the tiers-lieu between the two groups, highest', () => {
		// e (associatif, professionnel); neighbours a elu, b amateur associatif, c professionnel,
		// d amateur associatif. Other ties = matrix − e's own ties spanning the pair:
		//   amateur–associatif 2 − (b, d) = 0 → 1      elu–professionnel 1 − (a) = 0 → 1
		//   amateur–elu 1 − 0 (a and b, e carries neither) = 1 → 1/2
		//   amateur–professionnel 3 − (b, d) = 1 → 1/2     associatif–elu 2 − (a) = 1 → 1/2
		//   associatif–professionnel 4 − (b, c, d) = 1 → 1/2
		const e = scores.get('e')!;
		expect(e.score).toBeCloseTo(4, 10);
		expect(pairs(e)).toEqual([
			'amateur–associatif:0',
			'elu–professionnel:0',
			'amateur–elu:1',
			'amateur–professionnel:1',
			'associatif–elu:1',
			'associatif–professionnel:1'
		]);
		expect(e.foreignWorlds).toEqual(['amateur', 'elu']);
	});

	it('scores the others by hand', () => {
		// a (elu): amateur–elu 1−1=0, associatif–elu 2−2=0, elu–professionnel 1−1=0,
		// amateur–associatif 2−0=2 (b and e, a carries neither): 1+1+1+1/3;
		// amateur–professionnel (3) and associatif–professionnel (4) are not weak.
		expect(scores.get('a')!.score).toBeCloseTo(3 + 1 / 3, 10);
		expect(pairs(scores.get('a')!)).toEqual([
			'amateur–elu:0',
			'associatif–elu:0',
			'elu–professionnel:0',
			'amateur–associatif:2'
		]);
		expect(scores.get('a')!.foreignWorlds).toEqual(['amateur', 'associatif', 'professionnel']);
		// b (amateur, associatif), neighbours a, e: amateur–elu 0 → 1; amateur–associatif 2−1,
		// associatif–elu 2−1, elu–professionnel 1−0 → 1/2 each; amateur–professionnel 3−1 → 1/3.
		expect(scores.get('b')!.score).toBeCloseTo(1 + 3 / 2 + 1 / 3, 10);
		// c (professionnel), neighbours d, e: the three pairs have 2 other ties each.
		expect(scores.get('c')!.score).toBeCloseTo(1, 10);
		// d (amateur, associatif), neighbours c, e: 2−1, 3−2 → 1/2 each; associatif–prof. 4−2.
		expect(scores.get('d')!.score).toBeCloseTo(4 / 3, 10);
		// f has no tie: one actor carrying two worlds joins nothing.
		expect(scores.get('f')).toEqual({ id: 'f', score: 0, pairs: [], foreignWorlds: [] });
	});

	it('leaves out the pairs above weakTies', () => {
		const strict = bridgeScores(graph, worldMatrix(graph), { weakTies: 0 });
		expect(strict.get('e')!.score).toBe(2);
		expect(strict.get('c')!.score).toBe(0);
		expect(strict.get('d')!.score).toBe(0);
	});
});

/** A planted partition: groups of actors tied densely inside, sparsely across. */
function plantedInput(seed: number, groups: number, size: number): NetworkInput {
	const random = seededRandom(seed);
	const actors: NetworkActor[] = [];
	for (let g = 0; g < groups; g++) {
		for (let i = 0; i < size; i++) {
			actors.push({
				id: `g${g}-${String(i).padStart(2, '0')}`,
				name: `Acteur ${g}.${i}`,
				kind: 'association',
				worlds: [],
				communeCode: null
			});
		}
	}
	const links: NetworkLink[] = [];
	for (const x of actors) {
		for (const y of actors) {
			if (x.id >= y.id) continue;
			const same = x.id.split('-')[0] === y.id.split('-')[0];
			if (random() < (same ? 0.4 : 0.01)) links.push({ from: x.id, to: y.id, kind: 'partner' });
		}
	}
	return { actors, links, participations: [] };
}

describe('communities', () => {
	it('finds the two groups of the fixture and leaves the isolated actor out', () => {
		expect(Object.fromEntries(communities(graph))).toEqual({
			a: 0,
			b: 0,
			e: 0,
			c: 1,
			d: 1,
			f: null
		});
	});

	it('gives the same partition for the same seed, whatever the order of the rows', () => {
		const input = plantedInput(5, 6, 20);
		const first = communities(buildNetwork(input), { seed: 3 });
		const again = communities(buildNetwork(input), { seed: 3 });
		const reversed = communities(
			buildNetwork({
				...input,
				actors: [...input.actors].reverse(),
				links: [...input.links].reverse()
			}),
			{ seed: 3 }
		);
		expect([...again]).toEqual([...first]);
		expect(Object.fromEntries(reversed)).toEqual(Object.fromEntries(first));
		// the planted groups are found: one community per group
		const byGroup = new Map<string, Set<number | null>>();
		for (const [id, c] of first) {
			const group = id.split('-')[0]!;
			byGroup.set(group, (byGroup.get(group) ?? new Set()).add(c));
		}
		expect([...byGroup.values()].map((s) => s.size)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(new Set(first.values()).size).toBe(6);
		expect(
			Object.fromEntries(communities(buildNetwork(shuffledFixtureInput()), { seed: 3 }))
		).toEqual(Object.fromEntries(communities(graph, { seed: 3 })));
	});

	it('uses the seed: on a graph with no clear groups, seeds may differ', () => {
		const random = seededRandom(9);
		const actors: NetworkActor[] = Array.from({ length: 120 }, (_, i) => ({
			id: `n${String(i).padStart(3, '0')}`,
			name: `N${i}`,
			kind: 'other',
			worlds: [],
			communeCode: null
		}));
		const links: NetworkLink[] = [];
		for (const x of actors) {
			for (const y of actors) {
				if (x.id < y.id && random() < 0.05) links.push({ from: x.id, to: y.id, kind: 'partner' });
			}
		}
		const noisy = buildNetwork({ actors, links, participations: [] });
		const partitions = new Set(
			[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify([...communities(noisy, { seed })]))
		);
		expect(partitions.size).toBeGreaterThan(1);
		for (const seed of [1, 2]) {
			expect(JSON.stringify([...communities(noisy, { seed })])).toBe(
				JSON.stringify([...communities(noisy, { seed })])
			);
		}
	});
});
