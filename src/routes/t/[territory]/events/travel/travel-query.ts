/** The travel page's GET parameters: the series (format, theme) and the expected size. */

/** Largest expected size accepted: a festival, not a census of France. */
export const SIZE_MAX = 100_000;

export interface TravelQuery {
	format: string | null;
	theme: string | null;
	/** As typed, for the form. */
	size: string;
	sizeValue: number | null;
	sizeError: boolean;
}

export function parseTravelQuery(params: URLSearchParams): TravelQuery {
	const text = (name: string) => {
		const v = (params.get(name) ?? '').trim();
		return v === '' || v.length > 80 ? null : v;
	};
	const size = (params.get('size') ?? '').trim().slice(0, 12);
	const n = /^\d+$/.test(size) ? Number(size) : NaN;
	const valid = Number.isInteger(n) && n >= 1 && n <= SIZE_MAX;
	return {
		format: text('format'),
		theme: text('theme'),
		size,
		sizeValue: valid ? n : null,
		sizeError: size !== '' && !valid
	};
}
