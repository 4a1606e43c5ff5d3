-- The census history is written by the database, not by its callers (#8, gap G3).
--
-- Until now owners and editors had INSERT on census_history: through PostgREST an editor could
-- write history that no change produced (any action, any detail). Now:
-- - the API roles lose INSERT on census_history; rows come only from
--   `maillage_app.write_history(territory, entries)`, a security definer function that
--   checks the caller is an owner or editor of the territory and signs every row with
--   auth.uid() and now(). `maillage_app` (new) is not a schema PostgREST serves (Supabase exposes
--   `public` and `graphql_public`), so the function is reachable from the app's SQL and from the
--   triggers below, not from the HTTP API;
-- - a change made to `actor` outside the app (supabase-js, PostgREST, SQL as an API role) is
--   logged by a trigger as an `edit`: which fields, their values before and after, who, when.
--   The app's own census writes log their meaning themselves (import, merge, override…) and say
--   so with the transaction setting `maillage.writer = 'app'` (src/lib/server/db), which a
--   PostgREST request cannot set. The service role and the table owner (demo seed, maintenance)
--   are not logged: they are not API callers.

alter table public.census_history drop constraint census_history_action_check;
alter table public.census_history add constraint census_history_action_check check (
	action in (
		'import', 'merge', 'absorb', 'restore', 'unmerge', 'decision', 'override', 'place', 'edit'
	)
);

drop policy census_history_insert on public.census_history;
revoke insert on public.census_history from anon, authenticated;
revoke usage on sequence public.census_history_id_seq from authenticated;

-- Functions the app's SQL and the triggers call, not served over HTTP (maillage_private stays
-- closed to the API roles: it holds settings).
create schema maillage_app;
revoke all on schema maillage_app from public;
grant usage on schema maillage_app to authenticated, service_role;

-- entries: [{ "actor_id": uuid | null, "action": text, "detail": {…} }, …]
create function maillage_app.write_history(t uuid, entries jsonb) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
	if not public.has_territory_role(t, array['owner', 'editor']) then
		raise exception 'Seuls les éditeurs du territoire écrivent son historique.'
			using errcode = '42501';
	end if;
	insert into public.census_history (territory_id, actor_id, action, detail, done_by, done_at)
	select t, x.actor_id, x.action, coalesce(x.detail, '{}'::jsonb), auth.uid(), now()
	from jsonb_to_recordset(entries) as x(actor_id uuid, action text, detail jsonb);
end
$$;

revoke all on function maillage_app.write_history(uuid, jsonb) from public;
grant execute on function maillage_app.write_history(uuid, jsonb) to authenticated;

-- The columns an edit is about (not the bookkeeping ones: updated_at, the generated flags).
create function maillage_app.actor_fields(a public.actor) returns jsonb
language sql immutable
set search_path = ''
as $$
	select to_jsonb(a) - array['id', 'territory_id', 'created_at', 'updated_at', 'has_email',
		'has_phone']
$$;

create function maillage_app.log_actor_change() returns trigger
language plpgsql
set search_path = ''
as $$
declare
	before jsonb;
	after jsonb;
	changed jsonb;
	t uuid;
	id uuid;
begin
	-- Only signed-in API callers' own statements (anon writes no actor): the app logs its writes
	-- itself; the service role and the owner (seeds, maintenance, cascades from a deleted
	-- territory) are not API callers. The trigger's WHEN says the same, this is a second guard.
	if current_user <> 'authenticated'
		or current_setting('maillage.writer', true) is not distinct from 'app' then
		return null;
	end if;
	if tg_op <> 'INSERT' then
		before := maillage_app.actor_fields(old);
		t := old.territory_id;
		id := old.id;
	end if;
	if tg_op <> 'DELETE' then
		after := maillage_app.actor_fields(new);
		t := new.territory_id;
		id := new.id;
	end if;
	select coalesce(jsonb_object_agg(k, jsonb_build_object('before', before -> k, 'after', after -> k)),
			'{}'::jsonb)
		into changed
	from (
		select k from jsonb_object_keys(coalesce(before, '{}'::jsonb) || coalesce(after, '{}'::jsonb)) k
	) keys
	where (before -> k) is distinct from (after -> k);
	if changed = '{}'::jsonb then
		return null;
	end if;
	perform maillage_app.write_history(
		t,
		jsonb_build_array(jsonb_build_object(
			'actor_id', id,
			'action', 'edit',
			'detail', jsonb_build_object('op', lower(tg_op), 'fields', changed)
		))
	);
	return null;
end
$$;

revoke all on function maillage_app.log_actor_change() from public;
grant execute on function maillage_app.log_actor_change() to authenticated;

-- The condition is checked before any PL/pgSQL runs, so the app's bulk writes (an import of
-- 100k actors) pay for one comparison per row, not a function call.
create trigger actor_log_change
after insert or update or delete on public.actor
for each row
when (
	current_user = 'authenticated'
	and current_setting('maillage.writer', true) is distinct from 'app'
)
execute function maillage_app.log_actor_change();

-- Who did it: the email of each author of the territory's history, for its owners and editors
-- (auth.users is not readable by the API roles). An author who left the territory keeps a name in
-- its history; an account deleted since gives no row (done_by became null).
create function maillage_app.history_authors(t uuid)
returns table (user_id uuid, email text)
language sql stable security definer
set search_path = ''
as $$
	select u.id, u.email::text
	from auth.users u
	where public.has_territory_role(t, array['owner', 'editor'])
		and u.id in (select h.done_by from public.census_history h where h.territory_id = t)
$$;

revoke all on function maillage_app.history_authors(uuid) from public;
grant execute on function maillage_app.history_authors(uuid) to authenticated;
