/**
 * The RLS matrix of issue #8, as data: who may select, insert, update and delete the rows of each
 * table of the `public` schema, for a private territory A and a public territory B.
 *
 * Nothing here talks to a database. tests/db/rls-matrix.test.ts runs every cell in SQL (PGlite or
 * PostgreSQL, `db.asUser`); a supabase-js + PostgREST runner can take the same callers, seed,
 * probes and expectations. `node --import tsx tests/db/rls-matrix-doc.ts` renders
 * docs/security-matrix.md from this file (the test fails when that doc is stale).
 *
 * Vocabulary of a cell:
 *   allow    select: every seeded row of T is visible. insert: the new row is stored.
 *            update / delete: every seeded row of T is changed / removed.
 *   partial  some of the seeded rows of T, not all (select on `event` of a public territory:
 *            only its public events).
 *   deny     no row visible, or the write is refused (row-level security error, permission
 *            denied) or changes / removes no row.
 * Expected values are what the policies do today. A line the product should change carries a
 * `// GAP: [Gn] …` comment; GAPS explains each one.
 */

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OUTCOMES = ['allow', 'partial', 'deny'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type TerritoryKey = 'A' | 'B';
export const TERRITORY_KEYS: readonly TerritoryKey[] = ['A', 'B'];

export interface TerritorySpec {
	slug: string;
	name: string;
	visibility: 'private' | 'public';
	/** INSEE codes; the commune_shape rows "of" the territory are those of these communes. */
	communeCodes: readonly [string, string];
}

export const TERRITORIES: Readonly<Record<TerritoryKey, TerritorySpec>> = {
	A: {
		slug: 'matrice-a',
		name: 'Territoire A (privé)',
		visibility: 'private',
		communeCodes: ['01001', '01002']
	},
	B: {
		slug: 'matrice-b',
		name: 'Territoire B (public)',
		visibility: 'public',
		communeCodes: ['02001', '02002']
	}
};

export type Role = 'owner' | 'editor' | 'member' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'member', 'viewer'];

export type CallerKey =
	| 'anon'
	| 'viewerA'
	| 'memberA'
	| 'editorA'
	| 'ownerA'
	| 'viewerB'
	| 'memberB'
	| 'editorB'
	| 'ownerB'
	| 'outsider'
	| 'service';

export interface Caller {
	key: CallerKey;
	/** The database role its JWT names (`role` claim). */
	dbRole: 'anon' | 'authenticated' | 'service_role';
	/** Its only membership; authenticated callers without one belong to no territory. */
	membership?: { territory: TerritoryKey; role: Role };
	description: string;
}

const member = (territory: TerritoryKey, role: Role): Caller => ({
	key: `${role}${territory}` as CallerKey,
	dbRole: 'authenticated',
	membership: { territory, role },
	description: `${role} of territory ${territory} only`
});

/**
 * Every caller. `service` (the service-role key: the server, never a browser) bypasses row level
 * security: its all-allow lines prove that every probe below can succeed, so a `deny` elsewhere is
 * the policy speaking, not a broken probe.
 */
export const CALLERS: readonly Caller[] = [
	{ key: 'anon', dbRole: 'anon', description: 'visitor without an account (anon key)' },
	member('A', 'viewer'),
	member('A', 'member'),
	member('A', 'editor'),
	member('A', 'owner'),
	member('B', 'viewer'),
	member('B', 'member'),
	member('B', 'editor'),
	member('B', 'owner'),
	{ key: 'outsider', dbRole: 'authenticated', description: 'signed-in user of no territory' },
	{ key: 'service', dbRole: 'service_role', description: 'service role (server only)' }
];

/** Resolves the ids a seed or probe row refers to, for one territory. */
export interface SeedContext {
	key: TerritoryKey;
	territory: TerritorySpec;
	/** A uuid per label, the same each time it is asked for (within one territory). */
	id(label: string): string;
	/** auth.users id of the user holding `role` on this territory, or of the spare `newcomer`. */
	user(who: Role | 'newcomer'): string;
}

/** Column → value, JSON-shaped (jsonb columns take objects, array columns take arrays). */
export type Row = Record<string, unknown>;

export interface TableSpec {
	/** Table of the `public` schema. */
	name: string;
	/** The rows of territory T: those whose `column` is one of `values`. */
	scope(c: SeedContext): { column: string; values: string[] };
	/** Rows of T inserted with the service role before the matrix runs, in table order. */
	seed(c: SeedContext): Row[];
	/** The row each caller tries to add to T. */
	insert(c: SeedContext): Row;
	/** The change each caller tries on every row of T (no seeded row already has it). */
	update(c: SeedContext): Row;
	/** What is particular about this table, for the doc. */
	note?: string;
	/**
	 * Operations a policy or trigger allows only in the app's own transactions
	 * (`maillage.writer = app`, set by db.asUser; PostgREST cannot set it). The grid is what the
	 * app's connection may do as each caller (the SQL runners); through the API these cells are
	 * `deny` for anon and authenticated callers: see apiExpectationFor.
	 */
	appOnly?: readonly Operation[];
}

const inTerritory = (c: SeedContext) => ({ column: 'territory_id', values: [c.id('territory')] });

const square = (x: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, 45],
			[x + 0.1, 45],
			[x + 0.1, 45.1],
			[x, 45.1],
			[x, 45]
		]
	]
});

