-- Extensions live in the `extensions` schema, as on Supabase; the compatibility script (embedded
-- PGlite, plain Postgres) puts that schema on the search_path the way Supabase does.
create schema if not exists extensions;

create extension if not exists postgis with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
