/**
 * A deterministic first layout, so that the page can draw at once (a force layout may refine it
 * later in the browser): each community is a disc, its actors set on a sunflower spiral with the
 * most connected at the centre; the discs are packed on rings around the largest one, the
 * larger communities nearer the centre; actors with no tie come last, each as a disc of one.
 *
 * Unit: the distance between two neighbouring actors in a disc is about 1; coordinates are
 * rounded to 1/1000. Discs never overlap (the angle each takes on its ring has a 12 % margin
 * over its arc, enough while that angle stays under π/2, which the ring radii guarantee).
 */

export interface Point {
	x: number;
	y: number;
}

export interface LayoutNode {
	id: string;
	/** null: no tie. */
	community: number | null;
	degree: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Space between two discs. */
const GAP = 1;
/** chord ≥ 0.9 × arc while the angle is under π/2: 1 / 0.9. */
const ARC_MARGIN = 1.12;

const round = (value: number) => Math.round(value * 1000) / 1000 || 0;

/** Radius of the disc holding `size` actors on a sunflower spiral of unit spacing. */
export function discRadius(size: number): number {
	return Math.sqrt(size) + 0.5;
}

interface Slot {
	members: string[];
	radius: number;
	centre: Point;
}

export function communityLayout(nodes: readonly LayoutNode[]): Map<string, Point> {
	const groups = new Map<number, LayoutNode[]>();
	const loose: LayoutNode[] = [];
	for (const node of nodes) {
		if (node.community === null) loose.push(node);
		else {
			const group = groups.get(node.community);
			if (group) group.push(node);
			else groups.set(node.community, [node]);
		}
	}
	const byDegree = (a: LayoutNode, b: LayoutNode) =>
		b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const slots: Slot[] = [
		...[...groups.entries()]
			.sort(([a, ga], [b, gb]) => gb.length - ga.length || a - b)
			.map(([, group]) => group.sort(byDegree).map((n) => n.id)),
		...[...loose].sort(byDegree).map((n) => [n.id])
	].map((members) => ({ members, radius: discRadius(members.length), centre: { x: 0, y: 0 } }));

	// Rings: the first slot at the centre, then as many slots per ring as fit around.
	let outer = slots[0]?.radius ?? 0;
	let next = 1;
	while (next < slots.length) {
		const ringRadius = outer + GAP + slots[next]!.radius;
		const widths: number[] = [];
		let used = 0;
		while (next + widths.length < slots.length) {
			const slot = slots[next + widths.length]!;
			const width = (ARC_MARGIN * (2 * slot.radius + GAP)) / ringRadius;
			if (widths.length > 0 && used + width > 2 * Math.PI) break;
			widths.push(width);
			used += width;
		}
		// Spread over the whole ring when it is not full (a single width is under 2π: see above).
		const stretch = (2 * Math.PI) / used;
		let angle = 0;
		widths.forEach((width, k) => {
			const theta = angle + (width * stretch) / 2;
			slots[next + k]!.centre = {
				x: ringRadius * Math.cos(theta),
				y: ringRadius * Math.sin(theta)
			};
			angle += width * stretch;
		});
		outer = ringRadius + slots[next]!.radius;
		next += widths.length;
	}

	const out = new Map<string, Point>();
	for (const slot of slots) {
		slot.members.forEach((id, j) => {
			const r = slot.members.length === 1 ? 0 : Math.sqrt(j + 0.5);
			out.set(id, {
				x: round(slot.centre.x + r * Math.cos(j * GOLDEN_ANGLE)),
				y: round(slot.centre.y + r * Math.sin(j * GOLDEN_ANGLE))
			});
		});
	}
	return out;
}
