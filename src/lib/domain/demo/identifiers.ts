/**
 * Register identifiers for fictional actors: right shape and check digits, so that the import
 * and matching code treats them like real ones, yet recognisably invented.
 */
import type { Random } from './prng';

/** Luhn check as INSEE applies it to SIREN (9 digits) and SIRET (14 digits). */
export function luhnValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

/** Appends the one digit that makes `body` pass the Luhn check. */
export function withLuhnDigit(body: string): string {
	for (let d = 0; d <= 9; d++) {
		const candidate = body + String(d);
		if (luhnValid(candidate)) return candidate;
	}
	throw new Error(`no Luhn digit for ${body}`);
}

/**
 * A SIRET whose SIREN starts with "00", so that it reads as invented and is unlikely to be the
 * number of a real business; its SIREN (9 digits) and the whole SIRET (14) both pass Luhn.
 */
export function fictionalSiret(random: Random): string {
	const siren = withLuhnDigit('00' + random.digits(6));
	return withLuhnDigit(siren + '000' + random.digits(1));
}

/** An RNA number (W + 9 digits) in the Gard's series: "W30" then 7 digits. */
export function fictionalRna(random: Random): string {
	return 'W30' + random.digits(7);
}
