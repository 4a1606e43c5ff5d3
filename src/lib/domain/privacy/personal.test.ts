import { describe, expect, it } from 'vitest';
import {
	isPersonalEmail,
	isPersonalPhone,
	nationalDigits,
	personalDefaults,
	personalFields
} from './personal';

describe('isPersonalEmail', () => {
	it('sees a person in a webmail address or a first-name.last-name local part', () => {
		for (const email of [
			'marie.martin@gmail.com',
			'toto42@orange.fr',
			'Jean-Luc.Dupont@Wanadoo.FR',
			'jean.dupont@mairie-uzes.fr',
			'j.dupont@ccpaysduzes.fr',
			'élodie_bernard@asso-exemple.org',
			'marie.martin+asso@gmail.com'
		]) {
			expect(isPersonalEmail(email), email).toBe(true);
		}
	});

	it('leaves role addresses to the organisation, even at a webmail', () => {
		for (const email of [
			'contact@latoupie.fr',
			'accueil@mairie-uzes.fr',
			'mairie@blauzac.fr',
			'contact.festival@gmail.com',
			'info2@orange.fr',
			'Secretariat@ecole-montaren.fr',
			'lafabrique@tiers-lieu.org'
		]) {
			expect(isPersonalEmail(email), email).toBe(false);
		}
	});

	it('has nothing to protect in an empty or malformed value', () => {
		for (const email of [null, undefined, '', 'pas une adresse', '@gmail.com', 'marie@']) {
			expect(isPersonalEmail(email)).toBe(false);
		}
	});
});

describe('isPersonalPhone', () => {
	it('takes French mobiles as a person’s own, in any common spelling', () => {
		for (const phone of [
			'06 12 34 56 78',
			'07.12.34.56.78',
			'+33 6 12 34 56 78',
			'0033712345678',
			'+33 (0)6 12 34 56 78'
		]) {
			expect(isPersonalPhone(phone), phone).toBe(true);
		}
	});

	it('leaves landlines and non-numbers alone', () => {
		for (const phone of ['04 66 22 11 00', '+33 4 66 22 11 00', '09 70 00 00 00', '12', '', null]) {
			expect(isPersonalPhone(phone), String(phone)).toBe(false);
		}
		expect(nationalDigits('+33 (0)4 66 22 11 00')).toBe('0466221100');
	});
});

describe('personalDefaults', () => {
	it('marks members-only exactly the personal values', () => {
		expect(
			personalDefaults({
				email: 'marie.martin@gmail.com',
				phone: '04 66 22 11 00',
				contactName: 'Marie Martin'
			})
		).toEqual({ email: 'members', contact_name: 'members' });
		expect(personalDefaults({ email: 'contact@latoupie.fr', phone: '06 12 34 56 78' })).toEqual({
			phone: 'members'
		});
		expect(personalDefaults({ contactName: '  ' })).toEqual({});
	});
});

describe('personalFields', () => {
	it('lists the fields personalDefaults marks, and nothing for an organisation', () => {
		expect(
			personalFields({ email: 'jean.dupont@gmail.com', phone: '06 12 34 56 78' }).sort()
		).toEqual(['email', 'phone']);
		expect(personalFields({ email: 'contact@mairie.fr', phone: '04 66 00 00 00' })).toEqual([]);
	});
});
