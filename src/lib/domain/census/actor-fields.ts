import type { ActorKind } from '../actor-kinds';
import type { MergedActor } from './merge';
import type { NormalizedRecord } from './types';
import { fold } from './text';

/** Columns of `actor` that the census computes from records (the rest is entered by hand). */
export const COMPUTED_FIELDS = [
	'name',
	'kind',
	'legal_form',
	'address',
	'postcode',
	'commune_code',
	'email',
	'phone',
	'website',
	'siret',
	'rna',
	'location'
] as const;
export type ComputedField = (typeof COMPUTED_FIELDS)[number];

/** The computed fields held in text columns (location is a point, placed on the map). */
export const TEXT_FIELDS = COMPUTED_FIELDS.filter(
	(f): f is Exclude<ComputedField, 'location'> => f !== 'location'
);

/** Fields a person may override by hand on the actor page (location is placed on the map). */
export const OVERRIDABLE_FIELDS = [
	'name',
	'kind',
	'address',
	'postcode',
	'commune_code',
	'email',
	'phone',
	'website',
	'siret',
	'rna'
] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];

export function isOverridableField(v: string): v is OverridableField {
	return (OVERRIDABLE_FIELDS as readonly string[]).includes(v);
}

export type LocationQuality = 'exact' | 'street' | 'commune' | 'manual';

export interface RecordPlacement {
	lng: number;
	lat: number;
	quality: Exclude<LocationQuality, 'manual'>;
}

export interface ProvenanceEntry {
	record_id: string;
	source_id: string;
	alternatives?: { value: string; record_ids: string[] }[];
}

export interface ActorFieldValues {
	name: string;
	kind: ActorKind;
	legal_form: string | null;
	address: string | null;
	postcode: string | null;
	commune_code: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	tags: string[];
	lng: number | null;
	lat: number | null;
	location_quality: LocationQuality | null;
	provenance: Record<string, ProvenanceEntry>;
}

export interface Overrides {
	[field: string]: unknown;
	location?: { lng: number; lat: number };
}

export interface RecordRef {
	id: string;
	sourceId: string;
}

const KIND_WORDS: [RegExp, ActorKind][] = [
	[/\b(elus?|elue?s?|conseil municipal|conseiller)\b/, 'elected_body'],
	[/\b(scop|scic|cae|coop|cooperative|cuma)\b/, 'cooperative'],
	[/\b(asso|association|loi 1901|club|amicale)\b/, 'association'],
	[
		/\b(mairie|commune|collectivite|epci|communaute|departement|region|public|etablissement public|syndicat mixte|ccas)\b/,
		'public_body'
	],
	[/\b(collectif|informel|groupe)\b/, 'informal_group'],
	[/\b(entreprise|societe|sarl|sas|sasu|eurl|ei|micro|commerce|artisan)\b/, 'business']
];

/**
 * The kind of an actor from its records: a "kind" column when a listing has one, else the legal
 * form in its name, else the register it comes from (an RNA number makes an association, a
 * SIRET alone a business).
 */
export function kindOf(records: readonly NormalizedRecord[]): ActorKind {
	for (const r of records) {
		if (r.kind === null) continue;
		for (const [re, kind] of KIND_WORDS) if (re.test(r.kind)) return kind;
	}
	for (const r of records) {
		switch (r.name.legalFamily) {
			case 'association':
				return 'association';
			case 'cooperative':
				return 'cooperative';
			case 'public':
				return 'public_body';
			case 'company':
			case 'individual':
				return 'business';
		}
	}
	if (records.some((r) => r.rna !== null)) return 'association';
	if (records.some((r) => r.siret !== null || r.siren !== null)) return 'business';
	for (const r of records) {
		const f = fold(r.display.name ?? '');
		for (const [re, kind] of KIND_WORDS) if (re.test(f)) return kind;
	}
	return 'other';
}

const QUALITY_RANK: Record<Exclude<LocationQuality, 'manual'>, number> = {
	exact: 0,
	street: 1,
	commune: 2
};

