/**
 * Partner search over 100,000 actors (#6): the nearby index (kdbush k-d tree + geokdbush
 * great-circle search, src/lib/domain/partners/nearby.ts) against a Turf linear scan (the
 * distance from the point to every actor with @turf/distance, kept when within the radius, then
 * sorted), per query, on the same synthetic actors as the map benchmark. Both must return the
 * same actors in the same order (checked on every query). Also the whole ranking
 * (PartnerFinder.find: search + scores + sort).
 *
 * Then the same search as the partner page runs it, through the embedded database: a synthetic
 * 100k territory (src/lib/domain/demo/synthetic.ts, rows written by insertActors of
 * src/lib/server/demo/seed.ts) in an in-memory PGlite, `loadPartnerCandidates` with and without
 * its `near` prefilter (PostGIS `ST_DWithin` on the GiST index), then the ranking.
 *
 * Alone: `node --import tsx bench/partners.ts [index|db]` (both by default);
 * `PARTNERS_DB_ACTORS=5000` makes the database territory smaller while developing.
 */
import turfDistance from '@turf/distance';
import { point } from '@turf/helpers';
import { loadFrenchCommunes } from '../src/lib/domain/census/communes-fr';
import { Random } from '../src/lib/domain/demo/prng';
import { generateSynthetic } from '../src/lib/domain/demo/synthetic';
import { NearbyIndex, type LngLat } from '../src/lib/domain/partners/nearby';
import { PartnerFinder, type PartnerCandidate } from '../src/lib/domain/partners/rank';
import { openEmbedded } from '../src/lib/server/db/index';
import { LOCAL_OPERATOR, userClaims } from '../src/lib/server/db/types';
import { insertActors } from '../src/lib/server/demo/seed';
import { loadPartnerCandidates } from '../src/lib/server/queries/partners';
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

export const PARTNERS_DB_HEADING =
	'## Partner finder through the database (embedded PGlite, 100k actors)';
const DB_QUERIES = 30;
const DB_BATCH = 5000;
// What the page asks when an event needs a room: the offers and places queries run too.
const DB_NEEDS = ['salle'];

/**
 * The partner page's path at 100k actors: `loadPartnerCandidates` as the territory's owner (row
 * level security on), then `new PartnerFinder(candidates).find(…)`, with the `near` prefilter
 * (what the page does) and without it (every located actor loaded, the ranking's index does all
 * the radius work). Both must rank the same partners in the same order (checked on every query).
 */
