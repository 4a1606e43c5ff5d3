-- What a Supabase project has before its first migration and compat.sql does not give a plain
-- Postgres: the `authenticator` login role PostgREST connects as, and the default privileges that
-- hand every new object of `public` to the API roles. Run by scripts/test-postgrest.sh as the
-- superuser, on the database PostgREST serves, before the migrations.
--
-- The default privileges matter for what this suite tests: on Supabase a table created by a
-- migration is readable and writable by anon and authenticated unless the migration revokes it,
-- and a function is callable by them (/rpc/<name>) even after `revoke … from public`, because the
-- grant is to the roles themselves. Without these lines the suite would see less than the real
-- project exposes. Same as supabase/postgres's initial schema (and supabase/realtime's dev setup).

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;

-- noinherit: it only gets a role's rights through PostgREST's `set local role` for each request.
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;

grant usage on schema public to anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
