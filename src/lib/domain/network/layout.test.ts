import { describe, expect, it } from 'vitest';
import { communityLayout, type LayoutNode, type Point } from './layout';
import { seededRandom } from './metrics';

function nodesFor(sizes: readonly number[], loose: number): LayoutNode[] {
	const random = seededRandom(4);
	const nodes: LayoutNode[] = [];
	sizes.forEach((size, community) => {
		for (let i = 0; i < size; i++) {
			nodes.push({ id: `c${community}-${i}`, community, degree: Math.floor(random() * 9) + 1 });
		}
	});
	for (let i = 0; i < loose; i++) nodes.push({ id: `loose-${i}`, community: null, degree: 0 });
	return nodes;
}

const distance = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

function closest(nodes: readonly LayoutNode[], positions: Map<string, Point>) {
	let inside = Infinity;
	let across = Infinity;
	for (let i = 0; i < nodes.length; i++) {
		for (let j = i + 1; j < nodes.length; j++) {
			const a = nodes[i]!;
			const b = nodes[j]!;
			const d = distance(positions.get(a.id)!, positions.get(b.id)!);
			if (a.community !== null && a.community === b.community) inside = Math.min(inside, d);
			else across = Math.min(across, d);
		}
	}
	return { inside, across };
}

describe('communityLayout', () => {
	it.each([
		['mixed sizes', [120, 40, 40, 13, 7, 5, 3, 2, 2, 2], 30],
		['many pairs', Array.from({ length: 40 }, () => 2), 5],
		['one big group and a pair', [300, 2], 0],
		['no tie at all', [], 12]
	])('places every actor apart, each community on its own disc (%s)', (_, sizes, loose) => {
		const nodes = nodesFor(sizes, loose);
		const positions = communityLayout(nodes);
		expect(positions.size).toBe(nodes.length);
		const { inside, across } = closest(nodes, positions);
		// unit spacing inside a disc; a gap of at least 1 between discs
		expect(inside).toBeGreaterThan(0.9);
		expect(across).toBeGreaterThanOrEqual(1);
	});

	it('is the same for the same nodes in any order, the most connected at the centre', () => {
		const nodes = nodesFor([10, 4], 2);
		const a = communityLayout(nodes);
		const b = communityLayout([...nodes].reverse());
		expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
		const big = nodes.filter((n) => n.community === 0);
		const hub = [...big].sort((x, y) => y.degree - x.degree || (x.id < y.id ? -1 : 1))[0]!;
		const centre = {
			x: big.reduce((s, n) => s + a.get(n.id)!.x, 0) / big.length,
			y: big.reduce((s, n) => s + a.get(n.id)!.y, 0) / big.length
		};
		const nearest = [...big].sort(
			(x, y) => distance(a.get(x.id)!, centre) - distance(a.get(y.id)!, centre)
		)[0]!;
		expect(nearest.id).toBe(hub.id);
		// the largest community sits around the origin
		expect(distance(a.get(hub.id)!, { x: 0, y: 0 })).toBeLessThan(1);
	});
});
