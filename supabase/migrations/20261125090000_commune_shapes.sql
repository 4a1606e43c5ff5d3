-- Commune outlines (#5): a cache of the contours the map draws for a territory's boundary, its
-- commune outlines and the choropleth.
--
-- The outlines come from the Geo API (geo.api.gouv.fr, `geometry=contour`) or, for tests and
-- offline set-ups, from a GeoJSON file (src/lib/server/geo/commune-shapes.ts). Fetching a
-- département's contours takes seconds and may be impossible offline, so each commune is fetched
-- once and kept here, already simplified, whatever territory asked for it first.
--
-- Public reference data, not census data: no territory_id, nothing personal. Everybody may read
-- it; only the server writes it, with the connection's own rights (`db.asAdmin`), which is why
-- there is no insert, update or delete policy: for the API roles RLS refuses every write.

create table public.commune_shape (
	-- current INSEE code (2A/2B for Corsica, 3 digits of département overseas)
	code text primary key check (code ~ '^([0-9]{2}|2[AB])[0-9]{3}$'),
	name text not null,
	-- a GeoJSON Polygon or MultiPolygon, [lng, lat] rounded to 5 decimals (about 1 m)
	geometry jsonb not null check (geometry ->> 'type' in ('Polygon', 'MultiPolygon')),
	-- where it came from: 'geo.api.gouv.fr' or 'file:<file name>'
	source text not null,
	fetched_at timestamptz not null default now()
);

alter table public.commune_shape enable row level security;

create policy commune_shape_select on public.commune_shape for select
to anon, authenticated
using (true);

-- A Supabase project grants every privilege on new public tables to the API roles (default
-- privileges); RLS already blocks their writes, and leaving them only SELECT says so twice.
revoke all on public.commune_shape from anon, authenticated;
grant select on public.commune_shape to anon, authenticated;
grant all on public.commune_shape to service_role;
