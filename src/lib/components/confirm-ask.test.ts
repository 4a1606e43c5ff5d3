import type { SubmitFunction } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { ConfirmAsk } from './confirm-ask.svelte';

type Input = Parameters<SubmitFunction>[0];

/** What use:enhance hands the function, reduced to what ConfirmAsk reads. */
function submitWith(name: string | null): { input: Input; cancelled: () => boolean } {
	let cancelled = false;
	const submitter = name === null ? null : ({ getAttribute: () => name } as unknown as HTMLElement);
	const input = { submitter, cancel: () => (cancelled = true) } as unknown as Input;
	return { input, cancelled: () => cancelled };
}

describe('ConfirmAsk', () => {
	it('the first submit opens the step without posting; the step’s button posts', () => {
		const ask = new ConfirmAsk();
		const after = async () => {};
		const submit = ask.enhance(() => after);
		const first = submitWith(null);
		expect(submit(first.input)).toBeUndefined();
		expect(first.cancelled()).toBe(true);
		expect(ask.asking).toBe(true);
		const confirm = submitWith('confirm');
		expect(submit(confirm.input)).toBe(after);
		expect(confirm.cancelled()).toBe(false);
	});

	it('shows what the server asked until « Annuler », which closes either', () => {
		let serverAsks = true;
		const ask = new ConfirmAsk(() => serverAsks);
		expect(ask.asking).toBe(true);
		ask.cancel();
		expect(ask.asking).toBe(false);
		// Asked again by the page: open again, whatever was dismissed.
		ask.enhance()(submitWith('other').input);
		expect(ask.asking).toBe(true);
		ask.cancel();
		serverAsks = false;
		expect(ask.asking).toBe(false);
	});
});