/** Every table of `public`, parents first (the seed order). */
export const TABLES: readonly TableSpec[] = [
	{
		name: 'territory',
		scope: (c) => ({ column: 'id', values: [c.id('territory')] }),
		seed: (c) => [
			{
				id: c.id('territory'),
				slug: c.territory.slug,
				name: c.territory.name,
				visibility: c.territory.visibility,
				commune_codes: c.territory.communeCodes,
				created_by: c.user('owner')
			}
		],
		insert: (c) => ({ slug: `matrice-nouveau-${c.key.toLowerCase()}`, name: 'Nouveau territoire' }),
		update: () => ({ name: 'Territoire renommé' }),
		note: 'insert creates a new territory (created_by = the caller): the same for A and B.'
	},
	{
		name: 'membership',
		scope: inTerritory,
		seed: (c) =>
			ROLES.map((role) => ({ territory_id: c.id('territory'), user_id: c.user(role), role })),
		insert: (c) => ({
			territory_id: c.id('territory'),
			user_id: c.user('newcomer'),
			role: 'viewer'
		}),
		update: () => ({ created_at: '2000-01-01T00:00:00Z' }),
		note:
			'a territory keeps an owner: deleting every membership of T would remove its last owner, ' +
			'which the database refuses to the API roles (42501, migration 20261127100000).'
	},
	{
		name: 'invitation',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('invitation1'),
				territory_id: c.id('territory'),
				email: `invitee-${c.key.toLowerCase()}@matrice.example.org`,
				role: 'member',
				invited_by: c.user('owner')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			email: `nouveau-${c.key.toLowerCase()}@matrice.example.org`,
			role: 'viewer'
		}),
		update: () => ({ role: 'editor' }),
		note:
			'addresses invited to T, for its owners only; accepted through `accept_invitations()`, ' +
			'never updated through the API.'
	},
	{
		name: 'source',
		scope: inTerritory,
		seed: (c) => [{ id: c.id('source1'), territory_id: c.id('territory'), name: 'Registre RNA' }],
		insert: (c) => ({ territory_id: c.id('territory'), name: 'Nouvelle liste' }),
		update: () => ({ name: 'Liste renommée' })
	},
	{
		name: 'actor',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('actor1'),
				territory_id: c.id('territory'),
				name: 'Acteur un',
				kind: 'association',
				address: '1 rue de la Mairie',
				email: `contact-${c.key.toLowerCase()}@example.org`,
				phone: '06 12 34 56 78',
				contact_visibility: { email: 'members', phone: 'members', address: 'members' }
			},
			{ id: c.id('actor2'), territory_id: c.id('territory'), name: 'Acteur deux' },
			{
				// One contact value per visibility, for CONTACT_VISIBILITY.
				id: c.id('actor3'),
				territory_id: c.id('territory'),
				name: 'Acteur trois',
				email: `bonjour-${c.key.toLowerCase()}@example.org`,
				phone: '04 66 00 00 00',
				contact_name: 'Marie Martin',
				overrides: { website: 'https://example.org' },
				contact_visibility: { email: 'public', phone: 'editors', contact_name: 'members' }
			}
		],
		insert: (c) => ({ territory_id: c.id('territory'), name: 'Nouvel acteur' }),
		update: () => ({ name: 'Acteur renommé' }),
		note: 'actor un has email, phone and address marked members-only (contact_visibility).'
	},
	{
		name: 'source_record',
		scope: inTerritory,
		seed: (c) =>
			[1, 2, 3].map((n) => ({
				id: c.id(`record${n}`),
				territory_id: c.id('territory'),
				source_id: c.id('source1'),
				row_number: n,
				raw: { titre: `Ligne ${n}`, courriel: `personne${n}@example.org` },
				content_hash: `h${n}`,
				actor_id: n === 1 ? c.id('actor1') : null
			})),
		insert: (c) => ({
			territory_id: c.id('territory'),
			source_id: c.id('source1'),
			row_number: 4,
			raw: { titre: 'Nouvelle ligne' },
			content_hash: 'h-nouveau'
		}),
		update: () => ({ geocode_quality: 'matrix' }),
		note:
			'raw rows (every column of the file) for owners and editors; members and viewers get ' +
			'`source_record_links(t)` instead: which row of which listing went into which actor, no values.'
	},
	{
		name: 'match_decision',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('decision1'),
				territory_id: c.id('territory'),
				record_a: c.id('record1'),
				record_b: c.id('record2'),
				decision: 'same',
				decided_by: c.user('editor')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			record_a: c.id('record2'),
			record_b: c.id('record3'),
			decision: 'different'
		}),
		update: () => ({ decision: 'different' })
	},
	{
		name: 'place',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('place1'),
				territory_id: c.id('territory'),
				name: 'Salle des fêtes',
				run_by: c.id('actor1')
			}
		],
		insert: (c) => ({ territory_id: c.id('territory'), name: 'Nouveau lieu' }),
		update: () => ({ name: 'Lieu renommé' })
	},
	{
		name: 'event',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('eventPublic'),
				territory_id: c.id('territory'),
				title: 'Forum public',
				starts_at: '2027-03-14T18:00:00Z',
				place_id: c.id('place1'),
				visibility: 'public'
			},
			{
				id: c.id('eventMembers'),
				territory_id: c.id('territory'),
				title: 'Réunion interne',
				starts_at: '2027-03-21T18:00:00Z',
				visibility: 'members'
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			title: 'Nouvel événement',
			starts_at: '2027-05-01T09:00:00Z'
		}),
		update: () => ({ title: 'Événement renommé' }),
		note: 'one public and one members-only event in each territory.'
	},
	{
		name: 'event_actor',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				event_id: c.id('eventPublic'),
				actor_id: c.id('actor1'),
				role: 'participant'
			},
			{
				territory_id: c.id('territory'),
				event_id: c.id('eventMembers'),
				actor_id: c.id('actor2'),
				role: 'participant'
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			event_id: c.id('eventMembers'),
			actor_id: c.id('actor1')
		}),
		update: () => ({ role: 'organiser' })
	},
	{
		name: 'offer',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('offer1'),
				territory_id: c.id('territory'),
				actor_id: c.id('actor1'),
				direction: 'offer',
				category: 'room',
				title: 'Salle à prêter'
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			actor_id: c.id('actor2'),
			direction: 'request',
			category: 'skill',
			title: 'Cherche graphiste'
		}),
		update: () => ({ title: 'Offre modifiée' })
	},
	{
		name: 'link',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('link1'),
				territory_id: c.id('territory'),
				from_actor: c.id('actor1'),
				to_actor: c.id('actor2'),
				kind: 'partner'
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			from_actor: c.id('actor2'),
			to_actor: c.id('actor1'),
			kind: 'member_of'
		}),
		update: () => ({ since: '2000-01-01' })
	},
	{
		name: 'review_pair',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				record_a: c.id('record1'),
				record_b: c.id('record2'),
				score: 0.9,
				comparisons: [{ field: 'name', a: 'Ligne 1', b: 'Ligne 2', similarity: 0.9, weight: 1 }]
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			record_a: c.id('record2'),
			record_b: c.id('record3'),
			score: 0.5
		}),
		update: () => ({ score: 0.25 })
	},
	{
		name: 'absorbed_actor',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				actor_id: c.id('absorbed1'),
				record_ids: [c.id('record3')],
				snapshot: { name: 'Acteur absorbé', email: 'absorbe@example.org' },
				absorbed_into: c.id('actor1')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			actor_id: c.id('absorbed2'),
			record_ids: [],
			snapshot: { name: 'Autre acteur absorbé' }
		}),
		update: (c) => ({ absorbed_into: c.id('actor2') })
	},
	{
		name: 'census_history',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				actor_id: c.id('actor1'),
				action: 'import',
				detail: { source: 'Registre RNA' },
				done_by: c.user('editor')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			actor_id: c.id('actor1'),
			action: 'override',
			detail: { field: 'name' }
		}),
		update: () => ({ detail: { matrix: true } }),
		note: 'append-only: no update or delete privilege for the API roles.'
	},
	{
		name: 'suppression',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('suppression1'),
				territory_id: c.id('territory'),
				keys: [(c.key === 'A' ? 'a' : 'b').repeat(64)],
				reason: 'rgpd',
				created_by: c.user('editor')
			}
		],
		insert: (c) => ({ territory_id: c.id('territory'), keys: ['c'.repeat(64)] }),
		update: () => ({ reason: 'other' }),
		note:
			'salted hashes of the match keys of erased actors (RGPD), read by owners and editors; ' +
			'written by maillage_app.erase_actor only, never changed nor removed through the API.'
	},
	{
		name: 'commune_shape',
		scope: (c) => ({ column: 'code', values: [...c.territory.communeCodes] }),
		seed: (c) => [
			{
				code: c.territory.communeCodes[0],
				name: `Commune ${c.territory.communeCodes[0]}`,
				geometry: square(c.key === 'A' ? 5 : 6),
				source: 'file:rls-matrix'
			}
		],
		insert: (c) => ({
			code: c.territory.communeCodes[1],
			name: `Commune ${c.territory.communeCodes[1]}`,
			geometry: square(c.key === 'A' ? 5.1 : 6.1),
			source: 'file:rls-matrix'
		}),
		update: () => ({ name: 'Commune renommée' }),
		note: 'public reference data, not census data: the rows "of" T are the outlines of its communes.'
	},
	{
		name: 'draw',
		scope: inTerritory,
		seed: (c) => [
			{
				id: c.id('draw1'),
				territory_id: c.id('territory'),
				title: 'Appel ouvert',
				group_count: 2,
				group_size: 2,
				seed_source: 'source annoncée',
				created_by: c.user('editor')
			},
			{
				id: c.id('draw2'),
				territory_id: c.id('territory'),
				title: 'Tirage fait',
				group_count: 1,
				group_size: 2,
				seed_source: 'autre source',
				seed: 'autre graine',
				created_by: c.user('editor'),
				pool_snapshot: [],
				pool_closed_at: '2026-11-19T10:00:00Z',
				attempts: 1,
				drawn_by: c.user('editor'),
				drawn_at: '2026-11-20T10:00:00Z'
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			title: 'Nouvel appel',
			group_count: 3,
			group_size: 2,
			seed_source: 'source du jour'
		}),
		update: () => ({ title: 'Intitulé corrigé' }),
		note:
			'calls for volunteers and their draws, for members; editors change or delete a call only ' +
			'until it is drawn (so: partial — one open, one drawn), and never its seed nor its rules.'
	},
	{
		name: 'draw_volunteer',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				draw_id: c.id('draw1'),
				actor_id: c.id('actor1'),
				added_by: c.user('editor')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			draw_id: c.id('draw1'),
			actor_id: c.id('actor2')
		}),
		update: () => ({ added_at: '2000-01-01T00:00:00Z' }),
		note:
			'the pool of an open call: members add actors, editors (or the member who added one) ' +
			'withdraw them; nothing changes once drawn.'
	},
	{
		name: 'draw_answer',
		scope: inTerritory,
		seed: (c) => [
			{
				territory_id: c.id('territory'),
				draw_id: c.id('draw2'),
				actor_id: c.id('actor1'),
				answer: 'confirmed',
				position: 0,
				answered_by: c.user('editor')
			}
		],
		insert: (c) => ({
			territory_id: c.id('territory'),
			draw_id: c.id('draw2'),
			actor_id: c.id('actor2'),
			answer: 'declined',
			position: 1
		}),
		update: () => ({ answer: 'expired' }),
		appOnly: ['insert'],
		note:
			'answers to a draw, recorded by editors through the app only (it replays the draw to ' +
			'seat the replacement), append-only (the audit trail replays them). Through the API ' +
			'(PostgREST) the insert is refused to everyone but the service role.'
	}
];

