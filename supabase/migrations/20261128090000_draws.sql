-- Random draws of volunteers (#9). The algorithm lives in src/lib/domain/draw/ (pure TypeScript,
-- documented there): the database keeps its inputs — the rules and the seed's source (where the
-- seed will be read, e.g. « Loto du 1er décembre »), announced when the call opens; the pool,
-- frozen when it is closed; the seed's value, read from its source after the pool was closed and
-- entered when the draw is run; the answers, appended in order — so that anyone in the territory
-- can replay the draw and its replacements and get the same result. Nobody can steer the draw:
-- while the pool can change, the seed is not known yet; once it is known, the pool is frozen.
--
-- Read: every member of the territory (the result and its audit trail are public within it).
-- Write: owners and editors open calls, close pools, run draws and record answers; members also
-- volunteer actors while a call is open. Closing, running and answering go through the app only
-- (`maillage.writer = app`, which PostgREST cannot set: the app replays the draw before it
-- writes); dates are the database's. A closed call is never deleted, a run draw never changed,
-- and its answers are append-only.

create table public.draw (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	title text not null check (length(btrim(title)) between 1 and 200),
	description text check (description is null or length(description) <= 4000),
	period_start date,
	period_end date check (period_end is null or period_start is null or period_end >= period_start),
	group_count int not null check (group_count >= 1),
	group_size int not null check (group_size >= 1),
	mix_worlds boolean not null default false,
	mix_communes boolean not null default false,
	-- Where the seed will be read, announced when the call opens (e.g. « Loto du 1er décembre
	-- 2026, les cinq numéros »): a number published after the pool is closed.
	seed_source text not null check (length(btrim(seed_source)) between 1 and 500),
	-- Days each drawn person has to confirm, from the moment they are drawn.
	confirm_days int not null default 7 check (confirm_days between 1 and 90),
	created_by uuid default auth.uid() references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	-- Set when the pool is closed: the pool as it will be drawn ([{id, name, worlds, commune}]).
	pool_snapshot jsonb check (pool_snapshot is null or jsonb_typeof(pool_snapshot) = 'array'),
	pool_closed_at timestamptz,
	-- Set when the draw is run: the seed's value as read from its source (the text hashed), the
	-- shuffle kept, who ran it and when.
	seed text check (
		seed is null or (length(seed) between 1 and 500 and seed is nfc normalized
			and seed !~ '(^\s|\s$|\s\s|[[:cntrl:]])')
	),
	attempts int check (attempts is null or attempts >= 1),
	drawn_by uuid references auth.users (id) on delete set null,
	drawn_at timestamptz,
	check (group_count * group_size <= 500),
	check ((group_size >= 2) or not (mix_worlds or mix_communes)),
	check ((pool_closed_at is null) = (pool_snapshot is null)),
	check ((drawn_at is null) = (seed is null) and (drawn_at is null) = (attempts is null)),
	check (drawn_at is null or pool_closed_at is not null),
	unique (territory_id, id)
);
create index draw_territory_idx on public.draw (territory_id, created_at desc);

create table public.draw_volunteer (
	territory_id uuid not null references public.territory (id) on delete cascade,
	draw_id uuid not null,
	actor_id uuid not null,
	added_by uuid default auth.uid() references auth.users (id) on delete set null,
	added_at timestamptz not null default now(),
	primary key (territory_id, draw_id, actor_id),
	foreign key (territory_id, draw_id) references public.draw (territory_id, id) on delete cascade,
	foreign key (territory_id, actor_id) references public.actor (territory_id, id)
		on delete cascade
);
create index draw_volunteer_actor_idx on public.draw_volunteer (actor_id);

create table public.draw_answer (
	id bigint generated always as identity primary key,
	territory_id uuid not null references public.territory (id) on delete cascade,
	draw_id uuid not null,
	-- An id of the draw's pool_snapshot (not a foreign key: the snapshot is the record).
	actor_id uuid not null,
	answer text not null check (answer in ('confirmed', 'declined', 'expired')),
	-- The answer's rank in the draw's replay (0, 1, 2…): the order is the database's to keep.
	position int not null check (position >= 0),
	-- What the replay gave when the answer was recorded, kept for the audit trail.
	replacement_id uuid,
	kept_mix boolean,
	answered_by uuid default auth.uid() references auth.users (id) on delete set null,
	answered_at timestamptz not null default now(),
	foreign key (territory_id, draw_id) references public.draw (territory_id, id) on delete cascade,
	unique (territory_id, draw_id, position)
);

alter table public.draw enable row level security;
alter table public.draw_volunteer enable row level security;
alter table public.draw_answer enable row level security;

create policy draw_select on public.draw for select
using (territory_id in (select public.my_territory_ids()));

create policy draw_insert on public.draw for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and created_by = auth.uid()
	and pool_closed_at is null
	and drawn_at is null
);

