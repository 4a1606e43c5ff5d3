/**
 * Renders docs/security-matrix.md from the expectations in tests/db/rls-matrix.ts.
 *
 *   node --import tsx tests/db/rls-matrix-doc.ts          write the doc
 *   node --import tsx tests/db/rls-matrix-doc.ts --check  exit 1 if the doc is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DOC_PATH, renderSecurityMatrix } from './rls-matrix';

const target = new URL(`../../${DOC_PATH}`, import.meta.url);
const doc = renderSecurityMatrix();

if (process.argv.includes('--check')) {
	let current = '';
	try {
		current = readFileSync(target, 'utf8');
	} catch {
		/* missing: stale */
	}
	if (current !== doc) {
		console.error(`${DOC_PATH} is stale: run node --import tsx tests/db/rls-matrix-doc.ts`);
		process.exit(1);
	}
	console.log(`${DOC_PATH} is up to date`);
} else {
	writeFileSync(target, doc);
	console.log(`Wrote ${DOC_PATH}`);
}
