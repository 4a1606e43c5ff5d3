/**
 * Where the text of the licences a territory is likely to choose can be read. Keys are SPDX
 * identifiers (https://spdx.org/licenses/), the form `territory.licence` stores.
 */
const LICENCE_URLS: Readonly<Record<string, string>> = {
	'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
	'ODC-By-1.0': 'https://opendatacommons.org/licenses/by/1-0/',
	'PDDL-1.0': 'https://opendatacommons.org/licenses/pddl/1-0/',
	'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
	'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
	'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
	// Licence Ouverte / Open Licence 2.0, the French administration's open data licence.
	'etalab-2.0': 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'
};

/** The licence text's address, or null for an identifier this list does not know. */
export function licenceUrl(licence: string): string | null {
	const key = Object.keys(LICENCE_URLS).find(
		(k) => k.toLowerCase() === licence.trim().toLowerCase()
	);
	return key === undefined ? null : (LICENCE_URLS[key] ?? null);
}
