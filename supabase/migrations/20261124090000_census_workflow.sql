-- Census workflow (#4): what the import wizard, the review queue and unmerge need.
--
-- The census is rebuilt by the engine (src/lib/domain/census) from every source_record of a
-- territory plus the human decisions; src/lib/server/census writes the result in one transaction.
-- `territory.census_version` is bumped by each write so a rebuild computed on stale rows is
-- retried instead of overwriting a concurrent one.

alter table public.territory add column census_version int not null default 0;

alter table public.source
	-- listings are ranked by creation (imported_at moves with each re-import)
	add column created_at timestamptz not null default now(),
	add column record_count int not null default 0,
	-- what the last import of this listing did: counts new/changed/unchanged/gone, rejected rows
	add column last_import jsonb;

-- Identity of a row across versions of its listing (identifier column, SIRET, RNA, or folded
-- name + commune): a re-import tells "changed" from "new" by it.
alter table public.source_record add column row_key text;
create index source_record_source_key_idx
	on public.source_record (territory_id, source_id, row_key);

-- The pairs the engine left for a person, strongest first; replaced by every rebuild.
create table public.review_pair (
	territory_id uuid not null references public.territory (id) on delete cascade,
	record_a uuid not null,
	record_b uuid not null,
	score real not null,
	-- [{ field, a, b, similarity, weight }] as the engine explains the pair
	comparisons jsonb not null default '[]',
	primary key (territory_id, record_a, record_b),
	check (record_a <> record_b),
	foreign key (territory_id, record_a) references public.source_record (territory_id, id)
		on delete cascade,
	foreign key (territory_id, record_b) references public.source_record (territory_id, id)
		on delete cascade
);

-- An actor that a merge folded into another: its row and the references that were moved, kept so
-- that an unmerge giving back exactly its records brings it back as it was (same id, same links).
create table public.absorbed_actor (
	territory_id uuid not null references public.territory (id) on delete cascade,
	actor_id uuid not null,
	-- sorted, so a cluster of records can be looked up by equality
	record_ids uuid[] not null,
	snapshot jsonb not null,
	refs jsonb not null default '{}',
	absorbed_into uuid,
	absorbed_at timestamptz not null default now(),
	primary key (territory_id, actor_id)
);

-- Who changed what in the census, and when. Append-only for the API roles.
create table public.census_history (
	id bigint generated always as identity primary key,
	territory_id uuid not null references public.territory (id) on delete cascade,
	-- no foreign key: the history of an actor outlives a merge that removed it
	actor_id uuid,
	action text not null check (
		action in ('import', 'merge', 'absorb', 'restore', 'unmerge', 'decision', 'override', 'place')
	),
	detail jsonb not null default '{}',
	done_by uuid default auth.uid() references auth.users (id) on delete set null,
	done_at timestamptz not null default now()
);
create index census_history_actor_idx on public.census_history (territory_id, actor_id, done_at);

alter table public.review_pair enable row level security;
alter table public.absorbed_actor enable row level security;
alter table public.census_history enable row level security;

-- Raw rows side by side, snapshots and history are for the people who maintain the census.
do $$
declare
	t text;
begin
	foreach t in array array['review_pair', 'absorbed_actor', 'census_history'] loop
		execute format(
			'create policy %1$s_select on public.%1$I for select
			using (public.has_territory_role(territory_id, array[''owner'', ''editor'']))',
			t
		);
		execute format(
			'create policy %1$s_insert on public.%1$I for insert
			with check (public.has_territory_role(territory_id, array[''owner'', ''editor'']))',
			t
		);
	end loop;
	foreach t in array array['review_pair', 'absorbed_actor'] loop
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

grant select, insert, update, delete on public.review_pair, public.absorbed_actor
	to anon, authenticated;
grant select, insert on public.census_history to anon, authenticated;
grant all on public.review_pair, public.absorbed_actor, public.census_history to service_role;
grant usage on sequence public.census_history_id_seq to authenticated, service_role;

-- Editors may not update `territory` (owners only), but every census write bumps its version:
-- a narrow definer function does that one thing, and only when the caller's version is current.
create function public.bump_census_version(t uuid, expected int) returns int
language plpgsql
security definer
set search_path = ''
as $$
declare
	v int;
begin
	if not public.has_territory_role(t, array['owner', 'editor']) then
		raise exception 'not an editor of this territory' using errcode = '42501';
	end if;
	update public.territory set census_version = census_version + 1
	 where id = t and census_version = expected
	returning census_version into v;
	return v;
end
$$;
revoke all on function public.bump_census_version(uuid, int) from public;
grant execute on function public.bump_census_version(uuid, int) to authenticated, service_role;
