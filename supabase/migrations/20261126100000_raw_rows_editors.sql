-- Raw rows for the people who maintain the census, and authorship that cannot be forged (#8, gaps
-- G2 and G4 of docs/security-matrix.md).
--
-- G2. `source_record.raw` is the imported row exactly as read: every column of the file, personal
-- emails and phones included, whatever the merged actor's contact_visibility says. Like
-- review_pair (the same rows side by side), it is now readable by owners and editors only.
-- What members (and viewers) still need from it is which listing row went into which actor:
-- `public.source_record_links(t)` gives them exactly that (ids, listing, row number, actor, gone),
-- never a value of the row. The actor's provenance already names these ids and listings.
--
-- G4. source.imported_by, match_decision.decided_by and census_history.done_by default to
-- auth.uid(); a caller could still name someone else. Every insert the app makes as a user leaves
-- the default or writes auth.uid() itself (src/lib/server/census: import.ts, service.ts), so the
-- insert policies now require `<column> = auth.uid()`, as territory_insert does for created_by.
-- Updates keep the column unless the caller writes its own id (a re-import or a re-decision
-- credits the person who made it): a trigger, since a policy cannot compare with the old row.
-- The service role and the table owner (demo seed, maintenance) bypass row level security and
-- are not API callers: the trigger lets them through.

-- G2 ------------------------------------------------------------------------------------------
drop policy source_record_select on public.source_record;

create policy source_record_select on public.source_record for select
using (public.has_territory_role(territory_id, array['owner', 'editor']));

-- Which row of which listing went into which actor, for any member of the territory (viewer
-- included); nothing for anybody else. No raw, normalised, geocode or row_key (built from the
-- row's values). Security definer: it reads past source_record's editors-only policy, so it checks
-- membership itself.
create function public.source_record_links(t uuid)
returns table (
	id uuid, territory_id uuid, source_id uuid, row_number int, actor_id uuid, gone boolean
)
language sql stable security definer
set search_path = ''
as $$
	select r.id, r.territory_id, r.source_id, r.row_number, r.actor_id, r.gone
	  from public.source_record r
	 where r.territory_id = t
	   and t in (select public.my_territory_ids())
$$;

comment on function public.source_record_links(uuid) is
	'Rows of the listings of territory t (ids, listing, row number, actor, gone; no values), for its members.';

-- Callable by anon too, on purpose: like a table under RLS it answers a visitor with no rows
-- rather than an error, so a query serving members and visitors alike (a public territory's
-- actor page) can use it as it used source_record.
revoke all on function public.source_record_links(uuid) from public;
grant execute on function public.source_record_links(uuid) to anon, authenticated, service_role;

-- G4 ------------------------------------------------------------------------------------------
drop policy source_insert on public.source;
create policy source_insert on public.source for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and imported_by = auth.uid()
);

drop policy match_decision_insert on public.match_decision;
create policy match_decision_insert on public.match_decision for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and decided_by = auth.uid()
);

drop policy census_history_insert on public.census_history;
create policy census_history_insert on public.census_history for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and done_by = auth.uid()
);

-- On update by an API role, the author column keeps its value or becomes the caller: anything
-- else is refused (42501, as a policy refusal is), so a forged author is seen, not silently
-- dropped. TG_ARGV[0] names the column.
create function public.keep_author() returns trigger
language plpgsql
set search_path = ''
as $$
declare
	before_id uuid := to_jsonb(old) ->> tg_argv[0];
	after_id uuid := to_jsonb(new) ->> tg_argv[0];
begin
	if current_user in ('anon', 'authenticated')
		and after_id is distinct from before_id
		and after_id is distinct from auth.uid()
	then
		raise exception '%.% names its author: only the caller may put itself there',
			tg_table_name, tg_argv[0]
			using errcode = '42501';
	end if;
	return new;
end
$$;

create trigger source_keep_author
before update of imported_by on public.source
for each row execute function public.keep_author('imported_by');

create trigger match_decision_keep_author
before update of decided_by on public.match_decision
for each row execute function public.keep_author('decided_by');

create trigger census_history_keep_author
before update of done_by on public.census_history
for each row execute function public.keep_author('done_by');
