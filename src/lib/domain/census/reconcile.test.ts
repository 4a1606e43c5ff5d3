import { describe, expect, it } from 'vitest';
import { reconcileActors, recordSetKey } from './reconcile';

function ids() {
	let n = 0;
	return () => `new-${++n}`;
}

describe('reconcileActors', () => {
	it('keeps the actor holding most records, creates ids for clusters of new records', () => {
		const r = reconcileActors({
			clusters: [['r1', 'r2', 'r3'], ['r4'], ['r5']],
			actorOf: new Map([
				['r1', 'A'],
				['r2', 'A'],
				['r3', 'B'],
				['r4', 'C']
			]),
			actorAge: new Map([
				['A', 0],
				['B', 1],
				['C', 2]
			]),
			absorbed: [],
			newId: ids()
		});
		expect(r.actors).toEqual([
			{ origin: 'kept', actorId: 'A' },
			{ origin: 'kept', actorId: 'C' },
			{ origin: 'new', actorId: 'new-1' }
		]);
		expect(r.absorbed).toEqual([{ actorId: 'B', into: 'A' }]);
	});

	it('breaks ties by age: the older actor survives a merge of equals', () => {
		const r = reconcileActors({
			clusters: [['r1', 'r2']],
			actorOf: new Map([
				['r1', 'Y'],
				['r2', 'X']
			]),
			actorAge: new Map([
				['X', 0],
				['Y', 1]
			]),
			absorbed: [],
			newId: ids()
		});
		expect(r.actors[0]).toEqual({ origin: 'kept', actorId: 'X' });
		expect(r.absorbed).toEqual([{ actorId: 'Y', into: 'X' }]);
	});

	it('brings back an absorbed actor when a cluster holds exactly its records again', () => {
		const r = reconcileActors({
			clusters: [['r1'], ['r3', 'r2']],
			actorOf: new Map([
				['r1', 'A'],
				['r2', 'A'],
				['r3', 'A']
			]),
			actorAge: new Map([['A', 0]]),
			absorbed: [{ actorId: 'B', recordIds: ['r2', 'r3'] }],
			newId: ids()
		});
		// Without the snapshot, A would go to the bigger cluster and r1 would get a new id.
		expect(r.actors).toEqual([
			{ origin: 'kept', actorId: 'A' },
			{ origin: 'restored', actorId: 'B' }
		]);
		expect(r.absorbed).toEqual([]);
	});

	it('never gives one actor to two clusters', () => {
		const r = reconcileActors({
			clusters: [['r1'], ['r2']],
			actorOf: new Map([
				['r1', 'A'],
				['r2', 'A']
			]),
			actorAge: new Map([['A', 0]]),
			absorbed: [],
			newId: ids()
		});
		expect(r.actors.map((a) => a.actorId)).toEqual(['A', 'new-1']);
	});

	it('keys record sets independently of order', () => {
		expect(recordSetKey(['b', 'a'])).toBe(recordSetKey(['a', 'b']));
	});
});
