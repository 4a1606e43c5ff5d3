/**
 * Which rows a dossier's scope covers. Everything is filtered by commune code: the whole
 * territory takes every row (those without a commune too), an EPCI or a commune only the rows
 * placed in one of its communes.
 */
import type { DossierCommune, DossierInput, DossierScope, MethodParam } from './types';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** French order for names and labels. */
export function compareFr(a: string, b: string): number {
	return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The commune codes of the scope; null for the whole territory (no filter). */
export function scopeCodes(scope: DossierScope): ReadonlySet<string> | null {
	switch (scope.kind) {
		case 'territory':
			return null;
		case 'epci':
			return new Set(scope.communeCodes);
		case 'commune':
			return new Set([scope.code]);
	}
}

/** Whether a row placed in `communeCode` belongs to the scope given by `scopeCodes`. */
export function inScope(communeCode: string | null, codes: ReadonlySet<string> | null): boolean {
	return codes === null || (communeCode !== null && codes.has(communeCode));
}

/**
 * The communes of the scope, by name. A scope code missing from the territory's communes is
 * still listed (named by its code, population unknown) so that it shows up as a gap.
 */
export function scopeCommunes(input: DossierInput, scope: DossierScope): DossierCommune[] {
	const codes = scopeCodes(scope);
	const known = new Map(input.communes.map((c) => [c.code, c]));
	const list =
		codes === null
			? [...known.values()]
			: [...codes].map((code) => known.get(code) ?? { code, name: code, population: null });
	return list.sort((a, b) => compareFr(a.name, b.name) || compareFr(a.code, b.code));
}

/** The scope as method parameters: `scope` (territory | epci | commune) and `scopeCode`. */
export function scopeParams(scope: DossierScope): Record<string, MethodParam> {
	return { scope: scope.kind, scopeCode: scope.kind === 'territory' ? null : scope.code };
}
