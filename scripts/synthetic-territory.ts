/**
 * Loads a synthetic territory (src/lib/domain/demo/synthetic.ts) into the app's database, for map
 * benchmarks and screenshots at any size:
 *
 *   node --import tsx scripts/synthetic-territory.ts --actors 100000 --slug synth-100k [--data-dir DIR]
 *
 * The database is the one the app opens (src/lib/server/db/index.ts): `DATABASE_URL` when set,
 * else the embedded PGlite in `MAILLAGE_DATA_DIR` (default ./data; `--data-dir` sets it). Stop
 * the app first in the embedded mode: PGlite files belong to one process at a time.
 * A territory with the same slug is replaced. The territory is public and owned by the local
 * operator, like the demo (`--owner <auth.users id>` on a Supabase database).
 * Rows go in one admin transaction, in batches expanded by `jsonb_to_recordset` (see
 * src/lib/server/demo/seed.ts for why the parameter is sent as text).
 */
import { parseArgs } from 'node:util';
import { generateSynthetic, type SyntheticTerritory } from '../src/lib/domain/demo/synthetic';
import { openDatabase, optionsFromEnv } from '../src/lib/server/db/index';
import { LOCAL_OPERATOR, type Tx } from '../src/lib/server/db/types';
import { insertActors } from '../src/lib/server/demo/seed';

const BATCH = 5000;

const USAGE =
	'usage: node --import tsx scripts/synthetic-territory.ts --actors N --slug SLUG [--data-dir DIR] [--seed N] [--owner UUID]';

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(2);
}

const { values } = parseArgs({
	options: {
		actors: { type: 'string' },
		slug: { type: 'string' },
		'data-dir': { type: 'string' },
		seed: { type: 'string' },
		owner: { type: 'string' },
		help: { type: 'boolean', short: 'h' }
	}
});
if (values.help) {
	console.info(USAGE);
	process.exit(0);
}
const actors = Number(values.actors);
if (!Number.isInteger(actors) || actors < 0) fail('--actors must be a whole number');
const slug = values.slug ?? '';
if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) fail('--slug must look like synth-100k');
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) fail('--seed must be a whole number');
const ownerId = values.owner ?? LOCAL_OPERATOR.id;

if (values['data-dir']) {
	if (process.env.DATABASE_URL)
		fail('--data-dir is for the embedded database; DATABASE_URL is set');
	process.env.MAILLAGE_DATA_DIR = values['data-dir'];
}

const started = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

// Fresh random ids: two synthetic territories (or two loads of one) must never share a key.
const data = generateSynthetic({ actors, slug, seed, uuid: () => crypto.randomUUID() });
console.info(
	`generated ${data.actors.length} actors, ${data.records.length} rows in ${data.sources.length} listings (${seconds(started)} s)`
);

const db = await openDatabase(optionsFromEnv());
try {
	const opened = performance.now();
	const territoryId = await db.asAdmin((tx) => load(tx, data, ownerId));
	// Fresh statistics, so the planner sees 100k rows and not an empty table.
	const analysed = performance.now();
	await db.asAdmin((tx) =>
		tx.exec('analyze public.actor; analyze public.source_record; analyze public.source;')
	);
	console.info(`  analyze: ${seconds(analysed)} s`);
	console.info(
		`loaded territory ${slug} (${territoryId}) in ${seconds(opened)} s; total ${seconds(started)} s`
	);
} finally {
	await db.close();
}

async function load(tx: Tx, data: SyntheticTerritory, owner: string): Promise<string> {
	const [user] = await tx.query('select 1 from auth.users where id = $1', [owner]);
	if (!user) throw new Error(`owner ${owner} is not in auth.users (pass --owner)`);
	let stage = performance.now();
	const removed = await tx.query('delete from public.territory where slug = $1 returning id', [
		data.territory.slug
	]);
	if (removed.length > 0)
		console.info(`  removed the existing ${data.territory.slug}: ${seconds(stage)} s`);

	const t = data.territory;
	const [row] = await tx.query<{ id: string }>(
		`insert into public.territory (slug, name, commune_codes, epci_code, licence, visibility, created_by)
		 values ($1, $2, $3::text[], $4, $5, $6, $7) returning id`,
		[t.slug, t.name, t.communeCodes, t.epciCode, t.licence, t.visibility, owner]
	);
	const territoryId = row!.id;
	await tx.query(
		`insert into public.membership (territory_id, user_id, role) values ($1, $2, 'owner')
		 on conflict (territory_id, user_id) do update set role = 'owner'`,
		[territoryId, owner]
	);

	const counts = new Map<string, number>();
	for (const r of data.records) counts.set(r.sourceId, (counts.get(r.sourceId) ?? 0) + 1);
	// created_at one second apart: the map orders listings by it.
	await tx.query(
		`insert into public.source (id, territory_id, name, file_name, headers, column_mapping,
			record_count, created_at)
		 select r.id, $1, r.name, r.file_name, r.headers, r.column_mapping, r.record_count,
			now() + make_interval(secs => r.ord)
		 from jsonb_to_recordset($2::text::jsonb) as r(id uuid, name text, file_name text,
			headers text[], column_mapping jsonb, record_count int, ord int)`,
		[
			territoryId,
			JSON.stringify(
				data.sources.map((s, i) => ({
					id: s.id,
					name: s.name,
					file_name: s.fileName,
					headers: s.headers,
					column_mapping: s.columnMapping,
					record_count: counts.get(s.id) ?? 0,
					ord: i
				}))
			)
		]
	);

	stage = performance.now();
	for (let i = 0; i < data.actors.length; i += BATCH) {
		await insertActors(tx, territoryId, data.actors.slice(i, i + BATCH));
	}

	console.info(`  actors: ${seconds(stage)} s`);
	stage = performance.now();
	for (let i = 0; i < data.records.length; i += BATCH) {
		const batch = data.records.slice(i, i + BATCH);
		await tx.query(
			`insert into public.source_record (id, territory_id, source_id, row_number, raw,
				content_hash, actor_id)
			 select r.id, $1, r.source_id, r.row_number, r.raw, r.content_hash, r.actor_id
			 from jsonb_to_recordset($2::text::jsonb) as r(id uuid, source_id uuid, row_number int,
				raw jsonb, content_hash text, actor_id uuid)`,
			[
				territoryId,
				JSON.stringify(
					batch.map((r) => ({
						id: r.id,
						source_id: r.sourceId,
						row_number: r.rowNumber,
						raw: r.raw,
						content_hash: r.contentHash,
						actor_id: r.actorId
					}))
				)
			]
		);
	}
	console.info(`  listing rows: ${seconds(stage)} s`);
	return territoryId;
}
