import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	contactVisibleTo,
	INVITATION_COLUMNS,
	invitationCsv,
	invitationFileName,
	invitationRows,
	mailtoBcc,
	MAILTO_MAX_LENGTH,
	reachableEmails,
	reasonTexts,
	type InvitationContact
} from './invitations';
import type { RankedPartner } from './rank';

const kindLabel = (kind: string) =>
	({ association: 'Association', business: 'Entreprise' })[kind] ?? 'Autre';

const partners: RankedPartner[] = [
	{
		id: 'a',
		name: 'Les Amis du Lavoir',
		km: 3.24,
		score: 2,
		newcomer: true,
		reasons: [
			{ kind: 'distance', km: 3.24 },
			{ kind: 'theme', theme: 'culture' },
			{ kind: 'offers', needs: ['sono', 'tables'] },
			{ kind: 'newcomer' }
		]
	},
	{
		id: 'b',
		name: '=HYPERLINK("http://x","clic")',
		km: 7.05,
		score: 0.3,
		newcomer: false,
		reasons: [{ kind: 'distance', km: 7.05 }]
	},
	{
		id: 'c',
		name: 'Épicerie solidaire',
		km: 0.04,
		score: 1,
		newcomer: false,
		reasons: [{ kind: 'distance', km: 0.04 }]
	}
];

const contacts = new Map<string, InvitationContact>([
	[
		'a',
		{
			id: 'a',
			kind: 'association',
			communeName: 'Uzès',
			email: 'contact@lavoir.fr',
			phone: '+33466123456',
			website: 'https://lavoir.fr',
			contactVisibility: { email: 'public', phone: 'members', address: 'public' }
		}
	],
	[
		'b',
		{
			id: 'b',
			kind: 'business',
			communeName: null,
			email: 'secret@example.org',
			phone: '0466000000',
			website: null,
			// An unknown level: nobody sees it in this export, members included.
			contactVisibility: { email: 'editors' }
		}
	],
	[
		'c',
		{
			id: 'c',
			kind: 'association',
			communeName: 'Blauzac',
			email: '  epicerie@example.org ',
			phone: null,
			website: '',
			contactVisibility: {}
		}
	]
]);

function parse(csv: string, delimiter: ',' | ';') {
	const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
		header: true,
		delimiter,
		skipEmptyLines: true
	});
	expect(result.errors).toEqual([]);
	expect(result.meta.fields).toEqual([...INVITATION_COLUMNS]);
	return result.data;
}

describe('contactVisibleTo', () => {
	it('shows public fields to all, members and unmarked fields to members, others to nobody', () => {
		expect(contactVisibleTo({ email: 'public' }, 'email', 'public')).toBe(true);
		expect(contactVisibleTo({ email: 'members' }, 'email', 'member')).toBe(true);
		expect(contactVisibleTo({ email: 'members' }, 'email', 'public')).toBe(false);
		expect(contactVisibleTo({}, 'email', 'member')).toBe(true);
		expect(contactVisibleTo(null, 'phone', 'member')).toBe(true);
		expect(contactVisibleTo({}, 'email', 'public')).toBe(false);
		expect(contactVisibleTo({ email: 'editors' }, 'email', 'member')).toBe(false);
		expect(contactVisibleTo({ email: 'Public' }, 'email', 'public')).toBe(false);
	});
});

describe('reasonTexts', () => {
	it('says why in French: distance with a decimal comma, theme, needs met, newcomer', () => {
		expect(reasonTexts(partners[0]!.reasons)).toEqual([
			'à 3,2 km',
			'thème : culture',
			'propose : sono, tables',
			'n’a encore jamais participé'
		]);
		expect(reasonTexts([{ kind: 'distance', km: 12 }])).toEqual(['à 12 km']);
	});
});

describe('invitationRows', () => {
	const member = invitationRows(partners, contacts, 'member', { kindLabel });
	const anyone = invitationRows(partners, contacts, 'public', { kindLabel });

	it('keeps the ranking order and gives exactly the allowed columns', () => {
		expect(member.map((r) => r.Nom)).toEqual(partners.map((p) => p.name));
		for (const row of member) expect(Object.keys(row)).toEqual([...INVITATION_COLUMNS]);
		expect(member[0]).toEqual({
			Nom: 'Les Amis du Lavoir',
			Type: 'Association',
			Commune: 'Uzès',
			'Distance (km)': 3.2,
			Pourquoi: 'à 3,2 km · thème : culture · propose : sono, tables · n’a encore jamais participé',
			Courriel: 'contact@lavoir.fr',
			Téléphone: '+33466123456',
			'Site web': 'https://lavoir.fr'
		});
	});

	it('leaves out what the viewer may not see, and unknown visibility levels for everyone', () => {
		expect(anyone[0]!.Courriel).toBe('contact@lavoir.fr'); // public
		expect(anyone[0]!.Téléphone).toBeNull(); // members only
		expect(member[1]!.Courriel).toBeNull(); // 'editors': unknown, left out
		expect(member[1]!.Téléphone).toBe('0466000000'); // unmarked: members
		expect(anyone[1]!.Téléphone).toBeNull();
		expect(member[2]!.Courriel).toBe('epicerie@example.org');
		expect(anyone[2]!.Courriel).toBeNull();
		expect(member[2]!['Site web']).toBeNull();
	});

	it('still lists a partner whose contact data is missing, without contacts', () => {
		const [row] = invitationRows(partners.slice(0, 1), new Map(), 'member', { kindLabel });
		expect(row).toMatchObject({ Nom: 'Les Amis du Lavoir', Type: 'Autre', Courriel: null });
	});
});

