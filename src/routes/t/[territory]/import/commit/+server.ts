import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { getDatabase } from '$lib/server/db';
import { commitImport, ImportError, type ImportProgress } from '$lib/server/census/import';
import { readUpload, UploadError } from '$lib/server/census/upload';
import { geocoderFromEnv } from '$lib/server/geocode';
import { editableTerritory } from '../access';
import type { RequestHandler } from './$types';

/**
 * Imports the posted files. The answer is a stream of JSON lines (NDJSON) so the wizard can show
 * each stage: `{"type":"progress","stage":"read|geocode|match|save","done":n,"total":n}`, then
 * `{"type":"done","summary":{…}}` or `{"type":"error","message":"…"}`. Everything is written in
 * one transaction at the end: an error or a stop before it leaves the census as it was.
 * A form field `event` (an event id) makes it a participants sheet of that event: the actors of
 * its rows are registered as participants in that same transaction.
 */
export const POST: RequestHandler = async ({ request, params, locals }) => {
	const db = await getDatabase();
	const territory = await editableTerritory(db, locals.claims, params.territory);
	let files;
	let eventId: string | undefined;
	try {
		const form = await request.formData();
		files = await readUpload(form);
		const event = form.get('event');
		if (typeof event === 'string' && event.trim() !== '') eventId = event.trim();
	} catch (e) {
		if (e instanceof UploadError) return json({ ok: false, message: e.message }, { status: 400 });
		throw e;
	}
	const geocoder = geocoderFromEnv(env);
	// Test hook for the "server killed during an import" test: hold the write transaction open.
	const pauseMs = Number(env.MAILLAGE_TEST_IMPORT_PAUSE_MS ?? 0);
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (message: unknown) => {
				try {
					controller.enqueue(encoder.encode(JSON.stringify(message) + '\n'));
				} catch {
					// The client went away: the import still completes or rolls back on its own.
				}
			};
			try {
				const summary = await commitImport(db, locals.claims, territory.id, files, {
					geocoder,
					eventId,
					onProgress: (p: ImportProgress) => send({ type: 'progress', ...p }),
					beforeCommit:
						pauseMs > 0
							? async () => {
									send({ type: 'progress', stage: 'save', done: 0, total: 1, committing: true });
									await new Promise((r) => setTimeout(r, pauseMs));
								}
							: undefined
				});
				send({ type: 'done', summary });
			} catch (e) {
				if (e instanceof ImportError) send({ type: 'error', message: e.message, file: e.file });
				else {
					console.error('import failed', e);
					send({
						type: 'error',
						message:
							"L'import a échoué sur une erreur inattendue ; rien n'a été enregistré. Réessayez, et signalez-le si cela se reproduit."
					});
				}
			} finally {
				controller.close();
			}
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'application/x-ndjson; charset=utf-8',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
};
