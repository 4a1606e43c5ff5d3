/**
 * From database rows to `ExportRow`s: resolves each field's provenance (`actor.provenance`, a
 * record id per field) to "<listing name> ligne <n>", names the commune, and leaves out the
 * contact details a reader who is not a member must not receive.
 */
import { CONTACT_FIELDS, isPublicContact, type ContactField } from '../contact-visibility';
import { finiteOrNull } from '../numbers';
import { toActorKind } from '../actor-kinds';
import {
	PROVENANCE_FIELDS,
	provenanceColumn,
	type ExportRow,
	type ProvenanceColumn
} from './types';

/** An actor as the export query reads it (jsonb columns still unparsed). */
export interface ActorExportSource {
	id: string;
	name: string;
	kind: string | null;
	legal_form: string | null;
	sectors: string[] | null;
	worlds: string[] | null;
	tags: string[] | null;
	address: string | null;
	postcode: string | null;
	commune_code: string | null;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	/** Some drivers return numeric columns as strings. */
	lng: number | string | null;
	lat: number | string | null;
	location_quality: string | null;
	/** `{ "<column>": { record_id, source_id, alternatives: [{ value, record_ids }] } }` */
	provenance: unknown;
	/** `{ email | phone | address: 'public' | 'members' }` */
	contact_visibility: unknown;
	/** Values set by hand, `{ "<column>": value, location: { lng, lat } }`: they have no record. */
	overrides?: unknown;
}

export interface RecordRef {
	id: string;
	source_id: string;
	row_number: number;
}

export interface SourceRef {
	id: string;
	name: string;
}

export interface BuildOptions {
	communeName?: (code: string) => string | undefined;
	/** How a record is named in the `*_source` columns; French by default. */
	describeRecord?: (sourceName: string, rowNumber: number) => string;
	/** What the `*_source` column says of a value set by hand; French by default. */
	manualEntry?: string;
	/**
	 * The reader is not a member of the territory (a public territory read by anyone): email, phone
	 * and address are exported only when the actor marked them public. A missing mark means
	 * members only, the safe side.
	 */
	publicContactsOnly?: boolean;
}

export { CONTACT_FIELDS };

const defaultDescribe = (sourceName: string, rowNumber: number) =>
	`${sourceName} ligne ${rowNumber}`;
const DEFAULT_MANUAL_ENTRY = 'saisie à la main';

interface ParsedProvenance {
	recordId: string | null;
	sourceId: string | null;
	alternativeRecordIds: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Tolerant: demo actors have `{}`, older rows may miss keys; nothing here may throw. */
function parseProvenance(value: unknown): Map<string, ParsedProvenance> {
	const out = new Map<string, ParsedProvenance>();
	if (!isObject(value)) return out;
	for (const field of PROVENANCE_FIELDS) {
		const entry = value[field];
		if (!isObject(entry)) continue;
		const alternativeRecordIds: string[] = [];
		if (Array.isArray(entry.alternatives)) {
			for (const alt of entry.alternatives) {
				if (!isObject(alt) || !Array.isArray(alt.record_ids)) continue;
				for (const id of alt.record_ids) if (typeof id === 'string') alternativeRecordIds.push(id);
			}
		}
		out.set(field, {
			recordId: str(entry.record_id),
			sourceId: str(entry.source_id),
			alternativeRecordIds
		});
	}
	return out;
}

const collator = new Intl.Collator('fr');

export function buildExportRows(
	actors: readonly ActorExportSource[],
	records: readonly RecordRef[],
	sources: readonly SourceRef[],
	options: BuildOptions = {}
): ExportRow[] {
	const recordById = new Map(records.map((r) => [r.id, r]));
	const sourceName = new Map(sources.map((s) => [s.id, s.name]));
	const describe = options.describeRecord ?? defaultDescribe;
	const manualEntry = options.manualEntry ?? DEFAULT_MANUAL_ENTRY;

	return actors.map((actor) => {
		const provenance = parseProvenance(actor.provenance);
		const overrides = isObject(actor.overrides) ? actor.overrides : {};
		const hidden = new Set<string>(
			options.publicContactsOnly
				? CONTACT_FIELDS.filter((field) => !isPublicContact(actor.contact_visibility, field))
				: []
		);
		const contact = (field: ContactField) => (hidden.has(field) ? null : actor[field]);

		const listings = new Set<string>();
		const provenanceColumns = {} as Record<ProvenanceColumn, string | null>;
		for (const field of PROVENANCE_FIELDS) {
			const entry = hidden.has(field) ? undefined : provenance.get(field);
			let described: string | null = null;
			// The merge drops a field's provenance when a person overrides it (applyOverrides).
			if (!entry && !hidden.has(field) && Object.hasOwn(overrides, field)) described = manualEntry;
			if (entry) {
				const record = entry.recordId === null ? undefined : recordById.get(entry.recordId);
				const name = sourceName.get(record?.source_id ?? entry.sourceId ?? '');
				if (name !== undefined) {
					described = record ? describe(name, record.row_number) : name;
					listings.add(name);
				}
				for (const id of entry.alternativeRecordIds) {
					const alt = recordById.get(id);
					const altName = alt && sourceName.get(alt.source_id);
					if (altName !== undefined) listings.add(altName);
				}
			}
			provenanceColumns[provenanceColumn(field)] = described;
		}

		const lng = finiteOrNull(actor.lng);
		const lat = finiteOrNull(actor.lat);
		const placed = lng !== null && lat !== null;
		return {
			id: actor.id,
			name: actor.name,
			kind: toActorKind(actor.kind),
			legal_form: actor.legal_form,
			sectors: actor.sectors ?? [],
			worlds: actor.worlds ?? [],
			tags: actor.tags ?? [],
			address: contact('address'),
			postcode: actor.postcode,
			commune_code: actor.commune_code,
			commune_name:
				actor.commune_code === null ? null : (options.communeName?.(actor.commune_code) ?? null),
			email: contact('email'),
			phone: contact('phone'),
			website: actor.website,
			siret: actor.siret,
			rna: actor.rna,
			lng: placed ? lng : null,
			lat: placed ? lat : null,
			location_quality: placed ? actor.location_quality : null,
			...provenanceColumns,
			sources: [...listings].sort(collator.compare)
		};
	});
}
