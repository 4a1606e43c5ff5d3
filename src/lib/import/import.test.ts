import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readListing } from './read';
import { detectDelimiter } from './csv';
import { decodeText, looksBinary } from './decode';
import { applyMapping, detectRoles, MappingError, parseFileMapping } from './roles';

const fixtures = path.resolve(process.cwd(), 'tests/fixtures/census');
const bytesOf = (name: string): Uint8Array =>
	new Uint8Array(readFileSync(path.join(fixtures, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decoding and delimiters', () => {
	it('detects Windows-1252 and UTF-8 with BOM', () => {
		expect(decodeText(new Uint8Array([0x4e, 0xee, 0x6d, 0x65, 0x73]))).toEqual({
			text: 'Nîmes',
			encoding: 'windows-1252'
		});
		expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x4e, 0xc3, 0xae]))).toEqual({
			text: 'Nî',
			encoding: 'utf-8'
		});
	});
	it('detects , ; tab and | and ignores delimiters inside quotes', () => {
		expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
		expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
		expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
		expect(detectDelimiter('nom,ville\n"Dupont; fils",Uzès\n"A; B; C",Alès\n')).toBe(',');
	});
});

describe('readers', () => {
	it('reads a French Excel export (Windows-1252, ;) with its headers', async () => {
		const l = await readListing('membres-win1252.csv', bytesOf('membres-win1252.csv'));
		expect(l.encoding).toBe('windows-1252');
		expect(l.delimiter).toBe(';');
		expect(l.records).toHaveLength(5);
		expect(l.records[0]!.raw['Nom de la structure']).toBe('Comité des fêtes de Tavel - asso');
		expect(l.records[2]!.row).toBe(3);
		expect(l.roles.phone).toEqual(['Téléphone']);
		expect(l.roles.website).toEqual(['Site web']);
	});
	it('reads TSV with a BOM', async () => {
		const l = await readListing('participants.tsv', bytesOf('participants.tsv'));
		expect(l.delimiter).toBe('\t');
		expect(l.headers[0]).toBe('Structure');
		expect(l.roles.contact_person).toEqual(['Nom Prénom']);
	});
	it('reads the RNA register columns, quoted quotes and the RNA number in the id column', async () => {
		const l = await readListing('asso-rna.csv', bytesOf('asso-rna.csv'));
		expect(l.records[2]!.raw.titre).toBe('ATELIER VELO "ROUE LIBRE"');
		expect(l.roles.rna).toEqual(['id']);
		expect(l.roles.address).toEqual(['adrs_numvoie', 'adrs_typevoie', 'adrs_libvoie']);
		expect(l.roles.commune_code).toEqual(['adrs_codeinsee']);
	});
	it('reports ragged rows, keeps quoted line breaks', async () => {
		const l = await readListing('ragged.csv', bytesOf('ragged.csv'));
		expect(l.records.map((r) => r.row)).toEqual([1, 2, 4]);
		expect(l.records[2]!.raw.nom).toBe('Ciné-club "Le Sémaphore"\nsur deux lignes');
		const rejected = l.issues.find((i) => i.severity === 'rejected');
		expect(rejected).toMatchObject({ file: 'ragged.csv', row: 3, code: 'too_many_fields' });
		expect(l.issues.find((i) => i.code === 'too_few_fields')).toMatchObject({
			row: 2,
			column: 'telephone'
		});
	});
	it('reads an XLSX workbook', async () => {
		const l = await readListing('entreprises.xlsx', bytesOf('entreprises.xlsx'));
		expect(l.format).toBe('xlsx');
		expect(l.records).toHaveLength(2);
		expect(l.records[0]!.raw.SIRET).toBe('73282932000074');
		expect(l.roles.name).toEqual(['Raison sociale']);
	});
	it('reads GeoJSON points as latitude/longitude', async () => {
		const l = await readListing('lieux.geojson', bytesOf('lieux.geojson'));
		expect(l.format).toBe('geojson');
		expect(l.records).toHaveLength(3);
		expect(l.records[0]!.raw.latitude).toBe('43.8367');
		expect(l.roles.lat).toEqual(['latitude']);
		expect(l.roles.lon).toEqual(['longitude']);
	});
	it('reads a JSON array with nested objects', async () => {
		const l = await readListing('x.json', utf8('[{"nom":"A","adresse":{"commune":"Uzès"}}, 3]'));
		expect(l.records[0]!.raw['adresse.commune']).toBe('Uzès');
		expect(l.issues[0]).toMatchObject({ row: 2, severity: 'rejected' });
	});
});