/** None open: G1 (address), G2 (raw rows), G3 (history), G4 (authorship) are closed. */
export type GapId = never;

/** What is wrong with the lines marked `// GAP: [Gn]`, and what the product should do instead. */
export const GAPS: Readonly<Record<GapId, string>> = {};

/**
 * One line per (caller, territory, table): what `<caller>` may do on the rows of territory T.
 * Caller keys and tables as in CALLERS and TABLES; blank lines and `// …` lines are ignored.
 */
const GRID = `
// anon
anon     A  territory      : select deny    insert deny    update deny    delete deny
anon     A  membership     : select deny    insert deny    update deny    delete deny
anon     A  invitation     : select deny    insert deny    update deny    delete deny
anon     A  source         : select deny    insert deny    update deny    delete deny
anon     A  actor          : select deny    insert deny    update deny    delete deny
anon     A  source_record  : select deny    insert deny    update deny    delete deny
anon     A  match_decision : select deny    insert deny    update deny    delete deny
anon     A  place          : select deny    insert deny    update deny    delete deny
anon     A  event          : select deny    insert deny    update deny    delete deny
anon     A  event_actor    : select deny    insert deny    update deny    delete deny
anon     A  offer          : select deny    insert deny    update deny    delete deny
anon     A  link           : select deny    insert deny    update deny    delete deny
anon     A  review_pair    : select deny    insert deny    update deny    delete deny
anon     A  absorbed_actor : select deny    insert deny    update deny    delete deny
anon     A  census_history : select deny    insert deny    update deny    delete deny
anon     A  suppression    : select deny    insert deny    update deny    delete deny
anon     A  commune_shape  : select allow   insert deny    update deny    delete deny
anon     A  draw           : select deny    insert deny    update deny    delete deny
anon     A  draw_volunteer : select deny    insert deny    update deny    delete deny
anon     A  draw_answer    : select deny    insert deny    update deny    delete deny
anon     B  territory      : select allow   insert deny    update deny    delete deny
anon     B  membership     : select deny    insert deny    update deny    delete deny
anon     B  invitation     : select deny    insert deny    update deny    delete deny
anon     B  source         : select deny    insert deny    update deny    delete deny
anon     B  actor          : select allow   insert deny    update deny    delete deny
anon     B  source_record  : select deny    insert deny    update deny    delete deny
anon     B  match_decision : select deny    insert deny    update deny    delete deny
anon     B  place          : select allow   insert deny    update deny    delete deny
anon     B  event          : select partial insert deny    update deny    delete deny
anon     B  event_actor    : select deny    insert deny    update deny    delete deny
anon     B  offer          : select deny    insert deny    update deny    delete deny
anon     B  link           : select deny    insert deny    update deny    delete deny
anon     B  review_pair    : select deny    insert deny    update deny    delete deny
anon     B  absorbed_actor : select deny    insert deny    update deny    delete deny
anon     B  census_history : select deny    insert deny    update deny    delete deny
anon     B  suppression    : select deny    insert deny    update deny    delete deny
anon     B  commune_shape  : select allow   insert deny    update deny    delete deny
anon     B  draw           : select deny    insert deny    update deny    delete deny
anon     B  draw_volunteer : select deny    insert deny    update deny    delete deny
anon     B  draw_answer    : select deny    insert deny    update deny    delete deny

// viewerA
viewerA  A  territory      : select allow   insert allow   update deny    delete deny
viewerA  A  membership     : select allow   insert deny    update deny    delete deny
viewerA  A  invitation     : select deny    insert deny    update deny    delete deny
viewerA  A  source         : select allow   insert deny    update deny    delete deny
viewerA  A  actor          : select allow   insert deny    update deny    delete deny
viewerA  A  source_record  : select deny    insert deny    update deny    delete deny
viewerA  A  match_decision : select allow   insert deny    update deny    delete deny
viewerA  A  place          : select allow   insert deny    update deny    delete deny
viewerA  A  event          : select allow   insert deny    update deny    delete deny
viewerA  A  event_actor    : select allow   insert deny    update deny    delete deny
viewerA  A  offer          : select allow   insert deny    update deny    delete deny
viewerA  A  link           : select allow   insert deny    update deny    delete deny
viewerA  A  review_pair    : select deny    insert deny    update deny    delete deny
viewerA  A  absorbed_actor : select deny    insert deny    update deny    delete deny
viewerA  A  census_history : select deny    insert deny    update deny    delete deny
viewerA  A  suppression    : select deny    insert deny    update deny    delete deny
viewerA  A  commune_shape  : select allow   insert deny    update deny    delete deny
viewerA  A  draw           : select allow   insert deny    update deny    delete deny
viewerA  A  draw_volunteer : select allow   insert deny    update deny    delete deny
viewerA  A  draw_answer    : select allow   insert deny    update deny    delete deny
viewerA  B  territory      : select allow   insert allow   update deny    delete deny
viewerA  B  membership     : select deny    insert deny    update deny    delete deny
viewerA  B  invitation     : select deny    insert deny    update deny    delete deny
viewerA  B  source         : select deny    insert deny    update deny    delete deny
viewerA  B  actor          : select allow   insert deny    update deny    delete deny
viewerA  B  source_record  : select deny    insert deny    update deny    delete deny
viewerA  B  match_decision : select deny    insert deny    update deny    delete deny
viewerA  B  place          : select allow   insert deny    update deny    delete deny
viewerA  B  event          : select partial insert deny    update deny    delete deny
viewerA  B  event_actor    : select deny    insert deny    update deny    delete deny
viewerA  B  offer          : select deny    insert deny    update deny    delete deny
viewerA  B  link           : select deny    insert deny    update deny    delete deny
viewerA  B  review_pair    : select deny    insert deny    update deny    delete deny
viewerA  B  absorbed_actor : select deny    insert deny    update deny    delete deny
viewerA  B  census_history : select deny    insert deny    update deny    delete deny
viewerA  B  suppression    : select deny    insert deny    update deny    delete deny
viewerA  B  commune_shape  : select allow   insert deny    update deny    delete deny
viewerA  B  draw           : select deny    insert deny    update deny    delete deny
viewerA  B  draw_volunteer : select deny    insert deny    update deny    delete deny
viewerA  B  draw_answer    : select deny    insert deny    update deny    delete deny

// memberA
memberA  A  territory      : select allow   insert allow   update deny    delete deny
memberA  A  membership     : select allow   insert deny    update deny    delete deny
memberA  A  invitation     : select deny    insert deny    update deny    delete deny
memberA  A  source         : select allow   insert deny    update deny    delete deny
memberA  A  actor          : select allow   insert deny    update deny    delete deny
memberA  A  source_record  : select deny    insert deny    update deny    delete deny
memberA  A  match_decision : select allow   insert deny    update deny    delete deny
memberA  A  place          : select allow   insert deny    update deny    delete deny
memberA  A  event          : select allow   insert deny    update deny    delete deny
memberA  A  event_actor    : select allow   insert deny    update deny    delete deny
memberA  A  offer          : select allow   insert deny    update deny    delete deny
memberA  A  link           : select allow   insert deny    update deny    delete deny
memberA  A  review_pair    : select deny    insert deny    update deny    delete deny
memberA  A  absorbed_actor : select deny    insert deny    update deny    delete deny
memberA  A  census_history : select deny    insert deny    update deny    delete deny
memberA  A  suppression    : select deny    insert deny    update deny    delete deny
memberA  A  commune_shape  : select allow   insert deny    update deny    delete deny
memberA  A  draw           : select allow   insert deny    update deny    delete deny
memberA  A  draw_volunteer : select allow   insert allow   update deny    delete deny
memberA  A  draw_answer    : select allow   insert deny    update deny    delete deny
memberA  B  territory      : select allow   insert allow   update deny    delete deny
memberA  B  membership     : select deny    insert deny    update deny    delete deny
memberA  B  invitation     : select deny    insert deny    update deny    delete deny
memberA  B  source         : select deny    insert deny    update deny    delete deny
memberA  B  actor          : select allow   insert deny    update deny    delete deny
memberA  B  source_record  : select deny    insert deny    update deny    delete deny
memberA  B  match_decision : select deny    insert deny    update deny    delete deny
memberA  B  place          : select allow   insert deny    update deny    delete deny
memberA  B  event          : select partial insert deny    update deny    delete deny
memberA  B  event_actor    : select deny    insert deny    update deny    delete deny
memberA  B  offer          : select deny    insert deny    update deny    delete deny
memberA  B  link           : select deny    insert deny    update deny    delete deny
memberA  B  review_pair    : select deny    insert deny    update deny    delete deny
memberA  B  absorbed_actor : select deny    insert deny    update deny    delete deny
memberA  B  census_history : select deny    insert deny    update deny    delete deny
memberA  B  suppression    : select deny    insert deny    update deny    delete deny
memberA  B  commune_shape  : select allow   insert deny    update deny    delete deny
memberA  B  draw           : select deny    insert deny    update deny    delete deny
memberA  B  draw_volunteer : select deny    insert deny    update deny    delete deny
memberA  B  draw_answer    : select deny    insert deny    update deny    delete deny

// editorA
editorA  A  territory      : select allow   insert allow   update deny    delete deny
editorA  A  membership     : select allow   insert deny    update deny    delete deny
editorA  A  invitation     : select deny    insert deny    update deny    delete deny
editorA  A  source         : select allow   insert allow   update allow   delete allow
editorA  A  actor          : select allow   insert allow   update allow   delete allow
editorA  A  source_record  : select allow   insert allow   update allow   delete allow
editorA  A  match_decision : select allow   insert allow   update allow   delete allow
editorA  A  place          : select allow   insert allow   update allow   delete allow
editorA  A  event          : select allow   insert allow   update allow   delete allow
editorA  A  event_actor    : select allow   insert allow   update allow   delete allow
editorA  A  offer          : select allow   insert allow   update allow   delete allow
editorA  A  link           : select allow   insert allow   update allow   delete allow
editorA  A  review_pair    : select allow   insert allow   update allow   delete allow
editorA  A  absorbed_actor : select allow   insert allow   update allow   delete allow
editorA  A  census_history : select allow   insert deny    update deny    delete deny
editorA  A  suppression    : select allow   insert deny    update deny    delete deny
editorA  A  commune_shape  : select allow   insert deny    update deny    delete deny
editorA  A  draw           : select allow   insert allow   update partial delete partial
editorA  A  draw_volunteer : select allow   insert allow   update deny    delete allow
editorA  A  draw_answer    : select allow   insert allow   update deny    delete deny
editorA  B  territory      : select allow   insert allow   update deny    delete deny
editorA  B  membership     : select deny    insert deny    update deny    delete deny
editorA  B  invitation     : select deny    insert deny    update deny    delete deny
editorA  B  source         : select deny    insert deny    update deny    delete deny
editorA  B  actor          : select allow   insert deny    update deny    delete deny
editorA  B  source_record  : select deny    insert deny    update deny    delete deny
editorA  B  match_decision : select deny    insert deny    update deny    delete deny
editorA  B  place          : select allow   insert deny    update deny    delete deny
editorA  B  event          : select partial insert deny    update deny    delete deny
editorA  B  event_actor    : select deny    insert deny    update deny    delete deny
editorA  B  offer          : select deny    insert deny    update deny    delete deny
editorA  B  link           : select deny    insert deny    update deny    delete deny
editorA  B  review_pair    : select deny    insert deny    update deny    delete deny
editorA  B  absorbed_actor : select deny    insert deny    update deny    delete deny
editorA  B  census_history : select deny    insert deny    update deny    delete deny
editorA  B  suppression    : select deny    insert deny    update deny    delete deny
editorA  B  commune_shape  : select allow   insert deny    update deny    delete deny
editorA  B  draw           : select deny    insert deny    update deny    delete deny
editorA  B  draw_volunteer : select deny    insert deny    update deny    delete deny
editorA  B  draw_answer    : select deny    insert deny    update deny    delete deny

// ownerA
ownerA   A  territory      : select allow   insert allow   update allow   delete allow
ownerA   A  membership     : select allow   insert allow   update allow   delete deny
ownerA   A  invitation     : select allow   insert allow   update deny    delete allow
ownerA   A  source         : select allow   insert allow   update allow   delete allow
ownerA   A  actor          : select allow   insert allow   update allow   delete allow
ownerA   A  source_record  : select allow   insert allow   update allow   delete allow
ownerA   A  match_decision : select allow   insert allow   update allow   delete allow
ownerA   A  place          : select allow   insert allow   update allow   delete allow
ownerA   A  event          : select allow   insert allow   update allow   delete allow
ownerA   A  event_actor    : select allow   insert allow   update allow   delete allow
ownerA   A  offer          : select allow   insert allow   update allow   delete allow
ownerA   A  link           : select allow   insert allow   update allow   delete allow
ownerA   A  review_pair    : select allow   insert allow   update allow   delete allow
ownerA   A  absorbed_actor : select allow   insert allow   update allow   delete allow
ownerA   A  census_history : select allow   insert deny    update deny    delete deny
ownerA   A  suppression    : select allow   insert deny    update deny    delete deny
ownerA   A  commune_shape  : select allow   insert deny    update deny    delete deny
ownerA   A  draw           : select allow   insert allow   update partial delete partial
ownerA   A  draw_volunteer : select allow   insert allow   update deny    delete allow
ownerA   A  draw_answer    : select allow   insert allow   update deny    delete deny
ownerA   B  territory      : select allow   insert allow   update deny    delete deny
ownerA   B  membership     : select deny    insert deny    update deny    delete deny
ownerA   B  invitation     : select deny    insert deny    update deny    delete deny
ownerA   B  source         : select deny    insert deny    update deny    delete deny
ownerA   B  actor          : select allow   insert deny    update deny    delete deny
ownerA   B  source_record  : select deny    insert deny    update deny    delete deny
ownerA   B  match_decision : select deny    insert deny    update deny    delete deny
ownerA   B  place          : select allow   insert deny    update deny    delete deny
ownerA   B  event          : select partial insert deny    update deny    delete deny
ownerA   B  event_actor    : select deny    insert deny    update deny    delete deny
ownerA   B  offer          : select deny    insert deny    update deny    delete deny
ownerA   B  link           : select deny    insert deny    update deny    delete deny
ownerA   B  review_pair    : select deny    insert deny    update deny    delete deny
ownerA   B  absorbed_actor : select deny    insert deny    update deny    delete deny
ownerA   B  census_history : select deny    insert deny    update deny    delete deny
ownerA   B  suppression    : select deny    insert deny    update deny    delete deny
ownerA   B  commune_shape  : select allow   insert deny    update deny    delete deny
ownerA   B  draw           : select deny    insert deny    update deny    delete deny
ownerA   B  draw_volunteer : select deny    insert deny    update deny    delete deny
ownerA   B  draw_answer    : select deny    insert deny    update deny    delete deny

// viewerB
viewerB  A  territory      : select deny    insert allow   update deny    delete deny
viewerB  A  membership     : select deny    insert deny    update deny    delete deny
viewerB  A  invitation     : select deny    insert deny    update deny    delete deny
viewerB  A  source         : select deny    insert deny    update deny    delete deny
viewerB  A  actor          : select deny    insert deny    update deny    delete deny
viewerB  A  source_record  : select deny    insert deny    update deny    delete deny
viewerB  A  match_decision : select deny    insert deny    update deny    delete deny
viewerB  A  place          : select deny    insert deny    update deny    delete deny
viewerB  A  event          : select deny    insert deny    update deny    delete deny
viewerB  A  event_actor    : select deny    insert deny    update deny    delete deny
viewerB  A  offer          : select deny    insert deny    update deny    delete deny
viewerB  A  link           : select deny    insert deny    update deny    delete deny
viewerB  A  review_pair    : select deny    insert deny    update deny    delete deny
viewerB  A  absorbed_actor : select deny    insert deny    update deny    delete deny
viewerB  A  census_history : select deny    insert deny    update deny    delete deny
viewerB  A  suppression    : select deny    insert deny    update deny    delete deny
viewerB  A  commune_shape  : select allow   insert deny    update deny    delete deny
viewerB  A  draw           : select deny    insert deny    update deny    delete deny
viewerB  A  draw_volunteer : select deny    insert deny    update deny    delete deny
viewerB  A  draw_answer    : select deny    insert deny    update deny    delete deny
viewerB  B  territory      : select allow   insert allow   update deny    delete deny
viewerB  B  membership     : select allow   insert deny    update deny    delete deny
viewerB  B  invitation     : select deny    insert deny    update deny    delete deny
viewerB  B  source         : select allow   insert deny    update deny    delete deny
viewerB  B  actor          : select allow   insert deny    update deny    delete deny
viewerB  B  source_record  : select deny    insert deny    update deny    delete deny
viewerB  B  match_decision : select allow   insert deny    update deny    delete deny
viewerB  B  place          : select allow   insert deny    update deny    delete deny
viewerB  B  event          : select allow   insert deny    update deny    delete deny
viewerB  B  event_actor    : select allow   insert deny    update deny    delete deny
viewerB  B  offer          : select allow   insert deny    update deny    delete deny
viewerB  B  link           : select allow   insert deny    update deny    delete deny
viewerB  B  review_pair    : select deny    insert deny    update deny    delete deny
viewerB  B  absorbed_actor : select deny    insert deny    update deny    delete deny
viewerB  B  census_history : select deny    insert deny    update deny    delete deny
viewerB  B  suppression    : select deny    insert deny    update deny    delete deny
viewerB  B  commune_shape  : select allow   insert deny    update deny    delete deny
viewerB  B  draw           : select allow   insert deny    update deny    delete deny
viewerB  B  draw_volunteer : select allow   insert deny    update deny    delete deny
viewerB  B  draw_answer    : select allow   insert deny    update deny    delete deny

// memberB
memberB  A  territory      : select deny    insert allow   update deny    delete deny
memberB  A  membership     : select deny    insert deny    update deny    delete deny
memberB  A  invitation     : select deny    insert deny    update deny    delete deny
memberB  A  source         : select deny    insert deny    update deny    delete deny
memberB  A  actor          : select deny    insert deny    update deny    delete deny
memberB  A  source_record  : select deny    insert deny    update deny    delete deny
memberB  A  match_decision : select deny    insert deny    update deny    delete deny
memberB  A  place          : select deny    insert deny    update deny    delete deny
memberB  A  event          : select deny    insert deny    update deny    delete deny
memberB  A  event_actor    : select deny    insert deny    update deny    delete deny
memberB  A  offer          : select deny    insert deny    update deny    delete deny
memberB  A  link           : select deny    insert deny    update deny    delete deny
memberB  A  review_pair    : select deny    insert deny    update deny    delete deny
memberB  A  absorbed_actor : select deny    insert deny    update deny    delete deny
memberB  A  census_history : select deny    insert deny    update deny    delete deny
memberB  A  suppression    : select deny    insert deny    update deny    delete deny
memberB  A  commune_shape  : select allow   insert deny    update deny    delete deny
memberB  A  draw           : select deny    insert deny    update deny    delete deny
memberB  A  draw_volunteer : select deny    insert deny    update deny    delete deny
memberB  A  draw_answer    : select deny    insert deny    update deny    delete deny
memberB  B  territory      : select allow   insert allow   update deny    delete deny
memberB  B  membership     : select allow   insert deny    update deny    delete deny
memberB  B  invitation     : select deny    insert deny    update deny    delete deny
memberB  B  source         : select allow   insert deny    update deny    delete deny
memberB  B  actor          : select allow   insert deny    update deny    delete deny
memberB  B  source_record  : select deny    insert deny    update deny    delete deny
memberB  B  match_decision : select allow   insert deny    update deny    delete deny
memberB  B  place          : select allow   insert deny    update deny    delete deny
memberB  B  event          : select allow   insert deny    update deny    delete deny
memberB  B  event_actor    : select allow   insert deny    update deny    delete deny
memberB  B  offer          : select allow   insert deny    update deny    delete deny
memberB  B  link           : select allow   insert deny    update deny    delete deny
memberB  B  review_pair    : select deny    insert deny    update deny    delete deny
memberB  B  absorbed_actor : select deny    insert deny    update deny    delete deny
memberB  B  census_history : select deny    insert deny    update deny    delete deny
memberB  B  suppression    : select deny    insert deny    update deny    delete deny
memberB  B  commune_shape  : select allow   insert deny    update deny    delete deny
memberB  B  draw           : select allow   insert deny    update deny    delete deny
memberB  B  draw_volunteer : select allow   insert allow   update deny    delete deny
memberB  B  draw_answer    : select allow   insert deny    update deny    delete deny

// editorB
editorB  A  territory      : select deny    insert allow   update deny    delete deny
editorB  A  membership     : select deny    insert deny    update deny    delete deny
editorB  A  invitation     : select deny    insert deny    update deny    delete deny
editorB  A  source         : select deny    insert deny    update deny    delete deny
editorB  A  actor          : select deny    insert deny    update deny    delete deny
editorB  A  source_record  : select deny    insert deny    update deny    delete deny
editorB  A  match_decision : select deny    insert deny    update deny    delete deny
editorB  A  place          : select deny    insert deny    update deny    delete deny
editorB  A  event          : select deny    insert deny    update deny    delete deny
editorB  A  event_actor    : select deny    insert deny    update deny    delete deny
editorB  A  offer          : select deny    insert deny    update deny    delete deny
editorB  A  link           : select deny    insert deny    update deny    delete deny
editorB  A  review_pair    : select deny    insert deny    update deny    delete deny
editorB  A  absorbed_actor : select deny    insert deny    update deny    delete deny
editorB  A  census_history : select deny    insert deny    update deny    delete deny
editorB  A  suppression    : select deny    insert deny    update deny    delete deny
editorB  A  commune_shape  : select allow   insert deny    update deny    delete deny
editorB  A  draw           : select deny    insert deny    update deny    delete deny
editorB  A  draw_volunteer : select deny    insert deny    update deny    delete deny
editorB  A  draw_answer    : select deny    insert deny    update deny    delete deny
editorB  B  territory      : select allow   insert allow   update deny    delete deny
editorB  B  membership     : select allow   insert deny    update deny    delete deny
editorB  B  invitation     : select deny    insert deny    update deny    delete deny
editorB  B  source         : select allow   insert allow   update allow   delete allow
editorB  B  actor          : select allow   insert allow   update allow   delete allow
editorB  B  source_record  : select allow   insert allow   update allow   delete allow
editorB  B  match_decision : select allow   insert allow   update allow   delete allow
editorB  B  place          : select allow   insert allow   update allow   delete allow
editorB  B  event          : select allow   insert allow   update allow   delete allow
editorB  B  event_actor    : select allow   insert allow   update allow   delete allow
editorB  B  offer          : select allow   insert allow   update allow   delete allow
editorB  B  link           : select allow   insert allow   update allow   delete allow
editorB  B  review_pair    : select allow   insert allow   update allow   delete allow
editorB  B  absorbed_actor : select allow   insert allow   update allow   delete allow
editorB  B  census_history : select allow   insert deny    update deny    delete deny
editorB  B  suppression    : select allow   insert deny    update deny    delete deny
editorB  B  commune_shape  : select allow   insert deny    update deny    delete deny
editorB  B  draw           : select allow   insert allow   update partial delete partial
editorB  B  draw_volunteer : select allow   insert allow   update deny    delete allow
editorB  B  draw_answer    : select allow   insert allow   update deny    delete deny

// ownerB
ownerB   A  territory      : select deny    insert allow   update deny    delete deny
ownerB   A  membership     : select deny    insert deny    update deny    delete deny
ownerB   A  invitation     : select deny    insert deny    update deny    delete deny
ownerB   A  source         : select deny    insert deny    update deny    delete deny
ownerB   A  actor          : select deny    insert deny    update deny    delete deny
ownerB   A  source_record  : select deny    insert deny    update deny    delete deny
ownerB   A  match_decision : select deny    insert deny    update deny    delete deny
ownerB   A  place          : select deny    insert deny    update deny    delete deny
ownerB   A  event          : select deny    insert deny    update deny    delete deny
ownerB   A  event_actor    : select deny    insert deny    update deny    delete deny
ownerB   A  offer          : select deny    insert deny    update deny    delete deny
ownerB   A  link           : select deny    insert deny    update deny    delete deny
ownerB   A  review_pair    : select deny    insert deny    update deny    delete deny
ownerB   A  absorbed_actor : select deny    insert deny    update deny    delete deny
ownerB   A  census_history : select deny    insert deny    update deny    delete deny
ownerB   A  suppression    : select deny    insert deny    update deny    delete deny
ownerB   A  commune_shape  : select allow   insert deny    update deny    delete deny
ownerB   A  draw           : select deny    insert deny    update deny    delete deny
ownerB   A  draw_volunteer : select deny    insert deny    update deny    delete deny
ownerB   A  draw_answer    : select deny    insert deny    update deny    delete deny
ownerB   B  territory      : select allow   insert allow   update allow   delete allow
ownerB   B  membership     : select allow   insert allow   update allow   delete deny
ownerB   B  invitation     : select allow   insert allow   update deny    delete allow
ownerB   B  source         : select allow   insert allow   update allow   delete allow
ownerB   B  actor          : select allow   insert allow   update allow   delete allow
ownerB   B  source_record  : select allow   insert allow   update allow   delete allow
ownerB   B  match_decision : select allow   insert allow   update allow   delete allow
ownerB   B  place          : select allow   insert allow   update allow   delete allow
ownerB   B  event          : select allow   insert allow   update allow   delete allow
ownerB   B  event_actor    : select allow   insert allow   update allow   delete allow
ownerB   B  offer          : select allow   insert allow   update allow   delete allow
ownerB   B  link           : select allow   insert allow   update allow   delete allow
ownerB   B  review_pair    : select allow   insert allow   update allow   delete allow
ownerB   B  absorbed_actor : select allow   insert allow   update allow   delete allow
ownerB   B  census_history : select allow   insert deny    update deny    delete deny
ownerB   B  suppression    : select allow   insert deny    update deny    delete deny
ownerB   B  commune_shape  : select allow   insert deny    update deny    delete deny
ownerB   B  draw           : select allow   insert allow   update partial delete partial
ownerB   B  draw_volunteer : select allow   insert allow   update deny    delete allow
ownerB   B  draw_answer    : select allow   insert allow   update deny    delete deny

// outsider
outsider A  territory      : select deny    insert allow   update deny    delete deny
outsider A  membership     : select deny    insert deny    update deny    delete deny
outsider A  invitation     : select deny    insert deny    update deny    delete deny
outsider A  source         : select deny    insert deny    update deny    delete deny
outsider A  actor          : select deny    insert deny    update deny    delete deny
outsider A  source_record  : select deny    insert deny    update deny    delete deny
outsider A  match_decision : select deny    insert deny    update deny    delete deny
outsider A  place          : select deny    insert deny    update deny    delete deny
outsider A  event          : select deny    insert deny    update deny    delete deny
outsider A  event_actor    : select deny    insert deny    update deny    delete deny
outsider A  offer          : select deny    insert deny    update deny    delete deny
outsider A  link           : select deny    insert deny    update deny    delete deny
outsider A  review_pair    : select deny    insert deny    update deny    delete deny
outsider A  absorbed_actor : select deny    insert deny    update deny    delete deny
outsider A  census_history : select deny    insert deny    update deny    delete deny
outsider A  suppression    : select deny    insert deny    update deny    delete deny
outsider A  commune_shape  : select allow   insert deny    update deny    delete deny
outsider A  draw           : select deny    insert deny    update deny    delete deny
outsider A  draw_volunteer : select deny    insert deny    update deny    delete deny
outsider A  draw_answer    : select deny    insert deny    update deny    delete deny
outsider B  territory      : select allow   insert allow   update deny    delete deny
outsider B  membership     : select deny    insert deny    update deny    delete deny
outsider B  invitation     : select deny    insert deny    update deny    delete deny
outsider B  source         : select deny    insert deny    update deny    delete deny
outsider B  actor          : select allow   insert deny    update deny    delete deny
outsider B  source_record  : select deny    insert deny    update deny    delete deny
outsider B  match_decision : select deny    insert deny    update deny    delete deny
outsider B  place          : select allow   insert deny    update deny    delete deny
outsider B  event          : select partial insert deny    update deny    delete deny
outsider B  event_actor    : select deny    insert deny    update deny    delete deny
outsider B  offer          : select deny    insert deny    update deny    delete deny
outsider B  link           : select deny    insert deny    update deny    delete deny
outsider B  review_pair    : select deny    insert deny    update deny    delete deny
outsider B  absorbed_actor : select deny    insert deny    update deny    delete deny
outsider B  census_history : select deny    insert deny    update deny    delete deny
outsider B  suppression    : select deny    insert deny    update deny    delete deny
outsider B  commune_shape  : select allow   insert deny    update deny    delete deny
outsider B  draw           : select deny    insert deny    update deny    delete deny
outsider B  draw_volunteer : select deny    insert deny    update deny    delete deny
outsider B  draw_answer    : select deny    insert deny    update deny    delete deny

// service
service  A  territory      : select allow   insert allow   update allow   delete allow
service  A  membership     : select allow   insert allow   update allow   delete allow
service  A  invitation     : select allow   insert allow   update allow   delete allow
service  A  source         : select allow   insert allow   update allow   delete allow
service  A  actor          : select allow   insert allow   update allow   delete allow
service  A  source_record  : select allow   insert allow   update allow   delete allow
service  A  match_decision : select allow   insert allow   update allow   delete allow
service  A  place          : select allow   insert allow   update allow   delete allow
service  A  event          : select allow   insert allow   update allow   delete allow
service  A  event_actor    : select allow   insert allow   update allow   delete allow
service  A  offer          : select allow   insert allow   update allow   delete allow
service  A  link           : select allow   insert allow   update allow   delete allow
service  A  review_pair    : select allow   insert allow   update allow   delete allow
service  A  absorbed_actor : select allow   insert allow   update allow   delete allow
service  A  census_history : select allow   insert allow   update allow   delete allow
service  A  suppression    : select allow   insert allow   update allow   delete allow
service  A  commune_shape  : select allow   insert allow   update allow   delete allow
service  A  draw           : select allow   insert allow   update allow   delete allow
service  A  draw_volunteer : select allow   insert allow   update allow   delete allow
service  A  draw_answer    : select allow   insert allow   update allow   delete allow
service  B  territory      : select allow   insert allow   update allow   delete allow
service  B  membership     : select allow   insert allow   update allow   delete allow
service  B  invitation     : select allow   insert allow   update allow   delete allow
service  B  source         : select allow   insert allow   update allow   delete allow
service  B  actor          : select allow   insert allow   update allow   delete allow
service  B  source_record  : select allow   insert allow   update allow   delete allow
service  B  match_decision : select allow   insert allow   update allow   delete allow
service  B  place          : select allow   insert allow   update allow   delete allow
service  B  event          : select allow   insert allow   update allow   delete allow
service  B  event_actor    : select allow   insert allow   update allow   delete allow
service  B  offer          : select allow   insert allow   update allow   delete allow
service  B  link           : select allow   insert allow   update allow   delete allow
service  B  review_pair    : select allow   insert allow   update allow   delete allow
service  B  absorbed_actor : select allow   insert allow   update allow   delete allow
service  B  census_history : select allow   insert allow   update allow   delete allow
service  B  suppression    : select allow   insert allow   update allow   delete allow
service  B  commune_shape  : select allow   insert allow   update allow   delete allow
service  B  draw           : select allow   insert allow   update allow   delete allow
service  B  draw_volunteer : select allow   insert allow   update allow   delete allow
service  B  draw_answer    : select allow   insert allow   update allow   delete allow
`;

