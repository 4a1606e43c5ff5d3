import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../bench/census-quality';

const data = path.resolve(process.cwd(), '../shared/data/febrl');
const present = existsSync(path.join(data, 'truth.csv'));

if (!present) console.warn(`census-febrl: ${data} is absent, test skipped`);

describe.skipIf(!present)('census engine on FEBRL (mapping given)', () => {
	it.each(['dataset1.csv', 'dataset2.csv'])(
		'%s: pairwise precision ≥ 0.99 and F1 ≥ 0.99',
		async (file) => {
			const mapping = JSON.parse(readFileSync(path.join(data, 'mapping.json'), 'utf8')) as Record<
				string,
				unknown
			>;
			const q = await evaluateFiles([path.join(data, file)], path.join(data, 'truth.csv'), mapping);
			console.info(
				`${file}: P=${q.scores.precision.toFixed(4)} R=${q.scores.recall.toFixed(4)} F1=${q.scores.f1.toFixed(4)} reviews=${q.run.result.stats.reviewPairs}`
			);
			// The date of birth, left out of the mapping, is detected from its header.
			expect(q.run.listings[0]!.roles.birth_date).toEqual(['date_of_birth']);
			expect(q.scores.precision).toBeGreaterThanOrEqual(0.99);
			expect(q.scores.f1).toBeGreaterThanOrEqual(0.99);
		}
	);
});
