/**
 * The network page's load function on the demo territory and a real database: members get the
 * graph (nodes, drawn edges packed as numbers, the figures), the commune and edge-kind filters
 * narrow it, and anyone who is not a member — anonymous on the public demo included — gets 404.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EDGE_KINDS } from '../../src/lib/domain/network';
import type { NetworkQuery } from '../../src/lib/network/query';
import {
	drawnEdgeCount,
	EDGE_STRIDE,
	unpackEdges,
	type PackedNetwork
} from '../../src/lib/network/wire';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { demoWithRoles, type TestDatabase, httpStatus as status } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const page = await import('../../src/routes/t/[territory]/network/+page.server');

interface PageData {
	territory: { slug: string; name: string };
	query: NetworkQuery;
	communeName: string | null;
	communes: { code: string; name: string; actors: number }[];
	network: PackedNetwork;
}

const SLUG = 'pays-d-uzes';
let db: TestDatabase;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;

async function load(query = '', claims: Claims = viewer, slug = SLUG): Promise<PageData> {
	return (await page.load({
		params: { territory: slug },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${slug}/network${query ? `?${query}` : ''}`)
	} as never)) as PageData;
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: new Date('2026-03-01T10:00:00Z') }));
	current.db = db;
});

afterAll(async () => {
	await db?.close();
});

describe('the network page (load)', () => {
	it('gives a member every actor, the drawn edges and the figures', async () => {
		const data = await load();
		const [counts] = await db.asAdmin((tx) =>
			tx.query<{ actors: number; links: number }>(
				`select (select count(*)::int from public.actor where territory_id = $1) as actors,
				        (select count(*)::int from public.link where territory_id = $1) as links`,
				[territoryId]
			)
		);
		expect(data.network.nodes.length).toBe(counts!.actors);
		expect(data.network.totals.actors).toBe(counts!.actors);
		expect(data.network.edges.length % EDGE_STRIDE).toBe(0);
		const edges = unpackEdges(data.network);
		expect(edges.length).toBe(drawnEdgeCount(data.network));
		expect(edges.length).toBeGreaterThan(0);
		const declared = edges.filter((e) => e.kind !== 'same_event').length;
		// Every declared link is drawn (a link row may repeat a pair the other way round only if
		// the data says so; the demo has none).
		expect(declared).toBe(
			data.network.totals.edges.member_of +
				data.network.totals.edges.partner +
				data.network.totals.edges.co_organised
		);
		expect(
			data.network.totals.edges.member_of + data.network.totals.edges.partner
		).toBeLessThanOrEqual(counts!.links);
		const ids = new Set(data.network.nodes.map((n) => n.id));
		for (const e of edges) {
			expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
		}
		expect(data.network.communities.length).toBeGreaterThan(0);
		expect(data.network.worldMatrix.worlds.slice(0, 2)).toEqual(['professionnel', 'amateur']);
		expect(data.query).toEqual({ commune: null, color: 'kind', kinds: [...EDGE_KINDS] });
		expect(data.communes.find((c) => c.code === '30334')).toMatchObject({ name: 'Uzès' });
		// The demo's 300 actors and their ties travel in well under 150 kB (measured: 92 kB).
		expect(JSON.stringify(data).length).toBeLessThan(150_000);
	});

	it('keeps one commune’s actors with ?commune=', async () => {
		const all = await load();
		const data = await load('commune=30334');
		expect(data.query.commune).toBe('30334');
		expect(data.communeName).toBe('Uzès');
		expect(data.network.nodes.length).toBeGreaterThan(0);
		expect(data.network.nodes.length).toBeLessThan(all.network.nodes.length);
		expect(data.network.nodes.every((n) => n.communeCode === '30334')).toBe(true);
		expect(data.network.nodes.length).toBe(data.communes.find((c) => c.code === '30334')!.actors);
		// Not one of the territory's communes: the whole territory, said so by a null commune.
		const elsewhere = await load('commune=75056');
		expect(elsewhere.query.commune).toBeNull();
		expect(elsewhere.network.nodes.length).toBe(all.network.nodes.length);
	});

	it('keeps the ticked kinds of edges with ?edge=, and none when every box is unticked', async () => {
		const links = await load('edge=&edge=member_of&edge=partner');
		expect(links.query.kinds).toEqual(['member_of', 'partner']);
		const kinds = new Set(unpackEdges(links.network).map((e) => e.kind));
		expect([...kinds].sort()).toEqual(['member_of', 'partner']);
		expect(links.network.totals.edges.same_event).toBe(0);

		const none = await load('edge=');
		expect(none.query.kinds).toEqual([]);
		expect(none.network.edges).toEqual([]);
		expect(none.network.totals.isolated).toBe(none.network.totals.actors);
	});

	it('is 404 for an outsider, an anonymous visitor and an unknown territory', async () => {
		expect(await status(() => load('', outsider))).toBe(404);
		expect(await status(() => load('', anonClaims))).toBe(404);
		expect(await status(() => load('', viewer, 'nulle-part'))).toBe(404);
		expect(await status(() => load('', viewer))).toBe('ok');
	});
});
