/**
 * Module Web Worker that reads and previews dropped listings off the main thread
 * (https://vite.dev/guide/features#import-with-constructors). Started by `preview-client.ts`;
 * the same handler runs on the main thread when workers are unavailable.
 */
import { previewListing, type ListingPreview } from './preview';

export interface PreviewRequestBase {
	id: number;
	/** File name: it decides the format together with the first bytes. */
	name: string;
	/** A person's mapping, as `readListing` takes it (plain data: it is structured-cloned). */
	mapping?: unknown;
}

/**
 * Either the bytes (transferred) or the File itself: a File is cloned without copying its
 * contents, and the worker streams it, so reading progress is real and the main thread never
 * holds the bytes.
 */
export type PreviewRequest = PreviewRequestBase &
	({ buffer: ArrayBuffer; file?: undefined } | { file: Blob; buffer?: undefined });

export type PreviewStage = 'reading' | 'parsing';

export type PreviewResponse =
	/** `reading`: bytes read / size. `parsing`: 0 before, 1 after (the reader is not incremental). */
	| { id: number; stage: PreviewStage; progress: number }
	| { id: number; ok: true; preview: ListingPreview }
	| { id: number; ok: false; message: string; code: string | null };

/** Reading progress is posted at most every this fraction of the file. */
const PROGRESS_STEP = 0.01;

/** Reads a Blob as a stream into one buffer of its size, reporting the fraction read. */
export async function readBlob(
	blob: Blob,
	onProgress: (fraction: number) => void
): Promise<Uint8Array> {
	const total = blob.size;
	const out = new Uint8Array(total);
	let offset = 0;
	let reported = 0;
	onProgress(total === 0 ? 1 : 0);
	const reader = blob.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (offset + value.byteLength > total) {
			await reader.cancel();
			throw new Error('Le fichier a changé pendant sa lecture.');
		}
		out.set(value, offset);
		offset += value.byteLength;
		const fraction = offset / total;
		if (fraction - reported >= PROGRESS_STEP || offset === total) {
			reported = fraction;
			onProgress(fraction);
		}
	}
	return offset === total ? out : out.subarray(0, offset);
}

function errorCode(e: unknown): string | null {
	if (e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
		return e.code;
	}
	return e instanceof Error && e.name !== 'Error' ? e.name : null;
}

/** Answers one request; never throws (every failure becomes an `ok: false` response). */
export async function handlePreviewRequest(
	request: PreviewRequest,
	post: (response: PreviewResponse) => void
): Promise<void> {
	const { id } = request;
	try {
		const bytes =
			request.file !== undefined
				? await readBlob(request.file, (progress) => post({ id, stage: 'reading', progress }))
				: new Uint8Array(request.buffer);
		post({ id, stage: 'parsing', progress: 0 });
		const preview = await previewListing(request.name, bytes, request.mapping);
		post({ id, stage: 'parsing', progress: 1 });
		post({ id, ok: true, preview });
	} catch (e) {
		post({
			id,
			ok: false,
			message: e instanceof Error ? e.message : String(e),
			code: errorCode(e)
		});
	}
}

interface WorkerScope {
	WorkerGlobalScope?: abstract new () => unknown;
	onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
	postMessage(message: PreviewResponse): void;
}

// Listen only inside a worker: importing this module elsewhere (tests, the main-thread
// fallback) must not take over the window's `onmessage`.
const scope = globalThis as unknown as WorkerScope;
if (
	typeof scope.WorkerGlobalScope === 'function' &&
	globalThis instanceof scope.WorkerGlobalScope
) {
	scope.onmessage = (event) => {
		void handlePreviewRequest(event.data, (response) => scope.postMessage(response));
	};
}
