/**
 * Actor kinds, in the order the legend lists them. Mirrors the `actor.kind` check constraint in
 * supabase/migrations (…_init_census.sql); a kind added there must be added here, and the
 * palette test then fails until it has a colour.
 */
export const ACTOR_KINDS = [
	'association',
	'business',
	'cooperative',
	'public_body',
	'informal_group',
	'elected_body',
	'other'
] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

export function isActorKind(value: unknown): value is ActorKind {
	return typeof value === 'string' && (ACTOR_KINDS as readonly string[]).includes(value);
}

/** Unknown or missing kinds are shown as 'other' rather than dropped. */
export function toActorKind(value: unknown): ActorKind {
	return isActorKind(value) ? value : 'other';
}
