/**
 * Who sees each contact field of an actor (#8): an editor chooses public, members or editors for
 * its email, phone, address and contact person. The rule itself lives in the database
 * (`public.actor_contacts`); this writes the choice, as the user (RLS: owners and editors), and
 * logs it in the history.
 */
import type { ContactVisibility } from '../../domain/privacy/personal';
import type { Claims, Database } from '../db/types';
import { writeHistory } from './write';

export const VISIBILITY_FIELDS = ['email', 'phone', 'address', 'contact_name'] as const;
export type VisibilityField = (typeof VISIBILITY_FIELDS)[number];
export const VISIBILITY_LEVELS: readonly ContactVisibility[] = ['public', 'members', 'editors'];

export function isVisibilityField(v: unknown): v is VisibilityField {
	return typeof v === 'string' && (VISIBILITY_FIELDS as readonly string[]).includes(v);
}

export function isVisibilityLevel(v: unknown): v is ContactVisibility {
	return typeof v === 'string' && (VISIBILITY_LEVELS as readonly string[]).includes(v);
}

export class VisibilityError extends Error {
	constructor(
		readonly code: 'bad_field' | 'bad_value' | 'unknown_actor' | 'personal_needs_confirmation'
	) {
		super(code);
	}
}

/**
 * Sets the visibility of one contact field. Making a person's own value (detected at import,
 * `personal_fields`) public needs `confirmPersonal`: the page asks first.
 */
export async function setContactVisibility(
	db: Database,
	claims: Claims,
	territoryId: string,
	actorId: string,
	field: string,
	level: string,
	options: { confirmPersonal?: boolean } = {}
): Promise<void> {
	if (!isVisibilityField(field)) throw new VisibilityError('bad_field');
	if (!isVisibilityLevel(level)) throw new VisibilityError('bad_value');
	await db.asUser(claims, async (tx) => {
		const [actor] = await tx.query<{
			contact_visibility: Record<string, unknown> | null;
			personal_fields: string[] | null;
		}>(
			`select contact_visibility, personal_fields from public.actor
			  where territory_id = $1 and id = $2`,
			[territoryId, actorId]
		);
		if (!actor) throw new VisibilityError('unknown_actor');
		const personal = (actor.personal_fields ?? []).includes(field);
		if (level === 'public' && personal && !options.confirmPersonal)
			throw new VisibilityError('personal_needs_confirmation');
		const before = actor.contact_visibility?.[field] ?? 'members';
		if (before === level) return;
		// RLS decides: a member's update touches no row and changes nothing.
		const updated = await tx.query<{ id: string }>(
			`update public.actor
			    set contact_visibility = coalesce(contact_visibility, '{}'::jsonb)
			                             || jsonb_build_object($3::text, $4::text)
			  where territory_id = $1 and id = $2
			  returning id`,
			[territoryId, actorId, field, level]
		);
		if (updated.length === 0) throw new VisibilityError('unknown_actor');
		await writeHistory(tx, territoryId, [
			{ actor_id: actorId, action: 'visibility', detail: { field, before, after: level } }
		]);
	});
}
