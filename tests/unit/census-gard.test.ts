import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../bench/census-quality';

const data = path.resolve(process.cwd(), '../shared/data/gard-dev');
const files = ['rna.csv', 'sirene.csv', 'membres.csv', 'participants.csv'].map((f) =>
	path.join(data, f)
);
const present = existsSync(path.join(data, 'truth.csv'));

if (!present) console.warn(`census-gard: ${data} is absent, test skipped`);

describe.skipIf(!present)('census engine on gard-dev (four listings, no mapping)', () => {
	it('reaches pairwise precision ≥ 0.99 and F1 ≥ 0.97, review queue < 5 % of records', async () => {
		const q = await evaluateFiles(files, path.join(data, 'truth.csv'));
		const { stats } = q.run.result;
		console.info(
			`gard-dev: P=${q.scores.precision.toFixed(4)} R=${q.scores.recall.toFixed(4)} F1=${q.scores.f1.toFixed(4)} reviews=${stats.reviewPairs}/${stats.records}`
		);
		// Every row of every listing is read: headers are detected, nothing rejected.
		for (const l of q.run.listings) {
			expect(l.issues.filter((i) => i.severity !== 'warning')).toEqual([]);
			expect(l.roles.name?.length).toBeGreaterThan(0);
			expect(l.roles.commune?.length).toBe(1);
		}
		expect(stats.records).toBe(3718);
		expect(q.scores.precision).toBeGreaterThanOrEqual(0.99);
		expect(q.scores.f1).toBeGreaterThanOrEqual(0.97);
		expect(stats.reviewPairs).toBeLessThan(stats.records * 0.05);
	});
});
