/**
 * `npm run bench`: runs every benchmark, prints its table and rewrites its section of
 * docs/benchmarks.md (a section is a `## ` heading and what follows until the next one).
 * To add a benchmark, add an entry to BENCHMARKS returning its Markdown section.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { censusBenchmark } from './census';
import { drawsBenchmark } from './draws';
import { mapBenchmark } from './map';
import { mapPageBenchmark } from './map-page';
import { PARTNERS_DB_HEADING, partnersBenchmark, partnersDbBenchmark } from './partners';
import { workflowBenchmark } from './workflow';

const BENCHMARKS: { heading: string; run: () => Promise<string> }[] = [
	{ heading: '## Census engine', run: () => censusBenchmark() },
	{
		heading: '## Census workflow (import, re-import, review decision)',
		run: () => workflowBenchmark()
	},
	{ heading: '## Map drawing (MapLibre vs Leaflet.markercluster)', run: () => mapBenchmark() },
	{ heading: '## Map page of the app (1k and 100k actors)', run: () => mapPageBenchmark() },
	{
		heading: '## Partner search (k-d tree vs Turf linear scan, 100k actors)',
		run: () => partnersBenchmark()
	},
	{ heading: PARTNERS_DB_HEADING, run: () => partnersDbBenchmark() },
	{ heading: '## Random draw (replay on each page view)', run: () => drawsBenchmark() }
];
// `npm run bench -- workflow`: only the benchmarks whose heading contains one of the words.
const only = process.argv.slice(2).map((a) => a.toLowerCase());

const DOC = 'docs/benchmarks.md';

function machine(): string {
	const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
	return `Machine: ${cpu}, ${os.cpus().length} cores (shared), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}. Last run: ${new Date().toISOString().slice(0, 10)}.`;
}

function replaceSection(doc: string, heading: string, body: string): string {
	const start = doc.indexOf(heading + '\n');
	if (start < 0) return doc.trimEnd() + '\n\n' + body.trimEnd() + '\n';
	const next = doc.indexOf('\n## ', start + heading.length);
	return doc.slice(0, start) + body.trimEnd() + '\n' + (next < 0 ? '' : doc.slice(next));
}

let doc: string;
try {
	doc = await readFile(DOC, 'utf8');
} catch {
	doc = '# Benchmarks\n\n';
}
if (!doc.startsWith('# Benchmarks')) doc = '# Benchmarks\n\n' + doc;
// The line after the title says on what machine the figures were measured.
const lines = doc.split('\n');
const machineLine = lines.findIndex((l) => l.startsWith('Machine: '));
if (machineLine >= 0) lines[machineLine] = machine();
else lines.splice(1, 0, '', machine());
doc = lines.join('\n');

for (const b of BENCHMARKS) {
	if (only.length > 0 && !only.some((w) => b.heading.toLowerCase().includes(w))) continue;
	console.log(b.heading);
	const section = await b.run();
	doc = replaceSection(doc, b.heading, section);
}
await writeFile(DOC, doc.replace(/\n{3,}/g, '\n\n'));
console.log(`\n${DOC} written.`);
