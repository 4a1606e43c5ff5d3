import { CommuneIndex, type CommuneEntry } from './communes';

let cached: Promise<CommuneIndex> | null = null;

/**
 * The French communes from `@etalab/decoupage-administratif` (8 MB of JSON): loaded on first
 * use only, so that code which never resolves communes does not pay for it.
 */
export function loadFrenchCommunes(): Promise<CommuneIndex> {
	cached ??= import('@etalab/decoupage-administratif/data/communes.json', {
		with: { type: 'json' }
	}).then((m) => new CommuneIndex(m.default as CommuneEntry[]));
	return cached;
}
