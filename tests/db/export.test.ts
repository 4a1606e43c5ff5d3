/**
 * Census export against the real schema: what `listExportRows` reads for each kind of reader
 * (row level security applies), and the endpoint's answers for each format.
 */
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import { listExportRows, readExportContext } from '../../src/lib/server/export/query';
import { findTerritoryBySlug } from '../../src/lib/server/queries/territories';
import { createUser, freshDatabase, type TestDatabase } from './helpers';

// The endpoint takes the process-wide database: hand it this test's one instead.
const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const { GET } = await import('../../src/routes/t/[territory]/census/export/+server');

let db: TestDatabase;
const ids = {} as Record<'owner' | 'viewer' | 'outsider' | 'ownerQ', string>;
const t = { p: '', q: '' };
const src = { rna: '', net: '', q: '' };
const rec = { rna12: '', net3: '', q1: '' };
const act = { lavoir: '', piege: '', epicerie: '', zebre: '', cross: '', q: '' };

const insertId = async (sql: string, params: unknown[]) => {
	const [row] = await db.asAdmin((tx) => tx.query<{ id: string }>(sql, params));
	if (!row) throw new Error(`no id from ${sql}`);
	return row.id;
};

const POINT = 'st_setsrid(st_makepoint($3, $4), 4326)::geography';

beforeAll(async () => {
	db = await freshDatabase();
	current.db = db;
	for (const key of ['owner', 'viewer', 'outsider', 'ownerQ'] as const) {
		ids[key] = await createUser(db, `${key}@example.org`);
	}
	t.p = await insertId(
		`insert into territory (slug, name, licence) values ('pays-d-uzes', 'Pays d’Uzès', 'CC-BY-SA-4.0')
		 returning id`,
		[]
	);
	t.q = await insertId(
		`insert into territory (slug, name, visibility) values ('cevennes', 'Cévennes', 'public')
		 returning id`,
		[]
	);
	await db.asAdmin(async (tx) => {
		await tx.query(
			`insert into membership (territory_id, user_id, role)
			 values ($1, $2, 'owner'), ($1, $3, 'viewer'), ($4, $5, 'owner')`,
			[t.p, ids.owner, ids.viewer, t.q, ids.ownerQ]
		);
	});

	const source = (territory: string, name: string, file: string) =>
		insertId(
			`insert into source (territory_id, name, file_name, imported_at)
			 values ($1, $2, $3, '2026-11-20T10:00:00Z') returning id`,
			[territory, name, file]
		);
	src.rna = await source(t.p, 'RNA Gard', 'rna_waldec_30.csv');
	src.net = await source(t.p, '=Adhérents réseau', 'adherents.xlsx');
	src.q = await source(t.q, 'Annuaire Cévennes', 'annuaire.csv');

	const record = (territory: string, source: string, row: number) =>
		insertId(
			`insert into source_record (territory_id, source_id, row_number, raw, content_hash)
			 values ($1, $2, $3, '{}', md5(random()::text)) returning id`,
			[territory, source, row]
		);
	rec.rna12 = await record(t.p, src.rna, 12);
	rec.net3 = await record(t.p, src.net, 3);
	rec.q1 = await record(t.q, src.q, 1);

	const actor = (
		territory: string,
		fields: Record<string, unknown>,
		lng: number | null = null,
		lat: number | null = null
	) =>
		insertId(
			`insert into actor (territory_id, name, kind, commune_code, email, phone, address,
			                    location, location_quality, provenance, contact_visibility, overrides)
			 values ($1, $2, coalesce($5, 'other'), $6, $7, $8, $9,
			         case when $3::float8 is null then null else ${POINT} end,
			         $10, coalesce($11::text::jsonb, '{}'), coalesce($12::text::jsonb, '{}'),
			         coalesce($13::text::jsonb, '{}'))
			 returning id`,
			[
				territory,
				fields.name,
				lng,
				lat,
				fields.kind ?? null,
				fields.commune_code ?? null,
				fields.email ?? null,
				fields.phone ?? null,
				fields.address ?? null,
				lng === null ? null : 'street',
				fields.provenance ? JSON.stringify(fields.provenance) : null,
				fields.contact_visibility ? JSON.stringify(fields.contact_visibility) : null,
				fields.overrides ? JSON.stringify(fields.overrides) : null
			]
		);
	act.lavoir = await actor(
		t.p,
		{
			name: 'Les Amis du Lavoir',
			kind: 'association',
			commune_code: '30334',
			email: 'contact@amis-du-lavoir.example.org',
			phone: '+33466123456',
			provenance: {
				name: {
					record_id: rec.rna12,
					source_id: src.rna,
					alternatives: [
						{ value: 'Les Amis du Lavoir', record_ids: [rec.rna12] },
						{ value: 'Amis du lavoir', record_ids: [rec.net3] }
					]
				},
				email: { record_id: rec.net3, source_id: src.net, alternatives: [] },
				location: { record_id: rec.rna12, source_id: src.rna }
			},
			overrides: { phone: '+33466123456' }
		},
		4.4196,
		44.0122
	);
	act.piege = await actor(t.p, { name: '=HYPERLINK("https://attaquant.example","Cliquez")' });
	act.epicerie = await actor(t.p, { name: 'Épicerie solidaire' }, -1.5536, 47.2184);
	act.zebre = await actor(t.p, { name: 'Zèbre à vélo' });
	// Provenance naming a record of another territory must not resolve (nor leak its listing).
	act.cross = await actor(t.p, {
		name: 'Acteur croisé',
		provenance: { name: { record_id: rec.q1, source_id: src.q } }
	});
	act.q = await actor(
		t.q,
		{
			name: 'Foyer rural',
			email: 'foyer@example.org',
			phone: '04 66 45 00 00',
			address: '1 place du Marché',
			contact_visibility: { email: 'public', phone: 'members' },
			provenance: { name: { record_id: rec.q1, source_id: src.q } }
		},
		3.6,
		44.1
	);
});

