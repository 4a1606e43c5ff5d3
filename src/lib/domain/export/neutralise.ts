/**
 * Formula ("CSV") injection: a spreadsheet application evaluates a cell whose text starts with
 * `=`, `+`, `-` or `@` as a formula, so a listing row named `=HYPERLINK("https://…","Cliquez")`
 * or `=cmd|' /C calc'!A0` would run on the computer of whoever opens the export.
 *
 * OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection, also OWASP ASVS 5.0
 * requirement 1.2.10): make sure no cell begins with `=`, `+`, `-`, `@`, tab (0x09) or carriage
 * return (0x0D) by prefixing such cells with a single quote, and escape separators and quotes
 * (done by the CSV writer). ASVS adds the NUL character; line feed is added here too since some
 * importers split on it before the quoting is seen.
 *
 * Beyond that list: leading spaces are skipped before looking at the first character (LibreOffice
 * can trim them on import, "Trim spaces" option) and the full-width forms ＝ ＋ － ＠ are treated
 * like their ASCII forms (East-Asian input methods type them; some spreadsheets accept them).
 * Invisible characters before the sign are skipped too — any Unicode space or separator, control
 * character (C0, DEL, C1) or format character (zero-width space, BOM, direction marks): the XLSX
 * writer drops the controls XML forbids (write-excel-file removeInvalidXmlCharacters), so
 * `\u0001=1+1` would reach the sheet as `=1+1`, and a reader or a copy may drop the others.
 *
 * The quote is visible as text in some applications (and in any plain-text reader): that is the
 * price OWASP accepts for never running a formula. Numbers Maillage formats itself (coordinates)
 * are written as numbers and never pass through here, so `-1.5536` stays a number.
 */
const DANGEROUS_START = /^(?:[\t\r\n\0]|[\p{Z}\p{Cc}\p{Cf}]*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

export function isDangerousCell(value: string): boolean {
	return DANGEROUS_START.test(value);
}

export function neutraliseCell(value: string): string {
	return isDangerousCell(value) ? `'${value}` : value;
}