describe('invitationCsv', () => {
	const rows = invitationRows(partners, contacts, 'member', { kindLabel });

	it('writes plain UTF-8 with commas, neutralised cells and French phones', () => {
		const csv = invitationCsv(rows);
		expect(csv.charCodeAt(0)).not.toBe(0xfeff);
		expect(csv.split('\r\n')[0]).toBe(INVITATION_COLUMNS.join(','));
		const parsed = parse(csv, ',');
		expect(parsed[0]).toMatchObject({
			Nom: 'Les Amis du Lavoir',
			'Distance (km)': '3.2',
			Téléphone: '04 66 12 34 56',
			Courriel: 'contact@lavoir.fr'
		});
		expect(parsed[1]!.Nom).toBe(`'=HYPERLINK("http://x","clic")`);
		expect(parsed[1]!.Courriel).toBe('');
		expect(parsed[2]!['Distance (km)']).toBe('0');
		expect(csv).not.toContain('secret@example.org');
	});

	it('writes the Excel France dialect: BOM, semicolons, decimal comma', () => {
		const csv = invitationCsv(rows, { excelFrance: true });
		expect(csv.startsWith('\uFEFFNom;Type;Commune;Distance (km);Pourquoi;')).toBe(true);
		const parsed = parse(csv, ';');
		expect(parsed[0]!['Distance (km)']).toBe('3,2');
		expect(parsed[1]!['Distance (km)']).toBe('7,1');
		expect(parsed[0]!.Commune).toBe('Uzès');
	});
});

describe('invitationFileName', () => {
	it('slugs the title to plain ASCII', () => {
		expect(invitationFileName('Fête du jeu à Blauzac !')).toBe(
			'invitations-fete-du-jeu-a-blauzac.csv'
		);
		expect(invitationFileName('"; rm -rf /')).toBe('invitations-rm-rf.csv');
		expect(invitationFileName('———')).toBe('invitations-evenement.csv');
	});
});

describe('mailtoBcc', () => {
	it('puts every distinct usable address in blind copy with an encoded subject', () => {
		const links = mailtoBcc(
			['a@x.fr', 'A@X.fr', null, '', 'pas une adresse', 'b+tag@y.org', 'c@z.fr?cc=evil@e.fr'],
			'Invitation : Fête du jeu & goûter'
		);
		expect(links).toEqual([
			'mailto:?bcc=a@x.fr,b%2Btag@y.org&subject=Invitation%20%3A%20F%C3%AAte%20du%20jeu%20%26%20go%C3%BBter'
		]);
		const url = new URL(links[0]!);
		expect(url.searchParams.get('subject')).toBe('Invitation : Fête du jeu & goûter');
		expect(url.searchParams.get('bcc')).toBe('a@x.fr,b+tag@y.org');
		expect(url.searchParams.has('cc')).toBe(false);
	});

	it('gives no link without an address', () => {
		expect(mailtoBcc([null, 'nope'], 'Sujet')).toEqual([]);
	});

	it('splits the addresses over several links of at most 1,800 characters, none lost', () => {
		const emails = Array.from({ length: 200 }, (_, i) => `contact.${i}@association-${i}.fr`);
		const links = mailtoBcc(emails, 'Invitation au forum');
		expect(links.length).toBeGreaterThan(1);
		for (const link of links) {
			expect(link.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
			expect(link.startsWith('mailto:?bcc=')).toBe(true);
			expect(link.endsWith('&subject=Invitation%20au%20forum')).toBe(true);
		}
		const back = links.flatMap((l) => new URL(l).searchParams.get('bcc')!.split(','));
		expect(back).toEqual(emails);
		// Greedy: every link but the last is full enough that the next address would not fit.
		for (let i = 0; i < links.length - 1; i++) {
			const next = new URL(links[i + 1]!).searchParams.get('bcc')!.split(',')[0]!;
			expect(links[i]!.length + 1 + next.length).toBeGreaterThan(MAILTO_MAX_LENGTH);
		}
	});

	it('drops addresses that could smuggle headers or separators', () => {
		expect(reachableEmails(['a@b.fr\r\nBcc: x@y.fr', 'a,b@c.fr', 'ok@ok.fr', 'x@y'])).toEqual([
			'ok@ok.fr'
		]);
	});
});