afterAll(async () => {
	await db?.close();
});

const exportAs = (claims: Claims, territory: string) =>
	db.asUser(claims, (tx) => listExportRows(tx, territory));

describe('listExportRows', () => {
	it('gives a member every actor with its provenance, sorted by French name', async () => {
		const rows = await exportAs(userClaims(ids.viewer), t.p);
		expect(rows.map((r) => r.name)).toEqual([
			'=HYPERLINK("https://attaquant.example","Cliquez")',
			'Acteur croisé',
			'Épicerie solidaire',
			'Les Amis du Lavoir',
			'Zèbre à vélo'
		]);
		const lavoir = rows.find((r) => r.id === act.lavoir);
		expect(lavoir).toMatchObject({
			kind: 'association',
			commune_code: '30334',
			email: 'contact@amis-du-lavoir.example.org',
			phone: '+33466123456',
			lng: 4.4196,
			lat: 44.0122,
			location_quality: 'street',
			name_source: 'RNA Gard ligne 12',
			email_source: '=Adhérents réseau ligne 3',
			location_source: 'RNA Gard ligne 12',
			phone_source: 'saisie à la main',
			address_source: null,
			sources: ['=Adhérents réseau', 'RNA Gard']
		});
		const epicerie = rows.find((r) => r.id === act.epicerie);
		expect(epicerie).toMatchObject({ lng: -1.5536, lat: 47.2184, sources: [], name_source: null });
		expect(rows.find((r) => r.id === act.zebre)).toMatchObject({ lng: null, lat: null });
		const cross = rows.find((r) => r.id === act.cross);
		expect(cross).toMatchObject({ name_source: null, sources: [] });
	});

	it('names communes through the option the endpoint passes', async () => {
		const rows = await db.asUser(userClaims(ids.owner), (tx) =>
			listExportRows(tx, t.p, { communeName: (code) => (code === '30334' ? 'Uzès' : undefined) })
		);
		expect(rows.find((r) => r.id === act.lavoir)?.commune_name).toBe('Uzès');
		expect(rows.find((r) => r.id === act.zebre)?.commune_name).toBeNull();
	});

	it('gives nothing of a private territory to a user who is not a member, nor to anon', async () => {
		for (const claims of [userClaims(ids.outsider), userClaims(ids.ownerQ), anonClaims]) {
			expect(await exportAs(claims, t.p)).toEqual([]);
			const context = await db.asUser(claims, (tx) => readExportContext(tx, t.p));
			expect(context).toEqual({ licence: '', sources: [] });
		}
	});

	it('gives a non-member of a public territory its actors, public contacts only, no listings', async () => {
		for (const claims of [userClaims(ids.outsider), anonClaims]) {
			const [row, ...rest] = await exportAs(claims, t.q);
			expect(rest).toEqual([]);
			expect(row).toMatchObject({
				name: 'Foyer rural',
				email: 'foyer@example.org',
				phone: null,
				address: null,
				name_source: null,
				sources: []
			});
		}
		const [member] = await exportAs(userClaims(ids.ownerQ), t.q);
		expect(member).toMatchObject({
			phone: '04 66 45 00 00',
			address: '1 place du Marché',
			name_source: 'Annuaire Cévennes ligne 1',
			sources: ['Annuaire Cévennes']
		});
	});

	it('reads the licence and the listings for the licence sheet', async () => {
		const context = await db.asUser(userClaims(ids.viewer), (tx) => readExportContext(tx, t.p));
		expect(context.licence).toBe('CC-BY-SA-4.0');
		expect(context.sources).toEqual([
			{ name: '=Adhérents réseau', fileName: 'adherents.xlsx', importedAt: '2026-11-20' },
			{ name: 'RNA Gard', fileName: 'rna_waldec_30.csv', importedAt: '2026-11-20' }
		]);
		const territory = await db.asUser(userClaims(ids.viewer), (tx) =>
			findTerritoryBySlug(tx, 'pays-d-uzes')
		);
		expect(territory?.id).toBe(t.p);
	});
});

