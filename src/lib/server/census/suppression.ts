/**
 * « A demandé à ne pas figurer » (RGPD erasure, #8): erasing an actor, and keeping the rows of
 * erased actors out of every later import.
 *
 * The match keys (src/lib/domain/census/suppression-keys.ts) are computed here, on rows
 * normalised as the census engine normalises them, then digested once (sha256, so no readable
 * value ever reaches the database as a key) and handed to the database, which salts and hashes
 * them again with the territory's secret salt (migration 20261127120000_erasure.sql): the salt
 * never leaves the database, the stored hashes cannot be tried against guessed phone numbers.
 */
import { createHash } from 'node:crypto';
import { normalizeListings } from '../../domain/census/engine';
import { loadFrenchCommunes } from '../../domain/census/communes-fr';
import type { CommuneIndex } from '../../domain/census/communes';
import { matchKeys, suppressionKeys } from '../../domain/census/suppression-keys';
import type { RoleMapping, SourceListing, SourceRecord } from '../../domain/census/types';
import type { Claims, Database, Tx } from '../db/types';
import { loadCensusState } from './state';
import { toListings } from './plan';

/** The form a key travels in: its sha256, hex. */
export function digestKey(key: string): string {
	return createHash('sha256').update(`maillage-suppression\u0000${key}`).digest('hex');
}

/** Per listing, per record: the digested match keys. */
export function listingKeys(
	listings: readonly SourceListing[],
	communes: CommuneIndex | null
): string[][][] {
	const out: string[][][] = [];
	for (const listing of listings) {
		// One listing at a time, as an import reads it (the commune of a row is resolved within
		// its own file, and the name keys carry every way its place is written).
		const normalized = normalizeListings([listing], communes);
		out.push(
			normalized.map((n, i) => matchKeys(n, listing.records[i]!.raw).map((k) => digestKey(k)))
		);
	}
	return out;
}

/** Whether the territory has any suppression entry (cheap: most never will). */
async function hasSuppression(tx: Tx, territoryId: string): Promise<boolean> {
	const [row] = await tx.query<{ any: boolean }>(
		'select exists (select 1 from public.suppression where territory_id = $1) as any',
		[territoryId]
	);
	return row?.any === true;
}

/** Keys sent per call: bounds the size of one query on a 100k-row import. */
const KEYS_PER_QUERY = 20_000;

/** The digested keys, among these, that are on the territory's suppression list. */
async function suppressedAmong(tx: Tx, territoryId: string, keys: string[]): Promise<Set<string>> {
	const hits = new Set<string>();
	for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
		const rows = await tx.query<{ k: string }>(
			'select k from maillage_app.suppressed_keys($1, $2::text[]) as k',
			[territoryId, keys.slice(i, i + KEYS_PER_QUERY)]
		);
		for (const r of rows) hits.add(r.k);
	}
	return hits;
}

export interface ListingToFilter {
	records: SourceRecord[];
	roles: RoleMapping;
	file: string;
}

/**
 * Drops, from each listing, the rows carrying a key of the suppression list, before they become
 * records: they are not stored, not even as raw rows. Returns how many rows each listing lost.
 * Runs as the user: importing is for owners and editors, and so is asking the list.
 */
export async function dropSuppressedRows(
	db: Database,
	claims: Claims,
	territoryId: string,
	listings: readonly ListingToFilter[]
): Promise<number[]> {
	const none = listings.map(() => 0);
	if (listings.every((l) => l.records.length === 0)) return none;
	if (!(await db.asUser(claims, (tx) => hasSuppression(tx, territoryId)))) return none;
	const communes = await loadFrenchCommunes();
	const keys = listingKeys(listings, communes);
	const all = [...new Set(keys.flat(2))];
	const hits = await db.asUser(claims, (tx) => suppressedAmong(tx, territoryId, all));
	if (hits.size === 0) return none;
	return listings.map((l, f) => {
		const before = l.records.length;
		const kept = l.records.filter((_, i) => !keys[f]![i]!.some((k) => hits.has(k)));
		l.records.splice(0, l.records.length, ...kept);
		return before - kept.length;
	});
}

