-- Maillage compatibility layer: what a Supabase project provides before any migration runs.
--
-- Run only when the `auth` schema does not exist (embedded PGlite, plain Postgres). On Supabase
-- these objects already exist and this file is never executed. The definitions follow
-- supabase/postgres (migrations/db/init-scripts) so that policies written with auth.uid() and
-- auth.jwt() behave identically in both modes. Idempotent: safe to re-run.

-- Roles are cluster-wide: several databases of one server may run this at the same moment (tests),
-- hence the exception handlers rather than a bare existence check.
do $$
declare
	spec text[];
begin
	foreach spec slice 1 in array array[
		['anon', 'nologin noinherit'],
		['authenticated', 'nologin noinherit'],
		['service_role', 'nologin noinherit bypassrls']
	] loop
		if not exists (select 1 from pg_roles where rolname = spec[1]) then
			begin
				execute format('create role %I %s', spec[1], spec[2]);
			exception when duplicate_object or unique_violation then
				null;
			end;
		end if;
	end loop;
	-- `set local role` needs membership unless the connecting user is a superuser (as on Supabase,
	-- where postgres is granted the API roles).
	execute format('grant anon, authenticated, service_role to %I', current_user);
end
$$;

-- Supabase installs extensions in their own schema and puts it on every role's search_path.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

do $$
begin
	execute format(
		'alter database %I set search_path = "$user", public, extensions',
		current_database()
	);
end
$$;

grant usage on schema public to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- Only the columns Maillage reads; Supabase's auth.users has many more.
create table if not exists auth.users (
	id uuid primary key,
	email text unique,
	raw_user_meta_data jsonb default '{}'::jsonb,
	created_at timestamptz default now()
);

create or replace function auth.uid() returns uuid
language sql stable
as $$
	select
	coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select
	coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select
	coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

grant execute on function auth.uid() to anon, authenticated, service_role;
grant execute on function auth.role() to anon, authenticated, service_role;
grant execute on function auth.jwt() to anon, authenticated, service_role;
