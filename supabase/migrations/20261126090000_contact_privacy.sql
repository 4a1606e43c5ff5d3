-- Contact privacy enforced by the database (#8, gap G1 of docs/security-matrix.md).
--
-- Until now an actor's whole row was readable by anyone who could read the actor (everybody, on
-- a public territory): email and phone included, whatever `contact_visibility` said; the app
-- hid them, the API (PostgREST, anon key) did not. From here on:
-- - `anon` and `authenticated` may no longer select actor.email, actor.phone,
--   actor.contact_name (new: the person to ask) nor actor.overrides (hand-set values, which may
--   be contacts); every other column stays readable as before, and writes are unchanged;
-- - those values are read through `public.actor_contacts(territory)` (or the view
--   `public.actor_contact` over every territory), which gives each one only to
--   whom its visibility allows: `contact_visibility->>field` is 'public' (anyone who may read the
--   actor), 'members' (any role in the territory; the default when unmarked) or 'editors'
--   (owner, editor). `overrides` gives its values to owners and editors only; others learn
--   which fields were set by hand (each key with a null value), not what was set.

alter table public.actor add column contact_name text;

comment on column public.actor.contact_visibility is
	'field (email, phone, contact_name, address) -> public | members | editors; unmarked = members';

-- The contact values of one territory's actors (or of one actor, `one_actor`), each given only to
-- whom its visibility allows. Security definer: it reads actor as its owner, so it checks the
-- caller's right itself (a role in the territory, or a public territory), once per call. App
-- queries join it (`left join public.actor_contacts($1) c on c.actor_id = a.id`): evaluated once,
-- where a view joined per row would be planned per actor.
create function public.actor_contacts(t uuid, one_actor uuid default null)
returns table (
	actor_id uuid,
	territory_id uuid,
	email text,
	phone text,
	contact_name text,
	overrides jsonb
)
language sql stable security definer
set search_path = ''
as $$
	with x as (
		select public.territory_role(t) as role,
			exists (select 1 from public.territory p where p.id = t and p.visibility = 'public')
				as is_public
	)
	select
		a.id,
		a.territory_id,
		case
			when coalesce(a.contact_visibility ->> 'email', 'members') = 'public'
				or (x.role is not null and coalesce(a.contact_visibility ->> 'email', 'members') = 'members')
				or x.role in ('owner', 'editor')
			then a.email
		end,
		case
			when coalesce(a.contact_visibility ->> 'phone', 'members') = 'public'
				or (x.role is not null and coalesce(a.contact_visibility ->> 'phone', 'members') = 'members')
				or x.role in ('owner', 'editor')
			then a.phone
		end,
		case
			when coalesce(a.contact_visibility ->> 'contact_name', 'members') = 'public'
				or (
					x.role is not null
					and coalesce(a.contact_visibility ->> 'contact_name', 'members') = 'members'
				)
				or x.role in ('owner', 'editor')
			then a.contact_name
		end,
		-- Owners and editors get the hand-set values; others only which fields were set by hand.
		case
			when x.role in ('owner', 'editor') or a.overrides = '{}'::jsonb then a.overrides
			else (
				select coalesce(jsonb_object_agg(k, null), '{}'::jsonb)
				from jsonb_object_keys(a.overrides) k
			)
		end
	from public.actor a, x
	where a.territory_id = t
		and (one_actor is null or a.id = one_actor)
		-- The actor's own read rule (actor_select): members of its territory, anyone on a public one.
		and (x.role is not null or x.is_public)
$$;

revoke all on function public.actor_contacts(uuid, uuid) from public;
grant execute on function public.actor_contacts(uuid, uuid) to anon, authenticated, service_role;

-- The same for every territory the caller may read, as a view for the API (supabase-js:
-- `from('actor_contact')`). Filtering it by territory_id keeps it to that territory's actors.
create view public.actor_contact with (security_barrier = true) as
select c.*
from public.territory t
cross join lateral public.actor_contacts(t.id) c;

comment on view public.actor_contact is
	'An actor''s contact values, each given only to whom its visibility allows (see migration).';

revoke select on public.actor from anon, authenticated;
grant select (
	id, territory_id, name, kind, legal_form, sectors, worlds, tags, description, address,
	postcode, commune_code, website, siret, rna, location, location_quality, provenance,
	contact_visibility, created_at, updated_at
) on public.actor to anon, authenticated;

revoke all on public.actor_contact from public;
grant select on public.actor_contact to anon, authenticated, service_role;
