/**
 * The census as it leaves Maillage: one `ExportRow` per actor, the same rows for every format
 * (CSV, XLSX, GeoJSON), so that a column means the same thing whichever file a person opens.
 *
 * Column names are the database's snake_case names: stable across languages and releases, and
 * recognised again by the import wizard if an export is re-imported elsewhere.
 */

import { COMPUTED_FIELDS, type ComputedField } from '../census/actor-fields';

export type ProvenanceField = Exclude<ComputedField, 'legal_form'>;

/**
 * The actor columns whose value remembers the source record it came from (`actor.provenance`):
 * the fields the census computes, but the legal form (read from the name, not a column).
 */
export const PROVENANCE_FIELDS: readonly ProvenanceField[] = COMPUTED_FIELDS.filter(
	(f): f is ProvenanceField => f !== 'legal_form'
);

/** `name_source`, `email_source`, …: "<listing name> ligne <n>", or null when not known. */
export type ProvenanceColumn = `${ProvenanceField}_source`;

export const provenanceColumn = (field: ProvenanceField): ProvenanceColumn => `${field}_source`;

export type ExportRow = {
	id: string;
	name: string;
	kind: string;
	legal_form: string | null;
	sectors: string[];
	worlds: string[];
	tags: string[];
	address: string | null;
	postcode: string | null;
	commune_code: string | null;
	/** Current name of the INSEE commune, when the code is known. */
	commune_name: string | null;
	email: string | null;
	/** As stored (E.164 once normalised); spreadsheets get a French national form, see cells.ts. */
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	/** WGS 84, null when the actor is not placed. */
	lng: number | null;
	lat: number | null;
	location_quality: string | null;
	/** Distinct names of the listings this actor's values were read from, sorted. */
	sources: string[];
} & Record<ProvenanceColumn, string | null>;

/** One imported listing, for the licence sheet. */
export interface ExportSource {
	name: string;
	fileName: string | null;
	importedAt: string | null;
}

export interface ExportMeta {
	territoryName: string;
	/** SPDX identifier as stored on the territory ('ODbL-1.0', 'CC-BY-SA-4.0', 'etalab-2.0'…). */
	licence: string;
	exportedAt: Date;
	/** The listings of the territory the user may read; only the licence sheet lists them. */
	sources?: readonly ExportSource[];
}

export const EXPORT_FORMATS = ['csv', 'csv-excel', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseExportFormat(value: string | null): ExportFormat | null {
	return value !== null && (EXPORT_FORMATS as readonly string[]).includes(value)
		? (value as ExportFormat)
		: null;
}