// --- Erasure ---------------------------------------------------------------------------------

export class ErasureError extends Error {
	constructor(readonly code: 'unknown_actor' | 'forbidden' | 'census_conflict') {
		super(code);
	}
}

export interface ErasureResult {
	/** Listing rows deleted (in every listing). */
	records: number;
	/** Snapshots of actors merged into it, deleted. */
	snapshots: number;
	/** Keys kept on the suppression list. */
	keys: number;
}

interface ActorValues {
	name: string;
	commune_code: string | null;
	postcode: string | null;
	email: string | null;
	phone: string | null;
	siret: string | null;
	rna: string | null;
}

const ACTOR_ROLES: RoleMapping = {
	name: ['name'],
	commune_code: ['commune_code'],
	postcode: ['postcode'],
	email: ['email'],
	phone: ['phone'],
	siret: ['siret'],
	rna: ['rna']
};

function errorCode(e: unknown): string | null {
	const code = (e as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : null;
}

const MAX_ATTEMPTS = 3;

/**
 * Erases an actor that asked not to appear: the keys of its rows (and of its current values,
 * which may have been typed by hand) go on the suppression list, minus those another actor's rows
 * carry too; then the database deletes the actor and everything holding its personal data and
 * scrubs its history, in one transaction (maillage_app.erase_actor).
 */
export async function eraseActor(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string
): Promise<ErasureResult> {
	const communes = await loadFrenchCommunes();
	for (let attempt = 1; ; attempt++) {
		// Read as the user: the raw rows are for owners and editors (RLS), the actor's contact
		// values come through actor_contacts.
		const read = await db.asUser(claims, async (tx) => {
			const [role] = await tx.query<{ role: string | null }>(
				'select public.territory_role($1) as role',
				[territoryId]
			);
			if (role?.role !== 'owner' && role?.role !== 'editor') return null;
			const [actor] = await tx.query<ActorValues>(
				`select a.name, a.commune_code, a.postcode, c.email, c.phone, a.siret, a.rna
				   from public.actor a
				   left join public.actor_contacts($1::uuid, $2::uuid) c on c.actor_id = a.id
				  where a.territory_id = $1 and a.id = $2`,
				[territoryId, actorId]
			);
			if (actor === undefined) throw new ErasureError('unknown_actor');
			return { actor, state: await loadCensusState(tx, territoryId) };
		});
		if (read === null) throw new ErasureError('forbidden');
		const { actor, state } = read;

		const { listings, refToRecord } = toListings(state);
		const keys = listingKeys(listings, communes);
		const erased: string[][] = [];
		const others: string[][] = [];
		listings.forEach((l, f) =>
			l.records.forEach((r, i) => {
				const owner = refToRecord.get(`${r.file}#${r.row}`)?.actor_id ?? null;
				(owner === actorId ? erased : others).push(keys[f]![i]!);
			})
		);
		const values: Record<string, string> = {};
		for (const [k, v] of Object.entries(actor)) values[k] = typeof v === 'string' ? v : '';
		// The actor's own values (a hand-typed email, say) without a `row:` key: they are no row.
		const [own] = normalizeListings(
			[{ file: 'actor', roles: ACTOR_ROLES, records: [{ file: 'actor', row: 1, raw: values }] }],
			communes
		);
		erased.push(matchKeys(own!).map((k) => digestKey(k)));
		const kept = suppressionKeys(erased, others);

		try {
			const [row] = await db.asUser(claims, (tx) =>
				tx.query<{ result: ErasureResult }>(
					'select maillage_app.erase_actor($1, $2, $3::text[], $4) as result',
					[territoryId, actorId, kept, state.version]
				)
			);
			return row!.result;
		} catch (e) {
			const code = errorCode(e);
			if (code === '40001' && attempt < MAX_ATTEMPTS) continue;
			if (code === '40001') throw new ErasureError('census_conflict');
			if (code === 'P0002') throw new ErasureError('unknown_actor');
			if (code === '42501') throw new ErasureError('forbidden');
			throw e;
		}
	}
}
