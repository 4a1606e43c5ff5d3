import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readListing, type ReadListing } from '../lib/import';
import {
	runCensus,
	ROLES,
	type CensusResult,
	type HumanDecision,
	type SourceListing,
	type Stage
} from '../lib/domain/census';
import { loadFrenchCommunes } from '../lib/domain/census/communes-fr';
import { csvText } from './csv-write';

export interface DedupeArgs {
	files: string[];
	out: string;
	mapping?: Record<string, unknown>;
	decisions?: HumanDecision[];
}

export interface DedupeRun {
	listings: ReadListing[];
	result: CensusResult;
	readMs: number;
}

/** Reads the files and runs the census; no output written. */
export async function dedupe(args: DedupeArgs): Promise<DedupeRun> {
	const t0 = performance.now();
	const listings: ReadListing[] = [];
	for (const f of args.files) {
		const bytes = new Uint8Array(await readFile(f));
		const base = path.basename(f);
		listings.push(await readListing(base, bytes, { mapping: args.mapping?.[base] }));
	}
	const communes = await loadFrenchCommunes();
	const readMs = performance.now() - t0;
	const sources: SourceListing[] = listings.map((l) => ({
		file: l.file,
		records: l.records,
		roles: l.roles
	}));
	const result = runCensus(sources, { communes, decisions: args.decisions });
	return { listings, result, readMs };
}

export function linksCsv(result: CensusResult): string {
	return csvText(
		['file', 'row', 'actor'],
		result.records.map((r) => [r.file, r.row, result.actors[result.actorOf[r.index]!]!.id])
	);
}

export function censusCsv(result: CensusResult): string {
	const used = ROLES.filter((role) => result.actors.some((a) => a.fields[role] !== undefined));
	const header = ['actor', 'records', 'sources', 'commune_insee'];
	for (const role of used) header.push(role, `${role}_source`, `${role}_autres`);
	const rows = result.actors.map((a) => {
		const line: (string | number)[] = [
			a.id,
			a.records.length,
			a.records.map((i) => `${result.records[i]!.file}#${result.records[i]!.row}`).join(' '),
			a.communeCode ?? ''
		];
		for (const role of used) {
			const f = a.fields[role];
			line.push(
				f?.value ?? '',
				f?.source ?? '',
				f === undefined
					? ''
					: f.alternatives
							.filter((alt) => alt.value !== f.value)
							.map((alt) => `${alt.value} (${alt.sources.join(' ')})`)
							.join(' | ')
			);
		}
		return line;
	});
	return csvText(header, rows);
}

export function reviewCsv(result: CensusResult): string {
	return csvText(
		[
			'a_file',
			'a_row',
			'b_file',
			'b_row',
			'score',
			'a_name',
			'b_name',
			'a_actor',
			'b_actor',
			'comparisons'
		],
		result.reviews.map((p) => {
			const a = result.records[p.a]!;
			const b = result.records[p.b]!;
			return [
				a.file,
				a.row,
				b.file,
				b.row,
				p.score.toFixed(2),
				a.display.name ?? '',
				b.display.name ?? '',
				result.actors[result.actorOf[p.a]!]!.id,
				result.actors[result.actorOf[p.b]!]!.id,
				p.comparisons
					.map((c) => `${c.field} ${c.weight > 0 ? '+' : ''}${c.weight} (${c.detail})`)
					.join('; ')
			];
		})
	);
}

export async function writeOutputs(out: string, result: CensusResult): Promise<void> {
	await mkdir(out, { recursive: true });
	await writeFile(path.join(out, 'links.csv'), linksCsv(result));
	await writeFile(path.join(out, 'census.csv'), censusCsv(result));
	await writeFile(path.join(out, 'review.csv'), reviewCsv(result));
}

const STAGE_LABEL: Record<Stage, string> = {
	normalise: 'normalisation',
	block: 'blocage',
	score: 'comparaison',
	cluster: 'regroupement',
	merge: 'fusion'
};

export function summary(run: DedupeRun, out: string): string {
	const lines: string[] = [];
	for (const l of run.listings) {
		const rejected = l.issues.filter((i) => i.severity === 'rejected');
		const fatal = l.issues.filter((i) => i.severity === 'fatal');
		const warnings = l.issues.filter((i) => i.severity === 'warning');
		const roles = Object.entries(l.roles)
			.map(([role, cols]) => `${role}=${cols.join('+')}`)
			.join(', ');
		lines.push(
			`${l.file} : ${l.records.length} enregistrements lus, ${rejected.length} rejetés` +
				(l.encoding
					? ` [${l.format}, ${l.encoding}${l.delimiter ? `, « ${l.delimiter === '\t' ? 'tab' : l.delimiter} »` : ''}]`
					: ` [${l.format}]`)
		);
		lines.push(`  colonnes : ${roles || '(aucune reconnue)'}`);
		for (const i of [...fatal, ...rejected, ...warnings].slice(0, 10)) {
			const where = [i.row !== null ? `ligne ${i.row}` : '', i.column ? `colonne ${i.column}` : '']
				.filter(Boolean)
				.join(', ');
			lines.push(
				`  ${i.severity === 'warning' ? 'avertissement' : 'rejet'}${where ? ` (${where})` : ''} : ${i.message}`
			);
		}
		const more = fatal.length + rejected.length + warnings.length - 10;
		if (more > 0) lines.push(`  … et ${more} autres signalements`);
	}
	const s = run.result.stats;
	lines.push(
		`Acteurs : ${s.actors} pour ${s.records} enregistrements ; fusions automatiques : ${s.automaticMerges}` +
			(s.humanMerges > 0 ? ` ; fusions décidées : ${s.humanMerges}` : '') +
			` ; paires à vérifier : ${s.reviewPairs} ; paires comparées : ${s.candidatePairs}`
	);
	if (s.blockedByIdentifier > 0) {
		lines.push(
			`Fusions refusées (identifiants SIRET/SIREN/RNA différents) : ${s.blockedByIdentifier}`
		);
	}
	const times = [`lecture ${Math.round(run.readMs)} ms`];
	for (const [stage, ms] of Object.entries(s.timings) as [Stage, number][]) {
		times.push(`${STAGE_LABEL[stage]} ${Math.round(ms)} ms`);
	}
	lines.push(`Temps : ${times.join(', ')}`);
	lines.push(`Écrit : ${path.join(out, 'links.csv')}, census.csv, review.csv`);
	return lines.join('\n');
}
