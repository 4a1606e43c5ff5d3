/**
 * Previews dropped files in a Web Worker, one worker for all files, started on the first
 * request. Falls back to the main thread (same handler, same messages) when there is no
 * `Worker` or when the worker script cannot start (no module workers, a strict CSP).
 * Browser-only: create it in an event handler or `onMount`, not during server rendering.
 */
import type { ListingPreview } from './preview';
import type { PreviewRequest, PreviewResponse, PreviewStage } from './preview-worker';

export interface PreviewProgress {
	file: string;
	stage: PreviewStage;
	/** 0…1 within the stage: bytes read for `reading`; 0 then 1 for `parsing`. */
	progress: number;
}

/** What the client needs of a Worker; tests give a stand-in. */
export interface WorkerLike {
	postMessage(message: PreviewRequest, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<PreviewResponse>) => void): void;
	addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
	terminate(): void;
}

export interface PreviewerOptions {
	onProgress?: (progress: PreviewProgress) => void;
	/** Returns null when workers are unavailable. Defaults to the Vite-bundled preview worker. */
	createWorker?: () => WorkerLike | null;
}

export interface Previewer {
	/** Rejects with a PreviewError (message in French, `code` from the reader when it has one). */
	preview(file: File, mapping?: unknown): Promise<ListingPreview>;
	/** Can be set after creation; called for every file being previewed. */
	onProgress?: (progress: PreviewProgress) => void;
	/** Stops the worker; pending and later previews reject with code `destroyed`. */
	destroy(): void;
}

export class PreviewError extends Error {
	constructor(
		message: string,
		readonly code: string | null
	) {
		super(message);
		this.name = 'PreviewError';
	}
}

function defaultWorker(): WorkerLike | null {
	if (typeof Worker === 'undefined') return null;
	// Written out in full so Vite finds it and bundles the worker as its own asset.
	return new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' });
}

interface Pending {
	file: File;
	mapping: unknown;
	resolve: (preview: ListingPreview) => void;
	reject: (error: Error) => void;
}

/**
 * A mapping held in Svelte `$state` is a Proxy, which `postMessage` cannot clone; a mapping is
 * plain JSON data, so a JSON copy is exact.
 */
function plain(mapping: unknown): unknown {
	return mapping === undefined ? undefined : JSON.parse(JSON.stringify(mapping));
}

export function createPreviewer(options: PreviewerOptions = {}): Previewer {
	const createWorker = options.createWorker ?? defaultWorker;
	const pending = new Map<number, Pending>();
	let nextId = 1;
	let worker: WorkerLike | null = null;
	/** The worker answered at least once, so an `error` event is not a failure to start. */
	let started = false;
	let mainThread = false;
	let destroyed = false;

	function settle(response: PreviewResponse): void {
		const entry = pending.get(response.id);
		if (entry === undefined) return;
		if ('stage' in response) {
			previewer.onProgress?.({
				file: entry.file.name,
				stage: response.stage,
				progress: response.progress
			});
		} else {
			pending.delete(response.id);
			if (response.ok) entry.resolve(response.preview);
			else entry.reject(new PreviewError(response.message, response.code));
		}
	}

	function runOnMainThread(id: number, entry: Pending): void {
		void import('./preview-worker').then(
			({ handlePreviewRequest }) =>
				handlePreviewRequest(
					{ id, name: entry.file.name, file: entry.file, mapping: entry.mapping },
					(r) => {
						if (!destroyed) settle(r);
					}
				),
			(e: unknown) => {
				pending.delete(id);
				entry.reject(new PreviewError(e instanceof Error ? e.message : String(e), null));
			}
		);
	}

	function failWorker(reason: string): void {
		worker?.terminate();
		worker = null;
		if (!started) {
			// The worker never ran: answer from the main thread instead, now and from now on.
			mainThread = true;
			for (const [id, entry] of pending) runOnMainThread(id, entry);
			return;
		}
		for (const entry of pending.values()) entry.reject(new PreviewError(reason, 'worker_failed'));
		pending.clear();
	}

	function ensureWorker(): WorkerLike | null {
		if (worker !== null || mainThread) return worker;
		try {
			worker = createWorker();
		} catch {
			worker = null;
		}
		if (worker === null) {
			mainThread = true;
			return null;
		}
		worker.addEventListener('message', (event) => {
			started = true;
			settle(event.data);
		});
		worker.addEventListener('error', () =>
			failWorker("L'aperçu s'est arrêté en cours de lecture.")
		);
		worker.addEventListener('messageerror', () =>
			failWorker("La réponse de l'aperçu n'a pas pu être lue.")
		);
		return worker;
	}

	function preview(file: File, mapping?: unknown): Promise<ListingPreview> {
		if (destroyed) return Promise.reject(new PreviewError('Aperçu arrêté.', 'destroyed'));
		return new Promise<ListingPreview>((resolve, reject) => {
			const id = nextId++;
			let entry: Pending;
			try {
				entry = { file, mapping: plain(mapping), resolve, reject };
			} catch (e) {
				reject(new PreviewError(e instanceof Error ? e.message : String(e), 'bad_mapping'));
				return;
			}
			pending.set(id, entry);
			const w = ensureWorker();
			if (w === null) {
				runOnMainThread(id, entry);
				return;
			}
			try {
				w.postMessage({ id, name: file.name, file, mapping: entry.mapping });
			} catch (e) {
				pending.delete(id);
				reject(new PreviewError(e instanceof Error ? e.message : String(e), 'post_failed'));
			}
		});
	}

	function destroy(): void {
		destroyed = true;
		worker?.terminate();
		worker = null;
		for (const entry of pending.values()) {
			entry.reject(new PreviewError('Aperçu arrêté.', 'destroyed'));
		}
		pending.clear();
	}

	const previewer: Previewer = { preview, destroy };
	if (options.onProgress !== undefined) previewer.onProgress = options.onProgress;
	return previewer;
}
