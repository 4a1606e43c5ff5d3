/**
 * Census workflow benchmark: what a facilitator waits for in the app, on the embedded database
 * (in-memory PGlite running the migrations) with the offline geocoder. For gard-dev (3,718 rows
 * in four listings) and synthetic listings of 10k and 30k rows: the import by stage
 * (read, geocode, match, save), a re-import of the same files (no-op), and the latency of a review
 * decision (a full rebuild of the census). Peak RSS of this process is reported for each size.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { openEmbedded } from '../src/lib/server/db/index';
import { LOCAL_OPERATOR, userClaims } from '../src/lib/server/db/types';
import { commitImport, type ImportFile } from '../src/lib/server/census/import';
import { decidePair } from '../src/lib/server/census/service';
import { CommuneCentreGeocoder } from '../src/lib/server/geocode';
import { loadFrenchCommunes } from '../src/lib/domain/census/communes-fr';
import type { CommuneEntry } from '../src/lib/domain/census/communes';
import { syntheticListings } from './census-synth';

interface Row {
	label: string;
	rows: number;
	actors: number;
	stages: Record<string, number>;
	total: number;
	reimport: number;
	decisions: number[];
	rssMb: number;
}

const STAGES = ['read', 'geocode', 'match', 'save'] as const;

async function measure(label: string, files: ImportFile[]): Promise<Row> {
	const db = await openEmbedded({ dataDir: null });
	const claims = userClaims(LOCAL_OPERATOR.id);
	try {
		const [t] = await db.asUser(claims, (tx) =>
			tx.query<{ id: string }>(
				"insert into public.territory (slug, name) values ('bench', 'Bench') returning id"
			)
		);
		const id = t!.id;
		const geocoder = new CommuneCentreGeocoder();
		const starts: Record<string, number> = {};
		const t0 = performance.now();
		const summary = await commitImport(db, claims, id, files, {
			geocoder,
			onProgress: (p) => {
				starts[p.stage] ??= performance.now();
			}
		});
		const end = performance.now();
		const stages: Record<string, number> = {};
		STAGES.forEach((s, i) => {
			const next = STAGES[i + 1];
			stages[s] = ((next ? starts[next]! : end) - starts[s]!) / 1000;
		});
		const r0 = performance.now();
		const again = await commitImport(db, claims, id, files, { geocoder });
		if (!again.noop) throw new Error('re-import was not a no-op');
		const reimport = (performance.now() - r0) / 1000;
		const pairs = await db.asUser(claims, (tx) =>
			tx.query<{ record_a: string; record_b: string }>(
				'select record_a, record_b from public.review_pair where territory_id = $1 order by score desc limit 5',
				[id]
			)
		);
		const decisions: number[] = [];
		for (const p of pairs) {
			const d0 = performance.now();
			await decidePair(db, claims, id, p.record_a, p.record_b, 'different');
			decisions.push((performance.now() - d0) / 1000);
		}
		return {
			label,
			rows: summary.files.reduce((n, f) => n + f.rowCount, 0),
			actors: summary.actorsAfter,
			stages,
			total: (end - t0) / 1000,
			reimport,
			decisions,
			rssMb: Math.round(process.resourceUsage().maxRSS / 1024)
		};
	} finally {
		await db.close();
	}
}

function median(xs: number[]): number {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');

export async function workflowBenchmark(): Promise<string> {
	const rows: Row[] = [];
	const gard = path.resolve(process.cwd(), '../shared/data/gard-dev');
	if (existsSync(path.join(gard, 'rna.csv'))) {
		const files = ['rna.csv', 'sirene.csv', 'membres.csv', 'participants.csv'].map((n) => ({
			name: n,
			bytes: new Uint8Array(readFileSync(path.join(gard, n)))
		}));
		rows.push(await measure('gard-dev (4 listings)', files));
		console.log(rows.at(-1));
	}
	const communes = (
		(await import('@etalab/decoupage-administratif/data/communes.json', { with: { type: 'json' } }))
			.default as CommuneEntry[]
	).filter((c) => c.type === 'commune-actuelle' && c.departement === '30');
	await loadFrenchCommunes();
	for (const n of [10_000, 30_000]) {
		const files = syntheticListings(n, communes).map((l) => ({
			name: l.file,
			bytes: new TextEncoder().encode(l.text)
		}));
		rows.push(await measure(`synthetic ${n / 1000}k (3 listings, Gard)`, files));
		console.log(rows.at(-1));
	}
	const table = [
		'| listings | rows | actors | read s | geocode s | match s | save s | import s | re-import (no-op) s | decision s (median of 5) | peak RSS MB |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows.map(
			(r) =>
				`| ${r.label} | ${r.rows} | ${r.actors} | ${f(r.stages.read!)} | ${f(r.stages.geocode!)} | ${f(r.stages.match!)} | ${f(r.stages.save!)} | ${f(r.total)} | ${f(r.reimport)} | ${f(median(r.decisions))} | ${r.rssMb} |`
		)
	];
	console.log(table.join('\n'));
	return [
		'## Census workflow (import, re-import, review decision)',
		'',
		'`bench/workflow.ts`: the import as the app runs it (`commitImport`, in-memory embedded database with',
		'the migrations, offline geocoder = commune centres), then the same files again (a no-op by',
		'content hash), then five review decisions ("not the same" on the strongest pairs). A decision',
		'rebuilds the whole census (engine on every row + write of what changed), hence its cost grows',
		'with the territory. "read" includes parsing, the diff and normalising rows for geocoding.',
		'Peak RSS is the process maximum so far (it includes the 8 MB commune list, ≈ 300 MB parsed).',
		'',
		...table
	].join('\n');
}
