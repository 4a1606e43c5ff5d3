import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import type { ActorRecordView } from '$lib/server/queries/actor-page';
import RecordCard from './RecordCard.svelte';

// No DOM in this suite: checked through the server rendering.

const record = (cells: ActorRecordView['cells']): ActorRecordView => ({
	id: '00000000-0000-4000-8000-000000000001',
	sourceId: '00000000-0000-4000-8000-000000000002',
	sourceName: 'RNA Gard',
	fileName: 'rna.csv',
	rowNumber: 12,
	gone: false,
	cells,
	geocode: null
});

const props = { selectable: false, checked: false, onToggle: () => {} };

describe('RecordCard', () => {
	it('shows the row’s cells to whom may read them', () => {
		const { body } = render(RecordCard, {
			props: {
				...props,
				record: record([{ column: 'Courriel', value: 'contact@latoupie.fr', role: 'email' }])
			}
		});
		expect(body).toContain('contact@latoupie.fr');
		expect(body).not.toContain('data-testid="record-cells-hidden"');
	});

	it('says the content is for editors when the database gave no cell (members, viewers)', () => {
		const { body } = render(RecordCard, { props: { ...props, record: record([]) } });
		expect(body).toContain('data-testid="record-cells-hidden"');
		expect(body).toContain(m.actor_record_cells_hidden());
		expect(body).not.toContain('<table');
		expect(body).toContain('RNA Gard');
	});
});