export interface Expectation {
	caller: CallerKey;
	territory: TerritoryKey;
	table: string;
	cells: Record<Operation, Outcome>;
	gap?: { id: GapId; text: string };
}

/** Splits `body  // GAP: [Gn] text` into its parts; plain comment lines give null. */
function parseGridLine(line: string): { body: string; gap?: Expectation['gap'] } | null {
	const trimmed = line.trim();
	if (trimmed === '' || trimmed.startsWith('//')) return null;
	const at = trimmed.indexOf('//');
	if (at < 0) return { body: trimmed };
	const comment = /^\/\/\s*GAP:\s*\[(G\d+)\]\s*(.*)$/.exec(trimmed.slice(at));
	if (!comment || !(comment[1]! in GAPS)) {
		throw new Error(`Bad comment (expected "// GAP: [Gn] …" with Gn in GAPS): ${line}`);
	}
	return {
		body: trimmed.slice(0, at).trim(),
		gap: { id: comment[1] as GapId, text: comment[2]!.trim() }
	};
}

const CELL_LINE =
	/^(\S+)\s+(\S+)\s+(\S+)\s*:\s*select\s+(\S+)\s+insert\s+(\S+)\s+update\s+(\S+)\s+delete\s+(\S+)$/;

export function parseExpectations(grid: string): Expectation[] {
	const callers = new Set<string>(CALLERS.map((c) => c.key));
	const tables = new Set(TABLES.map((t) => t.name));
	const outcomes = new Set<string>(OUTCOMES);
	const seen = new Map<string, Expectation>();
	for (const line of grid.split('\n')) {
		const parsed = parseGridLine(line);
		if (!parsed) continue;
		const m = CELL_LINE.exec(parsed.body);
		if (!m) throw new Error(`Unreadable expectation line: ${line}`);
		const [, caller, territory, table, ...values] = m as unknown as [string, ...string[]];
		if (!callers.has(caller!)) throw new Error(`Unknown caller ${caller}: ${line}`);
		if (territory !== 'A' && territory !== 'B') throw new Error(`Unknown territory: ${line}`);
		if (!tables.has(table!)) throw new Error(`Unknown table ${table}: ${line}`);
		const bad = values.filter((v) => !outcomes.has(v));
		if (bad.length) throw new Error(`Unknown outcome ${bad.join(', ')}: ${line}`);
		const key = `${caller} ${territory} ${table}`;
		if (seen.has(key)) throw new Error(`Expectation given twice: ${key}`);
		const cells = Object.fromEntries(
			OPERATIONS.map((op, i) => [op, values[i]])
		) as Expectation['cells'];
		seen.set(key, {
			caller: caller as CallerKey,
			territory,
			table: table!,
			cells,
			...(parsed.gap ? { gap: parsed.gap } : {})
		});
	}
	const missing: string[] = [];
	for (const c of CALLERS) {
		for (const t of TERRITORY_KEYS) {
			for (const table of TABLES) {
				if (!seen.has(`${c.key} ${t} ${table.name}`)) missing.push(`${c.key} ${t} ${table.name}`);
			}
		}
	}
	if (missing.length) throw new Error(`No expectation for: ${missing.join('; ')}`);
	return [...seen.values()];
}

