/**
 * Speed of the census engine on synthetic listings, per stage. Run one size per process
 * (`node --import tsx bench/census-speed.ts 100000`) so peak memory is that size's alone;
 * prints one JSON line.
 */
import { readListing } from '../src/lib/import';
import { runCensus, type Stage } from '../src/lib/domain/census';
import type { CommuneEntry } from '../src/lib/domain/census/communes';
import { loadFrenchCommunes } from '../src/lib/domain/census/communes-fr';
import { syntheticListings } from './census-synth';

export interface SpeedResult {
	records: number;
	stages: Record<'read' | Stage, number>;
	totalMs: number;
	peakRssMb: number;
	peakHeapMb: number;
	actors: number;
	candidatePairs: number;
	reviewPairs: number;
}

export async function measure(n: number): Promise<SpeedResult> {
	const communeModule = await import('@etalab/decoupage-administratif/data/communes.json', {
		with: { type: 'json' }
	});
	const all = (communeModule.default as CommuneEntry[]).filter(
		(c) => c.type === 'commune-actuelle'
	);
	// Communes of a few southern departments, like a regional listing.
	const region = all.filter((c) => /^(30|34|48|13|84|07|12)/.test(c.code));
	const communes = await loadFrenchCommunes();
	const files = syntheticListings(n, region);
	let peakRss = process.memoryUsage().rss;
	let peakHeap = process.memoryUsage().heapUsed;
	const sample = (): void => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
	};
	const timer = setInterval(sample, 20);
	const t0 = performance.now();
	const listings = [];
	for (const f of files) {
		listings.push(await readListing(f.file, new TextEncoder().encode(f.text)));
	}
	const readMs = performance.now() - t0;
	sample();
	const result = runCensus(
		listings.map((l) => ({ file: l.file, records: l.records, roles: l.roles })),
		{ communes, onStage: sample }
	);
	clearInterval(timer);
	sample();
	const stages = { read: readMs, ...result.stats.timings };
	return {
		records: result.stats.records,
		stages,
		totalMs: Object.values(stages).reduce((a, b) => a + b, 0),
		peakRssMb: peakRss / 2 ** 20,
		peakHeapMb: peakHeap / 2 ** 20,
		actors: result.stats.actors,
		candidatePairs: result.stats.candidatePairs,
		reviewPairs: result.stats.reviewPairs
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const n = Number(process.argv[2] ?? 1000);
	console.log(JSON.stringify(await measure(n)));
}
