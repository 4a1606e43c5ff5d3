import { describe, expect, it } from 'vitest';
import { wantsDemo } from './first-start';

// The loading itself is covered by seed.test.ts; this is only the decision.
const opened = (kind: 'embedded' | 'postgres', fresh: boolean) => ({ kind, fresh });

describe('wantsDemo', () => {
	it('loads into a freshly created embedded database', () => {
		expect(wantsDemo(opened('embedded', true), {})).toBe(true);
		expect(wantsDemo(opened('embedded', true), { MAILLAGE_NO_DEMO: '0' })).toBe(true);
	});

	it('skips a database that existed before, a Postgres one, or when opted out', () => {
		expect(wantsDemo(opened('embedded', false), {})).toBe(false);
		expect(wantsDemo(opened('postgres', true), {})).toBe(false);
		expect(wantsDemo(opened('embedded', true), { MAILLAGE_NO_DEMO: '1' })).toBe(false);
		expect(wantsDemo(opened('embedded', true), { MAILLAGE_NO_DEMO: 'true' })).toBe(false);
	});
});
