/**
 * Import of listings into a territory's census: read (with the roles a person chose), compare
 * with the listing's previous version, geocode what is new or changed, rebuild the census, and
 * write it all in one transaction — a failed or interrupted import leaves the census as it was.
 */
import { createHash } from 'node:crypto';
import { readListing } from '../../import/read';
import type { ReadIssue, ReadListing } from '../../import/types';
import { headerSignature } from '../../import/preview';
import { isRole, type RoleMapping } from '../../domain/census/types';
import {
	canonicalRow,
	diffListing,
	isNoop,
	rowKeys,
	type ListingDiff
} from '../../domain/census/diff';
import { normalizeListings } from '../../domain/census/engine';
import { loadFrenchCommunes } from '../../domain/census/communes-fr';
import type { Claims, Database, Tx } from '../db/types';
import type { Geocoder, GeocodeQuery } from '../geocode';
import type { CensusState, RecordRow, SourceRow, StoredGeocode } from './state';
import { rebuildCensus } from './service';
import { writeHistory } from './write';
import { dropSuppressedRows } from './suppression';
import {
	adoptIntoState,
	findEvent,
	linkParticipants,
	loadUnlistedActors,
	persistAdoption,
	unlistedToAdopt,
	type Adoption,
	type ParticipantsResult
} from './participants';

export interface ImportFile {
	name: string;
	bytes: Uint8Array;
	/** Role → columns, as the person set them in the wizard; detection when absent. */
	mapping?: RoleMapping;
	/** Id of the listing this file is a new version of, 'new', or undefined to let us propose. */
	target?: string;
}

export interface DiffCounts {
	added: number;
	changed: number;
	unchanged: number;
	gone: number;
	returned: number;
}

export interface FileAnalysis {
	file: string;
	format: string;
	encoding: string | null;
	delimiter: string | null;
	headers: string[];
	roles: RoleMapping;
	rowCount: number;
	issues: ReadIssue[];
	fatal: ReadIssue | null;
	target: { id: string; name: string } | null;
	/** Known listings with the same columns (the wizard offers to update one of them). */
	candidates: { id: string; name: string; file_name: string | null }[];
	diff: DiffCounts;
	noop: boolean;
	/**
	 * Rows left out because they carry a key of the suppression list (people or organisations
	 * that asked not to appear): only their number is ever told.
	 */
	suppressed: number;
}

export class ImportError extends Error {
	constructor(
		readonly code:
			'fatal_file' | 'no_file' | 'unknown_target' | 'duplicate_target' | 'unknown_event',
		message: string,
		readonly file: string | null = null
	) {
		super(message);
	}
}

