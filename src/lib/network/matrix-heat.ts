import type { WorldMatrix } from '$lib/domain/network';

/**
 * Each cell's share of the largest cell, in [0, 1], for the table's heat colouring. The
 * diagonal (ties inside a world) usually dwarfs the rest: it is measured against its own
 * largest value so that the cells between worlds still show their differences.
 */
export function matrixHeat(matrix: Pick<WorldMatrix, 'ties'>): number[][] {
	let across = 0;
	let inside = 0;
	matrix.ties.forEach((row, i) =>
		row.forEach((value, j) => {
			if (i === j) inside = Math.max(inside, value);
			else across = Math.max(across, value);
		})
	);
	return matrix.ties.map((row, i) =>
		row.map((value, j) => {
			const max = i === j ? inside : across;
			return max > 0 ? Math.round((value / max) * 1000) / 1000 : 0;
		})
	);
}
