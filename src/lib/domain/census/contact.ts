import { MAX_FIELD_CHARS } from './text';

/**
 * Phone numbers to E.164. French numbers are written 04 66 12 34 56, 04.66.12.34.56,
 * +33 4 66 12 34 56, 0033466123456 or +33 (0)4 66…; foreign numbers keep their country code.
 * A cell may hold several numbers separated by / ; , or "ou".
 */
export function normalizePhones(input: string): string[] {
	const s = input.length > MAX_FIELD_CHARS ? input.slice(0, MAX_FIELD_CHARS) : input;
	const out: string[] = [];
	for (const part of s.split(/[/;,|]|\bou\b|\bor\b/i)) {
		const p = normalizePhone(part);
		if (p !== null && !out.includes(p)) out.push(p);
	}
	return out;
}

export function normalizePhone(input: string): string | null {
	let s = input.replace(/\(0\)/g, '').trim();
	const plus = s.startsWith('+');
	s = s.replace(/\D/g, '');
	if (s === '') return null;
	if (!plus && s.startsWith('00')) return validInternational(s.slice(2));
	if (plus) {
		// E.164 itself: "+33466…"; a stray 0 after the French code is a common slip.
		if (s.startsWith('330') && s.length === 12) s = '33' + s.slice(3);
		return validInternational(s);
	}
	if (s.length === 10 && s.startsWith('0') && s[1] !== '0') return '+33' + s.slice(1);
	if (s.length === 9 && s[0] !== '0') return '+33' + s;
	return null;
}

function validInternational(digits: string): string | null {
	if (digits.startsWith('33'))
		return digits.length === 11 && digits[2] !== '0' ? '+' + digits : null;
	return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? '+' + digits : null;
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

export function normalizeEmails(input: string): string[] {
	const s = input.length > MAX_FIELD_CHARS ? input.slice(0, MAX_FIELD_CHARS) : input;
	const out: string[] = [];
	for (const part of s.split(/[\s;,|<>()]+/)) {
		const e = part
			.trim()
			.toLowerCase()
			.replace(/^mailto:/, '')
			.replace(/\.+$/, '');
		if (EMAIL.test(e) && !out.includes(e)) out.push(e);
	}
	return out;
}

/** Mail providers shared by millions: their domain says nothing about who owns the address. */
const WEBMAIL = new Set([
	'gmail.com',
	'googlemail.com',
	'orange.fr',
	'wanadoo.fr',
	'free.fr',
	'laposte.net',
	'sfr.fr',
	'neuf.fr',
	'hotmail.com',
	'hotmail.fr',
	'live.fr',
	'live.com',
	'outlook.com',
	'outlook.fr',
	'msn.com',
	'yahoo.com',
	'yahoo.fr',
	'icloud.com',
	'me.com',
	'aol.com',
	'aol.fr',
	'gmx.fr',
	'gmx.com',
	'bbox.fr',
	'numericable.fr',
	'protonmail.com',
	'proton.me',
	'club-internet.fr',
	'aliceadsl.fr',
	'mailo.com'
]);

export function isWebmailDomain(domain: string): boolean {
	return WEBMAIL.has(domain);
}

export function emailDomain(email: string): string {
	return email.slice(email.indexOf('@') + 1);
}

/** Website to its host without `www.`: "https://www.Example.fr/contact" → "example.fr". */
export function normalizeWebsites(input: string): string[] {
	const s = input.length > MAX_FIELD_CHARS ? input.slice(0, MAX_FIELD_CHARS) : input;
	const out: string[] = [];
	for (const part of s.split(/[\s;,|]+/)) {
		const host = part
			.trim()
			.toLowerCase()
			.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
			.replace(/[/?#:].*$/, '')
			.replace(/^www\d?\./, '')
			.replace(/\.+$/, '');
		if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(host) && !out.includes(host)) out.push(host);
	}
	return out;
}