-- Only a call not yet drawn changes; closing its pool and running it are such changes, made by
-- the app (draw_guard below checks how).
create policy draw_update on public.draw for update
using (public.has_territory_role(territory_id, array['owner', 'editor']) and drawn_at is null)
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and (drawn_by is null or drawn_by = auth.uid())
);

-- A call whose pool is closed stays, drawn or not: its announcement and pool are on record.
create policy draw_delete on public.draw for delete
using (
	public.has_territory_role(territory_id, array['owner', 'editor']) and pool_closed_at is null
);

create function public.draw_is_open(t uuid, d uuid) returns boolean
language sql stable
set search_path = ''
as $$
	select exists (
		select 1 from public.draw where territory_id = t and id = d and pool_closed_at is null
	)
$$;

create function public.draw_is_drawn(t uuid, d uuid) returns boolean
language sql stable
set search_path = ''
as $$
	select exists (select 1 from public.draw where territory_id = t and id = d and drawn_at is not null)
$$;

create policy draw_volunteer_select on public.draw_volunteer for select
using (territory_id in (select public.my_territory_ids()));

-- Members volunteer actors while the call is open; viewers only read.
create policy draw_volunteer_insert on public.draw_volunteer for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor', 'member'])
	and added_by = auth.uid()
	and public.draw_is_open(territory_id, draw_id)
);

-- Withdrawn while the call is open: by editors, or by the member who added it.
create policy draw_volunteer_delete on public.draw_volunteer for delete
using (
	public.draw_is_open(territory_id, draw_id)
	and (
		public.has_territory_role(territory_id, array['owner', 'editor'])
		or (added_by = auth.uid() and public.has_territory_role(territory_id, array['member']))
	)
);

create policy draw_answer_select on public.draw_answer for select
using (territory_id in (select public.my_territory_ids()));

-- Through the app only: it replays the draw to record the replacement and the rank.
create policy draw_answer_insert on public.draw_answer for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and answered_by = auth.uid()
	and public.draw_is_drawn(territory_id, draw_id)
	and current_setting('maillage.writer', true) = 'app'
);

-- No update or delete policy on draw_volunteer and draw_answer: the pool changes by adding and
-- withdrawing, the answers only grow.

create trigger draw_keep_author
before update of created_by on public.draw
for each row execute function public.keep_author('created_by');

-- For the API roles: the announcement (rules, seed source) never changes once made; the pool is
-- closed and the draw run by the app only (it computes them), the pool before the draw; the dates
-- are the database's clock, not the caller's. (The service role and the server's admin
-- connection, which loads the demo, are not held to this.)
create function public.draw_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if current_user not in ('anon', 'authenticated') then
		return new;
	end if;
	if tg_op = 'INSERT' then
		new.created_at := now();
		return new;
	end if;
	if (new.seed_source, new.group_count, new.group_size, new.mix_worlds, new.mix_communes,
		new.confirm_days, new.territory_id, new.created_at)
		is distinct from (old.seed_source, old.group_count, old.group_size, old.mix_worlds,
			old.mix_communes, old.confirm_days, old.territory_id, old.created_at)
	then
		raise exception 'the rules and the seed source of a draw are fixed when its call is announced'
			using errcode = '42501';
	end if;
	if (new.pool_snapshot, new.pool_closed_at, new.seed, new.attempts, new.drawn_by, new.drawn_at)
		is distinct from (old.pool_snapshot, old.pool_closed_at, old.seed, old.attempts,
			old.drawn_by, old.drawn_at)
	then
		if current_setting('maillage.writer', true) is distinct from 'app' then
			raise exception 'a pool is closed and a draw is run through Maillage, which computes them'
				using errcode = '42501';
		end if;
		if old.pool_closed_at is not null and new.pool_snapshot is distinct from old.pool_snapshot then
			raise exception 'the pool of a draw does not change once closed' using errcode = '42501';
		end if;
		if old.pool_closed_at is null and new.pool_closed_at is not null then
			new.pool_closed_at := now();
		end if;
		if old.drawn_at is null and new.drawn_at is not null then
			new.drawn_at := now();
		end if;
	end if;
	return new;
end
$$;

create trigger draw_guard
before insert or update on public.draw
for each row execute function public.draw_guard();

create function public.draw_answer_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if current_user in ('anon', 'authenticated') then
		new.answered_at := now();
	end if;
	return new;
end
$$;

create trigger draw_answer_guard
before insert on public.draw_answer
for each row execute function public.draw_answer_guard();

grant select, insert, update, delete on public.draw, public.draw_volunteer, public.draw_answer
	to anon, authenticated;
grant all on public.draw, public.draw_volunteer, public.draw_answer to service_role;
grant execute on function public.draw_is_open(uuid, uuid) to anon, authenticated, service_role;
grant execute on function public.draw_is_drawn(uuid, uuid) to anon, authenticated, service_role;
