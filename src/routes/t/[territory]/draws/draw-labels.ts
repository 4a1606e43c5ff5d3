/** Sentences of the draw pages (list and detail), from the data the server gives. */
import type { AnnouncementError, AnnouncementField } from '$lib/domain/draw/announcement';
import type { DrawRules } from '$lib/domain/draw';
import { getLocale, m } from '$lib/i18n';

const dayFormat = () =>
	new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'Europe/Paris' });
const momentFormat = () =>
	new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Paris'
	});

/** « 10 janvier 2027 » from an ISO day or instant. */
export function dayText(iso: string): string {
	const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso;
	return dayFormat().format(new Date(at));
}

/** « 24 nov. 2026, 10:32 » */
export function momentText(iso: string): string {
	return momentFormat().format(new Date(iso));
}

export function periodText(start: string | null, end: string | null): string | null {
	if (start && end) return `${dayText(start)} – ${dayText(end)}`;
	if (start) return dayText(start);
	if (end) return dayText(end);
	return null;
}

export function rulesText(rules: DrawRules): string {
	const parts = [m.draws_rules({ groups: rules.groups, size: rules.groupSize })];
	if (rules.mixWorlds) parts.push(m.draws_rules_mix_worlds());
	if (rules.mixCommunes) parts.push(m.draws_rules_mix_communes());
	return parts.join(' · ');
}

const FIELD_LABELS: Record<AnnouncementField, () => string> = {
	title: m.draws_field_title,
	description: m.draws_field_description,
	periodStart: m.draws_field_period_start,
	periodEnd: m.draws_field_period_end,
	groups: m.draws_field_groups,
	groupSize: m.draws_field_group_size,
	seedSource: m.draws_field_seed_source,
	confirmDays: m.draws_field_confirm_days
};

export function fieldErrorText(field: AnnouncementField, code: AnnouncementError): string {
	const label = FIELD_LABELS[field]();
	switch (code) {
		case 'required':
			return m.draws_error_required({ field: label });
		case 'too_long':
			return m.draws_error_too_long({ field: label });
		case 'end_before_start':
			return m.draws_error_end_before_start({ field: label });
		case 'too_many_seats':
			return m.draws_error_too_many_seats({ field: label });
		case 'mix_needs_two':
			return m.draws_error_mix_needs_two({ field: label });
		default:
			return m.draws_error_invalid({ field: label });
	}
}

/** Why the seed value entered at the draw is refused. */
export function seedValueErrorText(code: 'required' | 'too_long' | 'invalid'): string {
	const field = m.draws_field_seed_value();
	if (code === 'required') return m.draws_error_required({ field });
	if (code === 'too_long') return m.draws_error_too_long({ field });
	return m.draws_error_invalid({ field });
}
