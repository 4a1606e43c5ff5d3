-- Random draws of volunteers (#9). The algorithm lives in src/lib/domain/draw/ (pure TypeScript,
-- documented there): the database keeps its inputs — the rules and the public seed, fixed when the
-- call is opened; the pool, frozen when the draw is run; the answers, appended in order — so that
-- anyone in the territory can replay the draw and its replacements and get the same result.
--
-- Read: every member of the territory (the result and its audit trail are public within it).
-- Write: owners and editors open calls, run draws and record answers; members also volunteer
-- actors while a call is open. A run draw is never changed or deleted through the API, and its
-- answers are append-only.

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
	-- The public seed, announced when the call opens (e.g. a date and a published number).
	seed text not null check (length(btrim(seed)) between 1 and 500),
	-- Days each drawn person has to confirm, from the moment they are drawn.
	confirm_days int not null default 7 check (confirm_days between 1 and 90),
	created_by uuid default auth.uid() references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	-- Set when the draw is run: the pool as it was drawn ([{id, name, worlds, commune}]), the
	-- shuffle kept, who ran it and when.
	pool_snapshot jsonb,
	attempts int check (attempts is null or attempts >= 1),
	drawn_by uuid references auth.users (id) on delete set null,
	drawn_at timestamptz,
	check (group_count * group_size <= 500),
	check ((group_size >= 2) or not (mix_worlds or mix_communes)),
	check ((drawn_at is null) = (pool_snapshot is null) and (drawn_at is null) = (attempts is null)),
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
	-- What the replay gave when the answer was recorded, kept for the audit trail.
	replacement_id uuid,
	kept_mix boolean,
	answered_by uuid default auth.uid() references auth.users (id) on delete set null,
	answered_at timestamptz not null default now(),
	foreign key (territory_id, draw_id) references public.draw (territory_id, id) on delete cascade
);
create index draw_answer_draw_idx on public.draw_answer (territory_id, draw_id, id);

alter table public.draw enable row level security;
alter table public.draw_volunteer enable row level security;
alter table public.draw_answer enable row level security;

create policy draw_select on public.draw for select
using (territory_id in (select public.my_territory_ids()));

create policy draw_insert on public.draw for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and created_by = auth.uid()
	and drawn_at is null
);

-- Only a call not yet drawn changes; running it is that change (drawn_by is the caller).
create policy draw_update on public.draw for update
using (public.has_territory_role(territory_id, array['owner', 'editor']) and drawn_at is null)
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and (drawn_by is null or drawn_by = auth.uid())
);

create policy draw_delete on public.draw for delete
using (public.has_territory_role(territory_id, array['owner', 'editor']) and drawn_at is null);

create function public.draw_is_open(t uuid, d uuid) returns boolean
language sql stable
set search_path = ''
as $$
	select exists (select 1 from public.draw where territory_id = t and id = d and drawn_at is null)
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

create policy draw_answer_insert on public.draw_answer for insert
with check (
	public.has_territory_role(territory_id, array['owner', 'editor'])
	and answered_by = auth.uid()
	and public.draw_is_drawn(territory_id, draw_id)
);

-- No update or delete policy on draw_volunteer and draw_answer: the pool changes by adding and
-- withdrawing, the answers only grow.

create trigger draw_keep_author
before update of created_by on public.draw
for each row execute function public.keep_author('created_by');

-- The rules and the seed are announced with the call: they do not change afterwards, even before
-- the draw (open a new call instead), so the seed cannot be chosen once the pool is known.
create function public.draw_keep_announcement() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if current_user in ('anon', 'authenticated')
		and (new.seed, new.group_count, new.group_size, new.mix_worlds, new.mix_communes,
			new.confirm_days, new.territory_id)
		is distinct from (old.seed, old.group_count, old.group_size, old.mix_worlds,
			old.mix_communes, old.confirm_days, old.territory_id)
	then
		raise exception 'the seed and the rules of a draw are fixed when its call is announced'
			using errcode = '42501';
	end if;
	return new;
end
$$;

create trigger draw_keep_announcement
before update on public.draw
for each row execute function public.draw_keep_announcement();

grant select, insert, update, delete on public.draw, public.draw_volunteer, public.draw_answer
	to anon, authenticated;
grant all on public.draw, public.draw_volunteer, public.draw_answer to service_role;
grant execute on function public.draw_is_open(uuid, uuid) to anon, authenticated, service_role;
grant execute on function public.draw_is_drawn(uuid, uuid) to anon, authenticated, service_role;