describe('malformed inputs give a clear error or a reported row', () => {
	it('empty file', async () => {
		const l = await readListing('vide.csv', new Uint8Array());
		expect(l.records).toHaveLength(0);
		expect(l.issues[0]).toMatchObject({ code: 'empty_file', severity: 'fatal' });
	});
	it('header only', async () => {
		const l = await readListing('entete.csv', utf8('nom;ville\n'));
		expect(l.headers).toEqual(['nom', 'ville']);
		expect(l.issues[0]!.code).toBe('no_rows');
	});
	it('binary file', async () => {
		const bytes = new Uint8Array(256).map((_, i) => i);
		expect(looksBinary(bytes)).toBe(true);
		const l = await readListing('image.csv', bytes);
		expect(l.issues[0]).toMatchObject({ code: 'binary_file', severity: 'fatal' });
		const broken = await readListing('faux.xlsx', utf8('PK\u0003\u0004 pas un zip'));
		expect(broken.issues[0]).toMatchObject({ code: 'unreadable', severity: 'fatal' });
	});
	it('unbalanced quote', async () => {
		const l = await readListing('quote.csv', utf8('nom,ville\n"Chorale du Pont,Uzès\nClub,Alès\n'));
		expect(l.issues.some((i) => i.code === 'bad_quotes')).toBe(true);
		expect(
			l.records.length + l.issues.filter((i) => i.severity === 'rejected').length
		).toBeGreaterThan(0);
	});
	it('wrong encoding (Latin-1 bytes) still reads every row', async () => {
		const l = await readListing(
			'latin.csv',
			new Uint8Array([...utf8('nom;ville\n'), 0x4e, 0xee, 0x6d, 0x65, 0x73, 0x3b, 0x41, 0x0a])
		);
		expect(l.encoding).toBe('windows-1252');
		expect(l.records[0]!.raw.nom).toBe('Nîmes');
	});
	it('a one-million-character field is kept and reported', async () => {
		const big = 'x'.repeat(1_000_000);
		const l = await readListing('long.csv', utf8(`nom,ville\n"${big}",Uzès\nClub,Alès\n`));
		expect(l.records).toHaveLength(2);
		expect(l.records[0]!.raw.nom).toHaveLength(1_000_000);
		expect(l.issues[0]).toMatchObject({ code: 'long_field', row: 1, column: 'nom' });
	});
	it('invalid JSON', async () => {
		const l = await readListing('x.geojson', utf8('{"type": "FeatureCollection", '));
		expect(l.issues[0]).toMatchObject({ code: 'unreadable', severity: 'fatal' });
	});
});

describe('column roles', () => {
	it('detects SIRENE and hand-made headers', () => {
		const roles = detectRoles([
			'siret',
			'denominationUniteLegale',
			'enseigne1Etablissement',
			'numeroVoieEtablissement',
			'codePostalEtablissement',
			'libelleCommuneEtablissement',
			'codeCommuneEtablissement'
		]);
		expect(roles.name).toEqual(['denominationUniteLegale', 'enseigne1Etablissement']);
		expect(roles.commune_code).toEqual(['codeCommuneEtablissement']);
		const hand = detectRoles([
			'Nom',
			'CP',
			'Ville',
			'Tél.',
			'E-mail',
			'Site internet',
			'insee_dep',
			'insee_com'
		]);
		expect(hand).toEqual({
			name: ['Nom'],
			postcode: ['CP'],
			commune: ['Ville'],
			phone: ['Tél.'],
			email: ['E-mail'],
			website: ['Site internet'],
			commune_code: ['insee_com']
		});
	});
	it('lets a mapping override detection, with trimmed headers', () => {
		const headers = ['rec_id', ' given_name', ' surname', ' suburb', ' soc_sec_id'];
		const mapping = parseFileMapping(
			{ id: 'rec_id', name: ['given_name', 'surname'], identifier: 'soc_sec_id' },
			headers
		);
		expect(mapping.name).toEqual([' given_name', ' surname']);
		const roles = applyMapping(detectRoles(headers), mapping);
		expect(roles.commune).toEqual([' suburb']);
		expect(roles.identifier).toEqual([' soc_sec_id']);
		// Columns the mapping leaves out are still detected, a date of birth among them.
		expect(
			applyMapping(detectRoles([...headers, ' date_of_birth', 'Date de naissance']), mapping)
				.birth_date
		).toEqual([' date_of_birth']);
		expect(detectRoles(['constructor', 'toString', 'Nom'])).toEqual({ name: ['Nom'] });
		expect(() => parseFileMapping({ nom: 'x' }, headers)).toThrow(MappingError);
		expect(() => parseFileMapping({ name: 'absent' }, headers)).toThrow(/absente/);
	});
});

describe('Windows-1252 bytes 0x80–0x9F', () => {
	it('decodes the typographic characters of French Excel exports', async () => {
		const { decodeText } = await import('./decode');
		// "L’Œuvre « …» 5 €" with ’ = 0x92, Œ = 0x8C, … = 0x85, € = 0x80; é = 0xE9 makes it non-UTF-8.
		const bytes = new Uint8Array([
			0x4c, 0x92, 0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0xab, 0x85, 0xbb, 0x20, 0x35, 0x20, 0x80,
			0x20, 0xe9
		]);
		const d = decodeText(bytes);
		expect(d.encoding).toBe('windows-1252');
		expect(d.text).toBe('L’Œuvre «…» 5 € é');
	});
});
