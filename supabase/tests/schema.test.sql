-- Schema contract: tables, key columns, indexes, helper functions, row level security.
-- Run with `supabase test db`, or by tests/db/pgtap.test.ts on the migrated test database.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;

select plan(61);

select tables_are(
	'public',
	array[
		'territory', 'membership', 'source', 'source_record', 'actor', 'match_decision',
		'place', 'event', 'event_actor', 'offer', 'link', 'review_pair', 'absorbed_actor',
		'census_history', 'commune_shape', 'invitation', 'suppression', 'draw', 'draw_volunteer',
		'draw_answer'
	],
	'public holds exactly the census tables and the commune outlines cache'
);

select has_extension('postgis', 'PostGIS is installed');
select has_extension('pg_trgm', 'pg_trgm is installed');
select has_extension('unaccent', 'unaccent is installed');

select col_type_is('public', 'actor', 'location', 'geography(Point,4326)', 'actor.location is a WGS84 point');
select col_type_is('public', 'place', 'location', 'geography(Point,4326)', 'place.location is a WGS84 point');
select col_type_is('public', 'event', 'location', 'geography(Point,4326)', 'event.location is a WGS84 point');
select col_not_null('public', 'actor', 'provenance', 'actor.provenance is never null');
select col_is_pk('public', 'membership', array['territory_id', 'user_id'], 'one membership per user and territory');
select col_is_unique('public', 'territory', 'slug', 'territory slugs are unique');
select col_is_unique('public', 'source_record', array['territory_id', 'source_id', 'content_hash'],
	're-importing a row is a no-op');
select col_is_pk('public', 'event_actor', array['territory_id', 'event_id', 'actor_id'],
	'one role per actor and event, keyed within the territory');
select fk_ok('public', 'membership', 'user_id', 'auth', 'users', 'id', 'memberships belong to auth users');

-- Territory isolation: references between census tables are composite (territory_id, …) keys.
select fk_ok('public', 'source_record', array['territory_id', 'source_id'],
	'public', 'source', array['territory_id', 'id'], 'a record belongs to a source of its territory');
select fk_ok('public', 'source_record', array['territory_id', 'actor_id'],
	'public', 'actor', array['territory_id', 'id'], 'a record feeds an actor of its territory');
select fk_ok('public', 'match_decision', array['territory_id', 'record_a'],
	'public', 'source_record', array['territory_id', 'id'], 'match decisions pair records of their territory');
select fk_ok('public', 'offer', array['territory_id', 'actor_id'],
	'public', 'actor', array['territory_id', 'id'], 'an offer belongs to an actor of its territory');
select fk_ok('public', 'event', array['territory_id', 'place_id'],
	'public', 'place', array['territory_id', 'id'], 'an event takes place in a place of its territory');
select is_empty(
	$$
		select c.conname::text
		from pg_constraint c
		join pg_class r on r.oid = c.confrelid
		where c.contype = 'f' and c.connamespace = 'public'::regnamespace
		  and r.relnamespace = 'public'::regnamespace and r.relname <> 'territory'
		  and not (
			(select attnum from pg_attribute where attrelid = c.conrelid and attname = 'territory_id') = any (c.conkey)
			and (select attnum from pg_attribute where attrelid = c.confrelid and attname = 'territory_id') = any (c.confkey)
		  )
	$$,
	'every reference between census tables goes through territory_id'
);
select is_empty(
	$$
		select c.conname::text
		from pg_constraint c
		where c.contype = 'f' and c.connamespace = 'public'::regnamespace
		  and c.confdeltype in ('n', 'd') and cardinality(c.conkey) > 1 and c.confdelsetcols is null
	$$,
	'composite on delete set null clears the reference only, never territory_id'
);

select has_index('public', 'actor', 'actor_location_idx', 'spatial index on actor.location');
select has_index('public', 'actor', 'actor_name_trgm_idx', 'trigram index on actor.name');
select has_index('public', 'actor', 'actor_territory_id_idx', 'index on actor.territory_id');
select index_is_type('public', 'actor', 'actor_location_idx', 'gist', 'actor.location index is GiST');
select index_is_type('public', 'actor', 'actor_name_trgm_idx', 'gin', 'actor.name index is GIN');

