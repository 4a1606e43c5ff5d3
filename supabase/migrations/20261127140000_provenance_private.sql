-- An actor's provenance and address follow the visibility of the contacts they name (#8, and
-- gap G1 of docs/security-matrix.md: the address text).
--
-- `actor.provenance` says which listing row each field's value came from, and keeps the values
-- the other listings gave as alternatives — emails and phones among them. It was readable by the
-- API roles column by column, so the members-only emails of a public territory's actors could be
-- read through PostgREST from their alternatives, around `actor_contacts` (found by
-- tests/db/routes-cross-territory.test.ts). Now:
-- - anon and authenticated lose SELECT on `actor.provenance`;
-- - `actor_contacts(t[, actor])` (and the `actor_contact` view) return it, with the entries of
--   email, phone, address and contact person removed for a caller who may not read that field
--   (owners and editors get it whole). The app reads provenance through it.
-- - the same for `actor.address`: `actor_contacts` returns it to whom its mark allows, and the
--   view `actor_address` gives the same answer as one inlined scan, for the map's layer over
--   every actor (a function scan joined to 100k actors costs seconds there).

drop view public.actor_contact;
drop function public.actor_contacts(uuid, uuid);

-- The one rule of who reads a contact field, given its visibility mark (contact_visibility) and
-- the caller's role in the territory (null: not a member): marked public, anyone who may read the
-- actor; members (or unmarked), any role; editors, owners and editors. Plain SQL, immutable and
-- without settings, so the planner inlines it into the queries that call it (the map layer calls
-- it for every actor). The actor page applies the same rule in TypeScript (contactReadable).
create function public.contact_readable(visibility jsonb, field text, role text)
returns boolean
language sql immutable
as $$
	select case coalesce(visibility ->> field, 'members')
		when 'public' then true
		when 'members' then role is not null
		else coalesce(role in ('owner', 'editor'), false)
	end
$$;

grant execute on function public.contact_readable(jsonb, text, text)
	to anon, authenticated, service_role;

create function public.actor_contacts(t uuid, one_actor uuid default null)
returns table (
	actor_id uuid,
	territory_id uuid,
	email text,
	phone text,
	contact_name text,
	overrides jsonb,
	provenance jsonb,
	address text
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
		case when public.contact_readable(a.contact_visibility, 'email', x.role) then a.email end,
		case when public.contact_readable(a.contact_visibility, 'phone', x.role) then a.phone end,
		case when public.contact_readable(a.contact_visibility, 'contact_name', x.role)
			then a.contact_name end,
		-- Owners and editors get the hand-set values; others only which fields were set by hand.
		case
			when x.role in ('owner', 'editor') or a.overrides = '{}'::jsonb then a.overrides
			else (
				select coalesce(jsonb_object_agg(k, null), '{}'::jsonb)
				from jsonb_object_keys(a.overrides) k
			)
		end,
		-- Provenance without the contact fields the caller may not read.
		case
			when x.role in ('owner', 'editor') then a.provenance
			else a.provenance - array(
				select f
				from unnest(array['email', 'phone', 'address', 'contact_name']) f
				where not public.contact_readable(a.contact_visibility, f, x.role)
			)
		end,
		case when public.contact_readable(a.contact_visibility, 'address', x.role) then a.address end
	from public.actor a, x
	where a.territory_id = t
		and (one_actor is null or a.id = one_actor)
		-- The actor's own read rule (actor_select): members of its territory, anyone on a public one.
		and (x.role is not null or x.is_public)
$$;

revoke all on function public.actor_contacts(uuid, uuid) from public;
grant execute on function public.actor_contacts(uuid, uuid) to anon, authenticated, service_role;

create view public.actor_contact with (security_barrier = true) as
select c.*
from public.territory t
cross join lateral public.actor_contacts(t.id) c;

comment on view public.actor_contact is
	'An actor''s contact values and provenance, each given only to whom its visibility allows (see migrations 20261126090000, 20261127140000).';

revoke all on public.actor_contact from public;
grant select on public.actor_contact to anon, authenticated, service_role;

revoke select (provenance, address) on public.actor from anon, authenticated;

-- Each actor's address, to whom its mark allows: the read rule of actor_select (members of its
-- territory, anyone on a public one) and the caller's role from one membership lookup, in a view
-- the planner inlines. It runs as its owner (who may read the column), so it must apply both
-- rules itself.
create view public.actor_address with (security_barrier = true) as
select
	a.id as actor_id,
	a.territory_id,
	case when public.contact_readable(a.contact_visibility, 'address', m.role) then a.address end
		as address
from public.actor a
left join public.membership m on m.territory_id = a.territory_id and m.user_id = auth.uid()
where m.user_id is not null
	or a.territory_id in (select public.public_territory_ids());

comment on view public.actor_address is
	'An actor''s address, given only to whom its visibility allows (migration 20261127140000).';

revoke all on public.actor_address from public;
grant select on public.actor_address to anon, authenticated, service_role;
