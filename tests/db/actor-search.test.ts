/**
 * GET /t/<slug>/actors/search on a real database with the demo territory: accent- and
 * case-insensitive name search, best matches first, limits, members only (404 otherwise).
 */
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import {
	parseSearchLimit,
	searchWords
} from '../../src/routes/t/[territory]/actors/search/search-actors';
import { createTerritory, demoWithRoles, type TestDatabase } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const endpoint = await import('../../src/routes/t/[territory]/actors/search/+server');

interface Hit {
	id: string;
	name: string;
	kind: string;
	communeName: string | null;
}

async function search(
	claims: Claims,
	query: Record<string, string>,
	slug = 'pays-d-uzes'
): Promise<Hit[] | number> {
	const url = new URL(`http://maillage.test/t/${slug}/actors/search`);
	for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
	const event = { params: { territory: slug }, locals: { claims, locale: 'fr' }, url };
	try {
		const response = await endpoint.GET(event as never);
		expect(response.headers.get('content-type')).toContain('application/json');
		return (await response.json()) as Hit[];
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}

async function hits(claims: Claims, query: Record<string, string>): Promise<Hit[]> {
	const result = await search(claims, query);
	if (typeof result === 'number') throw new Error(`status ${result}`);
	return result;
}

const fold = (s: string) =>
	s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘]/g, "'");

describe('GET /t/<slug>/actors/search', () => {
	let db: TestDatabase;
	let owner: Claims;
	let viewer: Claims;
	let outsider: Claims;
	beforeAll(async () => {
		let territoryId: string;
		({
			db,
			territoryId,
			claims: { owner, viewer, outsider }
		} = await demoWithRoles({ roles: ['viewer'], now: new Date('2026-03-01T10:00:00Z') }));
		current.db = db;
		await db.asUser(owner, (tx) =>
			tx.query(
				`insert into public.actor (territory_id, name)
				 select $1, n from unnest(array['Les amis de Zorglub', 'Zorglub et compagnie', 'Zorglub']) n`,
				[territoryId]
			)
		);
		// Another territory with a look-alike actor: it must never leak into the demo's results.
		const other = await createTerritory(db, outsider, 'ailleurs', 'Ailleurs');
		await db.asUser(outsider, (tx) =>
			tx.query(`insert into public.actor (territory_id, name) values ($1, 'La Filature bis')`, [
				other
			])
		);
	});
	afterAll(async () => {
		await db?.close();
	});

	it('finds La Filature whatever the case and accents, best match first, with its commune', async () => {
		const [first, ...rest] = await hits(owner, { q: 'filature' });
		expect(first).toMatchObject({
			name: 'La Filature, tiers-lieu coopératif',
			kind: 'cooperative',
			communeName: 'Uzès'
		});
		expect(rest.every((h) => h.name !== 'La Filature bis')).toBe(true);
		const upper = await hits(owner, { q: 'FILATURE' });
		expect(upper.map((h) => h.id)).toEqual([first!.id, ...rest.map((h) => h.id)]);
		const accented = await hits(owner, { q: 'fîlàture COOPÉRATIF' });
		expect(accented[0]?.id).toBe(first!.id);
	});

	it('matches accent-insensitively on the name: « uzes » finds names written « Uzès »', async () => {
		const plain = await hits(owner, { q: 'uzes', limit: '50' });
		const accented = await hits(owner, { q: 'Uzès', limit: '50' });
		expect(plain.length).toBeGreaterThan(0);
		expect(plain.some((h) => h.name.includes('Uzès'))).toBe(true);
		expect(accented.map((h) => h.id)).toEqual(plain.map((h) => h.id));
		for (const h of plain) expect(fold(h.name)).toContain('uzes');
	});

	it('needs every word and folds typographic apostrophes', async () => {
		// The demo stores an ASCII apostrophe; a phone keyboard types the typographic one.
		const found = await hits(owner, { q: 'fab lab l’uzege' });
		expect(found.map((h) => fold(h.name))).toContain("fab lab de l'uzege");

		const both = await hits(owner, { q: 'salle blauzac', limit: '50' });
		for (const h of both) {
			expect(fold(h.name)).toContain('salle');
			expect(fold(h.name)).toContain('blauzac');
		}
		expect(await hits(owner, { q: 'filature zzzzqqq' })).toEqual([]);
	});

	it('ranks an exact name, then names starting with the query, then the others', async () => {
		expect((await hits(owner, { q: 'zorglub' })).map((h) => h.name)).toEqual([
			'Zorglub',
			'Zorglub et compagnie',
			'Les amis de Zorglub'
		]);
		const partial = (await hits(owner, { q: 'ZORG' })).map((h) => h.name);
		expect(partial).toHaveLength(3);
		expect(partial[2]).toBe('Les amis de Zorglub');
	});

	it('caps the number of results: default 20, limit honoured, never more than 50', async () => {
		expect(await hits(owner, { q: 'a' })).toHaveLength(20);
		expect(await hits(owner, { q: 'a', limit: '5' })).toHaveLength(5);
		expect(await hits(owner, { q: 'a', limit: '500' })).toHaveLength(50);
		expect(await hits(owner, { q: 'a', limit: 'beaucoup' })).toHaveLength(20);
	});

	it('answers [] to an empty query and treats LIKE wildcards literally', async () => {
		expect(await hits(owner, {})).toEqual([]);
		expect(await hits(owner, { q: '   ' })).toEqual([]);
		expect(await hits(owner, { q: '%' })).toEqual([]);
		expect(await hits(owner, { q: '_' })).toEqual([]);
	});

	it('is for members only: a viewer may search, others get 404', async () => {
		expect((await hits(viewer, { q: 'filature' }))[0]?.name).toBe(
			'La Filature, tiers-lieu coopératif'
		);
		expect(await search(anonClaims, { q: 'filature' })).toBe(404);
		expect(await search(outsider, { q: 'filature' })).toBe(404);
		expect(await search(owner, { q: 'filature' }, 'inconnu')).toBe(404);
		// The outsider's own territory shows only its own actor.
		const theirs = await search(outsider, { q: 'filature' }, 'ailleurs');
		expect(theirs).toEqual([
			{ id: expect.any(String), name: 'La Filature bis', kind: 'other', communeName: null }
		]);
	});
});

describe('search input parsing', () => {
	it('reads the limit', () => {
		expect(parseSearchLimit(null)).toBe(20);
		expect(parseSearchLimit('0')).toBe(20);
		expect(parseSearchLimit('-3')).toBe(20);
		expect(parseSearchLimit('7')).toBe(7);
		expect(parseSearchLimit('51')).toBe(50);
	});
	it('splits words and escapes LIKE wildcards', () => {
		expect(searchWords('  salle   des fêtes ')).toEqual(['salle', 'des', 'fêtes']);
		expect(searchWords('100%_sûr')).toEqual(['100\\%\\_sûr']);
		expect(searchWords('')).toEqual([]);
	});
});