/**
 * The displayed fields of an actor from its merged view, with where each came from, then the
 * values set by hand on top (`overrides` win over every listing).
 * `members` are the actor's records in the merge's order; `placement` gives each record's
 * coordinates: from the listing itself or from geocoding.
 */
export function actorFields(
	merged: MergedActor,
	members: readonly NormalizedRecord[],
	refOf: (ref: string) => RecordRef,
	placement: (record: NormalizedRecord) => RecordPlacement | null,
	overrides: Overrides = {}
): ActorFieldValues {
	const provenance: Record<string, ProvenanceEntry> = {};
	const take = (field: string, role: keyof MergedActor['fields']): string | null => {
		const f = merged.fields[role];
		if (f === undefined) return null;
		const ref = refOf(f.source);
		provenance[field] = {
			record_id: ref.id,
			source_id: ref.sourceId,
			...(f.alternatives.length > 1
				? {
						alternatives: f.alternatives.map((a) => ({
							value: a.value,
							record_ids: a.sources.map((s) => refOf(s).id)
						}))
					}
				: {})
		};
		return f.value;
	};
	const name = take('name', 'name');
	const values: ActorFieldValues = {
		name: name ?? '(sans nom)',
		kind: kindOf(members),
		legal_form: null,
		address: take('address', 'address'),
		postcode: take('postcode', 'postcode'),
		commune_code: merged.communeCode,
		email: take('email', 'email'),
		phone: take('phone', 'phone'),
		website: take('website', 'website'),
		siret: take('siret', 'siret'),
		rna: take('rna', 'rna'),
		tags: [...new Set(members.flatMap((r) => r.tags))],
		lng: null,
		lat: null,
		location_quality: null,
		provenance
	};
	const nameRecord = members.find(
		(r) =>
			r.display.name !== undefined &&
			provenance.name &&
			refOf(`${r.file}#${r.row}`).id === provenance.name.record_id
	);
	values.legal_form =
		nameRecord?.name.legalForm ?? members.find((r) => r.name.legalForm)?.name.legalForm ?? null;
	if (merged.communeCode !== null) {
		const r = members.find((m) => m.communeCode === merged.communeCode)!;
		const ref = refOf(`${r.file}#${r.row}`);
		provenance.commune_code = { record_id: ref.id, source_id: ref.sourceId };
	}
	let best: { p: RecordPlacement; r: NormalizedRecord } | null = null;
	for (const r of members) {
		const p = placement(r);
		if (p !== null && (best === null || QUALITY_RANK[p.quality] < QUALITY_RANK[best.p.quality]))
			best = { p, r };
	}
	if (best !== null) {
		values.lng = best.p.lng;
		values.lat = best.p.lat;
		values.location_quality = best.p.quality;
		const ref = refOf(`${best.r.file}#${best.r.row}`);
		provenance.location = { record_id: ref.id, source_id: ref.sourceId };
	}
	return applyOverrides(values, overrides);
}

/** Values set by hand win; their provenance says so (no record). */
export function applyOverrides(values: ActorFieldValues, overrides: Overrides): ActorFieldValues {
	const out: ActorFieldValues = { ...values, provenance: { ...values.provenance } };
	for (const field of OVERRIDABLE_FIELDS) {
		if (!Object.hasOwn(overrides, field)) continue;
		const v = overrides[field];
		if (typeof v !== 'string') continue;
		const trimmed = v.trim();
		if (field === 'name') {
			if (trimmed !== '') out.name = trimmed;
		} else if (field === 'kind') {
			// validated where overrides are written
			out.kind = trimmed as ActorKind;
		} else {
			out[field] = trimmed === '' ? null : trimmed;
		}
		delete out.provenance[field];
	}
	const loc = overrides.location;
	if (loc && Number.isFinite(loc.lng) && Number.isFinite(loc.lat)) {
		out.lng = loc.lng;
		out.lat = loc.lat;
		out.location_quality = 'manual';
		delete out.provenance.location;
	}
	return out;
}
