/**
 * A number read from a database row: some drivers return numeric columns as strings. Null,
 * undefined and the empty string are no number; anything else not finite is no number either.
 */
export function finiteOrNull(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}
