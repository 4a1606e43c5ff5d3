/**
 * The territory settings form: what it offers and how its values are read. Pure (no database, no
 * kit), so it is tested on its own; the page action checks codes against the INSEE and EPCI lists
 * it passes in.
 */

/** The licences offered, as SPDX identifiers (what `territory.licence` stores). */
export const LICENCES = [
	{ id: 'CC-BY-SA-4.0', label: 'CC BY-SA 4.0' },
	{ id: 'ODbL-1.0', label: 'ODbL 1.0' },
	{ id: 'CC-BY-4.0', label: 'CC BY 4.0' },
	{ id: 'etalab-2.0', label: 'Licence Ouverte 2.0 (Etalab)' }
] as const;

export const OTHER_LICENCE = 'other';

/** The select's value for a stored licence: one of LICENCES, or "other" (free text). */
export function licenceChoice(licence: string): string {
	return (
		LICENCES.find((l) => l.id.toLowerCase() === licence.trim().toLowerCase())?.id ?? OTHER_LICENCE
	);
}

export const MAX_NAME = 120;
export const MAX_LICENCE = 100;
export const MAX_COMMUNES = 2000;

/** INSEE commune code: 5 digits, or 2A/2B and 3 digits for Corsica. */
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
/** SIREN of an EPCI. */
const EPCI_CODE = /^\d{9}$/;

/** Codes separated by spaces, commas, semicolons or new lines; duplicates dropped, order kept. */
export function parseCommuneCodes(text: string): { codes: string[]; invalid: string[] } {
	const codes: string[] = [];
	const invalid: string[] = [];
	for (const token of text.split(/[\s,;]+/)) {
		const code = token.trim().toUpperCase();
		if (code === '') continue;
		if (!COMMUNE_CODE.test(code)) {
			if (!invalid.includes(token)) invalid.push(token);
		} else if (!codes.includes(code)) codes.push(code);
	}
	return { codes, invalid };
}

export interface SettingsValues {
	name: string;
	communes: string;
	epci: string;
	licence: string;
	licenceOther: string;
	visibility: string;
}

export type SettingsField = 'name' | 'communes' | 'epci' | 'licence' | 'visibility';

export type SettingsError =
	| { field: 'name'; code: 'empty' | 'too_long' }
	| { field: 'communes'; code: 'invalid' | 'unknown'; codes: string[] }
	| { field: 'communes'; code: 'too_many' }
	| { field: 'epci'; code: 'invalid' | 'unknown' }
	| { field: 'licence'; code: 'empty' | 'too_long' }
	| { field: 'visibility'; code: 'invalid' };

export interface ParsedSettings {
	name: string;
	communeCodes: string[];
	epciCode: string | null;
	licence: string;
	visibility: 'private' | 'public';
}

export interface KnownCodes {
	commune(code: string): boolean;
	epci(code: string): boolean;
}

export function readSettingsForm(form: FormData): SettingsValues {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	return {
		name: text('name'),
		communes: text('communes'),
		epci: text('epci'),
		licence: text('licence'),
		licenceOther: text('licence_other'),
		visibility: text('visibility')
	};
}

export function parseSettings(
	values: SettingsValues,
	known: KnownCodes
): { ok: true; settings: ParsedSettings } | { ok: false; errors: SettingsError[] } {
	const errors: SettingsError[] = [];

	const name = values.name.trim();
	if (name === '') errors.push({ field: 'name', code: 'empty' });
	else if (name.length > MAX_NAME) errors.push({ field: 'name', code: 'too_long' });

	const { codes, invalid } = parseCommuneCodes(values.communes);
	if (invalid.length) errors.push({ field: 'communes', code: 'invalid', codes: invalid });
	else if (codes.length > MAX_COMMUNES) errors.push({ field: 'communes', code: 'too_many' });
	else {
		const unknown = codes.filter((c) => !known.commune(c));
		if (unknown.length) errors.push({ field: 'communes', code: 'unknown', codes: unknown });
	}

	const epci = values.epci.replace(/\s+/g, '');
	if (epci !== '' && !EPCI_CODE.test(epci)) errors.push({ field: 'epci', code: 'invalid' });
	else if (epci !== '' && !known.epci(epci)) errors.push({ field: 'epci', code: 'unknown' });

	const licence =
		values.licence === OTHER_LICENCE
			? values.licenceOther.trim()
			: (LICENCES.find((l) => l.id === values.licence)?.id ?? '');
	if (licence === '') errors.push({ field: 'licence', code: 'empty' });
	else if (licence.length > MAX_LICENCE) errors.push({ field: 'licence', code: 'too_long' });

	const visibility = values.visibility;
	if (visibility !== 'private' && visibility !== 'public')
		errors.push({ field: 'visibility', code: 'invalid' });

	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		settings: {
			name,
			communeCodes: codes,
			epciCode: epci === '' ? null : epci,
			licence,
			visibility: visibility as 'private' | 'public'
		}
	};
}
