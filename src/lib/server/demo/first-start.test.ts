import { afterEach, describe, expect, it } from 'vitest';
import { migratedTemplate } from '../../../../tests/db/helpers';
import { openEmbedded } from '../db/index';
import type { OpenedDatabase } from '../db/types';
import { DEMO_SLUG } from '../../domain/demo/generate';
import { firstStartAction, loadDemoOnFirstStart } from './first-start';
import { loadDemo, readDemoDecision } from './seed';

describe('firstStartAction', () => {
	it('loads into an embedded database where nothing was decided yet', () => {
		expect(firstStartAction('embedded', null, {})).toBe('load');
		expect(firstStartAction('embedded', null, { MAILLAGE_NO_DEMO: '0' })).toBe('load');
		expect(firstStartAction('embedded', null, { MAILLAGE_NO_DEMO: 'false' })).toBe('load');
	});

	it('records an opt-out only when nothing was decided yet', () => {
		expect(firstStartAction('embedded', null, { MAILLAGE_NO_DEMO: '1' })).toBe('decline');
		expect(firstStartAction('embedded', null, { MAILLAGE_NO_DEMO: 'true' })).toBe('decline');
		expect(firstStartAction('embedded', 'loaded', { MAILLAGE_NO_DEMO: '1' })).toBe('none');
	});

	it('does nothing once decided, nor ever on Postgres', () => {
		expect(firstStartAction('embedded', 'loaded', {})).toBe('none');
		expect(firstStartAction('embedded', 'declined', {})).toBe('none');
		expect(firstStartAction('postgres', null, {})).toBe('none');
	});
});

// Always embedded, even when TEST_DATABASE_URL points the other tests at a real Postgres: the
// first-start demo is an embedded-only behaviour. Opening the migrated template is exactly the
// state a process leaves when it dies after migrating and before the demo committed.
describe('loadDemoOnFirstStart (embedded)', () => {
	let db: OpenedDatabase | undefined;
	const open = async () => {
		db = await openEmbedded({ dataDir: null, loadDataDir: await migratedTemplate() });
		return db;
	};
	const demoTerritories = async (d: OpenedDatabase) =>
		(
			await d.asAdmin((tx) =>
				tx.query('select id from public.territory where slug = $1', [DEMO_SLUG])
			)
		).length;

	afterEach(async () => {
		await db?.close();
		db = undefined;
	});

	it('loads the demo on an already migrated database that never got it, then never again', async () => {
		const d = await open();
		expect(d.fresh).toBe(false);
		expect(await d.asAdmin(readDemoDecision)).toBeNull();

		const first = await loadDemoOnFirstStart(d, {});
		expect(first?.loaded).toBe(true);
		expect(await d.asAdmin(readDemoDecision)).toBe('loaded');
		expect(await loadDemoOnFirstStart(d, {})).toBeNull();

		// Deleted by the operator: it stays deleted.
		await d.asAdmin((tx) =>
			tx.query('delete from public.territory where id = $1', [first!.territoryId])
		);
		expect(await loadDemoOnFirstStart(d, {})).toBeNull();
		expect(await demoTerritories(d)).toBe(0);
	});

	it('remembers an opt-out on later starts without it', async () => {
		const d = await open();
		expect(await loadDemoOnFirstStart(d, { MAILLAGE_NO_DEMO: '1' })).toBeNull();
		expect(await d.asAdmin(readDemoDecision)).toBe('declined');
		expect(await loadDemoOnFirstStart(d, {})).toBeNull();
		expect(await demoTerritories(d)).toBe(0);
	});

	it('leaves no decision behind when the demo transaction fails', async () => {
		const d = await open();
		// An owner missing from auth.users makes the territory insert fail at the end of the
		// transaction's first statement: the marker must go with the rolled-back rows.
		await expect(
			loadDemo(d, { ownerId: '00000000-0000-4000-8000-00000000dead' })
		).rejects.toThrow();
		expect(await d.asAdmin(readDemoDecision)).toBeNull();
		expect(await demoTerritories(d)).toBe(0);
		expect((await loadDemoOnFirstStart(d, {}))?.loaded).toBe(true);
	});

	it('marks a demo loaded before the marker existed without loading it twice', async () => {
		const d = await open();
		const { territoryId } = await loadDemo(d);
		await d.asAdmin((tx) => tx.query('delete from maillage_private.settings'));
		const again = await loadDemo(d);
		expect(again).toEqual({ loaded: false, territoryId });
		expect(await d.asAdmin(readDemoDecision)).toBe('loaded');
		expect(await demoTerritories(d)).toBe(1);
	});

	it('keeps the settings table away from the API roles', async () => {
		const d = await open();
		await expect(
			d.asUser({ role: 'authenticated', sub: crypto.randomUUID() }, (tx) =>
				tx.query('select * from maillage_private.settings')
			)
		).rejects.toThrow(/permission denied/);
		await expect(
			d.asUser({ role: 'anon' }, (tx) =>
				tx.query(`insert into maillage_private.settings (key, value) values ('demo', '"declined"')`)
			)
		).rejects.toThrow(/permission denied/);
	});
});
