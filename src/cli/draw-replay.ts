/**
 * `maillage tirage FICHIER.json`: replays a draw from its audit file (the page's « Télécharger
 * les données du tirage »), with the same code as the app, and says whether the groups and the
 * replacements match what the file records.
 */
import { readFile } from 'node:fs/promises';
import {
	replayDraw,
	type Answer,
	type DrawRules,
	type DrawState,
	type Volunteer
} from '../lib/domain/draw';

export interface DrawAudit {
	draw: { title?: string; seed: string; rules: DrawRules };
	pool: Volunteer[] | null;
	answers: (Answer & { replacementId?: string | null })[];
	result: DrawState | null;
}

function isAudit(v: unknown): v is DrawAudit {
	const a = v as DrawAudit;
	return (
		typeof a === 'object' &&
		a !== null &&
		typeof a.draw?.seed === 'string' &&
		typeof a.draw.rules?.groups === 'number' &&
		typeof a.draw.rules.groupSize === 'number' &&
		Array.isArray(a.answers)
	);
}

/** The replay's report, and whether it matches the file (0) or not (1), or cannot be read (2). */
export async function replayAuditFile(path: string): Promise<{ code: number; lines: string[] }> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(await readFile(path, 'utf8'));
	} catch (e) {
		return {
			code: 2,
			lines: [`Fichier illisible (${path}) : ${e instanceof Error ? e.message : String(e)}`]
		};
	}
	if (!isAudit(parsed))
		return { code: 2, lines: [`${path} : ce n’est pas un fichier de tirage Maillage.`] };
	if (!parsed.pool)
		return { code: 2, lines: ['Ce tirage n’a pas encore eu lieu : rien à rejouer.'] };
	const replay = replayDraw(
		parsed.pool,
		parsed.draw.rules,
		parsed.draw.seed,
		parsed.answers.map(({ actorId, answer }) => ({ actorId, answer }))
	);
	const lines = [`Graine : « ${parsed.draw.seed} »`, `Vivier : ${parsed.pool.length} volontaires`];
	if (!replay.ok)
		return { code: 1, lines: [...lines, `Le rejeu échoue : ${JSON.stringify(replay)}`] };
	const names = new Map(parsed.pool.map((v) => [v.id, v.name]));
	const name = (id: string | null) => (id === null ? '(personne)' : (names.get(id) ?? id));
	replay.state.groups.forEach((seats, g) => {
		lines.push(`Groupe ${g + 1} : ${seats.map((s) => name(s.actorId)).join(', ')}`);
	});
	for (const r of replay.state.replacements) {
		lines.push(
			`${name(r.out)} ${r.reason === 'declined' ? 'décline' : 'sans réponse'} → ${name(r.in)} (groupe ${r.group})`
		);
	}
	const recorded = parsed.answers.every((a, i) => {
		const r = replay.state.replacements.find((x) => x.answer === i);
		return a.replacementId === undefined || (r?.in ?? null) === (a.replacementId ?? null);
	});
	const same = JSON.stringify(replay.state) === JSON.stringify(parsed.result) && recorded;
	lines.push(same ? 'Identique au fichier.' : 'DIFFÉRENT du fichier.');
	return { code: same ? 0 : 1, lines };
}
