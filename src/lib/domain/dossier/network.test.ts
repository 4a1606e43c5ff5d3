import { describe, expect, it } from 'vitest';
import { networkSummary } from '../network';
import { fixtureInput } from '../network/test-fixtures';
import { DOSSIER_NETWORK_METHODS, dossierNetwork } from './network';

describe('dossierNetwork', () => {
	const summary = networkSummary(fixtureInput());

	it('keeps the figures, the matrix and the never-meet pairs as the summary computed them', () => {
		const kept = dossierNetwork(summary);
		expect(kept.totals).toEqual(summary.totals);
		expect(kept.worldMatrix).toEqual(summary.worldMatrix);
		expect(kept.neverMeet).toEqual(summary.neverMeet);
		expect(kept.communityCount).toBe(summary.communities.length);
		expect(Object.keys(kept.methods)).toEqual([...DOSSIER_NETWORK_METHODS]);
		expect(kept.methods.bridges).toEqual(summary.methods.bridges);
		// No graph: neither nodes nor edges travel to the dossier.
		expect(kept).not.toHaveProperty('nodes');
		expect(kept).not.toHaveProperty('edges');
	});

	it('lists the largest groups and the strongest bridges first, up to the limits', () => {
		expect(summary.bridges.length).toBeGreaterThan(1);
		const kept = dossierNetwork(summary, { bridges: 1, communities: 1 });
		expect(kept.bridges).toEqual(summary.bridges.slice(0, 1));
		expect(kept.openers).toEqual([]);
		const largest = Math.max(...summary.communities.map((c) => c.size));
		expect(kept.communities).toHaveLength(1);
		expect(kept.communities[0]!.size).toBe(largest);
	});

	it('names the actors opening onto other worlds when nobody bridges weak pairs', () => {
		// A network where every pair of worlds already meets often: no bridge listed.
		const noWeak = { ...summary, bridges: [] };
		const kept = dossierNetwork(noWeak, { bridges: 2 });
		expect(kept.openers.length).toBeGreaterThan(0);
		expect(kept.openers.length).toBeLessThanOrEqual(2);
		const reach = noWeak.nodes.map((n) => n.worldReach).sort((a, b) => b - a);
		expect(kept.openers[0]!.worldReach).toBe(reach[0]);
		for (let i = 1; i < kept.openers.length; i++) {
			expect(kept.openers[i - 1]!.worldReach).toBeGreaterThanOrEqual(kept.openers[i]!.worldReach);
		}
	});
});
