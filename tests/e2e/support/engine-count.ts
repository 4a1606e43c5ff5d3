/**
 * Prints, as JSON, what the census engine gives for listing files and human decisions, read the
 * same way the app reads them: `node --import tsx tests/e2e/support/engine-count.ts
 * '<decisions json>' file…`. Decisions: `[{ "a": "rna.csv#12", "b": "membres.csv#3",
 * "decision": "same" | "different" }]`. Run in its own process so the e2e test compares the app
 * with the engine without loading the engine into the browser test runner.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readListing } from '../../../src/lib/import/read';
import { runCensus } from '../../../src/lib/domain/census/engine';
import { loadFrenchCommunes } from '../../../src/lib/domain/census/communes-fr';
import type { HumanDecision } from '../../../src/lib/domain/census/types';

async function main(): Promise<void> {
	const [decisionsJson, ...files] = process.argv.slice(2);
	const decisions = JSON.parse(decisionsJson ?? '[]') as HumanDecision[];
	const listings = await Promise.all(
		files.map((f) => readListing(path.basename(f), new Uint8Array(readFileSync(f))))
	);
	const result = runCensus(listings, { communes: await loadFrenchCommunes(), decisions });
	process.stdout.write(
		JSON.stringify({ actors: result.stats.actors, reviewPairs: result.stats.reviewPairs }) + '\n'
	);
}

void main();
