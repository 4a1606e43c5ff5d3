import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { ROLES } from '$lib/domain/census/types';
import { previewListing, type ColumnRoles, type ListingPreview } from '$lib/import/preview';
import { roleLabel } from '$lib/i18n';
import ListingPreviewView, { delimiterLabel } from './ListingPreview.svelte';

// No DOM in this suite (Vitest runs in Node): the component is checked through its server
// rendering; choosing a role is `withColumnRole`, tested in src/lib/import/preview.test.ts.

const fixtures = path.resolve(process.cwd(), 'tests/fixtures/census');
const bytesOf = (name: string): Uint8Array =>
	new Uint8Array(readFileSync(path.join(fixtures, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function html(
	preview: ListingPreview,
	extra: { columnRoles?: ColumnRoles; disabled?: boolean } = {}
): string {
	return render(ListingPreviewView, { props: { preview, ...extra } }).body.replace(
		/<!--.*?-->/g,
		''
	);
}

/** Each role select: its column, its id, whether disabled, and the selected option's value. */
function selects(body: string): { column: string; id: string; disabled: boolean; value: string }[] {
	return [...body.matchAll(/<select([^>]*)>(.*?)<\/select>/g)].map(([, attrs, options]) => ({
		column: /data-column="([^"]*)"/.exec(attrs!)![1]!,
		id: /id="([^"]*)"/.exec(attrs!)![1]!,
		disabled: /\sdisabled/.test(attrs!),
		value: /<option value="([^"]*)" selected/.exec(options!)?.[1] ?? '(none)'
	}));
}

describe('ListingPreview', () => {
	it('shows an Excel CSV: file, format, encoding, delimiter as a word, row count', async () => {
		const preview = await previewListing('membres-win1252.csv', bytesOf('membres-win1252.csv'));
		const body = html(preview);
		expect(body).toMatch(/data-testid="listing-preview" data-file="membres-win1252.csv"/);
		expect(body).toContain('<h3');
		expect(body).toMatch(/<dt[^>]*>Encodage<\/dt> <dd[^>]*>Windows-1252<\/dd>/);
		expect(body).toMatch(/<dt[^>]*>Séparateur<\/dt> <dd[^>]*>point-virgule<\/dd>/);
		expect(body).toMatch(/<dt[^>]*>Format<\/dt> <dd[^>]*>CSV<\/dd>/);
		expect(body).toContain(
			`<span data-testid="preview-rowcount" data-count="${preview.rowCount}">${preview.rowCount} lignes</span>`
		);
		expect(body).not.toContain('preview-rejected');
	});

	it('puts a labelled role select above each column, showing the detected role', async () => {
		const preview = await previewListing('membres-win1252.csv', bytesOf('membres-win1252.csv'));
		const body = html(preview);
		const found = selects(body);
		expect(found.map((s) => s.column)).toEqual(preview.headers);
		for (const s of found) {
			expect(s.value).toBe(preview.columnRoles[s.column] ?? '');
			expect(body).toContain(
				`<label class="visually-hidden" for="${s.id}">Rôle de la colonne « ${s.column} »</label>`
			);
			expect(s.disabled).toBe(false);
		}
		expect(new Set(found.map((s) => s.id)).size).toBe(found.length);
		expect(found.find((s) => s.column === 'Téléphone')?.value).toBe('phone');
		// Every role is offered once, after « ignorer ».
		const first = /<select[^>]*>(.*?)<\/select>/.exec(body)![1]!;
		const values = [...first.matchAll(/<option value="([^"]*)"/g)].map((x) => x[1]);
		expect(values).toEqual(['', ...ROLES]);
		expect(first).toContain('<option value="">— ignorer —</option>');
		expect(body.match(/<th scope="col"/g)).toHaveLength(preview.headers.length);
	});

	it('shows the roles the parent passes, and disables the selects when asked', async () => {
		const preview = await previewListing('amap.csv', utf8('Nom;Ville\nAMAP;Vergèze\n'));
		const body = html(preview, { columnRoles: { Nom: 'name', Ville: null }, disabled: true });
		expect(selects(body)).toEqual([
			expect.objectContaining({ column: 'Nom', value: 'name', disabled: true }),
			expect.objectContaining({ column: 'Ville', value: '', disabled: true })
		]);
	});

	it('renders cells as text, in header order', async () => {
		const preview = await previewListing(
			'x.csv',
			utf8('nom,commentaire\n"<img src=x onerror=alert(1)>",<b>gras</b>\n')
		);
		const body = html(preview);
		expect(body).not.toContain('<img');
		expect(body).not.toContain('<b>');
		expect(body).toMatch(
			/<td[^>]*>&lt;img src=x onerror=alert\(1\)><\/td><td[^>]*>&lt;b>gras&lt;\/b><\/td>/
		);
	});

	it('counts rejected rows and warnings and lists the problems', async () => {
		const rows = ['nom;telephone'];
		for (let i = 1; i <= 100; i++)
			rows.push(i % 5 === 0 ? `A${i};1;x` : i % 7 === 0 ? `A${i}` : `A${i};0`);
		const preview = await previewListing('r.csv', utf8(rows.join('\n')));
		const body = html(preview);
		expect(body).toContain('20 lignes rejetées');
		expect(body).toContain(`${preview.issues.warnings} avertissements`);
		expect(body.match(/<li class="(rejected|warning)/g)).toHaveLength(20);
		const more = preview.issues.rejected + preview.issues.warnings - 20;
		expect(body).toContain(`… et ${more} autres problèmes`);
	});

	it('says why a file cannot be imported, without a table', async () => {
		const preview = await previewListing('vide.csv', new Uint8Array());
		const body = html(preview);
		expect(body).toMatch(
			/role="alert" data-testid="preview-fatal">\s*Ce fichier ne peut pas être importé : Le fichier est vide\.\s*</
		);
		expect(body).not.toContain('<table');
		expect(body).toContain('0 ligne');
	});

	it('shows a workbook without encoding or delimiter', async () => {
		const preview = await previewListing('entreprises.xlsx', bytesOf('entreprises.xlsx'));
		const body = html(preview);
		expect(body).toContain('Classeur Excel (XLSX)');
		expect(body).not.toContain('Encodage');
		expect(body).not.toContain('Séparateur');
	});

	it('names delimiters and roles in words', () => {
		expect(delimiterLabel(';')).toBe('point-virgule');
		expect(delimiterLabel(',')).toBe('virgule');
		expect(delimiterLabel('\t')).toBe('tabulation');
		expect(delimiterLabel('|')).toBe('barre verticale');
		expect(delimiterLabel('#')).toBe('« # »');
		const labels = ROLES.map(roleLabel);
		expect(new Set(labels).size).toBe(ROLES.length);
		expect(roleLabel('commune_code')).toBe('Code INSEE de la commune');
	});
});
