/**
 * The draw's random numbers, derived from its public seed only, so that anyone can recompute them:
 * block i is SHA-256 of the UTF-8 text « seed#i » (i = 0, 1, 2…; `seed` is the text of one shuffle,
 * draw.ts attemptSeed), read as eight 32-bit big-endian
 * words, used in order. A number below n is drawn by rejection, without modulo bias: take the next
 * word u; if u < 2³² − (2³² mod n) the number is u mod n, else take the next word.
 */
import { sha256Words } from './sha256';

const TWO_32 = 0x100000000;

export class SeedStream {
	private block = 0;
	private words: Uint32Array = new Uint32Array(0);
	private next = 0;
	/** Words read so far (for the audit: how much of the stream a draw used). */
	consumed = 0;

	constructor(readonly seed: string) {}

	/** The next 32-bit word of the stream. */
	word(): number {
		if (this.next >= this.words.length) {
			this.words = sha256Words(`${this.seed}#${this.block}`);
			this.block += 1;
			this.next = 0;
		}
		this.consumed += 1;
		return this.words[this.next++]!;
	}

	/** A whole number in [0, n), every value equally likely. `below(1)` is 0 and reads nothing. */
	below(n: number): number {
		if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`below(${n})`);
		if (n === 1) return 0;
		const limit = TWO_32 - (TWO_32 % n);
		for (;;) {
			const u = this.word();
			if (u < limit) return u % n;
		}
	}
}
