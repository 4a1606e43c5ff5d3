import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { analyseImport, ImportError } from '$lib/server/census/import';
import { readUpload, UploadError } from '$lib/server/census/upload';
import { editableTerritory } from '../access';
import type { RequestHandler } from './$types';

/** What importing the posted files would do: nothing is written. */
export const POST: RequestHandler = async ({ request, params, locals }) => {
	const db = await getDatabase();
	const territory = await editableTerritory(db, locals.claims, params.territory);
	try {
		const files = await readUpload(await request.formData());
		const analyses = await analyseImport(db, locals.claims, territory.id, files);
		return json({ ok: true, analyses });
	} catch (e) {
		if (e instanceof UploadError || e instanceof ImportError)
			return json({ ok: false, message: e.message, file: e.file }, { status: 400 });
		throw e;
	}
};
