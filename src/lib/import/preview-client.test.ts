import { describe, expect, it } from 'vitest';
import {
	createPreviewer,
	PreviewError,
	type PreviewProgress,
	type WorkerLike
} from './preview-client';
import {
	handlePreviewRequest,
	readBlob,
	type PreviewRequest,
	type PreviewResponse
} from './preview-worker';
import { previewListing } from './preview';

const CSV =
	'Nom;Ville;Téléphone\nAMAP de Vergèze;Vergèze;04 66 00 00 01\nTiers-lieu La Fabrique;Nîmes;\n';
const file = (text: string, name: string): File => new File([text], name);

/**
 * Runs the real handler in-process, with what a worker boundary does: messages are
 * structured-cloned (a Svelte `$state` proxy would throw), answers arrive asynchronously.
 */
class FakeWorker implements WorkerLike {
	readonly posted: PreviewRequest[] = [];
	terminated = false;
	/** Answers are held until `flush()` (to deliver them out of order). */
	hold = false;
	held: PreviewResponse[] = [];
	private listeners: Record<string, ((event: never) => void)[]> = {};

	constructor(private readonly failToStart = false) {}

	addEventListener(type: string, listener: (event: never) => void): void {
		(this.listeners[type] ??= []).push(listener);
	}

	emit(type: string, event: unknown): void {
		for (const l of this.listeners[type] ?? []) (l as (e: unknown) => void)(event);
	}

	postMessage(message: PreviewRequest): void {
		const copy = structuredClone(message);
		this.posted.push(copy);
		setTimeout(() => {
			if (this.failToStart) {
				this.emit('error', new Event('error'));
				return;
			}
			void handlePreviewRequest(copy, (response) => {
				if (this.terminated) return;
				if (this.hold) this.held.push(structuredClone(response));
				else this.emit('message', { data: structuredClone(response) });
			});
		}, 0);
	}

	flush(order: (r: PreviewResponse[]) => PreviewResponse[] = (r) => r): void {
		for (const data of order(this.held)) this.emit('message', { data });
		this.held = [];
	}

	terminate(): void {
		this.terminated = true;
	}
}

describe('readBlob', () => {
	it('reads a stream in chunks and reports growing fractions up to 1', async () => {
		const big = new Uint8Array(1_000_000).map((_, i) => i % 251);
		// A Blob of many parts, as a file on disk is read in chunks.
		const parts = Array.from({ length: 100 }, (_, i) => big.subarray(i * 10_000, (i + 1) * 10_000));
		const seen: number[] = [];
		const bytes = await readBlob(new Blob(parts), (f) => seen.push(f));
		// Compared as one buffer: an element-wise toEqual on a megabyte takes seconds.
		expect(Buffer.from(bytes).equals(Buffer.from(big))).toBe(true);
		expect(seen[0]).toBe(0);
		expect(seen.at(-1)).toBe(1);
		expect(seen.length).toBeGreaterThan(2);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
	});
	it('reads an empty file', async () => {
		const seen: number[] = [];
		expect(await readBlob(new Blob([]), (f) => seen.push(f))).toHaveLength(0);
		expect(seen).toEqual([1]);
	});
});

describe('handlePreviewRequest', () => {
	it('posts progress before and after parsing, then the preview', async () => {
		const out: PreviewResponse[] = [];
		const buffer = new TextEncoder().encode(CSV).buffer as ArrayBuffer;
		await handlePreviewRequest({ id: 7, name: 'amap.csv', buffer }, (r) => out.push(r));
		expect(out.slice(0, 2)).toEqual([
			{ id: 7, stage: 'parsing', progress: 0 },
			{ id: 7, stage: 'parsing', progress: 1 }
		]);
		expect(out[2]).toMatchObject({ id: 7, ok: true, preview: { file: 'amap.csv', rowCount: 2 } });
		expect(out).toHaveLength(3);
	});
	it('answers a bad mapping with ok: false and the reader’s code', async () => {
		const out: PreviewResponse[] = [];
		await handlePreviewRequest(
			{ id: 1, name: 'amap.csv', file: new Blob([CSV]), mapping: { name: 'Raison sociale' } },
			(r) => out.push(r)
		);
		expect(out.at(-1)).toEqual({
			id: 1,
			ok: false,
			message: 'Colonne absente du fichier : Raison sociale (rôle name)',
			code: 'unknown_column'
		});
	});
	it('does not take over onmessage outside a worker', () => {
		expect((globalThis as { onmessage?: unknown }).onmessage).toBeUndefined();
	});
});

