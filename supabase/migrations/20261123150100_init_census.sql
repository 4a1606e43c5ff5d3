-- The census schema (see /work/briefs/schema.md, the contract other modules code against).
-- Geometry is geography(Point, 4326) in lng/lat; type names are resolved through the search_path
-- (public, extensions) so the same file works whether PostGIS sits in `extensions` or `public`.
--
-- Territory isolation: a row may only reference rows of its own territory. Row level security
-- checks nothing but the row's own territory_id, so every reference between census tables is a
-- composite foreign key on (territory_id, <ref>) against a `unique (territory_id, id)` of the
-- parent. Otherwise an editor of one territory could attach rows to another territory's actors,
-- probe its keys through unique violations, or have its rows cascade-deleted.
-- `on delete set null (col)` (Postgres >= 15) clears only the reference, never territory_id.

create table public.territory (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique,
	name text not null check (length(trim(name)) > 0),
	commune_codes text[] not null default '{}',
	epci_code text,
	licence text not null default 'ODbL-1.0',
	visibility text not null default 'private' check (visibility in ('private', 'public')),
	created_by uuid default auth.uid() references auth.users (id) on delete set null,
	created_at timestamptz not null default now()
);

create table public.membership (
	territory_id uuid not null references public.territory (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	role text not null check (role in ('owner', 'editor', 'member', 'viewer')),
	created_at timestamptz not null default now(),
	primary key (territory_id, user_id)
);
create index membership_user_id_idx on public.membership (user_id);

create table public.source (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	name text not null,
	file_name text,
	headers text[] not null default '{}',
	column_mapping jsonb not null default '{}',
	licence text,
	priority int not null default 0,
	imported_at timestamptz not null default now(),
	imported_by uuid default auth.uid() references auth.users (id) on delete set null,
	unique (territory_id, id)
);
create index source_territory_id_idx on public.source (territory_id);

create table public.actor (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	name text not null,
	kind text not null default 'other' check (
		kind in (
			'association',
			'business',
			'cooperative',
			'public_body',
			'informal_group',
			'elected_body',
			'other'
		)
	),
	legal_form text,
	sectors text[] not null default '{}',
	worlds text[] not null default '{}',
	tags text[] not null default '{}',
	description text,
	address text,
	postcode text,
	commune_code text,
	email text,
	phone text,
	website text,
	siret text,
	rna text,
	location geography(Point, 4326),
	location_quality text check (location_quality in ('exact', 'street', 'commune', 'manual')),
	-- field -> { record_id, source_id }: where each displayed value came from
	provenance jsonb not null default '{}',
	-- field -> value set by hand; wins over every source
	overrides jsonb not null default '{}',
	-- field ('email', 'phone', 'address') -> 'public' | 'members'
	contact_visibility jsonb not null default '{}',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (territory_id, id)
);
create index actor_territory_id_idx on public.actor (territory_id);
create index actor_location_idx on public.actor using gist (location);
create index actor_name_trgm_idx on public.actor using gin (name gin_trgm_ops);
create index actor_commune_code_idx on public.actor (territory_id, commune_code);

create table public.source_record (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	source_id uuid not null,
	row_number int not null,
	-- the row exactly as read from the file, never rewritten
	raw jsonb not null,
	normalised jsonb not null default '{}',
	content_hash text not null,
	geocode jsonb,
	geocode_quality text,
	actor_id uuid,
	gone boolean not null default false,
	created_at timestamptz not null default now(),
	unique (territory_id, id),
	-- territory_id leads the key although source_id alone implies it: unique violations are raised
	-- before foreign keys are checked, so (source_id, content_hash) alone would tell an editor of
	-- another territory, through the error they get, whether a row exists in a source of this one.
	unique (territory_id, source_id, content_hash),
	foreign key (territory_id, source_id) references public.source (territory_id, id)
		on delete cascade,
	foreign key (territory_id, actor_id) references public.actor (territory_id, id)
		on delete set null (actor_id)
);
create index source_record_territory_id_idx on public.source_record (territory_id);
create index source_record_actor_id_idx on public.source_record (actor_id);

-- Pairs are stored once: callers put the smaller uuid in record_a so the unique key holds.
create table public.match_decision (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	record_a uuid not null,
	record_b uuid not null,
	decision text not null check (decision in ('same', 'different')),
	decided_by uuid default auth.uid() references auth.users (id) on delete set null,
	decided_at timestamptz not null default now(),
	unique (territory_id, record_a, record_b),
	check (record_a <> record_b),
	foreign key (territory_id, record_a) references public.source_record (territory_id, id)
		on delete cascade,
	foreign key (territory_id, record_b) references public.source_record (territory_id, id)
		on delete cascade
);

create table public.place (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	name text not null,
	kind text,
	description text,
	capacity int check (capacity is null or capacity >= 0),
	equipment text[] not null default '{}',
	accessibility text,
	conditions text,
	run_by uuid,
	address text,
	commune_code text,
	location geography(Point, 4326),
	created_at timestamptz not null default now(),
	unique (territory_id, id),
	foreign key (territory_id, run_by) references public.actor (territory_id, id)
		on delete set null (run_by)
);
create index place_territory_id_idx on public.place (territory_id);
create index place_location_idx on public.place using gist (location);

create table public.event (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	title text not null,
	description text,
	starts_at timestamptz not null,
	ends_at timestamptz check (ends_at is null or ends_at >= starts_at),
	place_id uuid,
	commune_code text,
	location geography(Point, 4326),
	theme text,
	format text,
	needs text[] not null default '{}',
	visibility text not null default 'members' check (visibility in ('public', 'members')),
	created_at timestamptz not null default now(),
	unique (territory_id, id),
	foreign key (territory_id, place_id) references public.place (territory_id, id)
		on delete set null (place_id)
);
create index event_territory_starts_idx on public.event (territory_id, starts_at);
create index event_location_idx on public.event using gist (location);

create table public.event_actor (
	event_id uuid not null,
	actor_id uuid not null,
	-- duplicated from event so policies need no join
	territory_id uuid not null references public.territory (id) on delete cascade,
	role text not null default 'participant' check (role in ('organiser', 'participant')),
	-- territory_id in the key for the same reason as source_record's content-hash key.
	primary key (territory_id, event_id, actor_id),
	foreign key (territory_id, event_id) references public.event (territory_id, id)
		on delete cascade,
	foreign key (territory_id, actor_id) references public.actor (territory_id, id)
		on delete cascade
);
-- The primary key serves lookups by territory and by (territory, event).
create index event_actor_actor_id_idx on public.event_actor (actor_id);

create table public.offer (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	actor_id uuid not null,
	direction text not null check (direction in ('offer', 'request')),
	category text not null check (
		category in ('room', 'equipment', 'vehicle', 'skill', 'time', 'other')
	),
	title text not null,
	description text,
	conditions text,
	valid_from date,
	valid_until date check (valid_until is null or valid_from is null or valid_until >= valid_from),
	created_at timestamptz not null default now(),
	foreign key (territory_id, actor_id) references public.actor (territory_id, id)
		on delete cascade
);
create index offer_territory_id_idx on public.offer (territory_id);
create index offer_actor_id_idx on public.offer (actor_id);

create table public.link (
	id uuid primary key default gen_random_uuid(),
	territory_id uuid not null references public.territory (id) on delete cascade,
	from_actor uuid not null,
	to_actor uuid not null,
	kind text not null check (kind in ('member_of', 'partner', 'co_organised')),
	since date,
	created_at timestamptz not null default now(),
	check (from_actor <> to_actor),
	foreign key (territory_id, from_actor) references public.actor (territory_id, id)
		on delete cascade,
	foreign key (territory_id, to_actor) references public.actor (territory_id, id)
		on delete cascade
);
create index link_territory_id_idx on public.link (territory_id);
create index link_from_actor_idx on public.link (from_actor);
create index link_to_actor_idx on public.link (to_actor);

create function public.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end
$$;

create trigger actor_touch_updated_at
before update on public.actor
for each row execute function public.touch_updated_at();
