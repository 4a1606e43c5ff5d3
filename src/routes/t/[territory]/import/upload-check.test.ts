import { describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '$lib/server/census/upload';
import { megabytes, sortFiles, uploadFailure } from './upload-check';

const MB = 1024 * 1024;

/** A file with the given name and size (the size is faked, nothing is allocated). */
function file(name: string, size = 100): File {
	const f = new File(['nom;commune\n'], name);
	Object.defineProperty(f, 'size', { value: size });
	return f;
}

describe('sortFiles (before anything is uploaded)', () => {
	it('takes the listings within the limits', () => {
		const files = [file('a.csv'), file('b.XLSX'), file('c.geojson'), file('d.tsv')];
		const { accepted, refused } = sortFiles(files, [], UPLOAD_LIMITS);
		expect(accepted.map((f) => f.name)).toEqual(['a.csv', 'b.XLSX', 'c.geojson', 'd.tsv']);
		expect(refused).toEqual([]);
	});

	it('refuses an unknown type, naming the file', () => {
		const { accepted, refused } = sortFiles(
			[file('statuts.pdf'), file('sans-extension'), file('ok.csv')],
			[],
			UPLOAD_LIMITS
		);
		expect(accepted.map((f) => f.name)).toEqual(['ok.csv']);
		expect(refused).toEqual([
			'« statuts.pdf » n’a pas été ajouté : format non pris en charge (CSV, TSV, XLSX, GeoJSON ou JSON).',
			'« sans-extension » n’a pas été ajouté : format non pris en charge (CSV, TSV, XLSX, GeoJSON ou JSON).'
		]);
	});

	it('refuses a file over the per-file limit, with its size', () => {
		const { accepted, refused } = sortFiles([file('registre.csv', 61.5 * MB)], [], UPLOAD_LIMITS);
		expect(accepted).toEqual([]);
		expect(refused).toEqual([
			'« registre.csv » n’a pas été ajouté : il fait 61,5 Mo, 50 Mo au plus par fichier.'
		]);
		// Exactly at the limit is fine.
		expect(sortFiles([file('pile.csv', 50 * MB)], [], UPLOAD_LIMITS).accepted).toHaveLength(1);
	});

	it('refuses an empty file', () => {
		expect(sortFiles([file('vide.csv', 0)], [], UPLOAD_LIMITS).refused).toEqual([
			'« vide.csv » n’a pas été ajouté : le fichier est vide.'
		]);
	});

	it('counts the files already chosen for the number and the total size', () => {
		const chosen = Array.from({ length: 9 }, (_, i) => file(`l${i}.csv`));
		const { accepted, refused } = sortFiles([file('x.csv'), file('y.csv')], chosen, UPLOAD_LIMITS);
		expect(accepted.map((f) => f.name)).toEqual(['x.csv']);
		expect(refused).toEqual(['« y.csv » n’a pas été ajouté : 10 fichiers au plus par import.']);

		const heavy = [file('a.csv', 40 * MB), file('b.csv', 40 * MB)];
		const third = sortFiles([file('c.csv', 30 * MB), file('d.csv', 10 * MB)], heavy, UPLOAD_LIMITS);
		expect(third.refused).toEqual([
			'« c.csv » n’a pas été ajouté : avec les fichiers déjà choisis, l’envoi dépasserait 100 Mo. Importez-le à part.'
		]);
		expect(third.accepted.map((f) => f.name)).toEqual(['d.csv']);
	});

	it('skips a file already chosen under the same name without a message', () => {
		const { accepted, refused } = sortFiles([file('a.csv')], [file('a.csv')], UPLOAD_LIMITS);
		expect(accepted).toEqual([]);
		expect(refused).toEqual([]);
	});
});

describe('uploadFailure (the server answered with an error)', () => {
	it('explains a 413, even when a proxy answered it in HTML', async () => {
		const html = new Response('<html><body><h1>413 Request Entity Too Large</h1></body></html>', {
			status: 413,
			headers: { 'content-type': 'text/html' }
		});
		expect(await uploadFailure(html, 130 * MB, 'générique')).toBe(
			'Le serveur a refusé l’envoi : 130,0 Mo, c’est plus qu’il n’accepte en une fois. Importez les fichiers en plusieurs fois, ou demandez à l’administrateur de relever la limite (BODY_SIZE_LIMIT, ou celle du proxy).'
		);
		// SvelteKit's own 413 says « Payload Too Large » in English: the French message replaces it.
		const kit = Response.json({ message: 'Payload Too Large' }, { status: 413 });
		expect(await uploadFailure(kit, 2 * MB, 'générique')).toMatch(/^Le serveur a refusé l’envoi/);
	});

	it('keeps the server’s own message (it names the file)', async () => {
		const answer = Response.json(
			{
				ok: false,
				message: '« liste.csv » n’est pas un fichier CSV lisible : …',
				file: 'liste.csv'
			},
			{ status: 400 }
		);
		expect(await uploadFailure(answer, 10, 'générique')).toBe(
			'« liste.csv » n’est pas un fichier CSV lisible : …'
		);
	});

	it('says the status when the answer is not the server’s JSON', async () => {
		const gateway = new Response('<html>Bad Gateway</html>', { status: 502 });
		expect(await uploadFailure(gateway, 10, 'générique')).toBe(
			'Le serveur a répondu par une erreur (HTTP 502). Réessayez dans un moment.'
		);
	});

	it('writes sizes the French way', () => {
		expect(megabytes(1.25 * MB)).toBe('1,3');
	});
});
