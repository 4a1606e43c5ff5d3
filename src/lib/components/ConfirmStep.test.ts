import { createRawSnippet, type ComponentProps } from 'svelte';
import { describe, expect, it } from 'vitest';
import ConfirmStep from './ConfirmStep.svelte';
import { serverHtml } from './server-html';

// No DOM in this suite: what a browser without JavaScript gets (the server's own confirmation
// answer renders this markup inside the caller's form).

type Props = ComponentProps<typeof ConfirmStep>;

const html = (props: Props): string => serverHtml(ConfirmStep, props);

const base: Props = {
	id: 'place-delete-confirm-title',
	title: 'Supprimer « Le Lavoir » ?',
	confirmLabel: 'Supprimer',
	cancelLabel: 'Annuler',
	testid: 'place-delete-confirm',
	oncancel: () => {}
};

describe('ConfirmStep (server render)', () => {
	it('is a group labelled by its focusable title, with a confirm=1 submit and a plain cancel', () => {
		const body = html(base);
		expect(body).toMatch(/role="group" aria-labelledby="place-delete-confirm-title"/);
		expect(body).toMatch(
			/<p id="place-delete-confirm-title"[^>]*tabindex="-1"[^>]*>Supprimer « Le Lavoir » \?<\/p>/
		);
		const buttons = [...body.matchAll(/<button([^>]*)>(.*?)<\/button>/g)];
		expect(buttons).toHaveLength(2);
		const [confirm, cancel] = buttons;
		expect(confirm![1]).toContain('type="submit"');
		expect(confirm![1]).toContain('name="confirm"');
		expect(confirm![1]).toContain('value="1"');
		expect(confirm![1]).toContain('data-testid="place-delete-confirm"');
		expect(confirm![1]).not.toContain('disabled');
		expect(confirm![2]).toBe('Supprimer');
		expect(cancel![1]).toContain('type="button"');
		expect(cancel![1]).not.toContain('name=');
		expect(cancel![2]).toBe('Annuler');
		// The title comes before the buttons: Tab from it reaches confirm, then cancel.
		expect(body.indexOf('tabindex="-1"')).toBeLessThan(body.indexOf('<button'));
	});

	it('disables both buttons and marks the confirm busy while the action runs', () => {
		const buttons = [
			...html({ ...base, busy: true, cancelTestid: 'x-cancel' }).matchAll(/<button([^>]*)>/g)
		].map((m) => m[1]!);
		expect(buttons[0]).toContain('disabled');
		expect(buttons[0]).toContain('aria-busy="true"');
		expect(buttons[1]).toContain('disabled');
		expect(buttons[1]).toContain('data-testid="x-cancel"');
	});

	it('renders the explanation between the title and the buttons, only when given', () => {
		const children = createRawSnippet(() => ({ render: () => '<p>Définitif.</p>' }));
		const body = html({ ...base, children });
		const title = body.indexOf('Supprimer « Le Lavoir »');
		const text = body.indexOf('<p>Définitif.</p>');
		expect(title).toBeGreaterThan(-1);
		expect(text).toBeGreaterThan(title);
		expect(text).toBeLessThan(body.indexOf('<button'));
		expect(html(base)).not.toContain('class="body');
	});
});
