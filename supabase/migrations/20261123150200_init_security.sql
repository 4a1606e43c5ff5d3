-- Row level security: written once here, enforced for the embedded operator and for Supabase
-- users alike. Every query a user triggers runs as `anon` or `authenticated` with the JWT claims
-- in request.jwt.claims (see src/lib/server/db/types.ts).
--
-- The helper functions are security definer so that policies can read `membership` without
-- recursing into membership's own policies; they run with an empty search_path.
--
-- Known gap (later issue): on a public territory, anon reads whole actor rows, including email
-- and phone. actor.contact_visibility must be enforced by a view or column grants before real
-- contact data is published.

create function public.territory_role(t uuid) returns text
language sql stable security definer
set search_path = ''
as $$
	select m.role from public.membership m where m.territory_id = t and m.user_id = auth.uid()
$$;

create function public.has_territory_role(t uuid, roles text[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
	select coalesce(public.territory_role(t) = any (roles), false)
$$;

-- Set-returning forms, used as `territory_id in (select …)`: evaluated once per statement
-- instead of once per row, which matters when a policy filters 100k actors.
create function public.my_territory_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
	select m.territory_id from public.membership m where m.user_id = auth.uid()
$$;

create function public.public_territory_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
	select t.id from public.territory t where t.visibility = 'public'
$$;

-- The creator of a territory becomes its owner; without this nobody could manage its members.
create function public.territory_add_creator() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if auth.uid() is not null then
		insert into public.membership (territory_id, user_id, role)
		values (new.id, auth.uid(), 'owner')
		on conflict (territory_id, user_id) do update set role = 'owner';
	end if;
	return new;
end
$$;

create trigger territory_add_creator
after insert on public.territory
for each row execute function public.territory_add_creator();

alter table public.territory enable row level security;
alter table public.membership enable row level security;
alter table public.source enable row level security;
alter table public.source_record enable row level security;
alter table public.actor enable row level security;
alter table public.match_decision enable row level security;
alter table public.place enable row level security;
alter table public.event enable row level security;
alter table public.event_actor enable row level security;
alter table public.offer enable row level security;
alter table public.link enable row level security;

-- territory -------------------------------------------------------------------------------------
-- The creator clause lets `insert … returning` succeed: RETURNING is checked against the select
-- policy before the after-insert trigger has made the creator a member.
create policy territory_select on public.territory for select
using (
	visibility = 'public'
	or id in (select public.my_territory_ids())
	or (created_by is not null and created_by = auth.uid())
);

create policy territory_insert on public.territory for insert to authenticated
with check (auth.uid() is not null and created_by = auth.uid());

create policy territory_update on public.territory for update
using (public.has_territory_role(id, array['owner']))
with check (public.has_territory_role(id, array['owner']));

create policy territory_delete on public.territory for delete
using (public.has_territory_role(id, array['owner']));

-- membership ------------------------------------------------------------------------------------
create policy membership_select on public.membership for select
using (territory_id in (select public.my_territory_ids()));

create policy membership_insert on public.membership for insert
with check (public.has_territory_role(territory_id, array['owner']));

create policy membership_update on public.membership for update
using (public.has_territory_role(territory_id, array['owner']))
with check (public.has_territory_role(territory_id, array['owner']));

create policy membership_delete on public.membership for delete
using (public.has_territory_role(territory_id, array['owner']));

-- census tables ---------------------------------------------------------------------------------
-- Read: any member. Actors and places of a public territory: everybody. Events of a public
-- territory: everybody, but only those marked public.
-- Write: owners and editors.
do $$
declare
	t text;
begin
	foreach t in array array[
		'source', 'source_record', 'actor', 'match_decision', 'place', 'event',
		'event_actor', 'offer', 'link'
	] loop
		execute format(
			'create policy %1$s_insert on public.%1$I for insert
			with check (public.has_territory_role(territory_id, array[''owner'', ''editor'']))',
			t
		);
		execute format(
			'create policy %1$s_update on public.%1$I for update
			using (public.has_territory_role(territory_id, array[''owner'', ''editor'']))
			with check (public.has_territory_role(territory_id, array[''owner'', ''editor'']))',
			t
		);
		execute format(
			'create policy %1$s_delete on public.%1$I for delete
			using (public.has_territory_role(territory_id, array[''owner'', ''editor'']))',
			t
		);
	end loop;
end
$$;

create policy source_select on public.source for select
using (territory_id in (select public.my_territory_ids()));

create policy source_record_select on public.source_record for select
using (territory_id in (select public.my_territory_ids()));

create policy match_decision_select on public.match_decision for select
using (territory_id in (select public.my_territory_ids()));

create policy event_actor_select on public.event_actor for select
using (territory_id in (select public.my_territory_ids()));

create policy offer_select on public.offer for select
using (territory_id in (select public.my_territory_ids()));

create policy link_select on public.link for select
using (territory_id in (select public.my_territory_ids()));

create policy actor_select on public.actor for select
using (
	territory_id in (select public.my_territory_ids())
	or territory_id in (select public.public_territory_ids())
);

create policy place_select on public.place for select
using (
	territory_id in (select public.my_territory_ids())
	or territory_id in (select public.public_territory_ids())
);

create policy event_select on public.event for select
using (
	territory_id in (select public.my_territory_ids())
	or (visibility = 'public' and territory_id in (select public.public_territory_ids()))
);

-- Grants, as a Supabase project has them: the API roles may touch every table and RLS decides
-- which rows. TRUNCATE is left out on purpose: it ignores RLS.
grant usage on schema public to anon, authenticated, service_role;
grant select, insert, update, delete on all tables in schema public to anon, authenticated;
grant all on all tables in schema public to service_role;

grant execute on function public.territory_role(uuid) to anon, authenticated, service_role;
grant execute on function public.has_territory_role(uuid, text[]) to anon, authenticated, service_role;
grant execute on function public.my_territory_ids() to anon, authenticated, service_role;
grant execute on function public.public_territory_ids() to anon, authenticated, service_role;

-- Private settings of the instance (e.g. 'demo' → "loaded" | "declined", see
-- src/lib/server/demo/first-start.ts). Outside `public`, so never exposed through the API: no
-- grant to anon or authenticated, and RLS on without policies as a second lock. Only the
-- connection's own (owner) role reads and writes it.
create schema if not exists maillage_private;
revoke all on schema maillage_private from public;

create table maillage_private.settings (
	key text primary key,
	value jsonb not null,
	updated_at timestamptz not null default now()
);
alter table maillage_private.settings enable row level security;
revoke all on maillage_private.settings from public, anon, authenticated;
