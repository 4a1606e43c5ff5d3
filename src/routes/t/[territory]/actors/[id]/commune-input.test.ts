import { describe, expect, it } from 'vitest';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { communeFromInput } from './commune-input';

describe('commune typed on the actor page', () => {
	it('accepts an INSEE code or a name, and stores the code', async () => {
		const communes = await loadFrenchCommunes();
		expect(communeFromInput(communes, '30334')).toBe('30334');
		expect(communeFromInput(communes, ' Uzès ')).toBe('30334');
		expect(communeFromInput(communes, 'UZES')).toBe('30334');
		expect(communeFromInput(communes, 'Saint-Quentin-la-Poterie')).toBe('30295');
	});

	it('refuses what names no single commune', async () => {
		const communes = await loadFrenchCommunes();
		// A postcode is not a commune code.
		expect(communeFromInput(communes, '30700')).toBeNull();
		expect(communeFromInput(communes, 'Nulle-Part-sur-Mer')).toBeNull();
		expect(communeFromInput(communes, '')).toBeNull();
	});
});
