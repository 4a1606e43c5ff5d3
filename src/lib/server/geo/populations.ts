/**
 * Names and municipal populations of the current French communes, from
 * `@etalab/decoupage-administratif` (the same 8 MB list `loadFrenchCommunes` reads: the module
 * is loaded once for both). `CommuneIndex` keeps names only, hence this second, smaller view.
 */
export interface CommuneFacts {
	name: string;
	/** Municipal population of the list's census year; null when the list has none. */
	population: number | null;
}

interface Entry {
	code: string;
	nom: string;
	type?: string;
	population?: number;
}

let cached: Promise<Map<string, CommuneFacts>> | null = null;

export function loadCommuneFacts(): Promise<Map<string, CommuneFacts>> {
	cached ??= import('@etalab/decoupage-administratif/data/communes.json', {
		with: { type: 'json' }
	}).then((m) => {
		const facts = new Map<string, CommuneFacts>();
		for (const c of m.default as Entry[]) {
			if ((c.type ?? 'commune-actuelle') !== 'commune-actuelle') continue;
			const population =
				typeof c.population === 'number' && Number.isFinite(c.population) ? c.population : null;
			facts.set(c.code, { name: c.nom, population });
		}
		return facts;
	});
	return cached;
}
