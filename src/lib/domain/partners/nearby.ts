/**
 * Nearby search for the partner finder (#6): a static k-d tree over the actors' positions
 * (kdbush) queried by great-circle distance (geokdbush), so a query over 100,000 actors visits
 * only the tree nodes near the point instead of measuring every actor (bench/partners.ts).
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';

export type LngLat = [lng: number, lat: number];

export interface NearbyHit {
	/** Index of the point in the array the index was built from. */
	index: number;
	/** Great-circle distance, km. */
	km: number;
}

export class NearbyIndex {
	private readonly tree: KDBush;
	private readonly points: readonly LngLat[];

	constructor(points: readonly LngLat[]) {
		this.points = points;
		this.tree = new KDBush(Math.max(points.length, 1));
		for (const [lng, lat] of points) this.tree.add(lng, lat);
		if (points.length === 0) this.tree.add(0, 90); // kdbush needs one point; never returned
		this.tree.finish();
	}

	/** Points within `radiusKm` of `at`, nearest first (ties: lower index first). */
	within(at: LngLat, radiusKm: number, accept?: (index: number) => boolean): NearbyHit[] {
		if (this.points.length === 0 || !(radiusKm >= 0)) return [];
		const ids = around(this.tree, at[0], at[1], Infinity, radiusKm, accept);
		const hits = ids.map((index) => {
			const [lng, lat] = this.points[index]!;
			return { index, km: distance(at[0], at[1], lng, lat) };
		});
		return hits.sort((a, b) => a.km - b.km || a.index - b.index);
	}
}
