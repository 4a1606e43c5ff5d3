/**
 * Bytes to text. French spreadsheets are exported as UTF-8 (often with a BOM) or as
 * Windows-1252; a few tools write UTF-16 with a BOM. Valid UTF-8 is taken as UTF-8, anything
 * else as Windows-1252, which can decode every byte.
 */
export interface DecodedText {
	text: string;
	encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
}

export function decodeText(bytes: Uint8Array): DecodedText {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

// Bytes 0x80–0x9F of Windows-1252 (’ € œ « … “ ” in French Excel exports). Some Node 20 releases
// decode 'windows-1252' as Latin-1 and turn them into invisible C1 controls
// (nodejs/node#56542, #60888), so they are mapped here whatever the runtime does.
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
	return new TextDecoder('windows-1252')
		.decode(bytes)
		.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** A text file has no NUL byte and few control characters in its first kilobytes. */
export function looksBinary(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, 8192);
	if (n === 0) return false;
	// UTF-16 text has NULs; its BOM says so.
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return false;
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i]!;
		if (b === 0) return true;
		if (b < 9 || (b > 13 && b < 32)) control++;
	}
	return control / n > 0.05;
}
