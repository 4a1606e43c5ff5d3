/**
 * Who may see an actor's contact details. `actor.contact_visibility` says, per field,
 * `'public'` or `'members'`; a missing mark means members only, the safe side. Exports, the map
 * layers and the map's detail panel all follow this one rule.
 */
export const CONTACT_FIELDS = ['email', 'phone', 'address'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Whether the actor marked this field public (`visibility` is the jsonb as a driver parsed it). */
export function isPublicContact(visibility: unknown, field: ContactField): boolean {
	return (
		typeof visibility === 'object' &&
		visibility !== null &&
		!Array.isArray(visibility) &&
		(visibility as Record<string, unknown>)[field] === 'public'
	);
}
