-- Row level security from SQL, as `supabase test db` would run it: a private and a public
-- territory, seen by anon, a member and an outsider. tests/db/rls.test.ts covers the full matrix.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;

select plan(9);

insert into auth.users (id, email) values
	('10000000-0000-4000-8000-000000000001', 'owner@example.org'),
	('10000000-0000-4000-8000-000000000002', 'outsider@example.org');
insert into territory (id, slug, name, visibility, created_by) values
	('20000000-0000-4000-8000-00000000000a', 'prive', 'Privé', 'private', '10000000-0000-4000-8000-000000000001'),
	('20000000-0000-4000-8000-00000000000b', 'public', 'Public', 'public', null);
insert into membership (territory_id, user_id, role) values
	('20000000-0000-4000-8000-00000000000a', '10000000-0000-4000-8000-000000000001', 'owner');
insert into actor (territory_id, name) values
	('20000000-0000-4000-8000-00000000000a', 'Acteur privé'),
	('20000000-0000-4000-8000-00000000000b', 'Acteur public');

set local role anon;
select set_config('request.jwt.claims', '{"role": "anon"}', true);
select results_eq('select name from actor', $$values ('Acteur public')$$, 'anon reads only public actors');
select is_empty('select 1 from membership', 'anon reads no membership');
select throws_ok(
	$$insert into actor (territory_id, name) values ('20000000-0000-4000-8000-00000000000b', 'x')$$,
	'42501', null, 'anon cannot insert an actor'
);
reset role;

set local role authenticated;
select set_config('request.jwt.claims',
	'{"role": "authenticated", "sub": "10000000-0000-4000-8000-000000000001"}', true);
select is(auth.uid(), '10000000-0000-4000-8000-000000000001'::uuid, 'auth.uid() reads the claims');
select results_eq('select name from actor order by name', $$values ('Acteur privé'), ('Acteur public')$$,
	'a member reads her territory and the public one');
select lives_ok(
	$$insert into actor (territory_id, name) values ('20000000-0000-4000-8000-00000000000a', 'Nouveau')$$,
	'an owner inserts an actor'
);
reset role;

set local role authenticated;
select set_config('request.jwt.claims',
	'{"role": "authenticated", "sub": "10000000-0000-4000-8000-000000000002"}', true);
select results_eq('select name from actor', $$values ('Acteur public')$$, 'an outsider reads only public actors');
select is_empty(
	$$update territory set name = 'pris' where slug = 'prive' returning id$$,
	'an outsider cannot rename a territory'
);
select throws_ok(
	$$insert into membership (territory_id, user_id, role)
	  values ('20000000-0000-4000-8000-00000000000a', '10000000-0000-4000-8000-000000000002', 'owner')$$,
	'42501', null, 'an outsider cannot make herself owner'
);
reset role;

select * from finish();
rollback;
