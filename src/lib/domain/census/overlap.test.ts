import { describe, expect, it } from 'vitest';
import {
	capIntersections,
	computeOverlap,
	overlapShare,
	type ListingMembership,
	type OverlapInput
} from './overlap';

/*
 * Hand example. Three listings, twelve actors:
 *   A (RNA)     : a1 a2 a3 a4 a5 a11(gone) a12(gone)
 *   B (SIRENE)  : a3 a4 a5 a6 a8 a12
 *   C (Réseau)  : a5 a7(gone) a8
 *   no listing  : a9 a10
 * a3 has two records in A, one gone and one current: it is not gone.
 */
const listings = [
	{ id: 'A', name: 'Extrait RNA' },
	{ id: 'B', name: 'Extrait SIRENE' },
	{ id: 'C', name: 'Membres du réseau' }
];
const names: Record<string, string> = {
	a1: 'Zoé Théâtre',
	a2: 'Ateliers du Pont',
	a3: 'Café associatif',
	a4: 'Coop Bois',
	a5: 'Maison des jeunes',
	a6: 'Boulangerie Martin',
	a7: 'Jardins partagés',
	a8: 'Ressourcerie',
	a9: 'Comité des fêtes',
	a10: 'amicale laïque',
	a11: 'école de musique',
	a12: 'Épicerie solidaire'
};
const actors = Object.entries(names).map(([id, name]) => ({ id, name }));
const member = (actorId: string, sourceId: string, gone = false): ListingMembership => ({
	actorId,
	sourceId,
	gone
});
const memberships: ListingMembership[] = [
	member('a1', 'A'),
	member('a2', 'A'),
	member('a3', 'A', true),
	member('a3', 'A'),
	member('a4', 'A'),
	member('a5', 'A'),
	member('a11', 'A', true),
	member('a12', 'A', true),
	member('a3', 'B'),
	member('a4', 'B'),
	member('a5', 'B'),
	member('a6', 'B'),
	member('a8', 'B'),
	member('a12', 'B'),
	member('a5', 'C'),
	member('a7', 'C', true),
	member('a8', 'C'),
	// A listing the caller cannot see and an actor that does not exist: both ignored.
	member('a9', 'hidden-listing'),
	member('ghost', 'A')
];
const input: OverlapInput = { listings, memberships, actors };

describe('computeOverlap on the hand example', () => {
	const overlap = computeOverlap(input);

	it('fills the pairwise matrix, listing sizes on the diagonal', () => {
		expect(overlap.matrix).toEqual([
			[7, 4, 1],
			[4, 6, 2],
			[1, 2, 3]
		]);
	});

	it('lists every exact combination, largest first, ties by fewer listings then order', () => {
		expect(overlap.intersections).toEqual([
			{ listings: [0], count: 3, goneCount: 1 },
			{ listings: [0, 1], count: 3, goneCount: 1 },
			{ listings: [1], count: 1, goneCount: 0 },
			{ listings: [2], count: 1, goneCount: 1 },
			{ listings: [1, 2], count: 1, goneCount: 0 },
			{ listings: [0, 1, 2], count: 1, goneCount: 0 }
		]);
	});

	it('groups the actors found in only one listing, sorted by French name', () => {
		expect(overlap.exclusives).toEqual([
			{
				listing: 0,
				total: 3,
				goneTotal: 1,
				actors: [
					{ id: 'a2', name: 'Ateliers du Pont', gone: false },
					{ id: 'a11', name: 'école de musique', gone: true },
					{ id: 'a1', name: 'Zoé Théâtre', gone: false }
				]
			},
			{
				listing: 1,
				total: 1,
				goneTotal: 0,
				actors: [{ id: 'a6', name: 'Boulangerie Martin', gone: false }]
			},
			{
				listing: 2,
				total: 1,
				goneTotal: 1,
				actors: [{ id: 'a7', name: 'Jardins partagés', gone: true }]
			}
		]);
	});

	it('summarises each listing', () => {
		expect(overlap.listings).toEqual([
			{ id: 'A', name: 'Extrait RNA', actorCount: 7, goneCount: 2, exclusiveCount: 3 },
			{ id: 'B', name: 'Extrait SIRENE', actorCount: 6, goneCount: 0, exclusiveCount: 1 },
			{ id: 'C', name: 'Membres du réseau', actorCount: 3, goneCount: 1, exclusiveCount: 1 }
		]);
	});

	it('puts actors without any record in their own group', () => {
		expect(overlap.listedCount).toBe(10);
		expect(overlap.unlisted).toEqual({
			total: 2,
			actors: [
				{ id: 'a10', name: 'amicale laïque', gone: false },
				{ id: 'a9', name: 'Comité des fêtes', gone: false }
			]
		});
	});

	it('is consistent: symmetric matrix, combinations add up to the listed actors', () => {
		for (let i = 0; i < 3; i++) {
			for (let j = 0; j < 3; j++) expect(overlap.matrix[i]![j]).toBe(overlap.matrix[j]![i]);
		}
		expect(overlap.intersections.reduce((s, c) => s + c.count, 0)).toBe(overlap.listedCount);
	});
});

