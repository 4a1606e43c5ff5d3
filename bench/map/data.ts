/**
 * Synthetic actors for the map benchmark: the same seeded FeatureCollection on every machine,
 * spread over the Gard, denser around its towns as real listings are, with properties
 * `{ id, name, kind }`. Both pages (MapLibre and Leaflet) load the very same bytes.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { ACTOR_KINDS, type ActorKind } from '../../src/lib/domain/actor-kinds';
import { Random } from '../../src/lib/domain/demo/prng';

/** `[w, s, e, n]`: the Gard, roughly. */
export const GARD_BBOX: [number, number, number, number] = [3.3, 43.5, 4.8, 44.4];

/** Towns the points gather around: `[lng, lat]`, relative weight, spread in degrees (σ). */
const TOWNS: { centre: [number, number]; weight: number; spread: number }[] = [
	{ centre: [4.36, 43.837], weight: 30, spread: 0.05 }, // Nîmes
	{ centre: [4.081, 44.125], weight: 14, spread: 0.04 }, // Alès
	{ centre: [4.419, 44.012], weight: 6, spread: 0.03 }, // Uzès
	{ centre: [4.619, 44.162], weight: 6, spread: 0.03 }, // Bagnols-sur-Cèze
	{ centre: [4.645, 43.807], weight: 5, spread: 0.025 }, // Beaucaire
	{ centre: [4.092, 43.781], weight: 4, spread: 0.025 }, // Sommières
	{ centre: [3.606, 43.991], weight: 3, spread: 0.025 }, // Le Vigan
	{ centre: [4.65, 44.256], weight: 3, spread: 0.02 }, // Pont-Saint-Esprit
	{ centre: [4.285, 43.592], weight: 3, spread: 0.02 } // Aigues-Mortes
];
/** Share of actors placed around a town; the rest are spread evenly (villages, farms). */
const TOWN_SHARE = 0.65;

const KIND_WEIGHTS: Record<ActorKind, number> = {
	association: 50,
	business: 22,
	cooperative: 6,
	public_body: 8,
	informal_group: 6,
	elected_body: 3,
	other: 5
};

const NAME_WORDS: Record<ActorKind, string> = {
	association: 'Association',
	business: 'Entreprise',
	cooperative: 'Coopérative',
	public_body: 'Service public',
	informal_group: 'Collectif',
	elected_body: 'Conseil',
	other: 'Acteur'
};

export interface BenchActorProps {
	id: string;
	name: string;
	kind: ActorKind;
}
export type BenchActors = FeatureCollection<Point, BenchActorProps>;

function gaussian(random: Random): number {
	// Box–Muller; 1 - next() keeps the logarithm away from 0.
	const u = 1 - random.next();
	const v = random.next();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function inside([lng, lat]: [number, number]): boolean {
	const [w, s, e, n] = GARD_BBOX;
	return lng >= w && lng <= e && lat >= s && lat <= n;
}

function position(random: Random): [number, number] {
	const [w, s, e, n] = GARD_BBOX;
	for (;;) {
		let point: [number, number];
		if (random.chance(TOWN_SHARE)) {
			const town = random.weighted(TOWNS, (t) => t.weight);
			point = [
				town.centre[0] + gaussian(random) * town.spread * 1.4, // a degree of longitude is shorter
				town.centre[1] + gaussian(random) * town.spread
			];
		} else {
			point = [w + random.next() * (e - w), s + random.next() * (n - s)];
		}
		// About 1 m of precision, as the app's GeoJSON endpoints would send.
		point = [Math.round(point[0] * 1e5) / 1e5, Math.round(point[1] * 1e5) / 1e5];
		if (inside(point)) return point;
	}
}

/** `count` actors, the same for the same `count` and `seed`. */
export function syntheticActors(count: number, seed = 5): BenchActors {
	const random = new Random(seed * 1_000_003 + count);
	const features: Feature<Point, BenchActorProps>[] = [];
	for (let i = 0; i < count; i++) {
		const kind = random.weighted(ACTOR_KINDS, (k) => KIND_WEIGHTS[k]);
		features.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: position(random) },
			properties: {
				id: random.uuid(),
				name: `${NAME_WORDS[kind]} ${String(i + 1).padStart(6, '0')}`,
				kind
			}
		});
	}
	return { type: 'FeatureCollection', features };
}

/** `[w, s, e, n]` of the points. */
export function dataBBox(data: BenchActors): [number, number, number, number] {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of data.features) {
		const [lng, lat] = f.geometry.coordinates as [number, number];
		w = Math.min(w, lng);
		s = Math.min(s, lat);
		e = Math.max(e, lng);
		n = Math.max(n, lat);
	}
	return [w, s, e, n];
}

const mercatorX = (lng: number): number => (lng + 180) / 360;
const mercatorY = (lat: number): number => {
	const phi = (lat * Math.PI) / 180;
	return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
};
const unmercatorY = (y: number): number =>
	(Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * The largest whole Leaflet zoom (256 px tiles) at which `bbox` fits in the viewport with
 * `padding` px on each side, and the centre of the box in Web Mercator. MapLibre counts zoom
 * with 512 px tiles, so the same view there is `zoom - 1`: both pages then show exactly the
 * same ground, whereas each library's own fitBounds would round differently.
 */
export function fitView(
	bbox: [number, number, number, number],
	width: number,
	height: number,
	padding: number
): { center: [number, number]; zoom: number } {
	const [w, s, e, n] = bbox;
	const dx = Math.max(mercatorX(e) - mercatorX(w), 1e-9);
	const dy = Math.max(mercatorY(s) - mercatorY(n), 1e-9);
	const zx = Math.log2((width - 2 * padding) / (256 * dx));
	const zy = Math.log2((height - 2 * padding) / (256 * dy));
	const zoom = Math.max(0, Math.floor(Math.min(zx, zy, 18)));
	const center: [number, number] = [(w + e) / 2, unmercatorY((mercatorY(s) + mercatorY(n)) / 2)];
	return { center, zoom };
}
