-- Territory settings, invitations and the last owner (#8, accounts).
--
-- 1. A new territory's data is published under CC BY-SA 4.0 unless its owners choose otherwise
--    (`territory.licence` holds an SPDX identifier, see src/lib/domain/export/licence.ts).
--    Existing territories keep the licence they have.
-- 2. `invitation`: an owner invites an email address to the territory with a role. The owners of
--    the territory see, add and cancel its invitations; nobody else sees any (not even the person
--    invited: addresses of people who may never sign up are personal data). Nobody updates one
--    through the API: `accept_invitations()` marks them accepted.
-- 3. `accept_invitations()`: called by the app after each sign-in. For the caller's verified email
--    it turns every pending invitation into a membership and marks it accepted. An invitation
--    never lowers a role the person already holds: accepting "viewer" keeps an editor an editor,
--    accepting "editor" makes a viewer an editor (an owner who wants to lower a role does it on
--    the members list, where the change is visible).
-- 4. A territory keeps at least one owner: a membership change by an API role that would remove
--    or demote its last owner is refused (42501, with a sentence a person can act on). Deleting
--    the territory itself, and the service role or table owner (maintenance, an auth user
--    deleted from the Supabase dashboard), are not held back.
-- 5. `territory_members(t)`: the members of a territory with their email (auth.users is not
--    readable by the API roles), for its owners only.

-- 1 ------------------------------------------------------------------------------------------
alter table public.territory alter column licence set default 'CC-BY-SA-4.0';

-- 2 ------------------------------------------------------------------------------------------
create table public.invitation (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	-- Stored lower-cased and trimmed, so one address is one invitation (citext is not available
	-- in every database Maillage runs on).
	email text not null check (
		email = lower(btrim(email)) and email ~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$'
		and length(email) <= 320
	),
	role text not null check (role in ('owner', 'editor', 'member', 'viewer')),
	invited_by uuid default auth.uid() references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	accepted_at timestamptz,
	accepted_by uuid references auth.users (id) on delete set null
);
-- One pending invitation per address and territory; accepted ones stay as a record.
create unique index invitation_pending_key
	on public.invitation (territory_id, email) where accepted_at is null;
create index invitation_email_idx on public.invitation (email) where accepted_at is null;

alter table public.invitation enable row level security;

create policy invitation_select on public.invitation for select
using (public.has_territory_role(territory_id, array['owner']));

-- Authorship as in 20261126100000 (G4): the inviting owner is the caller, and an invitation is
-- created pending.
create policy invitation_insert on public.invitation for insert
with check (
	public.has_territory_role(territory_id, array['owner'])
	and invited_by = auth.uid()
	and accepted_at is null
	and accepted_by is null
);

create policy invitation_delete on public.invitation for delete
using (public.has_territory_role(territory_id, array['owner']));

-- On Supabase, default privileges hand every new table to anon and authenticated: take it back.
revoke all on public.invitation from public, anon, authenticated;
grant select, insert, delete on public.invitation to authenticated;
grant all on public.invitation to service_role;

-- 3 ------------------------------------------------------------------------------------------
create function public.accept_invitations()
returns table (territory_id uuid, slug text, name text, role text)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	uid uuid := auth.uid();
	mail text := lower(btrim(auth.jwt() ->> 'email'));
	account jsonb;
	inv record;
	accepted uuid[] := '{}';
begin
	if uid is null or coalesce(mail, '') = '' then
		return;
	end if;
	-- The address must be the account's, and confirmed: Supabase's auth.users records when
	-- (`email_confirmed_at`); a sign-up whose address is not confirmed yet gets nothing. The
	-- embedded mode's auth.users has no such column: its one operator is this computer's user.
	select to_jsonb(u) into account from auth.users u where u.id = uid;
	if account is null or lower(btrim(account ->> 'email')) is distinct from mail then
		return;
	end if;
	if account ? 'email_confirmed_at' and account ->> 'email_confirmed_at' is null then
		return;
	end if;

	for inv in
		select i.id, i.territory_id, i.role
		  from public.invitation i
		 where i.email = mail and i.accepted_at is null
		 order by i.created_at
		   for update
	loop
		insert into public.membership as m (territory_id, user_id, role)
		values (inv.territory_id, uid, inv.role)
		on conflict on constraint membership_pkey do update set role = excluded.role
		 where array_position(array['viewer', 'member', 'editor', 'owner'], m.role)
		     < array_position(array['viewer', 'member', 'editor', 'owner'], excluded.role);
		update public.invitation
		   set accepted_at = now(), accepted_by = uid
		 where id = inv.id;
		accepted := accepted || inv.territory_id;
	end loop;

	return query
	select t.id, t.slug, t.name, m.role
	  from public.territory t
	  join public.membership m on m.territory_id = t.id and m.user_id = uid
	 where t.id = any (accepted)
	 order by t.name;
end
$$;

comment on function public.accept_invitations() is
	'Turns the pending invitations of the caller''s confirmed email into memberships (never lowering a role); returns the territories joined.';

revoke all on function public.accept_invitations() from public, anon;
grant execute on function public.accept_invitations() to authenticated, service_role;

-- 4 ------------------------------------------------------------------------------------------
-- Security definer: it counts every owner of the territory, whatever the caller may read, and
-- locks the territory row so that two owners demoting each other at the same moment cannot both
-- succeed. Volatile: each query sees what a concurrent transaction committed while it waited.
create function maillage_private.keep_last_owner() returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
begin
	if old.role <> 'owner'
		or (tg_op = 'UPDATE' and new.role = 'owner' and new.territory_id = old.territory_id) then
		return coalesce(new, old);
	end if;
	-- The territory itself is being deleted (its memberships go with it): nothing to keep.
	perform 1 from public.territory t where t.id = old.territory_id for update;
	if not found then
		return coalesce(new, old);
	end if;
	if not exists (
		select 1 from public.membership m
		 where m.territory_id = old.territory_id and m.role = 'owner' and m.user_id <> old.user_id
	) then
		raise exception 'Un territoire garde au moins un propriétaire : nommez d’abord un autre propriétaire, puis retirez ou changez celui-ci.'
			using errcode = '42501',
				hint = 'last_owner';
	end if;
	return coalesce(new, old);
end
$$;

revoke all on function maillage_private.keep_last_owner() from public;
grant execute on function maillage_private.keep_last_owner() to anon, authenticated;

-- The condition is checked in the caller's context (current_user is the API role there, not the
-- function's owner): only the API roles' own statements are guarded. A cascade from a deleted
-- territory runs as the table owner.
create trigger membership_keep_last_owner
before update or delete on public.membership
for each row
when (current_user in ('anon', 'authenticated') and old.role = 'owner')
execute function maillage_private.keep_last_owner();

-- 5 ------------------------------------------------------------------------------------------
create function public.territory_members(t uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
	select m.user_id, u.email::text, m.role, m.created_at
	  from public.membership m
	  left join auth.users u on u.id = m.user_id
	 where m.territory_id = t
	   and public.has_territory_role(t, array['owner'])
	 order by array_position(array['owner', 'editor', 'member', 'viewer'], m.role), u.email
$$;

comment on function public.territory_members(uuid) is
	'The members of territory t with their email, for its owners; nothing for anybody else.';

revoke all on function public.territory_members(uuid) from public, anon;
grant execute on function public.territory_members(uuid) to authenticated, service_role;
