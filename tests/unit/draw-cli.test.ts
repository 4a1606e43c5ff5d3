import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/maillage';
import { replayDraw, type DrawRules, type Volunteer } from '../../src/lib/domain/draw';

function capture() {
	const out: string[] = [];
	const err: string[] = [];
	return { io: { log: (s: string) => out.push(s), error: (s: string) => err.push(s) }, out, err };
}

const pool: Volunteer[] = Array.from({ length: 10 }, (_, i) => ({
	id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	name: `Association ${i}`,
	worlds: [i % 2 ? 'amateur' : 'professionnel'],
	commune: i % 3 ? '30334' : '30174'
}));
const rules: DrawRules = { groups: 2, groupSize: 3, mixWorlds: true, mixCommunes: false };
const seed = 'Tirage du 24 novembre — 7 12 23';

function auditFile(tamper?: (body: Record<string, unknown>) => void): string {
	const first = replayDraw(pool, rules, seed, []);
	if (!first.ok) throw new Error('draw failed');
	const answers = [{ actorId: first.state.groups[0]![0]!.actorId, answer: 'declined' as const }];
	const replayed = replayDraw(pool, rules, seed, answers);
	if (!replayed.ok) throw new Error('replay failed');
	const body: Record<string, unknown> = {
		draw: { title: 'Essai', seed, rules },
		pool,
		answers: answers.map((a) => ({ ...a, replacementId: replayed.state.replacements[0]!.in })),
		result: replayed.state
	};
	tamper?.(body);
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'maillage-draw-')), 'tirage.json');
	writeFileSync(file, JSON.stringify(body));
	return file;
}

describe('maillage tirage', () => {
	it('replays an audit file and says it matches, group by group', async () => {
		const c = capture();
		expect(await main(['tirage', auditFile()], c.io)).toBe(0);
		expect(c.err).toEqual([]);
		expect(c.out[0]).toBe(`Graine : « ${seed} »`);
		expect(c.out.filter((l) => l.startsWith('Groupe '))).toHaveLength(2);
		expect(c.out.some((l) => / décline → Association \d \(groupe 1\)$/.test(l))).toBe(true);
		expect(c.out.at(-1)).toBe('Identique au fichier.');
	});

	it('says DIFFÉRENT when the recorded groups or replacement were changed', async () => {
		const swapped = capture();
		const file = auditFile((body) => {
			const result = body.result as { groups: { actorId: string }[][] };
			const [a, b] = [result.groups[0]![1]!, result.groups[1]![1]!];
			[a.actorId, b.actorId] = [b.actorId, a.actorId];
		});
		expect(await main(['tirage', file], swapped.io)).toBe(1);
		expect(swapped.out.at(-1)).toBe('DIFFÉRENT du fichier.');
		const replaced = capture();
		const other = auditFile((body) => {
			// The one who declined named as their own replacement: never what the replay gives.
			const answer = (body.answers as { actorId: string; replacementId: string }[])[0]!;
			answer.replacementId = answer.actorId;
		});
		expect(await main(['tirage', other], replaced.io)).toBe(1);
	});

	it('refuses what is not a draw file, with the reason', async () => {
		const c = capture();
		const dir = mkdtempSync(path.join(tmpdir(), 'maillage-draw-'));
		writeFileSync(path.join(dir, 'x.json'), '{"hello": 1}');
		expect(await main(['tirage', path.join(dir, 'x.json')], c.io)).toBe(2);
		expect(c.err[0]).toContain('ce n’est pas un fichier de tirage Maillage');
		expect(await main(['tirage'], c.io)).toBe(1);
	});
});
