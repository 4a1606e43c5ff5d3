/**
 * The intercommunalities (EPCI) of `@etalab/decoupage-administratif` (data/epci.json, 4 MB: each
 * EPCI with its SIREN `code`, `nom` and `membres`, the current communes it groups). Parsed once
 * per process and kept as two small maps: the list is public reference data.
 */
export interface Epci {
	/** SIREN of the EPCI. */
	code: string;
	name: string;
	/** INSEE codes of its member communes. */
	members: string[];
}

export interface EpciIndex {
	bySiren: ReadonlyMap<string, Epci>;
	/** The EPCI each commune belongs to (a commune belongs to one EPCI at most). */
	byCommune: ReadonlyMap<string, Epci>;
}

interface Entry {
	code: string;
	nom: string;
	membres?: { code: string }[];
}

let cached: Promise<EpciIndex> | null = null;

export function loadEpciIndex(): Promise<EpciIndex> {
	cached ??= import('@etalab/decoupage-administratif/data/epci.json', {
		with: { type: 'json' }
	}).then((module) => {
		const bySiren = new Map<string, Epci>();
		const byCommune = new Map<string, Epci>();
		for (const entry of module.default as Entry[]) {
			const epci: Epci = {
				code: entry.code,
				name: entry.nom,
				members: (entry.membres ?? []).map((member) => member.code)
			};
			bySiren.set(epci.code, epci);
			for (const code of epci.members) byCommune.set(code, epci);
		}
		return { bySiren, byCommune };
	});
	return cached;
}

/** The EPCIs having at least one of `communeCodes` as member, by name. */
export function epcisOf(index: EpciIndex, communeCodes: Iterable<string>): Epci[] {
	const found = new Map<string, Epci>();
	for (const code of communeCodes) {
		const epci = index.byCommune.get(code);
		if (epci) found.set(epci.code, epci);
	}
	return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
