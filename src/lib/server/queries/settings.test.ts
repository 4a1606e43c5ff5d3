import { describe, expect, it } from 'vitest';
import { isRole, movedOrder, normaliseEmail } from './settings';

describe('movedOrder', () => {
	const ids = ['a', 'b', 'c'];

	it('swaps with the neighbour and numbers the priorities, highest first', () => {
		expect(movedOrder(ids, 'c', 'up')).toEqual([
			{ id: 'a', priority: 2 },
			{ id: 'c', priority: 1 },
			{ id: 'b', priority: 0 }
		]);
		expect(movedOrder(ids, 'a', 'down')?.map((p) => p.id)).toEqual(['b', 'a', 'c']);
	});

	it('gives null at the ends and for an unknown listing', () => {
		expect(movedOrder(ids, 'a', 'up')).toBeNull();
		expect(movedOrder(ids, 'c', 'down')).toBeNull();
		expect(movedOrder(ids, 'z', 'up')).toBeNull();
	});
});

describe('form values', () => {
	it('stores addresses the way the database checks them', () => {
		expect(normaliseEmail('  Camille.Martin@Example.ORG ')).toBe('camille.martin@example.org');
	});

	it('knows the four roles and nothing else', () => {
		expect(['owner', 'editor', 'member', 'viewer'].every(isRole)).toBe(true);
		expect(isRole('admin')).toBe(false);
		expect(isRole(null)).toBe(false);
	});
});