select has_function('public', 'territory_role', array['uuid'], 'territory_role(uuid) exists');
select function_returns('public', 'territory_role', array['uuid'], 'text', 'territory_role returns text');
select is_definer('public', 'territory_role', array['uuid'], 'territory_role is security definer');
select has_function('public', 'has_territory_role', array['uuid', 'text[]'], 'has_territory_role(uuid, text[]) exists');
select function_returns('public', 'has_territory_role', array['uuid', 'text[]'], 'boolean', 'has_territory_role returns boolean');
select is_definer('public', 'has_territory_role', array['uuid', 'text[]'], 'has_territory_role is security definer');
select has_trigger('public', 'territory', 'territory_add_creator', 'creator becomes owner');

select is_empty(
	$$
		select c.relname::text
		from pg_class c
		join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
		  and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
	$$,
	'row level security is enabled on every public table'
);

select policies_are('public', 'territory',
	array['territory_select', 'territory_insert', 'territory_update', 'territory_delete']);
select policies_are('public', 'membership',
	array['membership_select', 'membership_insert', 'membership_update', 'membership_delete']);
select policies_are('public', 'actor', array['actor_select', 'actor_insert', 'actor_update', 'actor_delete']);
select policies_are('public', 'source', array['source_select', 'source_insert', 'source_update', 'source_delete']);
select policies_are('public', 'source_record',
	array['source_record_select', 'source_record_insert', 'source_record_update', 'source_record_delete']);
select policies_are('public', 'match_decision',
	array['match_decision_select', 'match_decision_insert', 'match_decision_update', 'match_decision_delete']);
select policies_are('public', 'place', array['place_select', 'place_insert', 'place_update', 'place_delete']);
select policies_are('public', 'event', array['event_select', 'event_insert', 'event_update', 'event_delete']);
select policies_are('public', 'event_actor',
	array['event_actor_select', 'event_actor_insert', 'event_actor_update', 'event_actor_delete']);
select policies_are('public', 'offer', array['offer_select', 'offer_insert', 'offer_update', 'offer_delete']);
select policies_are('public', 'link', array['link_select', 'link_insert', 'link_update', 'link_delete']);

select policies_are('public', 'review_pair',
	array['review_pair_select', 'review_pair_insert', 'review_pair_update', 'review_pair_delete']);
select policies_are('public', 'absorbed_actor',
	array['absorbed_actor_select', 'absorbed_actor_insert', 'absorbed_actor_update', 'absorbed_actor_delete']);
select policies_are('public', 'census_history', array['census_history_select'],
	'census history is read-only through the API (written by maillage_app.write_history)');
select policies_are('public', 'commune_shape', array['commune_shape_select'],
	'commune outlines: read by everybody, written by the server only');
select table_privs_are('public', 'commune_shape', 'anon', array['SELECT'],
	'anon may only read the commune outlines cache');
select fk_ok('public', 'review_pair', array['territory_id', 'record_a'],
	'public', 'source_record', array['territory_id', 'id'], 'review pairs pair records of their territory');

-- No table-wide SELECT since contact_privacy: the contact columns are read through actor_contact.
select table_privs_are('public', 'actor', 'anon', array['INSERT', 'UPDATE', 'DELETE'],
	'anon has the API write privileges on actor (RLS decides), no table-wide SELECT, no TRUNCATE');
select column_privs_are('public', 'actor', 'email', 'anon', array['INSERT', 'UPDATE'],
	'anon may not select actor.email');
select column_privs_are('public', 'actor', 'name', 'anon', array['SELECT', 'INSERT', 'UPDATE'],
	'anon may select actor.name');

-- Private settings (the demo marker): not reachable through the API.
select has_table('maillage_private', 'settings', 'maillage_private.settings exists');
select schema_privs_are('maillage_app', 'anon', array[]::text[], 'anon cannot use maillage_app');
select function_privs_are('maillage_app', 'write_history', array['uuid', 'jsonb'], 'anon',
	array[]::text[], 'anon cannot write history');
select schema_privs_are('maillage_private', 'anon', array[]::text[], 'anon cannot use maillage_private');
select schema_privs_are('maillage_private', 'authenticated', array[]::text[],
	'authenticated cannot use maillage_private');
select table_privs_are('maillage_private', 'settings', 'anon', array[]::text[], 'anon has no privilege on settings');
select table_privs_are('maillage_private', 'settings', 'authenticated', array[]::text[],
	'authenticated has no privilege on settings');
select ok(
	(select relrowsecurity from pg_class where oid = 'maillage_private.settings'::regclass),
	'row level security is enabled on maillage_private.settings'
);

select * from finish();
rollback;
