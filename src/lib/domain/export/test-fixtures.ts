/** Rows for the export tests (not imported by application code). */
import {
	PROVENANCE_FIELDS,
	provenanceColumn,
	type ExportMeta,
	type ExportRow,
	type ProvenanceColumn
} from './types';

export function exportRow(over: Partial<ExportRow> = {}): ExportRow {
	const provenance = Object.fromEntries(
		PROVENANCE_FIELDS.map((field) => [provenanceColumn(field), null])
	) as Record<ProvenanceColumn, string | null>;
	return {
		id: '6f1c2a4e-0000-4000-8000-000000000001',
		name: 'Les Amis du Lavoir',
		kind: 'association',
		legal_form: 'Association déclarée',
		sectors: ['culture', 'patrimoine'],
		worlds: ['associatif'],
		tags: [],
		address: '12 rue du Lavoir',
		postcode: '30700',
		commune_code: '30334',
		commune_name: 'Uzès',
		email: 'contact@amis-du-lavoir.example.org',
		phone: '+33466123456',
		website: 'https://amis-du-lavoir.example.org',
		siret: null,
		rna: 'W301234567',
		lng: 4.4196,
		lat: 44.0122,
		location_quality: 'street',
		...provenance,
		name_source: 'RNA Gard ligne 12',
		sources: ['RNA Gard'],
		...over
	};
}

export const meta: ExportMeta = {
	territoryName: 'Pays d’Uzès',
	licence: 'ODbL-1.0',
	exportedAt: new Date('2026-11-24T09:30:00Z')
};