export const EXPECTATIONS: readonly Expectation[] = parseExpectations(GRID);

export function expectationFor(
	caller: CallerKey,
	territory: TerritoryKey,
	table: string
): Expectation {
	const found = EXPECTATIONS.find(
		(e) => e.caller === caller && e.territory === territory && e.table === table
	);
	if (!found) throw new Error(`No expectation for ${caller} ${territory} ${table}`);
	return found;
}

/**
 * What `caller` may do on T's rows of `table` through the API (PostgREST), where the app-only
 * operations of the table (TableSpec.appOnly) are refused to anon and authenticated callers.
 */
export function apiExpectationFor(
	caller: CallerKey,
	territory: TerritoryKey,
	table: string
): Expectation {
	const e = expectationFor(caller, territory, table);
	const spec = TABLES.find((t) => t.name === table);
	const dbRole = CALLERS.find((c) => c.key === caller)?.dbRole;
	if (!spec?.appOnly?.length || dbRole === 'service_role') return e;
	const cells = { ...e.cells };
	for (const op of spec.appOnly) cells[op] = 'deny';
	return { ...e, cells };
}

/** The canonical form of a grid line (no comment); runners print what they saw the same way. */
export function formatLine(
	caller: string,
	territory: string,
	table: string,
	cells: Record<Operation, string>
): string {
	const cell = (op: Operation) => `${op} ${cells[op].padEnd(8)}`;
	return `${caller.padEnd(9)}${territory}  ${table.padEnd(15)}: ${OPERATIONS.map(cell).join('').trimEnd()}`;
}