describe('createPreviewer', () => {
	it('falls back to the main thread when there is no Worker (Node), with the same progress', async () => {
		expect(typeof Worker).toBe('undefined');
		const progress: PreviewProgress[] = [];
		const previewer = createPreviewer({ onProgress: (p) => progress.push(p) });
		const f = file(CSV, 'amap.csv');
		const p = await previewer.preview(f);
		expect(p).toEqual(await previewListing('amap.csv', new TextEncoder().encode(CSV)));
		expect(progress[0]).toEqual({ file: 'amap.csv', stage: 'reading', progress: 0 });
		expect(progress.at(-1)).toEqual({ file: 'amap.csv', stage: 'parsing', progress: 1 });
		expect(progress.map((x) => x.stage)).toContain('parsing');
		previewer.destroy();
	});

	it('sends the File itself to the worker and matches answers to requests by id', async () => {
		const fake = new FakeWorker();
		fake.hold = true;
		const previewer = createPreviewer({ createWorker: () => fake });
		const progress: PreviewProgress[] = [];
		previewer.onProgress = (p) => progress.push(p);
		const a = previewer.preview(file(CSV, 'amap.csv'));
		const b = previewer.preview(file('nom,commune\nA,Uzès\nB,Uzès\nC,Uzès\n', 'b.csv'));
		await new Promise((r) => setTimeout(r, 50));
		expect(fake.posted.map((m) => m.name)).toEqual(['amap.csv', 'b.csv']);
		expect(fake.posted[0]!.file).toBeInstanceOf(Blob);
		expect(fake.posted[0]!.buffer).toBeUndefined();
		// Every answer about the second file first.
		fake.flush((held) => [...held.filter((r) => r.id !== 1), ...held.filter((r) => r.id === 1)]);
		const [pa, pb] = await Promise.all([a, b]);
		expect(pa).toMatchObject({ file: 'amap.csv', rowCount: 2, delimiter: ';' });
		expect(pb).toMatchObject({ file: 'b.csv', rowCount: 3, delimiter: ',' });
		expect(new Set(progress.map((p) => p.file))).toEqual(new Set(['amap.csv', 'b.csv']));
		previewer.destroy();
		expect(fake.terminated).toBe(true);
	});

	it('posts a $state-like proxy mapping as plain data', async () => {
		const fake = new FakeWorker();
		const previewer = createPreviewer({ createWorker: () => fake });
		const mapping = new Proxy({ tags: ['Ville'], commune: [] as string[] }, {});
		const p = await previewer.preview(file(CSV, 'amap.csv'), mapping);
		expect(p.columnRoles).toEqual({ Nom: 'name', Ville: 'tags', Téléphone: 'phone' });
		previewer.destroy();
	});

	it('rejects with the reader’s message and code', async () => {
		const previewer = createPreviewer({ createWorker: () => new FakeWorker() });
		const error = await previewer
			.preview(file(CSV, 'amap.csv'), { siret: 'SIRET' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PreviewError);
		expect(error).toMatchObject({ code: 'unknown_column' });
		expect((error as Error).message).toContain('SIRET');
		previewer.destroy();
	});

	it('answers from the main thread when the worker script cannot start', async () => {
		const broken = new FakeWorker(true);
		let created = 0;
		const previewer = createPreviewer({
			createWorker: () => {
				created++;
				return broken;
			}
		});
		const p = await previewer.preview(file(CSV, 'amap.csv'));
		expect(p.rowCount).toBe(2);
		expect(broken.terminated).toBe(true);
		// Later files go straight to the main thread, without a second worker.
		expect((await previewer.preview(file(CSV, 'bis.csv'))).file).toBe('bis.csv');
		expect(created).toBe(1);
		expect(broken.posted).toHaveLength(1);
	});

	it('rejects pending and later previews once destroyed', async () => {
		const fake = new FakeWorker();
		fake.hold = true;
		const previewer = createPreviewer({ createWorker: () => fake });
		const pending = previewer.preview(file(CSV, 'amap.csv'));
		previewer.destroy();
		await expect(pending).rejects.toMatchObject({ code: 'destroyed' });
		await expect(previewer.preview(file(CSV, 'x.csv'))).rejects.toMatchObject({
			code: 'destroyed'
		});
		expect(fake.terminated).toBe(true);
	});
});
