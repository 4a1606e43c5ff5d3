/**
 * The network graph's rows on the demo territory (#7): loadNetworkInput as a member and as an
 * outsider, by commune, and the graph and summary built from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork, filterNetwork } from '../../src/lib/domain/network/build';
import { networkSummary } from '../../src/lib/domain/network/summary';
import type { NetworkGraph } from '../../src/lib/domain/network/types';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { loadNetworkInput } from '../../src/lib/server/queries/network';
import { countingTx, demoWithRoles, type TestDatabase } from './helpers';

const UZES = '30334';

let db: TestDatabase;
let owner: Claims;
let outsider: Claims;
let territoryId: string;
let counts: { actors: number; links: number; participations: number; uzes: number };

const edgeList = (graph: NetworkGraph) =>
	graph.mapEdges((key, a, source, target) => `${key} ${source}→${target} ${a.weight}`);

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, outsider }
	} = await demoWithRoles({ now: new Date('2026-03-01T10:00:00Z') }));
	const [row] = await db.asAdmin((tx) =>
		tx.query<typeof counts>(
			`select (select count(*)::int from public.actor where territory_id = $1) as actors,
			        (select count(*)::int from public.link where territory_id = $1) as links,
			        (select count(*)::int from public.event_actor where territory_id = $1)
			          as participations,
			        (select count(*)::int from public.actor
			          where territory_id = $1 and commune_code = $2) as uzes`,
			[territoryId, UZES]
		)
	);
	counts = row!;
	expect(counts.links).toBeGreaterThan(0);
	expect(counts.participations).toBeGreaterThan(0);
	expect(counts.uzes).toBeGreaterThan(0);
});

afterAll(async () => {
	await db?.close();
});

describe('loadNetworkInput', () => {
	it('reads every actor, link and participation in three queries', async () => {
		let queries = 0;
		const input = await db.asUser(owner, (tx) => {
			const counting = countingTx(tx, () => (queries += 1));
			return loadNetworkInput(counting, territoryId);
		});
		expect(queries).toBe(3);
		expect(input.actors).toHaveLength(counts.actors);
		expect(input.links).toHaveLength(counts.links);
		expect(input.participations).toHaveLength(counts.participations);
		expect(input.participations.some((p) => p.role === 'organiser')).toBe(true);
		expect(input.actors.some((a) => a.worlds.length > 0)).toBe(true);

		const graph = buildNetwork(input);
		expect(graph.order).toBe(counts.actors);
		// every declared link is an edge of its kind
		for (const link of input.links) {
			const edges = graph.edges(link.from, link.to).map((e) => graph.getEdgeAttribute(e, 'kind'));
			expect(edges).toContain(link.kind);
		}
		const kinds = new Set(graph.mapEdges((_, a) => a.kind));
		expect([...kinds].sort()).toEqual(['co_organised', 'member_of', 'partner', 'same_event']);
	});

	it('by commune: that commune’s actors, and the same graph as filtering the whole one', async () => {
		const [all, uzes] = await db.asUser(owner, async (tx) => [
			await loadNetworkInput(tx, territoryId),
			await loadNetworkInput(tx, territoryId, { communes: [UZES] })
		]);
		expect(uzes.actors).toHaveLength(counts.uzes);
		expect(uzes.actors.every((a) => a.communeCode === UZES)).toBe(true);
		const ids = new Set(uzes.actors.map((a) => a.id));
		expect(uzes.links.every((l) => ids.has(l.from) && ids.has(l.to))).toBe(true);
		// participations of other communes' actors come along for the events' sizes
		expect(uzes.participations.some((p) => !ids.has(p.actorId))).toBe(true);

		for (const maxClique of [60, 5]) {
			const built = buildNetwork(uzes, { maxClique });
			const filtered = filterNetwork(buildNetwork(all, { maxClique }), { communes: [UZES] });
			expect(built.nodes()).toEqual(filtered.nodes());
			expect(edgeList(built).sort()).toEqual(edgeList(filtered).sort());
		}
		expect(
			await db.asUser(owner, (tx) => loadNetworkInput(tx, territoryId, { communes: [] }))
		).toEqual({ actors: [], links: [], participations: [] });
	});

	it('gives no tie to someone who is not a member (links and participations are members only)', async () => {
		for (const claims of [outsider, anonClaims]) {
			const input = await db.asUser(claims, (tx) => loadNetworkInput(tx, territoryId));
			expect(input.links).toEqual([]);
			expect(input.participations).toEqual([]);
		}
	});
});

describe('the demo’s network summary', () => {
	it('is reproducible and tells the worlds, communities and bridges apart', async () => {
		const input = await db.asUser(owner, (tx) => loadNetworkInput(tx, territoryId));
		const summary = networkSummary(input);
		expect(networkSummary(input)).toEqual(summary);
		expect(summary.totals.actors).toBe(counts.actors);
		expect(summary.totals.ties).toBeGreaterThan(counts.links / 2);
		expect(summary.communities.length).toBeGreaterThan(1);
		expect(summary.communities.reduce((n, c) => n + c.size, 0)).toBe(
			counts.actors - summary.totals.isolated
		);
		expect(summary.worldMatrix.worlds).toEqual(
			expect.arrayContaining(['urbain', 'rural', 'associatif'])
		);
		const n = summary.worldMatrix.worlds.length;
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < n; j++) {
				expect(summary.worldMatrix.ties[i]![j]).toBe(summary.worldMatrix.ties[j]![i]);
			}
		}
		for (const pair of summary.neverMeet) {
			const i = summary.worldMatrix.worlds.indexOf(pair.a);
			const j = summary.worldMatrix.worlds.indexOf(pair.b);
			expect(summary.worldMatrix.ties[i]![j]).toBe(0);
		}
		expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
		expect(summary.nodes.some((node) => node.worldReach > 0)).toBe(true);

		// The demo's worlds are well mixed (every pair has more than two ties): a looser
		// threshold to see bridges at all, each joining pairs within it.
		const loose = networkSummary(input, { weakTies: 40 });
		expect(loose.bridges.length).toBeGreaterThan(0);
		for (const bridge of loose.bridges) {
			expect(bridge.pairs.length).toBeGreaterThan(0);
			for (const pair of bridge.pairs) {
				const i = loose.worldMatrix.worlds.indexOf(pair.a);
				const j = loose.worldMatrix.worlds.indexOf(pair.b);
				expect(pair.otherTies).toBeLessThanOrEqual(40);
				expect(pair.otherTies).toBeLessThanOrEqual(loose.worldMatrix.ties[i]![j]!);
			}
		}
	});
});
