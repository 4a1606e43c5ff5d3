import type { NormalizedRecord, Role } from './types';
import { ROLES } from './types';
import { fold } from './text';

export interface FieldValue {
	value: string;
	/** `file#row` of every record that gave this value. */
	sources: string[];
}

export interface MergedField {
	value: string;
	source: string;
	alternatives: FieldValue[];
}

export interface MergedActor {
	id: string;
	records: number[];
	fields: Partial<Record<Role, MergedField>>;
	communeCode: string | null;
}

/**
 * Ranks the records of an actor for field choice: source priority first, then the record with
 * the most filled fields, then the record read last (the listing given last is taken as the
 * most recent).
 */
function rank(a: NormalizedRecord, b: NormalizedRecord): number {
	return b.priority - a.priority || b.filled - a.filled || b.index - a.index;
}

export function mergeActor(id: string, members: readonly NormalizedRecord[]): MergedActor {
	if (members.length === 1) {
		// Most actors have one record: nothing to choose, nothing to fold.
		const r = members[0]!;
		const ref = `${r.file}#${r.row}`;
		const fields: Partial<Record<Role, MergedField>> = {};
		for (const role in r.display) {
			const value = r.display[role as Role]!;
			fields[role as Role] = { value, source: ref, alternatives: [{ value, sources: [ref] }] };
		}
		return { id, records: [r.index], fields, communeCode: r.communeCode };
	}
	const ordered = [...members].sort(rank);
	const fields: Partial<Record<Role, MergedField>> = {};
	for (const role of ROLES) {
		const byKey = new Map<string, FieldValue>();
		let chosen: { value: string; source: string } | null = null;
		for (const r of ordered) {
			const v = r.display[role];
			if (v === undefined) continue;
			const ref = `${r.file}#${r.row}`;
			const key = fold(v) || v;
			const entry = byKey.get(key);
			if (entry === undefined) byKey.set(key, { value: v, sources: [ref] });
			else entry.sources.push(ref);
			chosen ??= { value: v, source: ref };
		}
		if (chosen !== null) {
			fields[role] = {
				value: chosen.value,
				source: chosen.source,
				alternatives: [...byKey.values()]
			};
		}
	}
	let communeCode: string | null = null;
	for (const r of ordered) {
		if (r.communeCode !== null) {
			communeCode = r.communeCode;
			break;
		}
	}
	return { id, records: members.map((m) => m.index), fields, communeCode };
}
