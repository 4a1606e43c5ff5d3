import type { Component, ComponentProps } from 'svelte';
import { render } from 'svelte/server';

/**
 * For component tests without a DOM: the markup a component renders on the server (what a
 * browser without JavaScript gets, and what hydration starts from), Svelte's comments removed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, its own props
export function serverHtml<C extends Component<any>>(
	component: C,
	props: ComponentProps<C>
): string {
	return render(component as Component<ComponentProps<C>>, { props }).body.replace(
		/<!--.*?-->/g,
		''
	);
}
