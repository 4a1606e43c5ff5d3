-- Personal contact data detected on import, and who sees each contact field (#8).
--
-- `personal_fields`: the contact fields whose value reads as a person's own rather than the
-- organisation's (a mobile, a first-name.last-name or webmail address), as detected by
-- src/lib/domain/privacy/personal.ts at import and when an editor types the value by hand. Such values keep the members-only
-- default; the actor page shows the mark and asks for a confirmation before an editor makes one
-- public. It names fields, never values, so the API roles may read it.
--
-- The history gets the actions of this issue: `visibility` (an editor chose who sees a contact
-- field) and `erase` (an actor asked not to appear, RGPD; see 20261127120000_erasure.sql).

alter table public.actor
	add column personal_fields text[] not null default '{}'
		check (personal_fields <@ array['email', 'phone', 'contact_name']::text[]);

comment on column public.actor.personal_fields is
	'Contact fields whose value is a person''s own (detected at import): members-only unless an editor says otherwise.';

grant select (personal_fields) on public.actor to anon, authenticated;

alter table public.census_history drop constraint census_history_action_check;
alter table public.census_history add constraint census_history_action_check check (
	action in (
		'import', 'merge', 'absorb', 'restore', 'unmerge', 'decision', 'override', 'place', 'edit',
		'erase', 'visibility'
	)
);
