/** The French (or English) name of an actor field, as the actor page and the history show it. */
import { m } from '$lib/i18n';

const FIELD_LABELS: Record<string, () => string> = {
	name: m.actor_field_name,
	kind: m.actor_field_kind,
	legal_form: m.actor_field_legal_form,
	address: m.actor_field_address,
	postcode: m.actor_field_postcode,
	commune_code: m.actor_field_commune_code,
	email: m.actor_field_email,
	phone: m.actor_field_phone,
	website: m.actor_field_website,
	siret: m.actor_field_siret,
	rna: m.actor_field_rna,
	tags: m.actor_field_tags,
	contact_name: m.actor_field_contact_name,
	worlds: m.worlds_field
};
export const fieldLabel = (field: string): string => FIELD_LABELS[field]?.() ?? field;