// Extra checks ---------------------------------------------------------------------------------

/** Two-column grids: `<name>  <value>  [// GAP: [Gn] …]`. */
function parsePairs<V extends string>(
	grid: string,
	values: readonly V[]
): { name: string; value: V; gap?: Expectation['gap'] }[] {
	const out: { name: string; value: V; gap?: Expectation['gap'] }[] = [];
	for (const line of grid.split('\n')) {
		const parsed = parseGridLine(line);
		if (!parsed) continue;
		const m = /^(\S+)\s+(\S+)$/.exec(parsed.body);
		if (!m || !values.includes(m[2] as V)) throw new Error(`Unreadable line: ${line}`);
		if (out.some((o) => o.name === m[1])) throw new Error(`Given twice: ${m[1]}`);
		out.push({ name: m[1]!, value: m[2] as V, ...(parsed.gap ? { gap: parsed.gap } : {}) });
	}
	return out;
}

/**
 * Which columns of an actor of the public territory B anon reads (`readable`: the select works
 * and gives the seeded value; `hidden`: permission denied or no value). Every column of `actor`
 * must be listed, so a new column gets a decision.
 */
export const ANON_ACTOR_COLUMNS = parsePairs(
	`
id                  readable
territory_id        readable
name                readable
kind                readable
legal_form          readable
sectors             readable
worlds              readable
tags                readable
description         readable
address             hidden
postcode            readable
commune_code        readable
email               hidden
phone               hidden
website             readable
siret               readable
rna                 readable
location            readable
location_quality    readable
provenance          hidden
overrides           hidden
contact_name        hidden
contact_visibility  readable
created_at          readable
updated_at          readable
has_email           readable
has_phone           readable
personal_fields     readable
`,
	['readable', 'hidden'] as const
);

