import { describe, expect, it } from 'vitest';
import { sameSitePath } from './redirect';

const ORIGIN = 'http://127.0.0.1:3000';

describe('sameSitePath', () => {
	it('keeps paths of this site with their query and fragment', () => {
		expect(sameSitePath('/t/pays-d-uzes/map?kind=association#x', ORIGIN)).toBe(
			'/t/pays-d-uzes/map?kind=association#x'
		);
		expect(sameSitePath(`${ORIGIN}/login`, ORIGIN)).toBe('/login');
	});

	it.each([
		'//evil.example/piege',
		'/\\evil.example',
		'/\t/evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'http://127.0.0.1:3001/',
		'///evil.example'
	])('refuses %j', (candidate) => {
		expect(sameSitePath(candidate, ORIGIN)).toBe('/');
	});

	it('falls back on anything that is not a string', () => {
		expect(sameSitePath(null, ORIGIN)).toBe('/');
		expect(sameSitePath(undefined, ORIGIN, '/login')).toBe('/login');
	});
});
