import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { dedupe, type DedupeRun } from '../src/cli/dedupe';
import { pairwiseScores, type PairwiseScores } from '../src/lib/domain/census';

/** `file,row,entity` → Map("file#row" → entity). */
export async function readTruth(file: string): Promise<Map<string, string>> {
	const text = await readFile(file, 'utf8');
	const rows = Papa.parse<{ file: string; row: string; entity: string }>(text, {
		header: true,
		skipEmptyLines: true
	}).data;
	return new Map(rows.map((r) => [`${r.file}#${r.row}`, r.entity]));
}

export function predicted(run: DedupeRun): Map<string, string> {
	const m = new Map<string, string>();
	for (const r of run.result.records) {
		m.set(`${r.file}#${r.row}`, run.result.actors[run.result.actorOf[r.index]!]!.id);
	}
	return m;
}

export interface QualityRun {
	run: DedupeRun;
	scores: PairwiseScores;
}

export async function evaluateFiles(
	files: string[],
	truthFile: string,
	mapping?: Record<string, unknown>
): Promise<QualityRun> {
	const run = await dedupe({ files, out: '', mapping });
	const truth = await readTruth(truthFile);
	return { run, scores: pairwiseScores(predicted(run), truth) };
}

/** Prints wrong merges and missed pairs, to study errors (not used by the benchmark table). */
export function printErrors(q: QualityRun, truth: Map<string, string>, limit = 40): void {
	const { result } = q.run;
	const byActor = new Map<number, number[]>();
	result.records.forEach((r) => {
		const a = result.actorOf[r.index]!;
		const l = byActor.get(a) ?? [];
		l.push(r.index);
		byActor.set(a, l);
	});
	const key = (i: number): string => `${result.records[i]!.file}#${result.records[i]!.row}`;
	const show = (i: number): string => {
		const r = result.records[i]!;
		return `${key(i)} ${JSON.stringify(r.display)}`;
	};
	let fp = 0;
	for (const members of byActor.values()) {
		const ents = new Set(members.map((i) => truth.get(key(i))));
		if (ents.size > 1 && fp++ < limit) {
			console.log('WRONG MERGE');
			for (const i of members) console.log('   ', truth.get(key(i)), show(i));
		}
	}
	const byEntity = new Map<string, number[]>();
	result.records.forEach((r) => {
		const e = truth.get(key(r.index));
		if (e === undefined) return;
		const l = byEntity.get(e) ?? [];
		l.push(r.index);
		byEntity.set(e, l);
	});
	let fn = 0;
	for (const members of byEntity.values()) {
		const actors = new Set(members.map((i) => result.actorOf[i]));
		if (actors.size > 1 && fn++ < limit) {
			console.log('MISSED');
			for (const i of members) console.log('   ', result.actors[result.actorOf[i]!]!.id, show(i));
		}
	}
	console.log(`wrong merges: ${fp}, split entities: ${fn}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = process.argv[2] ?? path.resolve('../shared/data/gard-dev');
	const names = (process.argv[3] ?? 'rna.csv,sirene.csv,membres.csv,participants.csv').split(',');
	const mappingFile = process.argv[4];
	const mapping = mappingFile
		? (JSON.parse(await readFile(mappingFile, 'utf8')) as Record<string, unknown>)
		: undefined;
	const q = await evaluateFiles(
		names.map((n) => path.join(dir, n)),
		path.join(dir, 'truth.csv'),
		mapping
	);
	console.log(q.scores, q.run.result.stats);
	if (process.env.ERRORS)
		printErrors(q, await readTruth(path.join(dir, 'truth.csv')), Number(process.env.ERRORS));
}
