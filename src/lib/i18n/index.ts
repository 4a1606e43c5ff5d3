/**
 * The one entry point for UI text.
 *
 * Messages live in `messages/{fr,en}.json` (inlang message format) and are compiled by
 * Paraglide JS 2 into `src/lib/paraglide/` (generated, git-ignored). Paraglide was chosen over a
 * hand-written catalogue because it is the SvelteKit-recommended tool, its compiled message
 * functions are typed (a missing or misspelled key fails type-check) and tree-shaken per message;
 * the message-format plugin is loaded from node_modules (see project.inlang/settings.json), so
 * compiling needs no network.
 *
 * Locale resolution: on the server `src/lib/server/i18n-handle.ts` negotiates the locale per
 * request and makes `getLocale()` return it; in the browser Paraglide reads the same cookie,
 * which the server always sets, so hydration renders the same language.
 */
import type { Role } from '$lib/domain/census/types';
import { m } from '$lib/paraglide/messages.js';
import {
	baseLocale,
	cookieName,
	getLocale,
	isLocale,
	locales,
	type Locale
} from '$lib/paraglide/runtime.js';
import type { ActorKind } from '$lib/domain/actor-kinds';
import { isWorld, type World, type WorldPairId } from '$lib/domain/worlds';

export { m, baseLocale, cookieName, getLocale, isLocale, locales, type Locale };
export { negotiateLocale } from './negotiate';

/** Each locale's name written in that language, as language pickers conventionally show it. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

const KIND_LABELS: Record<ActorKind, () => string> = {
	association: m.kind_association,
	business: m.kind_business,
	cooperative: m.kind_cooperative,
	public_body: m.kind_public_body,
	informal_group: m.kind_informal_group,
	elected_body: m.kind_elected_body,
	other: m.kind_other
};

export function kindLabel(kind: ActorKind): string {
	return KIND_LABELS[kind]();
}

const WORLD_LABELS: Record<World, () => string> = {
	professionnel: m.worlds_label_professionnel,
	amateur: m.worlds_label_amateur,
	urbain: m.worlds_label_urbain,
	rural: m.worlds_label_rural,
	federation: m.worlds_label_federation,
	'petite-association': m.worlds_label_petite_association,
	lucratif: m.worlds_label_lucratif,
	'non-lucratif': m.worlds_label_non_lucratif,
	institution: m.worlds_label_institution,
	citoyen: m.worlds_label_citoyen,
	elu: m.worlds_label_elu,
	associatif: m.worlds_label_associatif
};

/**
 * A world (src/lib/domain/worlds.ts) in the interface language, as every page shows it: the
 * network matrix, bridges, the dossier, the actor page. A world outside the six pairs (free text
 * in the database) is shown as it is written.
 */
export function worldLabel(world: string): string {
	return isWorld(world) ? WORLD_LABELS[world]() : world;
}

const WORLD_PAIR_LABELS: Record<WorldPairId, () => string> = {
	'professionnel-amateur': m.worlds_pair_professionnel_amateur,
	'urbain-rural': m.worlds_pair_urbain_rural,
	'federation-petite-association': m.worlds_pair_federation_petite_association,
	'lucratif-non-lucratif': m.worlds_pair_lucratif_non_lucratif,
	'institution-citoyen': m.worlds_pair_institution_citoyen,
	'elu-associatif': m.worlds_pair_elu_associatif
};

/** « Professionnel ou amateur »: the name of a pair of worlds. */
export function worldPairLabel(pair: WorldPairId): string {
	return WORLD_PAIR_LABELS[pair]();
}

const ROLE_LABELS: Record<Role, () => string> = {
	id: m.import_preview_role_id,
	name: m.import_preview_role_name,
	kind: m.import_preview_role_kind,
	address: m.import_preview_role_address,
	postcode: m.import_preview_role_postcode,
	commune: m.import_preview_role_commune,
	commune_code: m.import_preview_role_commune_code,
	phone: m.import_preview_role_phone,
	email: m.import_preview_role_email,
	website: m.import_preview_role_website,
	siret: m.import_preview_role_siret,
	siren: m.import_preview_role_siren,
	rna: m.import_preview_role_rna,
	identifier: m.import_preview_role_identifier,
	lat: m.import_preview_role_lat,
	lon: m.import_preview_role_lon,
	tags: m.import_preview_role_tags,
	contact_person: m.import_preview_role_contact_person,
	birth_date: m.import_preview_role_birth_date
};

/** A listing column role (src/lib/domain/census/types.ts ROLES) in the interface language. */
export function roleLabel(role: Role): string {
	return ROLE_LABELS[role]();
}