export async function partnersDbBenchmark(): Promise<string> {
	const actors = Number(process.env.PARTNERS_DB_ACTORS ?? 100_000);
	if (!Number.isInteger(actors) || actors <= 0) throw new Error('PARTNERS_DB_ACTORS: a count');
	const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

	let t = performance.now();
	const db = await openEmbedded({ dataDir: null });
	const openS = seconds(t);
	try {
		t = performance.now();
		const data = generateSynthetic({ actors, slug: 'bench-partners' });
		const generateS = seconds(t);
		t = performance.now();
		const territoryId = await db.asAdmin(async (tx) => {
			const tt = data.territory;
			const [row] = await tx.query<{ id: string }>(
				`insert into public.territory (slug, name, commune_codes, epci_code, licence, visibility, created_by)
				 values ($1, $2, $3::text[], $4, $5, $6, $7) returning id`,
				[
					tt.slug,
					tt.name,
					tt.communeCodes,
					tt.epciCode,
					tt.licence,
					tt.visibility,
					LOCAL_OPERATOR.id
				]
			);
			await tx.query(
				`insert into public.membership (territory_id, user_id, role) values ($1, $2, 'owner')`,
				[row!.id, LOCAL_OPERATOR.id]
			);
			for (let i = 0; i < data.actors.length; i += DB_BATCH) {
				await insertActors(tx, row!.id, data.actors.slice(i, i + DB_BATCH));
			}
			return row!.id;
		});
		// Fresh statistics, as scripts/synthetic-territory.ts does: the planner must see 100k rows.
		await db.asAdmin((tx) => tx.exec('analyze public.actor'));
		const loadS = seconds(t);
		const located = data.actors.filter((a) => a.location !== null);

		// Commune names are read before the transaction on the page too (8 MB on first use).
		const communes = await loadFrenchCommunes();
		const communeName = (code: string) => communes.nameOf(code);
		const claims = userClaims(LOCAL_OPERATOR.id);
		const day = '2026-12-01';
		const search = async (at: LngLat, radiusKm: number, near: boolean) => {
			const s = performance.now();
			const candidates = await db.asUser(claims, (tx) =>
				loadPartnerCandidates(tx, territoryId, DB_NEEDS, communeName, {
					...(near ? { near: { at, radiusKm } } : {}),
					day
				})
			);
			const ranked = new PartnerFinder(candidates).find({
				at,
				radiusKm,
				needs: DB_NEEDS,
				newcomersFirst: true
			});
			return { ms: performance.now() - s, loaded: candidates.length, ranked };
		};

		const random = new Random(7);
		const queries: LngLat[] = Array.from({ length: DB_QUERIES }, () => {
			const p = located[Math.floor(random.next() * located.length)]!.location!;
			return [p[0] + (random.next() - 0.5) * 0.02, p[1] + (random.next() - 0.5) * 0.02];
		});
		// One search of each kind first: plans, caches and the JIT are not what is measured.
		await search(queries[0]!, RADII_KM[0]!, true);
		await search(queries[0]!, RADII_KM[0]!, false);

		const f = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
		const mean = (v: number[]) => Math.round(v.reduce((a, b) => a + b, 0) / v.length);
		const int = (v: number) => v.toLocaleString('en-GB');
		const rows: string[] = [];
		for (const radius of RADII_KM) {
			const nearMs: number[] = [];
			const allMs: number[] = [];
			const nearLoaded: number[] = [];
			const allLoaded: number[] = [];
			const found: number[] = [];
			let mismatches = 0;
			for (const at of queries) {
				const a = await search(at, radius, true);
				const b = await search(at, radius, false);
				nearMs.push(a.ms);
				allMs.push(b.ms);
				nearLoaded.push(a.loaded);
				allLoaded.push(b.loaded);
				found.push(a.ranked.length);
				const key = (r: typeof a.ranked) => r.map((p) => p.id).join();
				if (key(a.ranked) !== key(b.ranked)) mismatches++;
			}
			rows.push(
				`| ${radius} | ${int(mean(found))} | ${int(mean(nearLoaded))} | ${f(median(nearMs))} / ${f(p95(nearMs))} | ${int(mean(allLoaded))} | ${f(median(allMs))} / ${f(p95(allMs))} | ${(median(allMs) / median(nearMs)).toFixed(1)}× | ${mismatches} |`
			);
		}
		const table = [
			'| radius km | partners ranked (mean) | with `near`: candidates loaded (mean) | with `near`: load + find ms (median / p95) | without: candidates loaded (mean) | without: load + find ms (median / p95) | without / with (medians) | ranking mismatches |',
			'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
			...rows
		].join('\n');
		console.log(table);
		return [
			PARTNERS_DB_HEADING,
			'',
			'`bench/partners.ts` (`npm run bench -- partner`): the search the partner page runs, through',
			`the embedded database. An in-memory PGlite with the migrations, a synthetic territory of`,
			`${int(actors)} actors (${int(located.length)} located; \`generateSynthetic\`, rows written by`,
			'`insertActors`, then `analyze`). Per query: `loadPartnerCandidates` in `asUser` as the',
			"territory's owner (row level security on; one need, `salle`, so the offers and places queries",
			'run too: the synthetic territory has no offers, places nor events, so those parts cost little',
			'here and the same in both columns), then `new PartnerFinder(candidates).find` (one need,',
			'newcomers first). "With `near`": the PostGIS `ST_DWithin` prefilter on the GiST index, as the',
			'page does; "without": every located actor of the territory loaded, the ranking cuts the circle.',
			`${DB_QUERIES} seeded query points near actors, the same for both radii; one warm-up search of`,
			'each kind first. "Ranking mismatches": queries where the two ranked lists differ (ids, order).',
			`Setup: opening and migrating the database ${openS} s, generating ${generateS} s, inserting and`,
			`analysing ${loadS} s.`,
			'',
			table
		].join('\n');
	} finally {
		await db.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const which = process.argv[2];
	if (which !== 'db') await partnersBenchmark();
	if (which !== 'index') await partnersDbBenchmark();
}
