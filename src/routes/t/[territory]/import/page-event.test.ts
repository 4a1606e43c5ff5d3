import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

// The wizard's first screen, rendered on the server (no DOM in Vitest): the banner of a
// participants sheet is there only when the page was opened from an event.

const base = {
	territory: { slug: 'pays-d-uzes', name: "Pays d'Uzès" },
	sources: []
};

function html(event: { id: string; title: string; date: string } | null): string {
	const data = { ...base, event } as never;
	return render(Page, { props: { data, params: { territory: 'pays-d-uzes' } } as never }).body;
}

describe('import wizard of an event', () => {
	it('says whose participants the sheet holds', () => {
		const body = html({ id: 'e1', title: 'Fête des jardins', date: '14 mars 2026' });
		expect(body).toContain('data-testid="import-event-banner"');
		expect(body).toContain(
			'Participants de l’événement « Fête des jardins » du 14 mars 2026 : les lignes importées'
		);
	});

	it('shows no banner for an ordinary import', () => {
		expect(html(null)).not.toContain('import-event-banner');
	});
});