/**
 * Views of `public`: not in the row matrix (nobody writes through them), each checked by its own
 * expectations: `actor_contact` by CONTACT_VISIBILITY.
 */
export const VIEWS = ['actor_contact', 'actor_address'] as const;

/** The contact values of `actor_contact`, in the order CONTACT_VISIBILITY lists them. */
export const CONTACT_VALUES = ['email', 'phone', 'contact_name', 'overrides'] as const;
export type ContactValue = (typeof CONTACT_VALUES)[number];

/**
 * Which values of « Acteur trois » each caller reads through `actor_contact`, in A and in B. Its
 * email is marked public, its phone editors, its contact person members; `overrides` (hand-set
 * values) are for owners and editors (others only learn which fields were set by hand). `none`: the actor's row is not there at all. The service
 * role has no territory role: through the view it reads what the public reads (the server reads
 * the table itself).
 */
export const CONTACT_VISIBILITY: readonly {
	caller: CallerKey;
	territory: TerritoryKey;
	values: readonly ContactValue[] | 'none';
}[] = `
anon     A none
anon     B email
viewerA  A email contact_name
viewerA  B email
memberA  A email contact_name
memberA  B email
editorA  A email phone contact_name overrides
editorA  B email
ownerA   A email phone contact_name overrides
ownerA   B email
viewerB  A none
viewerB  B email contact_name
memberB  A none
memberB  B email contact_name
editorB  A none
editorB  B email phone contact_name overrides
ownerB   A none
ownerB   B email phone contact_name overrides
outsider A none
outsider B email
service  A none
service  B email
`
	.split('\n')
	.filter((line) => line.trim() !== '')
	.map((line) => {
		const [caller, territory, ...values] = line.trim().split(/\s+/);
		if (!CALLERS.some((c) => c.key === caller) || (territory !== 'A' && territory !== 'B'))
			throw new Error(`Unreadable line: ${line}`);
		for (const v of values)
			if (v !== 'none' && !(CONTACT_VALUES as readonly string[]).includes(v))
				throw new Error(`Unknown value ${v} in: ${line}`);
		return {
			caller: caller as CallerKey,
			territory,
			values: values[0] === 'none' ? ('none' as const) : (values as ContactValue[])
		};
	});

