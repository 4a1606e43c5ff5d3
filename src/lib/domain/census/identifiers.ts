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
