// Adds up the JSON reports every suite wrote in test-results/ and prints "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';

let passed = Number(process.argv[2] ?? 0);
let failed = Number(process.argv[3] ?? 0);
const dir = 'test-results';
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
for (const name of files) {
	const report = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
	if ('numPassedTests' in report) {
		// Vitest (Jest-compatible JSON)
		passed += report.numPassedTests;
		failed += report.numFailedTests;
		console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
	} else if (report.stats) {
		// Playwright
		const ok = report.stats.expected + report.stats.flaky;
		const bad = report.stats.unexpected;
		passed += ok;
		failed += bad;
		console.log(`${name}: ${ok} passed, ${bad} failed`);
	}
}
// A suite that crashed before writing its report still counts as a failure.
if (Number(process.argv[4] ?? 0) !== 0 && failed === 0) {
	console.log('a step failed without a test report');
	failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
