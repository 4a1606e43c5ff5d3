import { untrack } from 'svelte';

/**
 * A form's fields as local state, refilled from `source()` whenever the server sends new values
 * (after a submit). Binding inputs to it (`bind:value={fields.current.title}`) keeps what was
 * typed: a plain `value={values.title}` would be written again by Svelte on the first re-render
 * after hydration (any state change in the form), wiping it.
 */
export function formCopy<T extends object>(source: () => T): { readonly current: T } {
	let current = $state({ ...untrack(source) });
	$effect.pre(() => {
		const next = source();
		untrack(() => (current = { ...next }));
	});
	return {
		get current() {
			return current;
		}
	};
}
