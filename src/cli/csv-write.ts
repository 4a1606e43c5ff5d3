/** RFC 4180 CSV: a field is quoted when it holds the delimiter, a quote or a line break. */
export function csvLine(values: readonly (string | number)[]): string {
	return values
		.map((v) => {
			const s = String(v);
			return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
		})
		.join(',');
}

export function csvText(
	header: readonly string[],
	rows: readonly (readonly (string | number)[])[]
): string {
	const out = [csvLine(header)];
	for (const r of rows) out.push(csvLine(r));
	return out.join('\n') + '\n';
}
