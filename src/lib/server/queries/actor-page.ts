/**
 * What the actor page shows, read as the user (row level security decides): the actor's fields
 * with where each came from (listing and row), the other values the listings gave, its records
 * side by side, its placement, and — for the people who maintain the census — its history.
 *
 * Listings and records are visible to members only; on a public territory a visitor reads the
 * actor but not where its values came from (the origins then stay unresolved).
 */
import { isUuid } from '$lib/domain/events/event-input';
import { finiteOrNull } from '$lib/domain/numbers';
import { isActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import {
	TEXT_FIELDS,
	isOverridableField,
	type LocationQuality,
	type ProvenanceEntry
} from '$lib/domain/census/actor-fields';
import { roleValue } from '$lib/domain/census/normalize';
import { isRole, type Role, type RoleMapping } from '$lib/domain/census/types';
import type { Tx } from '$lib/server/db/types';
import { applyWorldChoices, sameWorlds, type WorldChoices } from '$lib/domain/worlds';
import { writeHistory } from '$lib/server/census/write';
import { VISIBILITY_FIELDS, type VisibilityField } from '$lib/server/census/visibility';
import { loadHistory, type HistoryItem } from './history';
export type { ActorPartner, HistoryEvent, HistoryItem } from './history';
import { territoryRole, type TerritoryRole } from './territories';

/** The fields of the table, in display order. Location is placed on the map, not typed. */
export const ACTOR_PAGE_FIELDS = TEXT_FIELDS;
export type ActorPageField = (typeof ACTOR_PAGE_FIELDS)[number];

/** The listing columns (by role) that feed each field, to show what the listings say. */
const FIELD_ROLES: Record<ActorPageField, Role[]> = {
	name: ['name'],
	kind: ['kind'],
	legal_form: [],
	address: ['address'],
	postcode: ['postcode'],
	commune_code: ['commune_code', 'commune'],
	email: ['email'],
	phone: ['phone'],
	website: ['website'],
	siret: ['siret'],
	rna: ['rna']
};

/** One row of one listing; listing name and row are null when the user may not read them. */
export interface RecordRef {
	recordId: string;
	sourceId: string | null;
	sourceName: string | null;
	rowNumber: number | null;
	gone: boolean;
}

export type FieldOrigin =
	/** Taken from one row of a listing. */
	| { kind: 'record'; ref: RecordRef }
	/** Set by hand (an override). */
	| { kind: 'manual' }
	/** Worked out from all the records together (kind, legal form): no single row to name. */
	| { kind: 'derived' }
	/** Neither: the actor has no record (entered directly) or the field is empty. */
	| { kind: 'none' };

export interface FieldAlternative {
	value: string;
	/** The value the field shows now. */
	current: boolean;
	records: RecordRef[];
}

export interface ActorFieldView {
	field: ActorPageField;
	value: string | null;
	origin: FieldOrigin;
	overridable: boolean;
	overridden: boolean;
	/** The values the listings disagree on (empty when they agree or only one gives one). */
	alternatives: FieldAlternative[];
	/**
	 * When the field is overridden: what each listing row says, as written there (the merged
	 * provenance of an overridden field is not kept, so it is read back from the rows).
	 */
	listingValues: { value: string; ref: RecordRef }[];
}

export interface RecordGeocode {
	lng: number;
	lat: number;
	quality: string;
	label: string | null;
	score: number | null;
	provider: string | null;
}

export interface ActorRecordView {
	id: string;
	sourceId: string;
	sourceName: string;
	fileName: string | null;
	rowNumber: number;
	gone: boolean;
	/** The row as read, in the listing's column order; `role` is what the column was read as. */
	cells: { column: string; value: string; role: Role | null }[];
	geocode: RecordGeocode | null;
}

export interface ActorPageActor {
	id: string;
	name: string;
	kind: ActorKind;
	commune_code: string | null;
	tags: string[];
	sectors: string[];
	worlds: string[];
	description: string | null;
	lng: number | null;
	lat: number | null;
	location_quality: LocationQuality | null;
	updated_at: string;
}

export interface ActorPlacement {
	lng: number;
	lat: number;
	quality: LocationQuality | null;
	/** Where the point came from: a listing row (its own coordinates or its geocoded address). */
	origin: FieldOrigin;
	/** Placed by hand: « Revenir à la position des listes » is possible. */
	manual: boolean;
}

export interface ActorPageData {
	role: TerritoryRole | null;
	actor: ActorPageActor;
	fields: ActorFieldView[];
	records: ActorRecordView[];
	placement: ActorPlacement | null;
	/** Editors and owners only (row level security); null for everybody else. */
	history: HistoryItem[] | null;
	/**
	 * Who sees each contact field, and whether its value is a person's own (detected at import):
	 * for owners and editors, who may change it; null for everybody else.
	 */
	contacts: ContactVisibilityView[] | null;
}

export interface ContactVisibilityView {
	field: VisibilityField;
	level: 'public' | 'members' | 'editors';
	personal: boolean;
	/** The field has a value (an empty field's visibility can still be set beforehand). */
	filled: boolean;
}

interface ActorRow {
	id: string;
	name: string;
	kind: string;
	legal_form: string | null;
	address: string | null;
	postcode: string | null;
	commune_code: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	tags: string[] | null;
	sectors: string[] | null;
	worlds: string[] | null;
	description: string | null;
	lng: number | string | null;
	lat: number | string | null;
	location_quality: LocationQuality | null;
	provenance: Record<string, ProvenanceEntry> | null;
	overrides: Record<string, unknown> | null;
	contact_visibility: Record<string, unknown> | null;
	personal_fields: string[] | null;
	contact_name: string | null;
	updated_at: string;
}

/** Fields of the page that hold a contact, each with its own visibility (contact_visibility). */
const CONTACT_FIELDS: ReadonlySet<string> = new Set(['email', 'phone', 'address']);

/**
 * Whether the caller may read a contact field: the rule of `public.actor_contacts` (marked
 * public: anyone who reads the actor; members, or unmarked: any role in the territory; editors:
 * owners and editors). It also covers what the database cannot hide column by column: the
 * address, and the listings' other values kept in provenance as alternatives.
 */
export function contactReadable(
	visibility: Record<string, unknown> | null,
	field: string,
	role: TerritoryRole | null
): boolean {
	const mark = visibility?.[field] ?? 'members';
	return (
		mark === 'public' ||
		(role !== null && mark === 'members') ||
		role === 'owner' ||
		role === 'editor'
	);
}

interface RecordRow {
	id: string;
	source_id: string;
	source_name: string;
	file_name: string | null;
	headers: string[] | null;
	column_mapping: RoleMapping | null;
	row_number: number;
	raw: Record<string, unknown> | null;
	gone: boolean;
	geocode: Record<string, unknown> | null;
}

function text(v: unknown): string {
	if (typeof v === 'string') return v;
	if (v === null || v === undefined) return '';
	return typeof v === 'object' ? JSON.stringify(v) : String(v as number | boolean);
}

function toGeocode(g: Record<string, unknown> | null): RecordGeocode | null {
	if (g === null || typeof g !== 'object') return null;
	const lng = finiteOrNull(g.lng);
	const lat = finiteOrNull(g.lat);
	if (lng === null || lat === null) return null;
	return {
		lng,
		lat,
		quality: typeof g.quality === 'string' ? g.quality : 'commune',
		label: typeof g.label === 'string' ? g.label : null,
		score: finiteOrNull(g.score),
		provider: typeof g.provider === 'string' ? g.provider : null
	};
}

/** The row's cells in the listing's column order, then any column the headers do not list. */
function toCells(r: RecordRow): ActorRecordView['cells'] {
	const raw = r.raw ?? {};
	const roleOf = new Map<string, Role>();
	for (const [role, cols] of Object.entries(r.column_mapping ?? {})) {
		if (!isRole(role) || !Array.isArray(cols)) continue;
		for (const c of cols) if (!roleOf.has(c)) roleOf.set(c, role);
	}
	const order = [...(r.headers ?? []).filter((h) => Object.hasOwn(raw, h))];
	for (const k of Object.keys(raw)) if (!order.includes(k)) order.push(k);
	return order.map((column) => ({
		column,
		value: text(raw[column]),
		role: roleOf.get(column) ?? null
	}));
}

// The routes import it from here; the history (./history) uses the same one.
export { isUuid };

/**
 * The actor page's data, or null when the actor does not exist in this territory or the user
 * may not read it (the page answers 404 for both).
 */
export async function loadActorPage(
	tx: Tx,
	territoryId: string,
	actorId: string
): Promise<ActorPageData | null> {
	if (!isUuid(actorId)) return null;
	const [row] = await tx.query<ActorRow>(
		`select a.id, a.name, a.kind, a.legal_form, c.address, a.postcode, a.commune_code,
		        c.email, c.phone, a.website, a.siret, a.rna, a.tags, a.sectors, a.worlds,
		        a.description, st_x(a.location::geometry) as lng, st_y(a.location::geometry) as lat,
		        a.location_quality, c.provenance, coalesce(c.overrides, '{}'::jsonb) as overrides,
		        a.contact_visibility, a.personal_fields, c.contact_name,
		        a.updated_at::text as updated_at
		   from public.actor a
		   left join public.actor_contacts($1::uuid, $2::uuid) c on c.actor_id = a.id
		  where a.territory_id = $1 and a.id = $2`,
		[territoryId, actorId]
	);
	if (row === undefined) return null;
	const role = await territoryRole(tx, territoryId);

	const records = await tx.query<RecordRow>(
		`select r.id, r.source_id, s.name as source_name, s.file_name, s.headers, s.column_mapping,
		        r.row_number, raw.raw, r.gone, raw.geocode
		   from public.source_record_links($1::uuid) r
		   join public.source s on s.territory_id = r.territory_id and s.id = r.source_id
		   left join public.source_record raw on raw.territory_id = r.territory_id and raw.id = r.id
		  where r.actor_id = $2
		  order by s.created_at, s.id, r.row_number, r.id`,
		[territoryId, actorId]
	);

	// Alternatives may name rows that now belong to another actor (or that the user cannot read):
	// they are looked up too, so every row named on the page says which listing it is.
	const provenance = row.provenance ?? {};
	const named = new Set<string>();
	for (const p of Object.values(provenance)) {
		if (typeof p?.record_id === 'string') named.add(p.record_id);
		for (const a of p?.alternatives ?? []) for (const id of a.record_ids ?? []) named.add(id);
	}
	const refs = new Map<string, RecordRef>();
	for (const r of records)
		refs.set(r.id, {
			recordId: r.id,
			sourceId: r.source_id,
			sourceName: r.source_name,
			rowNumber: Number(r.row_number),
			gone: r.gone
		});
	const missing = [...named].filter((id) => !refs.has(id) && isUuid(id));
	if (missing.length > 0) {
		const more = await tx.query<{
			id: string;
			source_id: string;
			source_name: string;
			row_number: number;
			gone: boolean;
		}>(
			`select r.id, r.source_id, s.name as source_name, r.row_number, r.gone
			   from public.source_record_links($1::uuid) r
			   join public.source s on s.territory_id = r.territory_id and s.id = r.source_id
			  where r.id = any($2::uuid[])`,
			[territoryId, missing]
		);
		for (const r of more)
			refs.set(r.id, {
				recordId: r.id,
				sourceId: r.source_id,
				sourceName: r.source_name,
				rowNumber: Number(r.row_number),
				gone: r.gone
			});
	}
	const refOf = (id: string, sourceId: string | null = null): RecordRef =>
		refs.get(id) ?? { recordId: id, sourceId, sourceName: null, rowNumber: null, gone: false };

	const overrides = row.overrides ?? {};
	const hasRecords = records.length > 0;
	const fields: ActorFieldView[] = ACTOR_PAGE_FIELDS.map((field) => {
		const hidden =
			CONTACT_FIELDS.has(field) && !contactReadable(row.contact_visibility, field, role);
		const value = hidden ? null : row[field];
		const overridden = isOverridableField(field) && Object.hasOwn(overrides, field);
		const p = provenance[field];
		let origin: FieldOrigin;
		if (overridden) origin = { kind: 'manual' };
		else if (p && typeof p.record_id === 'string')
			origin = { kind: 'record', ref: refOf(p.record_id, p.source_id ?? null) };
		else if (hasRecords && value !== null && (field === 'kind' || field === 'legal_form'))
			origin = { kind: 'derived' };
		else origin = { kind: 'none' };
		const alternatives: FieldAlternative[] =
			!hidden && !overridden && p?.alternatives && p.alternatives.length > 1
				? p.alternatives.map((a) => ({
						value: text(a.value),
						current: text(a.value) === value,
						records: (a.record_ids ?? []).map((id) => refOf(id))
					}))
				: [];
		const listingValues: ActorFieldView['listingValues'] = [];
		if (overridden && !hidden) {
			for (const r of records) {
				const mapping = r.column_mapping ?? {};
				const raw = Object.fromEntries(Object.entries(r.raw ?? {}).map(([k, v]) => [k, text(v)]));
				for (const role of FIELD_ROLES[field]) {
					const v = roleValue({ file: '', row: 0, raw }, mapping[role]);
					if (v !== '') {
						listingValues.push({ value: v, ref: refOf(r.id) });
						break;
					}
				}
			}
		}
		return {
			field,
			value,
			origin,
			overridable: isOverridableField(field),
			overridden,
			alternatives,
			listingValues
		};
	});

	const lng = finiteOrNull(row.lng);
	const lat = finiteOrNull(row.lat);
	let placement: ActorPlacement | null = null;
	if (lng !== null && lat !== null) {
		const manual = row.location_quality === 'manual' || Object.hasOwn(overrides, 'location');
		const p = provenance.location;
		placement = {
			lng,
			lat,
			quality: row.location_quality,
			manual,
			origin: manual
				? { kind: 'manual' }
				: p && typeof p.record_id === 'string'
					? { kind: 'record', ref: refOf(p.record_id, p.source_id ?? null) }
					: { kind: 'none' }
		};
	}

	const editor = role === 'owner' || role === 'editor';
	const history = editor ? await loadHistory(tx, territoryId, { actorId }) : null;
	const contacts: ContactVisibilityView[] | null = editor
		? VISIBILITY_FIELDS.map((field) => {
				const level = row.contact_visibility?.[field];
				return {
					field,
					level: level === 'public' || level === 'editors' ? level : 'members',
					personal: (row.personal_fields ?? []).includes(field),
					filled: (row[field] ?? '').trim() !== ''
				};
			})
		: null;

	return {
		role,
		actor: {
			id: row.id,
			name: row.name,
			kind: isActorKind(row.kind) ? row.kind : 'other',
			commune_code: row.commune_code,
			tags: row.tags ?? [],
			sectors: row.sectors ?? [],
			worlds: row.worlds ?? [],
			description: row.description,
			lng,
			lat,
			location_quality: row.location_quality,
			updated_at: row.updated_at
		},
		fields,
		records: records.map((r) => ({
			id: r.id,
			sourceId: r.source_id,
			sourceName: r.source_name,
			fileName: r.file_name,
			rowNumber: Number(r.row_number),
			gone: r.gone,
			cells: toCells(r),
			geocode: toGeocode(r.geocode)
		})),
		placement,
		history,
		contacts
	};
}

/** The actor a record belongs to now (after an unmerge, the split records' new actor). */
export async function actorOfRecord(
	tx: Tx,
	territoryId: string,
	recordId: string
): Promise<{ id: string; name: string } | null> {
	if (!isUuid(recordId)) return null;
	const [row] = await tx.query<{ id: string; name: string }>(
		`select a.id, a.name from public.source_record r
		   join public.actor a on a.territory_id = r.territory_id and a.id = r.actor_id
		  where r.territory_id = $1 and r.id = $2`,
		[territoryId, recordId]
	);
	return row ?? null;
}

export class ActorWorldsError extends Error {
	constructor(readonly code: 'unknown_actor' | 'forbidden') {
		super(code);
	}
}

export interface ActorWorldsChange {
	before: string[];
	after: string[];
	changed: boolean;
}

const MAX_WORLD_ATTEMPTS = 3;

/**
 * Sets the actor's worlds pair by pair (src/lib/domain/worlds.ts: the pairs the form answered;
 * the others and worlds outside the pairs stay), as the user — row level security lets owners and
 * editors update `actor`, nobody else — and logs it in the census history as a hand edit of the
 * `worlds` field, like the other fields of the actor page.
 *
 * The write is guarded by the list it was computed from: two editors answering different pairs
 * at the same time both keep their answer (the second recomputes from the first's result).
 */
export async function saveActorWorlds(
	tx: Tx,
	territoryId: string,
	actorId: string,
	choices: WorldChoices
): Promise<ActorWorldsChange> {
	if (!isUuid(actorId)) throw new ActorWorldsError('unknown_actor');
	for (let attempt = 1; ; attempt++) {
		const [row] = await tx.query<{ worlds: string[] | null }>(
			'select worlds from public.actor where territory_id = $1 and id = $2',
			[territoryId, actorId]
		);
		if (row === undefined) throw new ActorWorldsError('unknown_actor');
		const before = row.worlds ?? [];
		const after = applyWorldChoices(before, choices);
		if (sameWorlds(before, after)) return { before, after: before, changed: false };
		const updated = await tx.query<{ id: string }>(
			`update public.actor set worlds = $3::text[]
			  where territory_id = $1 and id = $2 and worlds = $4::text[]
			  returning id`,
			[territoryId, actorId, after, before]
		);
		if (updated.length === 0) {
			// Either row level security refused (a member, a viewer) or the list moved meanwhile.
			const [again] = await tx.query<{ worlds: string[] | null }>(
				'select worlds from public.actor where territory_id = $1 and id = $2',
				[territoryId, actorId]
			);
			if (again === undefined) throw new ActorWorldsError('unknown_actor');
			const moved = JSON.stringify(again.worlds ?? []) !== JSON.stringify(before);
			if (!moved || attempt >= MAX_WORLD_ATTEMPTS) throw new ActorWorldsError('forbidden');
			continue;
		}
		await writeHistory(tx, territoryId, [
			{
				actor_id: actorId,
				action: 'override',
				// `after` as the history shows an override (« Mondes : « rural, associatif » »).
				detail: {
					field: 'worlds',
					before,
					after: after.length > 0 ? after.join(', ') : null,
					worlds: after
				}
			}
		]);
		return { before, after, changed: true };
	}
}