describe('computeOverlap edge cases', () => {
	it('caps the names listed per group but keeps the totals', () => {
		const overlap = computeOverlap(input, { nameLimit: 1 });
		expect(overlap.exclusives[0]).toMatchObject({ total: 3, goneTotal: 1 });
		expect(overlap.exclusives[0]!.actors.map((a) => a.id)).toEqual(['a2']);
		expect(overlap.unlisted.total).toBe(2);
		expect(overlap.unlisted.actors.map((a) => a.id)).toEqual(['a10']);
	});

	it('gives empty rows and groups for a listing nobody appears in', () => {
		const overlap = computeOverlap({
			listings: [...listings, { id: 'D', name: 'Liste vide' }],
			memberships,
			actors
		});
		expect(overlap.matrix[3]).toEqual([0, 0, 0, 0]);
		expect(overlap.matrix.map((row) => row[3])).toEqual([0, 0, 0, 0]);
		expect(overlap.exclusives[3]).toEqual({ listing: 3, total: 0, goneTotal: 0, actors: [] });
		expect(overlap.intersections.some((c) => c.listings.includes(3))).toBe(false);
	});

	it('handles a territory with no listing at all', () => {
		const overlap = computeOverlap({ listings: [], memberships: [], actors });
		expect(overlap.matrix).toEqual([]);
		expect(overlap.intersections).toEqual([]);
		expect(overlap.exclusives).toEqual([]);
		expect(overlap.listedCount).toBe(0);
		expect(overlap.unlisted.total).toBe(12);
	});

	it('is not gone when one of several copies of a membership is current', () => {
		const overlap = computeOverlap({
			listings: [listings[0]!],
			memberships: [member('a1', 'A', true), member('a1', 'A', false), member('a2', 'A', true)],
			actors
		});
		expect(overlap.exclusives[0]!.actors).toEqual([
			{ id: 'a2', name: 'Ateliers du Pont', gone: true },
			{ id: 'a1', name: 'Zoé Théâtre', gone: false }
		]);
		expect(overlap.listings[0]!.goneCount).toBe(1);
	});
});

describe('capIntersections', () => {
	const { intersections } = computeOverlap(input);

	it('keeps the largest and sums up the others', () => {
		const capped = capIntersections(intersections, 4);
		expect(capped.shown.map((c) => c.listings)).toEqual([[0], [0, 1], [1], [2]]);
		expect(capped.others).toEqual({ combinations: 2, count: 2, goneCount: 0 });
	});

	it('reports nothing left out when all fit (default cap 20)', () => {
		const capped = capIntersections(intersections);
		expect(capped.shown).toHaveLength(6);
		expect(capped.others).toBeNull();
	});
});

describe('overlapShare', () => {
	const { matrix } = computeOverlap(input);

	it('is the share of the row listing also in the column listing', () => {
		expect(overlapShare(matrix, 1, 0)).toBeCloseTo(4 / 6);
		expect(overlapShare(matrix, 0, 1)).toBeCloseTo(4 / 7);
		expect(overlapShare(matrix, 2, 2)).toBe(1);
	});

	it('is 0 for an empty listing or an index out of range', () => {
		expect(overlapShare([[0]], 0, 0)).toBe(0);
		expect(overlapShare(matrix, 5, 0)).toBe(0);
	});
});