describe('GET /t/[territory]/census/export', () => {
	async function get(slug: string, format: string | null, claims: Claims = userClaims(ids.owner)) {
		const url = new URL(`http://127.0.0.1/t/${slug}/census/export`);
		if (format !== null) url.searchParams.set('format', format);
		const event = { params: { territory: slug }, url, locals: { claims } };
		try {
			return await GET(event as unknown as RequestEvent<{ territory: string }, never> as never);
		} catch (thrown) {
			if (isHttpError(thrown)) return thrown;
			throw thrown;
		}
	}

	const FILE = /^attachment; filename="recensement-pays-d-uzes-\d{4}-\d{2}-\d{2}\.(\w+)"$/;

	it('sends a UTF-8 CSV with the licence and neutralised cells', async () => {
		const res = await get('pays-d-uzes', 'csv');
		if (!(res instanceof Response)) throw new Error(`HTTP ${res.status}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')?.match(FILE)?.[1]).toBe('csv');
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const text = await res.text();
		const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toHaveLength(5);
		expect(new Set(parsed.data.map((r) => r.licence))).toEqual(new Set(['CC-BY-SA-4.0']));
		const lavoir = parsed.data.find((r) => r.id === act.lavoir);
		expect(lavoir).toMatchObject({
			commune_name: 'Uzès',
			phone: '04 66 12 34 56',
			email_source: "'=Adhérents réseau ligne 3",
			sources: "'=Adhérents réseau | RNA Gard"
		});
		expect(parsed.data.find((r) => r.id === act.piege)?.name).toBe(
			`'=HYPERLINK("https://attaquant.example","Cliquez")`
		);
	});

	it('sends the Excel France CSV with a BOM and semicolons', async () => {
		const res = await get('pays-d-uzes', 'csv-excel');
		if (!(res instanceof Response)) throw new Error(`HTTP ${res.status}`);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.subarray(3));
		expect(text.split('\r\n')[0]).toMatch(/^id;name;kind;/);
		expect(text).toContain('Épicerie solidaire');
		expect(text).toContain(';-1,5536;47,2184;');
		expect(res.headers.get('content-disposition')?.match(FILE)?.[1]).toBe('csv');
	});

	it('sends an XLSX with the census and licence sheets', async () => {
		const res = await get('pays-d-uzes', 'xlsx');
		if (!(res instanceof Response)) throw new Error(`HTTP ${res.status}`);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')?.match(FILE)?.[1]).toBe('xlsx');
		const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
		expect(sheets.map((s) => s.sheet)).toEqual(['Recensement', 'Licence']);
		expect(sheets[0]!.data).toHaveLength(6);
		expect(sheets[1]!.data.map((r) => r.filter((c) => c !== null))).toContainEqual([
			'Licence',
			'CC-BY-SA-4.0'
		]);
	});

	it('sends GeoJSON with the licence on top and unplaced actors as null geometry', async () => {
		const res = await get('pays-d-uzes', 'geojson');
		if (!(res instanceof Response)) throw new Error(`HTTP ${res.status}`);
		expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
		expect(res.headers.get('content-disposition')?.match(FILE)?.[1]).toBe('geojson');
		const fc = await res.json();
		expect(fc).toMatchObject({
			type: 'FeatureCollection',
			name: 'Pays d’Uzès',
			licence: 'CC-BY-SA-4.0'
		});
		expect(Date.parse(fc.generated_at)).not.toBeNaN();
		const byId = new Map(fc.features.map((f: { id: string }) => [f.id, f]));
		expect(byId.get(act.zebre)).toMatchObject({ geometry: null });
		expect(byId.get(act.lavoir)).toMatchObject({
			geometry: { type: 'Point', coordinates: [4.4196, 44.0122] },
			properties: { phone: '+33466123456', name_source: 'RNA Gard ligne 12' }
		});
	});

	it('answers 400 in French for an unknown or missing format', async () => {
		for (const format of ['pdf', null]) {
			const res = await get('pays-d-uzes', format);
			expect(res).not.toBeInstanceOf(Response);
			expect(res.status).toBe(400);
			if (!(res instanceof Response)) expect(res.body.message).toMatch(/^Format d’export inconnu/);
		}
	});

	it('answers 404 for an unknown territory and for a private one the user may not read', async () => {
		expect((await get('nulle-part', 'csv')).status).toBe(404);
		expect((await get('pays-d-uzes', 'csv', userClaims(ids.outsider))).status).toBe(404);
		expect((await get('pays-d-uzes', 'geojson', anonClaims)).status).toBe(404);
	});
});
