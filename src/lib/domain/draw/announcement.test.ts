import { describe, expect, it } from 'vitest';
import { normaliseSeed, readAnnouncement, readSeedValue } from './announcement';

const good = {
	title: '  Binômes de la fête du jeu ',
	description: '',
	periodStart: '2027-01-10',
	periodEnd: '2027-03-31',
	groups: '4',
	groupSize: '3',
	mixWorlds: 'on',
	mixCommunes: null,
	seedSource: '  Loto du 1er décembre 2026 :\tles cinq  numéros ',
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
				seedSource: 'Loto du 1er décembre 2026 : les cinq numéros',
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
			seedSource: '   ',
			confirmDays: '120'
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				title: 'required',
				periodStart: 'invalid',
				groups: 'invalid',
				groupSize: 'required',
				seedSource: 'required',
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

	it('reads the seed value entered at the draw, refusing invisible characters', () => {
		expect(readSeedValue(' 7  12\n23 ')).toEqual({ ok: true, seed: '7 12 23' });
		expect(readSeedValue('7\u200b12')).toEqual({ ok: false, error: 'invalid' });
		expect(readSeedValue('7\u000712')).toEqual({ ok: false, error: 'invalid' });
		expect(readSeedValue('  ')).toEqual({ ok: false, error: 'required' });
		expect(readSeedValue('9'.repeat(501))).toEqual({ ok: false, error: 'too_long' });
	});
});
