import { describe, expect, it } from 'vitest';
import {
	licenceChoice,
	OTHER_LICENCE,
	parseCommuneCodes,
	parseSettings,
	type SettingsValues
} from './settings-form';

const known = {
	commune: (code: string) => ['30334', '30001', '2A004'].includes(code),
	epci: (code: string) => code === '243000643'
};

const valid: SettingsValues = {
	name: '  Pays d’Uzès ',
	communes: '30334\n30001, 2a004;30334',
	epci: '243 000 643',
	licence: 'ODbL-1.0',
	licenceOther: '',
	visibility: 'public'
};

describe('parseCommuneCodes', () => {
	it('splits on spaces, commas, semicolons and new lines, keeps order, drops duplicates', () => {
		expect(parseCommuneCodes(' 30334,30001\n\n30334 ; 2b033 ')).toEqual({
			codes: ['30334', '30001', '2B033'],
			invalid: []
		});
	});

	it('reports what is not an INSEE code', () => {
		expect(parseCommuneCodes('3033 30334 Uzès 300012').invalid).toEqual(['3033', 'Uzès', '300012']);
	});
});

describe('parseSettings', () => {
	it('reads a valid form', () => {
		expect(parseSettings(valid, known)).toEqual({
			ok: true,
			settings: {
				name: 'Pays d’Uzès',
				communeCodes: ['30334', '30001', '2A004'],
				epciCode: '243000643',
				licence: 'ODbL-1.0',
				visibility: 'public'
			}
		});
	});

	it('takes the free text when "other" is chosen, and no EPCI when left empty', () => {
		const result = parseSettings(
			{ ...valid, epci: ' ', licence: OTHER_LICENCE, licenceOther: ' Licence maison ' },
			known
		);
		expect(result.ok && result.settings.licence).toBe('Licence maison');
		expect(result.ok && result.settings.epciCode).toBeNull();
	});

	it('says what is wrong with each field', () => {
		const result = parseSettings(
			{
				name: '   ',
				communes: '30334 99999 abc',
				epci: '12345',
				licence: OTHER_LICENCE,
				licenceOther: '',
				visibility: 'everybody'
			},
			known
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{ field: 'name', code: 'empty' },
				{ field: 'communes', code: 'invalid', codes: ['abc'] },
				{ field: 'epci', code: 'invalid' },
				{ field: 'licence', code: 'empty' },
				{ field: 'visibility', code: 'invalid' }
			]
		});
	});

	it('refuses codes that are well formed but not current communes or EPCIs', () => {
		const result = parseSettings({ ...valid, communes: '30334 99999', epci: '200000000' }, known);
		expect(result).toEqual({
			ok: false,
			errors: [
				{ field: 'communes', code: 'unknown', codes: ['99999'] },
				{ field: 'epci', code: 'unknown' }
			]
		});
	});

	it('refuses a licence the select does not offer, unless through "other"', () => {
		expect(parseSettings({ ...valid, licence: 'WTFPL' }, known).ok).toBe(false);
	});
});

describe('licenceChoice', () => {
	it('maps a stored SPDX identifier to its option, anything else to "other"', () => {
		expect(licenceChoice('cc-by-sa-4.0')).toBe('CC-BY-SA-4.0');
		expect(licenceChoice('etalab-2.0')).toBe('etalab-2.0');
		expect(licenceChoice('Licence maison')).toBe(OTHER_LICENCE);
	});
});
