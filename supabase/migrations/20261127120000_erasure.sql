-- « A demandé à ne pas figurer » : RGPD erasure of an actor, and the suppression list that keeps
-- it out of later imports (#8).
--
-- Erasing an actor removes it from the census with everything that holds its personal data: its
-- rows in every listing (source_record; the review pairs and decisions naming them go with them
-- by cascade), the snapshots of actors a merge folded into it (absorbed_actor), its event
-- registrations, links and offers (cascade from actor). Its history entries stay, their detail
-- replaced by {"erased": true}: the history says that something was erased, not what. One `erase`
-- entry records the erasure itself, without any value.
--
-- What is kept is a `suppression` row: the match keys of the erased rows (see
-- src/lib/domain/census/suppression-keys.ts: the row itself, emails, phones, SIRET, RNA, name
-- with its commune), each as sha256(salt || key), the salt being the territory's own, random,
-- and readable by nobody but these functions (maillage_private). No name, address or number is
-- stored, and the hashes cannot be tried against a guessed phone number without the salt. Every
-- import asks `maillage_app.suppressed_keys` which of its rows' keys are listed and drops those
-- rows before they become records (src/lib/server/census/suppression.ts).
--
-- The keys are computed by the app (the census engine's normalisation is TypeScript: phone
-- numbers to E.164, names without legal form, communes resolved to INSEE codes) and passed in;
-- the hashing, the deletions and the scrubbing of the history happen here, in one transaction,
-- as a security definer function: the API roles may not update census_history (append-only since
-- 20261127110000), and the deletions must not be logged as `edit`s carrying the values they
-- remove (actor_log_change logs deletions made by the API roles).
--
-- Hashing uses the built-in sha256() (Postgres 11+) and gen_random_uuid() for the salt: no
-- pgcrypto, which the embedded database does not load.

-- Salts ----------------------------------------------------------------------------------------
create table maillage_private.suppression_salt (
	territory_id uuid primary key references public.territory (id) on delete cascade,
	salt bytea not null check (length(salt) >= 16)
);
alter table maillage_private.suppression_salt enable row level security;
revoke all on maillage_private.suppression_salt from public, anon, authenticated;

-- The suppression list --------------------------------------------------------------------------
create table public.suppression (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	-- hex sha256(salt || key) of each match key; never a readable value
	keys text[] not null check (
		cardinality(keys) > 0 and array_to_string(keys, ',') ~ '^[0-9a-f]{64}(,[0-9a-f]{64})*$'
	),
	-- why, in a word that names nobody
	reason text not null default 'rgpd' check (reason in ('rgpd', 'other')),
	created_by uuid default auth.uid() references auth.users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index suppression_territory_id_idx on public.suppression (territory_id);

comment on table public.suppression is
	'Salted hashes of the match keys of erased actors (RGPD): imports drop the rows carrying one.';

alter table public.suppression enable row level security;

create policy suppression_select on public.suppression for select
using (public.has_territory_role(territory_id, array['owner', 'editor']));

-- No insert, update or delete for the API roles: entries are written by
-- maillage_app.erase_actor only (the salt is not theirs to know), and removing one would bring the
-- person back at the next import without a trace in the history.
revoke all on public.suppression from public, anon, authenticated;
grant select on public.suppression to authenticated;
grant all on public.suppression to service_role;

-- History: the `erase` action (also added, with `visibility`, by 20261127130000) -----------------
alter table public.census_history drop constraint census_history_action_check;
alter table public.census_history add constraint census_history_action_check check (
	action in (
		'import', 'merge', 'absorb', 'restore', 'unmerge', 'decision', 'override', 'place', 'edit',
		'erase'
	)
);

-- Hashing ----------------------------------------------------------------------------------------
-- The territory's salt, created on first use. Not granted to anybody: only the functions below.
create function maillage_app.suppression_salt(t uuid, create_missing boolean) returns bytea
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	s bytea;
begin
	select x.salt into s from maillage_private.suppression_salt x where x.territory_id = t;
	if s is null and create_missing then
		-- gen_random_uuid() draws from the server's strong random source: 2 × 122 random bits.
		insert into maillage_private.suppression_salt (territory_id, salt)
		values (
			t,
			decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
		)
		on conflict (territory_id) do nothing;
		select x.salt into s from maillage_private.suppression_salt x where x.territory_id = t;
	end if;
	return s;
end
$$;
revoke all on function maillage_app.suppression_salt(uuid, boolean) from public;

-- Which of these keys (as the app computed them) are on the territory's suppression list. For the
-- people who import (owners, editors); others get an error, not an empty answer, so that no code
-- path imports unfiltered by mistake.
create function maillage_app.suppressed_keys(t uuid, match_keys text[]) returns setof text
language plpgsql stable security definer
set search_path = ''
as $$
declare
	s bytea;
begin
	if not public.has_territory_role(t, array['owner', 'editor']) then
		raise exception 'Seuls les éditeurs du territoire importent des listes.'
			using errcode = '42501';
	end if;
	select x.salt into s from maillage_private.suppression_salt x where x.territory_id = t;
	if s is null then
		return;
	end if;
	return query
	select distinct k
	  from unnest(match_keys) k
	 where encode(pg_catalog.sha256(s || convert_to(k, 'UTF8')), 'hex') in (
		select unnest(x.keys) from public.suppression x where x.territory_id = t
	 );
end
$$;
revoke all on function maillage_app.suppressed_keys(uuid, text[]) from public;
grant execute on function maillage_app.suppressed_keys(uuid, text[]) to authenticated;

-- Erasure ----------------------------------------------------------------------------------------
-- Erases `target` from territory `t`, keeping `match_keys` (hashed here) on the suppression list.
-- `expected_version` is the census_version the keys were computed on: if the census moved since
-- (an import added rows to this actor), nothing happens and the caller recomputes (40001).
-- Returns { "records": n, "snapshots": n, "keys": n }.
create function maillage_app.erase_actor(
	t uuid,
	target uuid,
	match_keys text[],
	expected_version int
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	v int;
	v_records uuid[];
	v_sources uuid[];
	v_erased uuid[];
	s bytea;
	n_snapshots int;
	n_keys int := 0;
begin
	if not public.has_territory_role(t, array['owner', 'editor']) then
		raise exception 'Seuls les éditeurs du territoire peuvent effacer un acteur.'
			using errcode = '42501';
	end if;
	-- Locks the territory row: concurrent census writes wait, then see the new version.
	update public.territory set census_version = census_version + 1
	 where id = t and census_version = expected_version
	returning census_version into v;
	if v is null then
		raise exception 'census moved since the keys were computed' using errcode = '40001';
	end if;
	if not exists (select 1 from public.actor a where a.territory_id = t and a.id = target) then
		raise exception 'no such actor in this territory' using errcode = 'P0002';
	end if;

	select coalesce(array_agg(r.id), '{}'), coalesce(array_agg(distinct r.source_id), '{}')
	  into v_records, v_sources
	  from public.source_record r
	 where r.territory_id = t and r.actor_id = target;

	-- The actors folded into it (and into those, …), and any snapshot made of its rows.
	with recursive folded(actor_id) as (
		select target
		union
		select a.actor_id
		  from public.absorbed_actor a
		  join folded f on a.absorbed_into = f.actor_id
		 where a.territory_id = t
	)
	select array_agg(distinct x) into v_erased
	  from (
		select f.actor_id as x from folded f
		union
		select a.actor_id from public.absorbed_actor a
		 where a.territory_id = t and a.record_ids && v_records
	  ) ids;

	if cardinality(match_keys) > 0 then
		s := maillage_app.suppression_salt(t, true);
		insert into public.suppression (territory_id, keys, reason, created_by)
		select t, array_agg(distinct encode(pg_catalog.sha256(s || convert_to(k, 'UTF8')), 'hex')),
			'rgpd', auth.uid()
		  from unnest(match_keys) k
		 where k is not null and k <> ''
		having count(*) > 0
		returning cardinality(keys) into n_keys;
	end if;

	delete from public.absorbed_actor a where a.territory_id = t and a.actor_id = any (v_erased);
	get diagnostics n_snapshots = row_count;
	-- review_pair and match_decision rows naming these records go by cascade.
	delete from public.source_record r where r.territory_id = t and r.id = any (v_records);
	-- event_actor, link and offer rows go by cascade; a place it ran keeps no runner.
	delete from public.actor a where a.territory_id = t and a.id = target;
	update public.source src
	   set record_count = (select count(*) from public.source_record r
	                        where r.territory_id = t and r.source_id = src.id)
	 where src.territory_id = t and src.id = any (v_sources);

	update public.census_history h
	   set detail = '{"erased": true}'::jsonb
	 where h.territory_id = t and h.actor_id = any (v_erased);

	perform maillage_app.write_history(
		t,
		jsonb_build_array(jsonb_build_object(
			'actor_id', target,
			'action', 'erase',
			'detail', jsonb_build_object(
				'erased', true,
				'records', cardinality(v_records),
				'listings', cardinality(v_sources)
			)
		))
	);
	return jsonb_build_object(
		'records', cardinality(v_records),
		'snapshots', n_snapshots,
		'keys', n_keys
	);
end
$$;
revoke all on function maillage_app.erase_actor(uuid, uuid, text[], int) from public;
grant execute on function maillage_app.erase_actor(uuid, uuid, text[], int) to authenticated;
