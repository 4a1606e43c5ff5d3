import { describe, expect, it } from 'vitest';
import { normaliseSeed, readAnnouncement } from './announcement';

const good = {
	title: '  Binômes de la fête du jeu ',
	description: '',
	periodStart: '2027-01-10',
	periodEnd: '2027-03-31',
	groups: '4',
	groupSize: '3',
	mixWorlds: 'on',
	mixCommunes: null,
	seed: '  Loto du 1er décembre 2026 :\t7 12 23  34 41 ',
	confirmDays: '7'
};

describe('the call for volunteers form', () => {
	it('reads a good form: trimmed title, rules, and the seed as it will be hashed', () => {
		expect(readAnnouncement(good)).toEqual({
			ok: true,
			value: {
				title: 'Binômes de la fête du jeu',
				description: null,
				periodStart: '2027-01-10',
				periodEnd: '2027-03-31',
				rules: { groups: 4, groupSize: 3, mixWorlds: true, mixCommunes: false },
				seed: 'Loto du 1er décembre 2026 : 7 12 23 34 41',
				confirmDays: 7
			}
		});
	});

	it('says what is wrong, field by field', () => {
		const result = readAnnouncement({
			...good,
			title: ' ',
			periodStart: '2027-02-30',
			groups: '2.5',
			groupSize: '',
			seed: '   ',
			confirmDays: '120'
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				title: 'required',
				periodStart: 'invalid',
				groups: 'invalid',
				groupSize: 'required',
				seed: 'required',
				confirmDays: 'invalid'
			}
		});
		expect(readAnnouncement({ ...good, periodEnd: '2027-01-01' })).toMatchObject({
			errors: { periodEnd: 'end_before_start' }
		});
		expect(readAnnouncement({ ...good, groups: '100', groupSize: '6' })).toMatchObject({
			errors: { groups: 'too_many_seats' }
		});
		expect(readAnnouncement({ ...good, groupSize: '1' })).toMatchObject({
			errors: { groupSize: 'mix_needs_two' }
		});
	});

	it('normalises the seed to NFC so the same visible text hashes the same', () => {
		expect(normaliseSeed('De\u0301cembre')).toBe('Décembre');
	});
});
