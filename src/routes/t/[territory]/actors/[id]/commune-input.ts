import type { CommuneIndex } from '$lib/domain/census/communes';

/**
 * The INSEE code for what a person typed in the commune field: a code (current, former or
 * delegated commune) or a commune name. Null when it names no commune, or several (homonyms).
 */
export function communeFromInput(communes: CommuneIndex, input: string): string | null {
	const value = input.trim();
	if (value === '') return null;
	return communes.resolve({ code: value, name: value })?.code ?? null;
}
