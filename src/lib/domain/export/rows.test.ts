import { describe, expect, it } from 'vitest';
import { buildExportRows, type ActorExportSource, type RecordRef, type SourceRef } from './rows';

const SRC_RNA = '00000000-0000-4000-8000-0000000000a1';
const SRC_NET = '00000000-0000-4000-8000-0000000000a2';
const REC_1 = '00000000-0000-4000-8000-0000000000b1';
const REC_2 = '00000000-0000-4000-8000-0000000000b2';
const REC_GONE = '00000000-0000-4000-8000-0000000000b9';

const sources: SourceRef[] = [
	{ id: SRC_RNA, name: 'RNA Gard' },
	{ id: SRC_NET, name: 'Adhérents réseau' }
];
const records: RecordRef[] = [
	{ id: REC_1, source_id: SRC_RNA, row_number: 12 },
	{ id: REC_2, source_id: SRC_NET, row_number: 3 }
];

const actor = (over: Partial<ActorExportSource> = {}): ActorExportSource => ({
	id: 'a1',
	name: 'Les Amis du Lavoir',
	kind: 'association',
	legal_form: null,
	sectors: ['culture'],
	worlds: null,
	tags: null,
	address: '12 rue du Lavoir',
	postcode: '30700',
	commune_code: '30334',
	email: 'contact@example.org',
	phone: '+33466123456',
	website: null,
	siret: null,
	rna: 'W301234567',
	lng: '4.4196',
	lat: '44.0122',
	location_quality: 'street',
	provenance: {},
	contact_visibility: {},
	...over
});

describe('buildExportRows', () => {
	it('names the listing and row each field came from, and the distinct listings', () => {
		const [row] = buildExportRows(
			[
				actor({
					provenance: {
						name: {
							record_id: REC_1,
							source_id: SRC_RNA,
							alternatives: [
								{ value: 'Les Amis du Lavoir', record_ids: [REC_1] },
								{ value: 'Amis du lavoir', record_ids: [REC_2] }
							]
						},
						email: { record_id: REC_2, source_id: SRC_NET, alternatives: [] },
						// The record was deleted since: the listing is still known.
						phone: { record_id: REC_GONE, source_id: SRC_RNA },
						rna: { record_id: REC_1 }
					}
				})
			],
			records,
			sources
		);
		expect(row).toMatchObject({
			name_source: 'RNA Gard ligne 12',
			email_source: 'Adhérents réseau ligne 3',
			phone_source: 'RNA Gard',
			rna_source: 'RNA Gard ligne 12',
			address_source: null,
			location_source: null,
			sources: ['Adhérents réseau', 'RNA Gard']
		});
	});

	it('counts listings seen only among the alternatives', () => {
		const [row] = buildExportRows(
			[
				actor({
					provenance: {
						name: {
							record_id: REC_1,
							alternatives: [{ value: 'x', record_ids: [REC_2, 'not-a-record'] }]
						}
					}
				})
			],
			records,
			sources
		);
		expect(row?.sources).toEqual(['Adhérents réseau', 'RNA Gard']);
	});

	it('copes with demo actors ({}) and malformed provenance without throwing', () => {
		const rows = buildExportRows(
			[
				actor({ id: 'demo', provenance: {} }),
				actor({ id: 'null', provenance: null }),
				actor({ id: 'text', provenance: 'abc' }),
				actor({
					id: 'junk',
					provenance: {
						name: 'RNA',
						email: { record_id: 42, alternatives: 'x' },
						phone: { alternatives: [null, { record_ids: 'y' }, { record_ids: [7] }] },
						location: []
					}
				})
			],
			records,
			sources
		);
		for (const row of rows) {
			expect(row.sources).toEqual([]);
			expect(row.name_source).toBeNull();
			expect(row.email_source).toBeNull();
		}
	});

	it('names the commune, parses driver strings as coordinates, defaults lists', () => {
		const [placed, half] = buildExportRows([actor(), actor({ id: 'half', lat: null })], [], [], {
			communeName: (code) => (code === '30334' ? 'Uzès' : undefined)
		});
		expect(placed).toMatchObject({
			commune_name: 'Uzès',
			lng: 4.4196,
			lat: 44.0122,
			location_quality: 'street',
			worlds: [],
			tags: []
		});
		expect(half).toMatchObject({ lng: null, lat: null, location_quality: null });
		expect(buildExportRows([actor({ commune_code: '99999' })], [], [])[0]?.commune_name).toBeNull();
	});

	it('lets the caller word the provenance (English interface)', () => {
		const [row] = buildExportRows(
			[actor({ provenance: { name: { record_id: REC_1 } } })],
			records,
			sources,
			{ describeRecord: (name, n) => `${name} row ${n}` }
		);
		expect(row?.name_source).toBe('RNA Gard row 12');
	});

	it('gives a reader who is not a member only the contacts marked public', () => {
		const provenance = {
			email: { record_id: REC_2 },
			phone: { record_id: REC_2 },
			address: { record_id: REC_2 },
			name: { record_id: REC_1 }
		};
		const input = [
			actor({
				id: 'open',
				provenance,
				contact_visibility: { email: 'public', phone: 'public', address: 'public' }
			}),
			actor({ id: 'mixed', provenance, contact_visibility: { email: 'public', phone: 'members' } }),
			actor({ id: 'unset', provenance, contact_visibility: null })
		];
		const [open, mixed, unset] = buildExportRows(input, records, sources, {
			publicContactsOnly: true
		});
		expect(open).toMatchObject({
			email: 'contact@example.org',
			phone: '+33466123456',
			address: '12 rue du Lavoir'
		});
		expect(mixed).toMatchObject({
			email: 'contact@example.org',
			email_source: 'Adhérents réseau ligne 3',
			phone: null,
			phone_source: null,
			address: null,
			address_source: null
		});
		expect(unset).toMatchObject({ email: null, phone: null, address: null, postcode: '30700' });
		expect(unset?.sources).toEqual(['RNA Gard']);
		// Members see everything.
		const [member] = buildExportRows([input[2]!], records, sources);
		expect(member).toMatchObject({ email: 'contact@example.org', phone: '+33466123456' });
	});

	it('says a value was set by hand when an override replaced its provenance', () => {
		const [row] = buildExportRows(
			[
				actor({
					provenance: { email: { record_id: REC_2 } },
					overrides: { name: 'Amis du Lavoir (Uzès)', location: { lng: 4.42, lat: 44.01 } }
				})
			],
			records,
			sources,
			{ manualEntry: 'entered by hand' }
		);
		expect(row).toMatchObject({
			name_source: 'entered by hand',
			location_source: 'entered by hand',
			email_source: 'Adhérents réseau ligne 3',
			phone_source: null
		});
		const [fr] = buildExportRows([actor({ overrides: { phone: '04 66 00 00 00' } })], [], []);
		expect(fr?.phone_source).toBe('saisie à la main');
		const [hidden] = buildExportRows([actor({ overrides: { phone: '04 66 00 00 00' } })], [], [], {
			publicContactsOnly: true
		});
		expect(hidden).toMatchObject({ phone: null, phone_source: null });
	});

	it('maps an unknown kind to other', () => {
		expect(buildExportRows([actor({ kind: 'vaisseau' })], [], [])[0]?.kind).toBe('other');
	});
});