/** CONTACT_VISIBILITY as the runners' lines: `<caller> <territory> <values…|none>`. */
export function expectedContactLines(): string[] {
	return CALLERS.flatMap((caller) =>
		TERRITORY_KEYS.map((key) => {
			const line = CONTACT_VISIBILITY.find((l) => l.caller === caller.key && l.territory === key);
			const values =
				line === undefined ? '?' : line.values === 'none' ? 'none' : line.values.join(' ');
			return `${caller.key} ${key} ${values}`;
		})
	);
}

/** A contact value is read when it is there: for `overrides`, when some hand-set value is. */
export function readableContact(value: unknown): boolean {
	if (value === null || value === undefined) return false;
	if (typeof value === 'object') return Object.values(value).some((v) => v !== null);
	return true;
}

/** Ids for one territory: a fresh uuid per label, and the users holding each role there. */
export function seedContext(key: TerritoryKey, users: ReadonlyMap<string, string>): SeedContext {
	const ids = new Map<string, string>();
	return {
		key,
		territory: TERRITORIES[key],
		id(label) {
			if (!ids.has(label)) ids.set(label, crypto.randomUUID());
			return ids.get(label)!;
		},
		user(who) {
			const id = users.get(who === 'newcomer' ? 'newcomer' : `${who}${key}`);
			if (!id) throw new Error(`No user ${who} for ${key}`);
			return id;
		}
	};
}

/**
 * The editor of A adds a row (the insert probe of the table) naming the owner of A as its author.
 * `allow`: stored with that author; `deny`: refused.
 */
export const FORGED_AUTHORSHIP = parsePairs(
	`
territory.created_by       deny
source.imported_by         deny
match_decision.decided_by  deny
census_history.done_by     deny
suppression.created_by     deny
draw.created_by            deny
draw_volunteer.added_by    deny
draw_answer.answered_by    deny
`,
	['allow', 'deny'] as const
);

/**
 * No caller makes itself owner of a territory it does not own: neither by adding its own
 * membership nor by changing its role (checked for every authenticated caller that is not the
 * owner of T, on A and on B).
 */
export const SELF_PROMOTION: Outcome = 'deny';

// The doc ---------------------------------------------------------------------------------------

export const DOC_PATH = 'docs/security-matrix.md';

/** A markdown table padded the way prettier prints it, so `prettier --check` leaves it alone. */
function markdownTable(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [
		line(header),
		`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
		...rows.map(line)
	].join('\n');
}

const code = (s: string) => `\`${s}\``;

/** Placeholders instead of uuids, so the doc says which row a probe points at. */
function docContext(key: TerritoryKey): SeedContext {
	return {
		key,
		territory: TERRITORIES[key],
		id: (label) => `<${label}>`,
		user: (who) => `<${who} of ${key}>`
	};
}

export function renderSecurityMatrix(): string {
	const out: string[] = [];
	out.push(
		'# Security matrix (row level security)',
		'',
		'<!-- Generated from tests/db/rls-matrix.ts by `node --import tsx tests/db/rls-matrix-doc.ts`. Do not edit. -->',
		'',
		'What each kind of caller may do on the rows of every table of the `public` schema, which a',
		'Supabase project serves through PostgREST to anyone holding the anon key.',
		'`tests/db/rls-matrix.test.ts` runs every cell on the real migrations (PGlite, and PostgreSQL 15',
		'with `scripts/test-postgres.sh tests/db/rls-matrix.test.ts`) and fails when a cell differs',
		'from this table, when a table of `public` has no line here, or when this file is stale.',
		'',
		'Each caller acts on the rows of territory **A** (private) and territory **B** (public), each',
		'seeded with rows of every table. Every attempt runs inside a savepoint that is rolled back,',
		'so cells do not depend on each other.',
		'',
		'- **allow**: select sees every seeded row of the territory; insert stores the new row;',
		'  update / delete changes / removes every seeded row.',
		'- **partial**: some of the seeded rows, not all (events of a public territory: only the',
		'  public one).',
		'- **deny**: no row visible, or the write is refused (row-level security error, permission',
		'  denied) or changes no row.',
		'- **GAP**: what the policies do today, but not what the product should do (see',
		'  [Gaps](#gaps)).',
		'',
		'## Callers',
		'',
		markdownTable(
			['caller', 'JWT role', 'who'],
			CALLERS.map((c) => [code(c.key), code(c.dbRole), c.description])
		),
		'',
		'## Territories',
		'',
		markdownTable(
			['key', 'slug', 'visibility', 'communes'],
			TERRITORY_KEYS.map((k) => {
				const t = TERRITORIES[k];
				return [k, code(t.slug), t.visibility, t.communeCodes.join(', ')];
			})
		),
		''
	);
	for (const table of TABLES) {
		out.push(`## ${code(table.name)}`, '');
		if (table.note) out.push(table.note.charAt(0).toUpperCase() + table.note.slice(1), '');
		const c = docContext('A');
		const scope = table.scope(c);
		out.push(
			`- Rows of T: ${code(scope.column)} in ${code(JSON.stringify(scope.values))}; ` +
				`${table.seed(c).length} seeded per territory.`,
			`- Insert tries ${code(JSON.stringify(table.insert(c)))}.`,
			`- Update tries ${code(JSON.stringify(table.update(c)))} on every row of T.`,
			''
		);
		const header = ['caller'];
		for (const t of TERRITORY_KEYS) for (const op of OPERATIONS) header.push(`${t} ${op}`);
		header.push('gap');
		const rows = CALLERS.map((c) => {
			const row = [code(c.key)];
			const gaps: string[] = [];
			for (const t of TERRITORY_KEYS) {
				const e = expectationFor(c.key, t, table.name);
				for (const op of OPERATIONS) row.push(e.cells[op]);
				if (e.gap) gaps.push(`${t}: ${e.gap.id}`);
			}
			row.push(gaps.join(', '));
			return row;
		});
		out.push(markdownTable(header, rows), '');
	}
	out.push(
		'## Columns of an actor of B that anon reads',
		'',
		markdownTable(
			['column', 'anon', 'gap'],
			ANON_ACTOR_COLUMNS.map((c) => [code(c.name), c.value, c.gap ? c.gap.id : ''])
		),
		'',
		'## Contact values through `actor_contact`',
		'',
		'Email, phone, the contact person and hand-set values are not readable in `actor` by the ' +
			'API roles; the view `actor_contact` gives each value to whom its visibility allows. ' +
			'« Acteur trois » has its email marked public, its phone editors and its contact person ' +
			'members.',
		'',
		markdownTable(
			['caller', 'A', 'B'],
			CALLERS.map((caller) => {
				const cellOf = (t: TerritoryKey) => {
					const line = CONTACT_VISIBILITY.find((l) => l.caller === caller.key && l.territory === t);
					return line === undefined ? '?' : line.values === 'none' ? '—' : line.values.join(', ');
				};
				return [code(caller.key), cellOf('A'), cellOf('B')];
			})
		),
		'',
		'## Authorship columns',
		'',
		'The editor of A inserts a row naming the owner of A as its author.',
		'',
		markdownTable(
			['column', 'result', 'gap'],
			FORGED_AUTHORSHIP.map((c) => [code(c.name), c.value, c.gap ? c.gap.id : ''])
		),
		'',
		'## Self-promotion',
		'',
		`No caller makes itself owner of a territory it does not own, by inserting its own membership or`,
		`by updating its role: ${SELF_PROMOTION} for every signed-in caller, on A and on B.`,
		'',
		'## Gaps',
		''
	);
	const gaps = Object.entries(GAPS);
	if (gaps.length === 0)
		out.push(
			'None open. Closed: G1 (contacts and address behind their visibility), G2 (raw rows for ' +
				'editors), G3 (history written by the database), G4 (authorship).'
		);
	for (const [id, text] of gaps) out.push(`- **${id}**: ${text}`);
	out.push('');
	return out.join('\n');
}
