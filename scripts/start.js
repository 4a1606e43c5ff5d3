#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// with adapter-node. Without Supabase, the embedded mode has a single local operator and no login,
// so the server only listens on the loopback interface.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
process.chdir(root);

const BUILD_MARKER = join(root, 'build', 'handler.js');
const SOURCES = [
	'src',
	'static',
	'supabase/migrations',
	'package.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function needsBuild() {
	if (!existsSync(BUILD_MARKER)) return true;
	const built = statSync(BUILD_MARKER).mtimeMs;
	return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

if (process.env.MAILLAGE_SKIP_BUILD !== '1' && needsBuild()) {
	console.log('Maillage : construction de l’application (vite build)…');
	const result = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) {
		console.error('Maillage : la construction a échoué (voir ci-dessus).');
		process.exit(result.status ?? 1);
	}
}

const supabaseConfigured = Boolean(
	process.env.PUBLIC_SUPABASE_URL && process.env.PUBLIC_SUPABASE_ANON_KEY
);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
process.env.PORT ??= '3000';
// Listings are uploaded whole (the import endpoints check each file's size themselves, with a
// message that names the file); adapter-node's default limit is 512 kB. It must stay above one
// import's total (MAX_TOTAL_BYTES = 100 MB in src/lib/server/census/upload.ts) plus the multipart
// overhead; a lower limit (here or in a proxy) gets the wizard's « trop volumineux » message.
process.env.BODY_SIZE_LIMIT ??= '120M';
if (supabaseConfigured && !process.env.ORIGIN) {
	// Magic links point back to this origin: it must come from configuration, never from the
	// Host header of whoever asks for a link.
	console.error(
		'Maillage : avec Supabase Auth, définissez ORIGIN (adresse publique, ex. https://maillage.example.org).'
	);
	process.exit(2);
}
if (supabaseConfigured && !process.env.ADDRESS_HEADER) {
	// Rate limits count per client address: behind a reverse proxy every request would come from
	// the proxy's address, and everyone would share one limit.
	console.warn(
		'Maillage : derrière un proxy, définissez ADDRESS_HEADER (ex. X-Forwarded-For, avec XFF_DEPTH) ' +
			'pour que les limites de requêtes comptent par visiteur et non pour le proxy entier.'
	);
}
if (!supabaseConfigured) {
	process.env.HOST ??= '127.0.0.1';
	if (!LOOPBACK.has(process.env.HOST)) {
		console.error(
			`Maillage : HOST=${process.env.HOST} refusé. Sans Supabase Auth, le mode embarqué n’a pas de ` +
				'connexion : il n’écoute que sur 127.0.0.1. Configurez PUBLIC_SUPABASE_URL et ' +
				'PUBLIC_SUPABASE_ANON_KEY pour ouvrir l’accès.'
		);
		process.exit(2);
	}
}

console.log(
	`Maillage : ${supabaseConfigured ? 'Supabase Auth' : 'mode embarqué (opérateur local)'} — ` +
		`http://${process.env.HOST ?? '0.0.0.0'}:${process.env.PORT}`
);
if (supabaseConfigured || process.env.ORIGIN) {
	// Production: adapter-node's own server; ORIGIN (or PROTOCOL_HEADER/HOST_HEADER) set by the deployer.
	await import(join(root, 'build', 'index.js'));
} else {
	// Local mode: plain http on loopback, reached as localhost or 127.0.0.1 alike. adapter-node
	// assumes https when it has neither ORIGIN nor a protocol header, which would make form actions
	// fail their origin check, so tell it the protocol of this very server.
	process.env.PROTOCOL_HEADER = 'x-maillage-local-protocol';
	const { createServer } = await import('node:http');
	const { handler } = await import(join(root, 'build', 'handler.js'));
	const server = createServer((req, res) => {
		req.headers['x-maillage-local-protocol'] = 'http';
		handler(req, res);
	});
	server.listen(Number(process.env.PORT), process.env.HOST, () => {
		console.log(`Maillage : prêt sur http://${process.env.HOST}:${process.env.PORT}`);
	});
	// SIGINT/SIGTERM: the database layer closes the embedded database, then exits.
}
