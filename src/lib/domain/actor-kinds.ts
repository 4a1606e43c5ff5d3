/**
 * Actor kinds, in the order the legend lists them: the one list in TypeScript. It mirrors the
 * `actor.kind` check constraint of supabase/migrations (tests/db/migrations.test.ts fails when
 * they differ), and the palette and i18n tests fail until a new kind has a colour and labels.
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
