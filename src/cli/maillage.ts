import { readFile } from 'node:fs/promises';
import { dedupe, summary, writeOutputs } from './dedupe';
import { replayAuditFile } from './draw-replay';
import { MappingError } from '../lib/import';

const USAGE = `Utilisation : maillage dedupe [--mapping roles.json] [--out DOSSIER] FICHIER...

  Lit des listes (CSV, TSV, XLSX, GeoJSON, JSON), rapproche les doublons et écrit dans DOSSIER
  (./out par défaut) : links.csv, census.csv, review.csv.

  --mapping  JSON { "<nom du fichier>": { "<rôle>": "<colonne>" | ["<colonne>", …] } }
  --out      dossier de sortie

       maillage tirage FICHIER.json

  Rejoue un tirage au sort à partir de ses données (page du tirage, « Télécharger les données du
  tirage ») et dit si les groupes et les remplacements sont ceux du fichier.`;

export interface CliIo {
	log: (s: string) => void;
	error: (s: string) => void;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = console): Promise<number> {
	const [command, ...rest] = argv;
	if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
		io.log(USAGE);
		return command === undefined ? 1 : 0;
	}
	if (command === 'tirage') {
		if (rest.length !== 1) {
			io.error(`tirage attend un fichier.\n\n${USAGE}`);
			return 1;
		}
		const report = await replayAuditFile(rest[0]!);
		for (const line of report.lines) (report.code === 2 ? io.error : io.log)(line);
		return report.code;
	}
	if (command !== 'dedupe') {
		io.error(`Commande inconnue : ${command}\n\n${USAGE}`);
		return 1;
	}
	let out = './out';
	let mappingPath: string | undefined;
	const files: string[] = [];
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i]!;
		if (a === '--out' || a === '--mapping') {
			const v = rest[++i];
			if (v === undefined) {
				io.error(`${a} attend une valeur.`);
				return 1;
			}
			if (a === '--out') out = v;
			else mappingPath = v;
		} else if (a.startsWith('--out=')) out = a.slice(6);
		else if (a.startsWith('--mapping=')) mappingPath = a.slice(10);
		else if (a.startsWith('--')) {
			io.error(`Option inconnue : ${a}\n\n${USAGE}`);
			return 1;
		} else files.push(a);
	}
	if (files.length === 0) {
		io.error(`Aucun fichier à lire.\n\n${USAGE}`);
		return 1;
	}
	let mapping: Record<string, unknown> | undefined;
	if (mappingPath !== undefined) {
		try {
			const parsed: unknown = JSON.parse(await readFile(mappingPath, 'utf8'));
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw new Error('objet { fichier: { rôle: colonne } } attendu');
			}
			mapping = parsed as Record<string, unknown>;
		} catch (e) {
			io.error(
				`Mapping illisible (${mappingPath}) : ${e instanceof Error ? e.message : String(e)}`
			);
			return 1;
		}
	}
	try {
		const run = await dedupe({ files, out, mapping });
		await writeOutputs(out, run.result);
		io.log(summary(run, out));
		return 0;
	} catch (e) {
		if (e instanceof MappingError) {
			io.error(`Mapping : ${e.message}`);
			return 1;
		}
		const err = e as NodeJS.ErrnoException;
		if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') {
			io.error(`Fichier illisible : ${err.path ?? ''} (${err.code})`);
			return 1;
		}
		throw e;
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(e: unknown) => {
			console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
			process.exitCode = 2;
		}
	);
}
