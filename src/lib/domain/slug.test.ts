import { describe, expect, it } from 'vitest';
import { slugify } from './slug';

describe('slugify', () => {
	it('folds accents, apostrophes and spaces', () => {
		expect(slugify("Pays d'Uzès")).toBe('pays-d-uzes');
		expect(slugify('  Cœur  de Gard — 2026 ')).toBe('c-ur-de-gard-2026');
		expect(slugify('!!!')).toBe('');
	});
});
