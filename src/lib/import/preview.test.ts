import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/census/types';
import { readListing } from './read';
import { MappingError } from './roles';
import {
	columnRolesOf,
	headerSignature,
	mappingFromColumnRoles,
	previewListing,
	SAMPLE_CELL_CHARS,
	SAMPLE_ROWS,
	withColumnRole
} from './preview';

const fixtures = path.resolve(process.cwd(), 'tests/fixtures/census');
const bytesOf = (name: string): Uint8Array =>
	new Uint8Array(readFileSync(path.join(fixtures, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Windows-1252 bytes as Excel writes a "CSV (séparateur : point-virgule)" on a French Windows.
 * Latin-1 letters only: Node's own windows-1252 decoder mangles 0x80–0x9F (’ € œ), see the report.
 */
function cp1252(s: string): Uint8Array {
	return Uint8Array.from(
		[...s].map((ch) => {
			const code = ch.charCodeAt(0);
			if (code > 0xff) throw new Error(`not a Latin-1 letter: ${ch}`);
			return code;
		})
	);
}

describe('previewListing', () => {
	it('previews an Excel CSV in Windows-1252 with ; and CRLF', async () => {
		const lines = [
			'Nom de la structure;Contact;Téléphone;Courriel;Ville;Cotisation',
			'Comité des fêtes de Tavel;Marie Roux;04 66 50 00 01;contact@cdf-tavel.fr;Tavel;15 EUR',
			'Chorale « Les Voix du Gardon »;Inès Bernard;;;Uzès;',
			...Array.from({ length: 12 }, (_, i) => `Asso ${i + 1};;;;Nîmes;`)
		];
		const bytes = cp1252(lines.join('\r\n') + '\r\n');
		// Really not UTF-8: "é" is the single byte 0xE9.
		expect(bytes).toContain(0xe9);
		const p = await previewListing('adherents.csv', bytes);
		expect(p).toMatchObject({
			file: 'adherents.csv',
			format: 'csv',
			encoding: 'windows-1252',
			delimiter: ';',
			rowCount: 14
		});
		expect(p.headers).toEqual([
			'Nom de la structure',
			'Contact',
			'Téléphone',
			'Courriel',
			'Ville',
			'Cotisation'
		]);
		expect(p.sample).toHaveLength(SAMPLE_ROWS);
		expect(p.sample[0]).toEqual([
			'Comité des fêtes de Tavel',
			'Marie Roux',
			'04 66 50 00 01',
			'contact@cdf-tavel.fr',
			'Tavel',
			'15 EUR'
		]);
		expect(p.sample[1]![0]).toBe('Chorale « Les Voix du Gardon »');
		expect(p.roles).toEqual({
			name: ['Nom de la structure'],
			commune: ['Ville'],
			phone: ['Téléphone'],
			email: ['Courriel'],
			contact_person: ['Contact']
		});
		expect(p.columnRoles).toEqual({
			'Nom de la structure': 'name',
			Contact: 'contact_person',
			Téléphone: 'phone',
			Courriel: 'email',
			Ville: 'commune',
			Cotisation: null
		});
		expect(p.issues).toEqual({ rejected: 0, warnings: 0, fatal: null, first: [] });
		expect(p.headerSignature).toBe(
			'contact|cotisation|courriel|nom de la structure|telephone|ville'
		);
	});

	it('previews the Windows-1252 fixture like the importer reads it', async () => {
		const bytes = bytesOf('membres-win1252.csv');
		const [p, l] = await Promise.all([
			previewListing('membres-win1252.csv', bytes),
			readListing('membres-win1252.csv', bytes)
		]);
		expect(p.rowCount).toBe(l.records.length);
		expect(p.roles).toEqual(l.roles);
		expect(p.sample[2]).toEqual(l.headers.map((h) => l.records[2]!.raw[h]));
		expect(p.sample[2]![2]).toBe('');
		expect(p.sample[1]![0]).toBe('Atelier vélo Roue Libre');
	});

	it('drops a UTF-8 BOM: the first header is clean and its role detected', async () => {
		const text =
			'\uFEFFnom,code postal,commune,siret\n"Tiers-lieu ""La Fabrique""",30000,Nîmes,12345678901234\n';
		const p = await previewListing('lieux.csv', utf8(text));
		expect(p.encoding).toBe('utf-8');
		expect(p.delimiter).toBe(',');
		expect(p.headers[0]).toBe('nom');
		expect(p.columnRoles).toEqual({
			nom: 'name',
			'code postal': 'postcode',
			commune: 'commune',
			siret: 'siret'
		});
		expect(p.sample).toEqual([['Tiers-lieu "La Fabrique"', '30000', 'Nîmes', '12345678901234']]);
	});

	it('counts rejected rows and warnings, and lists the first issues', async () => {
		const rows = ['nom;telephone'];
		for (let i = 1; i <= 100; i++) {
			// Every 5th row has a third non-empty field (rejected), every other 7th misses one (kept).
			rows.push(i % 5 === 0 ? `A${i};1;extra` : i % 7 === 0 ? `A${i}` : `A${i};0${i}`);
		}
		const p = await previewListing('ragged.csv', utf8(rows.join('\n')));
		expect(p.delimiter).toBe(';');
		expect(p.issues.rejected).toBe(20);
		expect(p.issues.warnings).toBe(12);
		expect(p.issues.fatal).toBeNull();
		expect(p.issues.first).toHaveLength(20);
		expect(p.issues.first[0]).toMatchObject({ row: 5, code: 'too_many_fields' });
		expect(p.issues.first[1]).toMatchObject({ row: 7, code: 'too_few_fields' });
		expect(p.rowCount).toBe(80);
		expect(p.sample.map((r) => r[0])).toEqual(['A1', 'A2', 'A3', 'A4', 'A6', 'A7', 'A8', 'A9']);
		expect(p.sample[5]).toEqual(['A7', '']);
	});

	it('cuts a very long cell in the sample but counts it as the importer does', async () => {
		const long = 'x'.repeat(20_000);
		const p = await previewListing('long.csv', utf8(`nom;objet\nA;"${long}"\n`));
		expect(p.sample[0]![1]).toHaveLength(SAMPLE_CELL_CHARS);
		expect(p.sample[0]![1]!.endsWith('x…')).toBe(true);
		expect(p.issues.warnings).toBe(1);
		expect(p.issues.first[0]).toMatchObject({ code: 'long_field', column: 'objet' });
	});

	it('reports a fatal issue for an empty or binary file', async () => {
		const empty = await previewListing('vide.csv', new Uint8Array());
		expect(empty.issues.fatal).toMatchObject({ code: 'empty_file', severity: 'fatal' });
		expect(empty).toMatchObject({ rowCount: 0, sample: [], headers: [], headerSignature: '' });
		const binary = await previewListing(
			'photo.csv',
			Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])
		);
		expect(binary.issues.fatal?.code).toBe('binary_file');
		const json = await previewListing('x.geojson', utf8('{"type": "FeatureCollection", '));
		expect(json.issues.fatal?.code).toBe('unreadable');
	});

	it('previews GeoJSON: properties, then latitude/longitude from the point', async () => {
		const p = await previewListing('lieux.geojson', bytesOf('lieux.geojson'));
		expect(p.format).toBe('geojson');
		expect(p.delimiter).toBeUndefined();
		expect(p.encoding).toBe('utf-8');
		expect(p.rowCount).toBe(3);
		expect(p.headers).toEqual(['nom', 'commune', 'telephone', 'longitude', 'latitude', 'siret']);
		expect(p.sample[0]).toEqual([
			'Atelier vélo Roue Libre',
			'Nîmes',
			'+33612345678',
			'4.3601',
			'43.8367',
			''
		]);
		expect(p.columnRoles.latitude).toBe('lat');
		expect(p.columnRoles.longitude).toBe('lon');
		expect(p.issues.warnings).toBe(0);
	});

	it('previews an XLSX workbook (no encoding, no delimiter)', async () => {
		const p = await previewListing('entreprises.xlsx', bytesOf('entreprises.xlsx'));
		expect(p.format).toBe('xlsx');
		expect(p).not.toHaveProperty('encoding');
		expect(p).not.toHaveProperty('delimiter');
		expect(p.rowCount).toBe(2);
		expect(p.sample[0]![p.headers.indexOf('SIRET')]).toBe('73282932000074');
		expect(p.columnRoles['Raison sociale']).toBe('name');
	});

	it('shows the more specific role of a column that feeds two (RNA number in `id`)', async () => {
		const p = await previewListing('asso-rna.csv', bytesOf('asso-rna.csv'));
		expect(p.roles.id).toEqual(['id']);
		expect(p.roles.rna).toEqual(['id']);
		expect(p.columnRoles.id).toBe('rna');
		expect(p.columnRoles.titre).toBe('name');
		expect(p.columnRoles.objet).toBeNull();
	});

	it('applies a person’s mapping; an ignored column stays ignored', async () => {
		const bytes = utf8('Nom;Ville;Remarque\nAMAP de Vergèze;Vergèze;ok\n');
		const first = await previewListing('amap.csv', bytes);
		expect(first.columnRoles).toEqual({ Nom: 'name', Ville: 'commune', Remarque: null });
		const chosen = { ...first.columnRoles, Ville: null, Remarque: 'tags' as const };
		const again = await previewListing('amap.csv', bytes, mappingFromColumnRoles(chosen));
		expect(again.columnRoles).toEqual(chosen);
		expect(again.roles).toEqual({ name: ['Nom'], tags: ['Remarque'] });
		// Without the empty lists, detection would give "Ville" back to `commune`.
		const partial = await previewListing('amap.csv', bytes, { tags: ['Remarque'] });
		expect(partial.columnRoles.Ville).toBe('commune');
	});

	it('throws the reader’s MappingError for a column the file lacks', async () => {
		await expect(
			previewListing('amap.csv', utf8('Nom\nA\n'), { name: 'Raison sociale' })
		).rejects.toBeInstanceOf(MappingError);
	});
});

describe('headerSignature', () => {
	it('ignores order, case, accents and surrounding or repeated spaces', () => {
		expect(headerSignature(['Téléphone', ' Nom ', 'Code  postal'])).toBe(
			headerSignature(['code postal', 'TELEPHONE', 'nom'])
		);
		expect(headerSignature(['Téléphone', 'Nom'])).toBe('nom|telephone');
	});
	it('folds a non-breaking space and ligatures', () => {
		expect(headerSignature(['Nom\u00a0structure', 'ﬁchier'])).toBe('fichier|nom structure');
	});
	it('tells different column sets apart', () => {
		expect(headerSignature(['nom', 'ville'])).not.toBe(headerSignature(['nom', 'commune']));
		expect(headerSignature(['nom'])).not.toBe(headerSignature(['nom', 'nom']));
	});
	it('does not depend on the input array order (it is not sorted in place)', () => {
		const headers = ['b', 'a'];
		headerSignature(headers);
		expect(headers).toEqual(['b', 'a']);
	});
});

describe('column roles and mapping', () => {
	it('builds a mapping with several columns per role, in header order', () => {
		const mapping = mappingFromColumnRoles({
			'N° voie': 'address',
			Nom: 'name',
			Voie: 'address',
			Complément: 'address',
			Notes: null
		});
		expect(mapping.address).toEqual(['N° voie', 'Voie', 'Complément']);
		expect(mapping.name).toEqual(['Nom']);
		expect(Object.keys(mapping).sort()).toEqual([...ROLES].sort());
		expect(mapping.siret).toEqual([]);
	});
	it('ignores unknown role names instead of trusting them', () => {
		const mapping = mappingFromColumnRoles({
			a: 'constructor' as never,
			b: '__proto__' as never,
			c: 'name'
		});
		expect(mapping.name).toEqual(['c']);
		expect(Object.values(mapping).flat()).toEqual(['c']);
	});
	it('inverts a mapping, skipping columns the file lacks; odd header names are safe', () => {
		const roles = columnRolesOf(['constructor', 'toString', 'Nom'], {
			name: ['Nom'],
			tags: ['absente']
		});
		expect(roles).toEqual({ constructor: null, toString: null, Nom: 'name' });
	});
	it('changes one column’s role without touching the others', () => {
		const before = { Nom: 'name', Ville: 'commune', Notes: null } as const;
		expect(withColumnRole(before, 'Notes', 'tags')).toEqual({
			Nom: 'name',
			Ville: 'commune',
			Notes: 'tags'
		});
		expect(withColumnRole(before, 'Ville', '')).toEqual({ Nom: 'name', Ville: null, Notes: null });
		expect(withColumnRole(before, 'Nom', 'constructor')).toMatchObject({ Nom: null });
		expect(before).toEqual({ Nom: 'name', Ville: 'commune', Notes: null });
	});
	it('round-trips: column roles → mapping → column roles', () => {
		const headers = ['Nom', 'Adresse 1', 'Adresse 2', 'CP', 'Divers'];
		const cr = {
			Nom: 'name',
			'Adresse 1': 'address',
			'Adresse 2': 'address',
			CP: 'postcode',
			Divers: null
		} as const;
		expect(columnRolesOf(headers, mappingFromColumnRoles(cr))).toEqual(cr);
	});
});
