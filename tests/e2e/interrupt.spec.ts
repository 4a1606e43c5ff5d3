/**
 * Killing the server during an import leaves the census exactly as before the import.
 *
 * A second server is started on its own data directory (the built app, as `npm start` runs it).
 * It imports one listing completely, is stopped, and the database is read directly (the snapshot);
 * then it is started with a test hook that holds the import's write transaction open, and killed
 * with SIGKILL while the import is writing. Reopened, the database must equal the snapshot.
 */
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbedded, ensureLocalOperator } from '../../src/lib/server/db/index';
import { LOCAL_OPERATOR, userClaims, type Database } from '../../src/lib/server/db/types';

const data = path.resolve(process.cwd(), '../shared/data/gard-dev');
// Not 4190: fetch refuses that port (sieve is on the Fetch standard's "bad ports" list).
const PORT = 4178;
const origin = `http://127.0.0.1:${PORT}`;

test.skip(!existsSync(path.join(data, 'rna.csv')), '../shared/data/gard-dev is absent');
test.setTimeout(240_000);

const children: ChildProcess[] = [];
test.afterEach(() => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startServer(dataDir: string, extra: Record<string, string> = {}): ChildProcess {
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			MAILLAGE_DATA_DIR: dataDir,
			MAILLAGE_NO_DEMO: '1',
			MAILLAGE_GEOCODER: 'offline',
			MAILLAGE_SKIP_BUILD: '1',
			PUBLIC_SUPABASE_URL: '',
			PUBLIC_SUPABASE_ANON_KEY: '',
			...extra
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	child.stderr?.on('data', (d) => process.stderr.write(`[server] ${d}`));
	child.stdout?.on('data', (d) => process.stdout.write(`[server] ${d}`));
	return child;
}

async function waitReady(): Promise<void> {
	let last = '';
	for (let i = 0; i < 200; i++) {
		try {
			const res = await fetch(`${origin}/`);
			if (res.ok) return;
			last = `${res.status} ${(await res.text()).slice(0, 300)}`;
		} catch (e) {
			last = String((e as Error).cause ?? e);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`server did not start: ${last}`);
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
}

function importRequest(slug: string, file: string): Promise<Response> {
	const form = new FormData();
	form.append('file', new Blob([readFileSync(path.join(data, file))]), file);
	return fetch(`${origin}/t/${slug}/import/commit`, {
		method: 'POST',
		body: form,
		// SvelteKit refuses cross-site form posts: say where we come from, as a browser would.
		headers: { origin }
	});
}

async function snapshot(db: Database) {
	return db.asAdmin(async (tx) => ({
		actors: await tx.query(
			`select id, name, kind, address, commune_code, email, phone, siret, rna,
			        st_astext(location::geometry) as location, provenance, overrides
			   from public.actor order by id`
		),
		records: await tx.query(
			'select id, source_id, actor_id, content_hash, gone from public.source_record order by id'
		),
		sources: await tx.query('select id, name, record_count from public.source order by id'),
		reviews: await tx.query('select record_a, record_b from public.review_pair order by 1, 2'),
		version: await tx.query('select census_version from public.territory')
	}));
}

test('a server killed while an import writes leaves the census as before', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-kill-'));
	const slug = 'interruption';
	{
		const db = await openEmbedded({ dataDir });
		await ensureLocalOperator(db);
		await db.asUser(userClaims(LOCAL_OPERATOR.id), (tx) =>
			tx.query("insert into public.territory (slug, name) values ($1, 'Interruption')", [slug])
		);
		await db.close();
	}

	// 1. A first listing, imported to the end.
	let server = startServer(dataDir);
	await waitReady();
	const first = await importRequest(slug, 'rna.csv');
	const firstLines = (await first.text())
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l));
	expect(firstLines.at(-1)).toMatchObject({ type: 'done' });
	server.kill('SIGTERM');
	await exited(server);

	let db = await openEmbedded({ dataDir });
	const before = await snapshot(db);
	await db.close();
	expect(before.actors.length).toBeGreaterThan(100);

	// 2. A second listing; the server dies while the import's transaction is open.
	server = startServer(dataDir, { MAILLAGE_TEST_IMPORT_PAUSE_MS: '60000' });
	await waitReady();
	const res = await importRequest(slug, 'sirene.csv');
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const stages: string[] = [];
	for (;;) {
		const { value, done } = await reader.read();
		if (done) throw new Error(`stream ended before the write: ${text}`);
		text += decoder.decode(value, { stream: true });
		const lines = text.split('\n').filter((l) => l.trim() !== '');
		const messages = lines.map((l) => JSON.parse(l) as { stage?: string; committing?: boolean });
		for (const m of messages) if (m.stage && !stages.includes(m.stage)) stages.push(m.stage);
		if (messages.some((m) => m.committing)) break;
	}
	expect(stages).toEqual(['read', 'geocode', 'match', 'save']);
	server.kill('SIGKILL');
	await exited(server);
	await reader.cancel().catch(() => {});

	// 3. Reopened (crash recovery), the census is exactly the one before the second import.
	db = await openEmbedded({ dataDir });
	const after = await snapshot(db);
	await db.close();
	expect(after).toEqual(before);
});
