import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDangerousCell, neutraliseCell } from './neutralise';

describe('neutraliseCell (OWASP CSV injection)', () => {
	const dangerous = [
		'=1+1',
		'=HYPERLINK("https://attaquant.example","Cliquez")',
		"=cmd|' /C calc'!A0",
		'+33 4 66 12 34 56',
		'-2+3',
		'@SUM(A1:A2)',
		'\t=1+1',
		'\r=1+1',
		'\n=1+1',
		'\0=1+1',
		'  =1+1',
		'\u00a0=1+1',
		'＝1+1',
		'＋1',
		'－1',
		'＠SUM(A1)',
		// Invisible characters before the sign (the XLSX writer drops C0 controls, leaving `=`).
		'\u0001=1+1',
		'\u000b=1+1',
		'\u001b@SUM(A1)',
		'\u0085-2+3',
		'\u200b=1+1',
		'\ufeff=1+1',
		'\u202e=1+1',
		'\u2066+1',
		'\u2028=1+1',
		'\u2003=1+1'
	];

	it.each(dangerous)('prefixes a quote to %j', (value) => {
		expect(isDangerousCell(value)).toBe(true);
		expect(neutraliseCell(value)).toBe(`'${value}`);
	});

	it.each([
		'Café « Œuvre »',
		'a=b',
		'1-2',
		'',
		"'=déjà neutralisé",
		'contact@example.org',
		'04 66',
		'\u200bCafé = bon',
		'\u202efdp.exe'
	])('leaves %j as it is', (value) => {
		expect(isDangerousCell(value)).toBe(false);
		expect(neutraliseCell(value)).toBe(value);
	});

	it('never returns a dangerous cell and only ever adds one leading quote', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (value) => {
				const out = neutraliseCell(value);
				expect(isDangerousCell(out)).toBe(false);
				expect([value, `'${value}`]).toContain(out);
			})
		);
	});
});
