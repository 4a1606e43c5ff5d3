/**
 * Tx.savepoint on both backends (PGlite here, PostgreSQL 15 through postgres.js in
 * scripts/test-postgres.sh): a refused statement inside a savepoint is rolled back to it and
 * rethrown, and the transaction goes on and commits what came before and after. Without the
 * savepoint, postgres.js rethrows a caught failure when the transaction ends (the settings page's
 * « last owner » refusal did, on PostgreSQL: a 500 instead of its French message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userClaims, type Claims } from '../../src/lib/server/db/types';
import { createInvitation, removeMember } from '../../src/lib/server/queries/settings';
import { createTerritory, createUser, freshDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let owner: Claims;
let ownerId: string;
let territoryId: string;

beforeAll(async () => {
	db = await freshDatabase();
	ownerId = await createUser(db, 'proprietaire@example.org');
	owner = userClaims(ownerId);
	territoryId = await createTerritory(db, owner, 'points', 'Points de reprise');
});

afterAll(async () => {
	await db?.close();
});

const nameOf = async () =>
	(
		await db.asUser(owner, (tx) =>
			tx.query<{ name: string }>('select name from public.territory where id = $1', [territoryId])
		)
	)[0]?.name;

describe('Tx.savepoint', () => {
	it('rolls back to the savepoint and rethrows; the transaction commits the rest', async () => {
		const caught = await db.asUser(owner, async (tx) => {
			await tx.query('update public.territory set name = $2 where id = $1', [territoryId, 'Avant']);
			let error: unknown = null;
			try {
				await tx.savepoint(async (sp) => {
					await sp.query('update public.territory set name = $2 where id = $1', [
						territoryId,
						'Dedans'
					]);
					// A statement that fails.
					await sp.query('select 1 / 0');
				});
			} catch (e) {
				error = e;
			}
			await tx.query('update public.territory set name = name || $2 where id = $1', [
				territoryId,
				' et après'
			]);
			return error;
		});
		expect(String((caught as { message?: string })?.message)).toMatch(/division by zero/);
		expect(await nameOf()).toBe('Avant et après');
	});

	it('gives back what the savepoint returned, and keeps its writes', async () => {
		const value = await db.asUser(owner, (tx) =>
			tx.savepoint(async (sp) => {
				await sp.query('update public.territory set name = $2 where id = $1', [
					territoryId,
					'Gardé'
				]);
				return 42;
			})
		);
		expect(value).toBe(42);
		expect(await nameOf()).toBe('Gardé');
	});

	it('nests', async () => {
		await db.asUser(owner, async (tx) => {
			await tx.savepoint(async (outer) => {
				await outer.query('update public.territory set name = $2 where id = $1', [
					territoryId,
					'Extérieur'
				]);
				await outer
					.savepoint(async (inner) => {
						await inner.query('update public.territory set name = $2 where id = $1', [
							territoryId,
							'Intérieur'
						]);
						throw new Error('non');
					})
					.catch(() => {});
			});
		});
		expect(await nameOf()).toBe('Extérieur');
	});

	it('lets the settings queries answer their refusals (they failed on PostgreSQL before)', async () => {
		const invite = (role: 'member' | 'viewer') =>
			db.asUser(owner, (tx) => createInvitation(tx, territoryId, 'camille@example.org', role));
		expect(await invite('member')).toBe('created');
		expect(await invite('viewer')).toBe('duplicate');
		expect(await db.asUser(owner, (tx) => removeMember(tx, territoryId, ownerId))).toEqual({
			ok: false,
			reason: 'last_owner'
		});
	});
});
