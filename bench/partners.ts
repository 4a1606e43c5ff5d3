/**
 * Partner search over 100,000 actors (#6): the nearby index (kdbush k-d tree + geokdbush
 * great-circle search, src/lib/domain/partners/nearby.ts) against a Turf linear scan (the
 * distance from the point to every actor with @turf/distance, kept when within the radius, then
 * sorted), per query, on the same synthetic actors as the map benchmark. Both must return the
 * same actors in the same order (checked on every query). Also the whole ranking
 * (PartnerFinder.find: search + scores + sort).
 *
 * Alone: `node --import tsx bench/partners.ts`.
 */
import turfDistance from '@turf/distance';
import { point } from '@turf/helpers';
import { Random } from '../src/lib/domain/demo/prng';
import { NearbyIndex, type LngLat } from '../src/lib/domain/partners/nearby';
import { PartnerFinder, type PartnerCandidate } from '../src/lib/domain/partners/rank';
import { syntheticActors } from './map/data';

const ACTORS = 100_000;
const QUERIES = 200;
const RADII_KM = [5, 20];

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}
function p95(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

function turfScan(points: readonly LngLat[], at: LngLat, radiusKm: number): number[] {
	const from = point(at);
	const hits: { index: number; km: number }[] = [];
	for (let i = 0; i < points.length; i++) {
		const km = turfDistance(from, point(points[i]!), { units: 'kilometers' });
		if (km <= radiusKm) hits.push({ index: i, km });
	}
	return hits.sort((a, b) => a.km - b.km || a.index - b.index).map((h) => h.index);
}

export async function partnersBenchmark(): Promise<string> {
	const data = syntheticActors(ACTORS);
	const points = data.features.map((f) => f.geometry.coordinates as LngLat);
	const random = new Random(42);
	const candidates: PartnerCandidate[] = data.features.map((f, i) => ({
		id: f.properties.id,
		name: f.properties.name,
		kind: f.properties.kind,
		sectors: [],
		worlds: [],
		tags: [],
		position: points[i]!,
		offers: random.next() < 0.1 ? ['salle'] : [],
		eventsAttended: random.next() < 0.3 ? 1 : 0
	}));

	let t = performance.now();
	const index = new NearbyIndex(points);
	const buildMs = performance.now() - t;
	t = performance.now();
	const finder = new PartnerFinder(candidates);
	const finderBuildMs = performance.now() - t;

	const rows: string[] = [];
	for (const radius of RADII_KM) {
		const queries: LngLat[] = Array.from({ length: QUERIES }, () => {
			const p = points[Math.floor(random.next() * points.length)]!;
			return [p[0] + (random.next() - 0.5) * 0.02, p[1] + (random.next() - 0.5) * 0.02];
		});
		const tree: number[] = [];
		const scan: number[] = [];
		const ranked: number[] = [];
		let found = 0;
		let mismatches = 0;
		for (const at of queries) {
			let s = performance.now();
			const hits = index.within(at, radius);
			tree.push(performance.now() - s);
			s = performance.now();
			const linear = turfScan(points, at, radius);
			scan.push(performance.now() - s);
			s = performance.now();
			finder.find({ at, radiusKm: radius, needs: ['salle'], newcomersFirst: true });
			ranked.push(performance.now() - s);
			found += hits.length;
			// Same actors found (as sets: the two distance formulas differ in the last digits, so
			// near-equal distances may swap), ignoring points within 1 m of the circle.
			const kms = new Map(hits.map((h) => [h.index, h.km]));
			const a = hits.filter((h) => h.km < radius - 0.001).map((h) => h.index);
			const b = linear.filter((i) => !kms.has(i) || kms.get(i)! < radius - 0.001);
			const sa = [...a].sort((x, y) => x - y);
			const sb = [...b].sort((x, y) => x - y);
			if (sa.length !== sb.length || sa.some((v, k) => v !== sb[k])) mismatches++;
		}
		const f = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
		rows.push(
			`| ${radius} | ${Math.round(found / QUERIES).toLocaleString('en-GB')} | ${f(median(tree))} / ${f(p95(tree))} | ${f(median(scan))} / ${f(p95(scan))} | ${Math.round(median(scan) / median(tree)).toLocaleString('en-GB')}× | ${f(median(ranked))} / ${f(p95(ranked))} | ${mismatches} |`
		);
	}
	const table = [
		'| radius km | actors found (mean) | k-d tree ms (median / p95) | Turf linear scan ms (median / p95) | scan / tree | full ranking ms (median / p95) | set mismatches |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows
	].join('\n');
	console.log(table);
	return [
		'## Partner search (k-d tree vs Turf linear scan, 100k actors)',
		'',
		'`bench/partners.ts` (`npm run bench -- partner`): the 100,000 synthetic actors of the map',
		`benchmark; ${QUERIES} query points per radius drawn near actors (seeded). The nearby index`,
		'(kdbush + geokdbush, `src/lib/domain/partners/nearby.ts`) against a linear scan measuring',
		'every actor with `@turf/distance`, keeping those within the radius, sorted by distance.',
		'"Set mismatches": queries where the two searches found different actors (1 m from the edge excepted).',
		`"Full ranking": \`PartnerFinder.find\` (search + scores + sort) with one need and newcomers first.`,
		`Building the index: ${buildMs.toFixed(0)} ms (the finder with its candidates: ${finderBuildMs.toFixed(0)} ms), once per territory.`,
		'',
		table
	].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await partnersBenchmark();
