/** Luhn checksum, the key of SIREN and SIRET numbers. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	let double = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return false;
		if (double) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
		double = !double;
	}
	return sum % 10 === 0;
}

function digitsOf(input: string): string {
	// Spaces, dots and dashes are how people group these numbers; anything else makes it not one.
	const s = input.trim();
	if (s.length > 40 || !/^[\d\s.\u00a0-]+$/.test(s)) return '';
	return s.replace(/\D/g, '');
}

/** La Poste's establishments use another key: the digit sum is a multiple of 5. */
function laPosteValid(siret: string): boolean {
	if (!siret.startsWith('356000000')) return false;
	let sum = 0;
	for (const c of siret) sum += c.charCodeAt(0) - 48;
	return sum % 5 === 0;
}

export function normalizeSiret(input: string): string | null {
	const d = digitsOf(input);
	if (d.length !== 14 || /^0+$/.test(d)) return null;
	return luhnValid(d) || laPosteValid(d) ? d : null;
}

export function normalizeSiren(input: string): string | null {
	const d = digitsOf(input);
	if (d.length === 14) return normalizeSiret(d)?.slice(0, 9) ?? null;
	if (d.length !== 9 || /^0+$/.test(d)) return null;
	return luhnValid(d) || d === '356000000' ? d : null;
}

/** RNA number: W followed by nine digits (the department code, then a sequence). */
export function normalizeRna(input: string): string | null {
	const s = input.trim().toUpperCase().replace(/\s/g, '');
	return /^W\d{9}$/.test(s) ? s : null;
}

/** Any other exact key: compared without case, spaces or punctuation. */
export function normalizeIdentifier(input: string): string | null {
	const s = input.length > 200 ? '' : input.toLowerCase().replace(/[^a-z0-9]/g, '');
	return s === '' ? null : s;
}

function plausibleYear(y: string): boolean {
	const n = Number(y);
	return n >= 1800 && n <= 2100;
}

/**
 * A date of birth as `YYYYMMDD`: ISO (`1990-01-31`, with or without a time), compact
 * (`19900131`), or day first as French listings write it (`31/01/1990`, `31.01.1990`,
 * `31011990`). Month and day are not checked against the calendar: a typed date with a slip
 * is still evidence when compared with a slip-tolerant rule. Two-digit years are refused
 * (the century is a guess).
 */
export function normalizeDate(input: string): string | null {
	const s = input.length > 40 ? '' : input.trim();
	if (s === '') return null;
	const pad = (x: string): string => (x.length === 1 ? '0' + x : x);
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
	if (m !== null) return plausibleYear(m[1]!) ? m[1]! + pad(m[2]!) + pad(m[3]!) : null;
	m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s);
	if (m !== null) return plausibleYear(m[3]!) ? m[3]! + pad(m[2]!) + pad(m[1]!) : null;
	if (/^\d{8}$/.test(s)) {
		if (plausibleYear(s.slice(0, 4))) return s;
		if (plausibleYear(s.slice(4))) return s.slice(4) + s.slice(2, 4) + s.slice(0, 2);
	}
	return null;
}
