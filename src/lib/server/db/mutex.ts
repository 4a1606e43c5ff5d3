/** A FIFO lock: each `run` starts after the previous one has settled. */
export class Mutex {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(fn: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(fn, fn);
		// The chain must survive a rejected task, otherwise one failure would block every caller.
		this.#tail = result.catch(() => undefined);
		return result;
	}
}
