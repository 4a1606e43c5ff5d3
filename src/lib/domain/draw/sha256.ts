/**
 * SHA-256 (FIPS 180-4), synchronous and dependency-free, so that the draw can be re-run the same
 * way on the server, in a browser and by hand with `sha256sum`. Input is UTF-8 text.
 */

const K = new Uint32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);

const H0 = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
];

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The digest of `text` (UTF-8) as eight 32-bit words, big-endian as the standard reads them. */
export function sha256Words(text: string): Uint32Array {
	const bytes = new TextEncoder().encode(text);
	// Message + 0x80 + zero padding + 64-bit length, to a multiple of 64 bytes.
	const blocks = Math.ceil((bytes.length + 9) / 64);
	const buffer = new Uint8Array(blocks * 64);
	buffer.set(bytes);
	buffer[bytes.length] = 0x80;
	const view = new DataView(buffer.buffer);
	const bits = bytes.length * 8;
	view.setUint32(buffer.length - 8, Math.floor(bits / 0x100000000));
	view.setUint32(buffer.length - 4, bits >>> 0);

	const h = H0.slice();
	// Plain locals and `!` on typed-array reads: indices are in range by construction.
	const w = new Uint32Array(64);
	for (let block = 0; block < blocks; block++) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(block * 64 + t * 4);
		for (let t = 16; t < 64; t++) {
			const w15 = w[t - 15]!;
			const w2 = w[t - 2]!;
			const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
			const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
			w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
		}
		let a = h[0]!,
			b = h[1]!,
			c = h[2]!,
			d = h[3]!,
			e = h[4]!,
			f = h[5]!,
			g = h[6]!,
			hh = h[7]!;
		for (let t = 0; t < 64; t++) {
			const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
			const ch = (e & f) ^ (~e & g);
			const t1 = (hh + S1 + ch + K[t]! + w[t]!) >>> 0;
			const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
			const maj = (a & b) ^ (a & c) ^ (b & c);
			const t2 = (S0 + maj) >>> 0;
			hh = g;
			g = f;
			f = e;
			e = (d + t1) >>> 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) >>> 0;
		}
		const out = [a, b, c, d, e, f, g, hh];
		for (let i = 0; i < 8; i++) h[i] = (h[i]! + out[i]!) >>> 0;
	}
	return Uint32Array.from(h);
}

/** The digest of `text` (UTF-8) in lower-case hexadecimal, as `sha256sum` prints it. */
export function sha256Hex(text: string): string {
	return Array.from(sha256Words(text), (word) => word.toString(16).padStart(8, '0')).join('');
}
