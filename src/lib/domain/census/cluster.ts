import type { NormalizedRecord } from './types';

/**
 * Union–find over records that refuses any union joining two different SIRET, SIREN or RNA
 * numbers, or two records a person said are different.
 */
export class ConstrainedClusters {
	private readonly parent: Int32Array;
	private readonly size: Int32Array;
	private readonly ids: (Map<string, Set<string>> | undefined)[];
	private readonly forbidden: (Set<number> | undefined)[];

	constructor(records: readonly NormalizedRecord[]) {
		const n = records.length;
		this.parent = new Int32Array(n);
		this.size = new Int32Array(n).fill(1);
		this.ids = new Array(n);
		this.forbidden = new Array(n);
		for (let i = 0; i < n; i++) {
			this.parent[i] = i;
			const r = records[i]!;
			if (r.siret !== null || r.siren !== null || r.rna !== null) {
				const m = new Map<string, Set<string>>();
				if (r.siret !== null) m.set('siret', new Set([r.siret]));
				if (r.siren !== null) m.set('siren', new Set([r.siren]));
				if (r.rna !== null) m.set('rna', new Set([r.rna]));
				this.ids[i] = m;
			}
		}
	}

	find(i: number): number {
		let r = i;
		while (this.parent[r] !== r) r = this.parent[r]!;
		let x = i;
		while (this.parent[x] !== r) {
			const next = this.parent[x]!;
			this.parent[x] = r;
			x = next;
		}
		return r;
	}

	forbid(i: number, j: number): void {
		const ri = this.find(i);
		const rj = this.find(j);
		(this.forbidden[ri] ??= new Set()).add(j);
		(this.forbidden[rj] ??= new Set()).add(i);
	}

	/** Why `i` and `j` cannot be joined, or null when they can. */
	obstacle(i: number, j: number): 'identifier' | 'decision' | null {
		const ri = this.find(i);
		const rj = this.find(j);
		if (ri === rj) return null;
		const a = this.ids[ri];
		const b = this.ids[rj];
		if (a !== undefined && b !== undefined) {
			for (const [kind, values] of a) {
				const other = b.get(kind);
				if (other === undefined) continue;
				let common = false;
				for (const v of values) if (other.has(v)) common = true;
				if (!common) return 'identifier';
			}
		}
		const fa = this.forbidden[ri];
		const fb = this.forbidden[rj];
		if (fa !== undefined && fb !== undefined) {
			const [small, target] = fa.size <= fb.size ? [fa, rj] : [fb, ri];
			for (const x of small) if (this.find(x) === target) return 'decision';
		}
		return null;
	}

	/** Joins the clusters of `i` and `j`; `force` is for a person's decision. */
	union(i: number, j: number, force = false): boolean {
		const ri = this.find(i);
		const rj = this.find(j);
		if (ri === rj) return false;
		if (!force && this.obstacle(i, j) !== null) return false;
		const [big, small] = this.size[ri]! >= this.size[rj]! ? [ri, rj] : [rj, ri];
		this.parent[small] = big;
		this.size[big]! += this.size[small]!;
		const si = this.ids[small];
		if (si !== undefined) {
			const bi = (this.ids[big] ??= new Map());
			for (const [kind, values] of si) {
				const target = bi.get(kind);
				if (target === undefined) bi.set(kind, new Set(values));
				else for (const v of values) target.add(v);
			}
			this.ids[small] = undefined;
		}
		const sf = this.forbidden[small];
		if (sf !== undefined) {
			const bf = (this.forbidden[big] ??= new Set());
			for (const v of sf) bf.add(v);
			this.forbidden[small] = undefined;
		}
		return true;
	}
}