interface PreparedFile {
	input: ImportFile;
	listing: ReadListing;
	keys: string[];
	hashes: string[];
	/** Rows dropped by the suppression list (see dropSuppressed). */
	suppressed: number;
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** Content hashes; the n-th identical row of a file gets `#n` so every row keeps its own hash. */
function contentHashes(listing: ReadListing): string[] {
	const seen = new Map<string, number>();
	return listing.records.map((r) => {
		const base = canonicalRow(r.raw);
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return sha256(n === 1 ? base : `${base}#${n}`);
	});
}

function cleanMapping(
	mapping: RoleMapping | undefined,
	headers: string[]
): RoleMapping | undefined {
	if (mapping === undefined) return undefined;
	const out: RoleMapping = {};
	for (const [role, cols] of Object.entries(mapping)) {
		if (!isRole(role) || !Array.isArray(cols)) continue;
		const kept = cols.filter((c) => typeof c === 'string' && headers.includes(c));
		if (kept.length > 0) out[role] = kept;
	}
	return out;
}

async function prepare(file: ImportFile): Promise<PreparedFile> {
	const listing = await readListing(file.name, file.bytes);
	const mapping = cleanMapping(file.mapping, listing.headers);
	if (mapping !== undefined) listing.roles = mapping;
	return {
		input: file,
		listing,
		keys: rowKeys(listing.records, listing.roles),
		hashes: contentHashes(listing),
		suppressed: 0
	};
}

/**
 * Drops the rows of erased actors (suppression list, RGPD) before anything else looks at them:
 * they are never compared, stored or shown. Row keys and content hashes are recomputed on what
 * is left, as they would be for a file without those rows.
 */
async function dropSuppressed(
	db: Database,
	claims: Claims,
	territoryId: string,
	prepared: PreparedFile[]
): Promise<void> {
	const rowsBefore = prepared.map((p) => p.listing.records.map((r) => r.row));
	const dropped = await dropSuppressedRows(
		db,
		claims,
		territoryId,
		prepared.map((p) => ({
			file: p.input.name,
			records: p.listing.records,
			roles: p.listing.roles
		}))
	);
	prepared.forEach((p, f) => {
		p.suppressed = dropped[f] ?? 0;
		if (p.suppressed === 0) return;
		p.keys = rowKeys(p.listing.records, p.listing.roles);
		p.hashes = contentHashes(p.listing);
		// Nor does a warning about one of those rows stay: it would point at the row.
		const kept = new Set(p.listing.records.map((r) => r.row));
		const gone = new Set(rowsBefore[f]!.filter((row) => !kept.has(row)));
		p.listing.issues = p.listing.issues.filter((i) => i.row === null || !gone.has(i.row));
	});
}

function baseName(file: string): string {
	return file.replace(/\.[a-z0-9]+$/i, '') || file;
}

function chooseTarget(
	file: PreparedFile,
	sources: readonly SourceRow[],
	taken: Set<string>
): { target: SourceRow | null; candidates: SourceRow[] } {
	const signature = headerSignature(file.listing.headers);
	const candidates = sources.filter((s) => headerSignature(s.headers) === signature);
	const t = file.input.target;
	if (t === 'new') return { target: null, candidates };
	if (t !== undefined) {
		const chosen = sources.find((s) => s.id === t);
		if (chosen === undefined)
			throw new ImportError(
				'unknown_target',
				`La liste choisie pour « ${file.input.name} » n'existe plus.`,
				file.input.name
			);
		return { target: chosen, candidates };
	}
	const free = candidates.filter((s) => !taken.has(s.id));
	const sameName = free.find((s) => s.file_name === file.input.name);
	return { target: sameName ?? (free.length === 1 ? free[0]! : null), candidates };
}

function knownRows(state: Pick<CensusState, 'records'>, sourceId: string) {
	return state.records
		.filter((r) => r.source_id === sourceId)
		.map((r) => ({ id: r.id, key: r.row_key, hash: r.content_hash, gone: r.gone }));
}

function counts(diff: ListingDiff): DiffCounts {
	return {
		added: diff.added.length,
		changed: diff.changed.length,
		unchanged: diff.unchanged.length,
		gone: diff.gone.length,
		returned: diff.returned.length
	};
}

function analyse(
	prepared: PreparedFile[],
	state: Pick<CensusState, 'sources' | 'records'>
): { analyses: FileAnalysis[]; targets: (SourceRow | null)[]; diffs: ListingDiff[] } {
	const taken = new Set<string>();
	const analyses: FileAnalysis[] = [];
	const targets: (SourceRow | null)[] = [];
	const diffs: ListingDiff[] = [];
	for (const p of prepared) {
		const { target, candidates } = chooseTarget(p, state.sources, taken);
		if (target !== null) {
			if (taken.has(target.id))
				throw new ImportError(
					'duplicate_target',
					`Deux fichiers mettent à jour la même liste « ${target.name} » : importez-les séparément.`,
					p.input.name
				);
			taken.add(target.id);
		}
		const incoming = p.keys.map((key, i) => ({ key, hash: p.hashes[i]! }));
		const diff = diffListing(target === null ? [] : knownRows(state, target.id), incoming);
		const fatal = p.listing.issues.find((i) => i.severity === 'fatal') ?? null;
		analyses.push({
			file: p.input.name,
			format: p.listing.format,
			encoding: p.listing.encoding ?? null,
			delimiter: p.listing.delimiter ?? null,
			headers: p.listing.headers,
			roles: p.listing.roles,
			rowCount: p.listing.records.length,
			issues: p.listing.issues,
			fatal,
			target: target === null ? null : { id: target.id, name: target.name },
			candidates: candidates.map((c) => ({ id: c.id, name: c.name, file_name: c.file_name })),
			diff: counts(diff),
			noop: target !== null && isNoop(diff),
			suppressed: p.suppressed
		});
		targets.push(target);
		diffs.push(diff);
	}
	return { analyses, targets, diffs };
}

async function readState(
	tx: Tx,
	territoryId: string
): Promise<Pick<CensusState, 'sources' | 'records'>> {
	const sources = await tx.query<SourceRow>(
		`select id, name, file_name, headers, column_mapping, priority, record_count
		   from public.source where territory_id = $1 order by created_at, id`,
		[territoryId]
	);
	const records = await tx.query<RecordRow>(
		`select id, source_id, row_number, content_hash, row_key, gone, actor_id,
		        null::jsonb as raw, null::jsonb as geocode
		   from public.source_record where territory_id = $1`,
		[territoryId]
	);
	return { sources, records };
}

/** What importing these files would do, before anything is written. */
export async function analyseImport(
	db: Database,
	claims: Claims,
	territoryId: string,
	files: ImportFile[]
): Promise<FileAnalysis[]> {
	if (files.length === 0) throw new ImportError('no_file', 'Aucun fichier reçu.');
	const prepared = await Promise.all(files.map(prepare));
	await dropSuppressed(db, claims, territoryId, prepared);
	const state = await db.asUser(claims, (tx) => readState(tx, territoryId));
	return analyse(prepared, state).analyses;
}

export type ImportStage = 'read' | 'geocode' | 'match' | 'save';

export interface ImportProgress {
	stage: ImportStage;
	done: number;
	total: number;
}

export interface ImportSummary {
	noop: boolean;
	files: (FileAnalysis & { sourceId: string | null })[];
	actorsBefore: number;
	actorsAfter: number;
	newActors: number;
	/** Actors merged into another by this import. */
	merges: number;
	/** Rows of the whole census that share their actor with another row (duplicates folded). */
	foldedRows: number;
	reviewPairs: number;
	/** Rows of the files left out by the suppression list (all files together). */
	suppressed: number;
	geocoded: { total: number; byQuality: Record<string, number>; warnings: string[] };
	version: number | null;
	/** Present when the import was a participants sheet of an event. */
	participants?: ParticipantsResult;
}

export interface CommitOptions {
	geocoder: Geocoder;
	onProgress?: (p: ImportProgress) => void;
	signal?: AbortSignal;
	/** Test hook, see rebuildCensus. */
	beforeCommit?: () => Promise<void>;
	/**
	 * A participants sheet of this event (see participants.ts): the rows are also matched against
	 * actors no listing backs, and every actor the rows belong to becomes a participant — in the
	 * same transaction as the import.
	 */
	eventId?: string;
}

async function countActors(db: Database, claims: Claims, territoryId: string): Promise<number> {
	const [row] = await db.asUser(claims, (tx) =>
		tx.query<{ n: number }>('select count(*)::int as n from public.actor where territory_id = $1', [
			territoryId
		])
	);
	return row?.n ?? 0;
}

/** Imports the files; nothing is written when a file cannot be read or nothing changed. */
export async function commitImport(
	db: Database,
	claims: Claims,
	territoryId: string,
	files: ImportFile[],
	options: CommitOptions
): Promise<ImportSummary> {
	if (files.length === 0) throw new ImportError('no_file', 'Aucun fichier reçu.');
	const eventId = options.eventId;
	if (
		eventId !== undefined &&
		(await db.asUser(claims, (tx) => findEvent(tx, territoryId, eventId))) === null
	)
		throw new ImportError(
			'unknown_event',
			"L'événement n'existe pas dans ce territoire : rien n'a été enregistré."
		);
	const progress = options.onProgress ?? (() => {});
	const prepared: PreparedFile[] = [];
	for (const f of files) {
		progress({ stage: 'read', done: prepared.length, total: files.length });
		prepared.push(await prepare(f));
	}
	progress({ stage: 'read', done: files.length, total: files.length });
	await dropSuppressed(db, claims, territoryId, prepared);
	const suppressed = prepared.reduce((n, p) => n + p.suppressed, 0);
	const first = await db.asUser(claims, (tx) => readState(tx, territoryId));
	const preview = analyse(prepared, first);
	const fatal = preview.analyses.find((a) => a.fatal !== null);
	if (fatal)
		throw new ImportError(
			'fatal_file',
			`« ${fatal.file} » ne peut pas être importé : ${fatal.fatal!.message} Rien n'a été enregistré.`,
			fatal.file
		);
	const actorsBefore = await countActors(db, claims, territoryId);
	if (preview.analyses.every((a) => a.noop)) {
		// Nothing new in the census; the sheet's actors may still have to join the event.
		const participants =
			eventId === undefined
				? undefined
				: await db.asUser(claims, (tx) =>
						linkParticipants(
							tx,
							territoryId,
							eventId,
							preview.analyses.map((a) => a.target!.id)
						)
					);
		return {
			noop: true,
			files: preview.analyses.map((a) => ({ ...a, sourceId: a.target?.id ?? null })),
			actorsBefore,
			actorsAfter: actorsBefore,
			newActors: 0,
			merges: 0,
			foldedRows: 0,
			reviewPairs: 0,
			suppressed,
			geocoded: { total: 0, byQuality: {}, warnings: [] },
			version: null,
			...(participants === undefined ? {} : { participants })
		};
	}

	// Geocode the rows that are new or changed (by content hash), before any transaction.
	const communes = await loadFrenchCommunes();
	const queries: GeocodeQuery[] = [];
	prepared.forEach((p, f) => {
		const diff = preview.diffs[f]!;
		const wanted = new Set([...diff.added, ...diff.changed.map((c) => c.index)]);
		if (wanted.size === 0) return;
		const normalized = normalizeListings(
			[{ file: p.input.name, records: p.listing.records, roles: p.listing.roles }],
			communes
		);
		for (const i of wanted) {
			const n = normalized[i]!;
			if (n.lat !== null && n.lon !== null) continue;
			queries.push({
				id: p.hashes[i]!,
				address: n.display.address ?? null,
				postcode: n.postcode ?? n.display.postcode ?? null,
				communeCode: n.communeCode,
				communeName: n.display.commune ?? null
			});
		}
	});
	progress({ stage: 'geocode', done: 0, total: queries.length });
	const geo = await options.geocoder.geocode(queries, {
		signal: options.signal,
		onProgress: (p) => progress({ stage: 'geocode', done: p.done, total: p.total })
	});
	progress({ stage: 'geocode', done: queries.length, total: queries.length });
	const geocodeOf = new Map<string, StoredGeocode>();
	const byQuality: Record<string, number> = {};
	for (const r of geo.results) {
		geocodeOf.set(r.id, {
			lng: r.lng,
			lat: r.lat,
			quality: r.quality,
			label: r.label,
			score: r.score,
			provider: r.provider
		});
		byQuality[r.quality] = (byQuality[r.quality] ?? 0) + 1;
	}
	options.signal?.throwIfAborted();

	// A participants sheet: the actors no listing backs that its rows may be (read and matched
	// before the transaction, like the rest of the engine's work).
	const toAdopt =
		eventId === undefined
			? []
			: unlistedToAdopt(
					await db.asUser(claims, (tx) => loadUnlistedActors(tx, territoryId)),
					prepared.map((p) => ({
						file: p.input.name,
						records: p.listing.records,
						roles: p.listing.roles
					})),
					communes
				);
	let participants: ParticipantsResult | undefined;

	interface Patched {
		sourceIds: string[];
		inserts: RecordRow[];
		updates: RecordRow[];
		gone: string[];
		newSources: SourceRow[];
		analyses: FileAnalysis[];
		adoption: Adoption | null;
	}
	const { plan, patched, version } = await rebuildCensus<Patched>(db, claims, territoryId, {
		reason: { import: files.map((f) => f.name) },
		onStage: (stage) => progress({ stage, done: 0, total: 1 }),
		beforeCommit: options.beforeCommit,
		patch: (state) => {
			// Before the files' own listings: the state keeps the database's order of listings.
			const adoption = adoptIntoState(state, toAdopt);
			// Recomputed on the state this attempt loaded: a concurrent import is taken into account.
			const { analyses, targets, diffs } = analyse(prepared, state);
			const out: Patched = {
				sourceIds: [],
				inserts: [],
				updates: [],
				gone: [],
				newSources: [],
				analyses,
				adoption
			};
			const byId = new Map(state.records.map((r) => [r.id, r]));
			prepared.forEach((p, f) => {
				const diff = diffs[f]!;
				let source = targets[f];
				if (source === null || source === undefined) {
					source = {
						id: crypto.randomUUID(),
						name: baseName(p.input.name),
						file_name: p.input.name,
						headers: p.listing.headers,
						column_mapping: p.listing.roles,
						priority: 0,
						record_count: 0
					};
					out.newSources.push(source);
					state.sources.push(source);
				} else {
					source.column_mapping = p.listing.roles;
					source.headers = p.listing.headers;
				}
				source.record_count = p.listing.records.length;
				out.sourceIds.push(source.id);
				const rowOf = (
					i: number
				): Pick<RecordRow, 'row_number' | 'raw' | 'content_hash' | 'row_key'> => ({
					row_number: p.listing.records[i]!.row,
					raw: p.listing.records[i]!.raw as Record<string, string>,
					content_hash: p.hashes[i]!,
					row_key: p.keys[i]!
				});
				for (const i of diff.added) {
					const r: RecordRow = {
						id: crypto.randomUUID(),
						source_id: source.id,
						...rowOf(i),
						geocode: geocodeOf.get(p.hashes[i]!) ?? null,
						actor_id: null,
						gone: false
					};
					out.inserts.push(r);
					state.records.push(r);
				}
				for (const { index, id } of diff.changed) {
					const r = byId.get(id)!;
					Object.assign(r, rowOf(index), {
						geocode: geocodeOf.get(p.hashes[index]!) ?? null,
						gone: false
					});
					out.updates.push(r);
				}
				for (const { index, id } of diff.unchanged) {
					const r = byId.get(id)!;
					const row = p.listing.records[index]!.row;
					if (r.gone || r.row_number !== row) {
						r.gone = false;
						r.row_number = row;
						out.updates.push(r);
					}
				}
				for (const id of diff.gone) {
					byId.get(id)!.gone = true;
					out.gone.push(id);
				}
			});
			return out;
		},
		persist: async (tx, _state, p) => {
			if (p.adoption !== null) await persistAdoption(tx, territoryId, p.adoption);
			for (const s of p.newSources) {
				await tx.query(
					// clock_timestamp(): files of one import keep their order (the census ranks by it).
					`insert into public.source (id, territory_id, name, file_name, headers, column_mapping, created_at)
					 values ($1, $2, $3, $4, $5::text[], $6::text::jsonb, clock_timestamp())`,
					[s.id, territoryId, s.name, s.file_name, s.headers, JSON.stringify(s.column_mapping)]
				);
			}
			for (let f = 0; f < prepared.length; f++) {
				const a = p.analyses[f]!;
				await tx.query(
					`update public.source set headers = $3::text[], column_mapping = $4::text::jsonb,
					        file_name = $5, record_count = $6, imported_at = now(), imported_by = auth.uid(),
					        last_import = $7::text::jsonb
					  where territory_id = $1 and id = $2`,
					[
						territoryId,
						p.sourceIds[f],
						prepared[f]!.listing.headers,
						JSON.stringify(prepared[f]!.listing.roles),
						prepared[f]!.input.name,
						prepared[f]!.listing.records.length,
						JSON.stringify({
							at: new Date().toISOString(),
							...a.diff,
							rejected: a.issues.filter((i) => i.severity === 'rejected').length,
							suppressed: a.suppressed,
							...(eventId === undefined ? {} : { event: eventId })
						})
					]
				);
			}
			const rows = (list: RecordRow[]) =>
				JSON.stringify(
					list.map((r) => ({
						id: r.id,
						source_id: r.source_id,
						row_number: r.row_number,
						raw: r.raw,
						content_hash: r.content_hash,
						row_key: r.row_key,
						geocode: r.geocode,
						geocode_quality: r.geocode?.quality ?? null,
						gone: r.gone
					}))
				);
			if (p.inserts.length > 0) {
				await tx.query(
					`insert into public.source_record (id, territory_id, source_id, row_number, raw, content_hash,
					   row_key, geocode, geocode_quality, gone)
					 select x.id, $1, x.source_id, x.row_number, x.raw, x.content_hash, x.row_key, x.geocode,
					        x.geocode_quality, x.gone
					   from jsonb_to_recordset($2::text::jsonb) as x(id uuid, source_id uuid, row_number int,
					     raw jsonb, content_hash text, row_key text, geocode jsonb, geocode_quality text, gone boolean)`,
					[territoryId, rows(p.inserts)]
				);
			}
			if (p.updates.length > 0) {
				await tx.query(
					`update public.source_record r set row_number = x.row_number, raw = x.raw,
					        content_hash = x.content_hash, row_key = x.row_key, geocode = x.geocode,
					        geocode_quality = x.geocode_quality, gone = x.gone
					   from jsonb_to_recordset($2::text::jsonb) as x(id uuid, row_number int, raw jsonb,
					     content_hash text, row_key text, geocode jsonb, geocode_quality text, gone boolean)
					  where r.territory_id = $1 and r.id = x.id`,
					[territoryId, rows(p.updates)]
				);
			}
			if (p.gone.length > 0) {
				await tx.query(
					'update public.source_record set gone = true where territory_id = $1 and id = any($2::uuid[])',
					[territoryId, p.gone]
				);
			}
			await writeHistory(
				tx,
				territoryId,
				p.analyses.map((a, f) => ({
					actor_id: null,
					action: 'import' as const,
					detail: {
						file: a.file,
						source_id: p.sourceIds[f],
						...a.diff,
						...(eventId === undefined ? {} : { event_id: eventId })
					}
				}))
			);
		},
		afterApply: async (tx, _plan, p) => {
			if (eventId !== undefined)
				participants = await linkParticipants(tx, territoryId, eventId, p.sourceIds);
		}
	});
	const actorsAfter = await countActors(db, claims, territoryId);
	return {
		noop: false,
		files: patched.analyses.map((a, f) => ({ ...a, sourceId: patched.sourceIds[f] ?? null })),
		actorsBefore,
		actorsAfter,
		newActors: plan.insertActors.filter((a) => a.origin === 'new').length,
		merges: plan.absorb.length,
		foldedRows: plan.stats.records - plan.stats.actors,
		reviewPairs: plan.reviews.length,
		suppressed,
		geocoded: { total: geo.results.length, byQuality, warnings: geo.warnings },
		version,
		...(participants === undefined ? {} : { participants })
	};
}
