/**
 * « A member of one territory never reads another's private fields through any route » (issue #8,
 * security test suite). Every route module of src/routes is called in process — its real `load`,
 * form actions and request handlers — with a hand-built RequestEvent, against a real database
 * migrated from supabase/migrations (PGlite; PostgreSQL 15 with scripts/test-postgres.sh).
 *
 * The seed (routes-cross-territory.seed.ts) puts a marker string in every private field of a
 * private territory A and a public territory B. Then, for every route of ROUTES:
 * - reads: the members of B (member, editor), a signed-in outsider and anon get 404/403 on A,
 *   and no caller's answer (page data, JSON, CSV, ICS, XLSX, GeoJSON, error bodies) ever holds a
 *   marker it may not read — B's members-only and editors-only values for the outsider and anon,
 *   A's editors-only values for a member of A, anything but the public values on the routes that
 *   only ever serve the public view. B's slug with A's object ids is tried too (an id of another
 *   territory must not be reached through one's own).
 * - writes: every form action and POST, by the members of B, the outsider and anon on A (and by
 *   non-editors on B), fails and changes nothing: every table of `public` and auth.users compared
 *   row by row before and after. The same calls by an editor of A do change something, so a
 *   refusal is the authorisation speaking, not a malformed form.
 * A route file that ROUTES does not list fails the test, and so does an action or a handler.
 */
import { gunzipSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase, type TestDatabase } from './helpers';
import {
	fingerprint,
	phoneOf,
	readableLevels,
	seed,
	type Caller,
	type CallerKey,
	type Level,
	type Seed,
	type SeededTerritory,
	type TerritoryKey
} from './routes-cross-territory.seed';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
// Geocoding and commune outlines offline: never the network.
vi.mock('$env/dynamic/private', () => ({
	env: { MAILLAGE_GEOCODER: 'offline', MAILLAGE_GEO: 'offline' }
}));
vi.mock('$env/dynamic/public', () => ({ env: {} }));

const ROUTES_DIR = join(process.cwd(), 'src/routes');
const ROUTE_FILES = new Set(['+page.server.ts', '+layout.server.ts', '+server.ts']);
/** The route module of a table key, as SvelteKit would load it (with this file's mocks). */
function loadModule(key: string): Promise<Record<string, unknown>> {
	return import(/* @vite-ignore */ join(ROUTES_DIR, key));
}

/** Route files under src/routes, as `t/[territory]/map/+page.server.ts`. */
function routeFiles(): string[] {
	return (readdirSync(ROUTES_DIR, { recursive: true }) as string[])
		.filter((f) => ROUTE_FILES.has(f.split(sep).pop()!))
		.map((f) => relative(ROUTES_DIR, join(ROUTES_DIR, f)).split(sep).join('/'))
		.sort();
}

// The table ------------------------------------------------------------------------------------

/**
 * A: territory A's slug and ids. B: B's. BxA: B's slug with A's ids (an editor of B reaching A's
 * rows through a route of its own territory).
 */
type Target = 'A' | 'B' | 'BxA';

interface Ctx {
	/** The territory of the slug. */
	self: SeededTerritory;
	/** Where the object ids come from. */
	ids: SeededTerritory;
}

interface ReadCall {
	label: string;
	/** Route parameters besides `territory`. */
	params?: (c: Ctx) => Record<string, string>;
	query?: (c: Ctx) => string;
	/** The route serves the public view whoever asks: only public values, members included. */
	publicView?: boolean;
}

interface WriteCall {
	label: string;
	/** Action name (`default` for a page's only action) or the HTTP method of a +server.ts. */
	name: string;
	params?: (c: Ctx) => Record<string, string>;
	form: (c: Ctx) => FormData;
	/** Deletes what later calls use: the editor's control runs it last. */
	destructive?: boolean;
	/** Why the editor's control call cannot show a change (then it is not run). */
	noControl?: string;
	/** Members of the territory may make this call (why): memberB is not refused it on B. */
	membersMay?: string;
	/** Who makes the control call on A (default: the editor of A). */
	controlBy?: CallerKey;
	/**
	 * The call names objects (URL or form): tried with B's slug and A's ids too. Default: when
	 * it has `params`.
	 */
	namesObjects?: boolean;
}

interface RouteEntry {
	/** `territory`: under /t/[territory]; `global`: no territory in the URL. */
	scope: 'territory' | 'global';
	reads: ReadCall[];
	writes: WriteCall[];
	/** Not called at all, and why. */
	skip?: string;
	/** For global routes: the callers a write is tried with (default: all) and why not others. */
	writeCallers?: CallerKey[];
}

function form(values: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
	return f;
}

function csvUpload(c: Ctx, event?: string): FormData {
	const f = new FormData();
	const csv = `Nom de la structure;Code INSEE\r\nNouvelle association;${c.self.communes[0]}\r\n`;
	f.append('file', new File([csv], 'nouvelle-liste.csv', { type: 'text/csv' }));
	if (event) f.append('event', event);
	return f;
}

const eventForm = (c: Ctx) =>
	form({
		title: 'Nouvelle rencontre',
		description: '',
		start_date: '2027-04-10',
		start_time: '18:00',
		end_date: '',
		end_time: '',
		place: c.ids.place1,
		address: '',
		lng: '',
		lat: '',
		commune: '',
		theme: 'culture',
		format: 'forum',
		needs: 'tables',
		visibility: 'members',
		organisers: c.ids.actor1
	});

const placeForm = (c: Ctx) =>
	form({
		name: 'Nouvelle salle',
		kind: 'salle',
		description: '',
		capacity: '40',
		equipment: 'tables',
		accessibility: '',
		conditions: '',
		run_by: c.ids.actor1,
		address: '',
		commune: c.self.communes[0],
		lng: String(c.self.centre[0]),
		lat: String(c.self.centre[1])
	});

const actor1 = (c: Ctx) => ({ id: c.ids.actor1 });
const at = (c: Ctx) => `at=${c.self.centre[0]},${c.self.centre[1]}&needs=tables&radius=50`;

const ROUTES: Record<string, RouteEntry> = {
	'+layout.server.ts': { scope: 'global', reads: [{ label: 'root layout' }], writes: [] },
	'+page.server.ts': {
		scope: 'global',
		reads: [{ label: 'home (readable territories)' }],
		writes: [
			{ label: 'create a territory', name: 'create', form: () => form({ name: 'Nouveau' }) }
		],
		// A signed-in person creating a territory of their own is the feature: only anon is refused.
		writeCallers: ['anon']
	},
	'account/+page.server.ts': {
		scope: 'global',
		reads: [{ label: 'my account (my territories)' }],
		writes: []
	},
	'auth/callback/+server.ts': {
		scope: 'global',
		reads: [{ label: 'magic link landing', query: () => 'code=abc&next=/t/croisee-a' }],
		writes: []
	},
	'login/+page.server.ts': {
		scope: 'global',
		reads: [{ label: 'login page', query: () => 'next=/t/croisee-a/map' }],
		writes: [
			{
				label: 'password',
				name: 'password',
				form: () => form({ email: 'x@example.org', password: 'secret', next: '/' }),
				noControl: 'no Supabase Auth in this test: fails with local_mode for everybody'
			},
			{
				label: 'magic link',
				name: 'magic',
				form: () => form({ email: 'x@example.org', next: '/' }),
				noControl: 'no Supabase Auth in this test: fails with local_mode for everybody'
			}
		]
	},
	'logout/+page.server.ts': {
		scope: 'global',
		reads: [{ label: 'logout page' }],
		writes: [
			{ label: 'sign out', name: 'default', form: () => form({}), noControl: 'writes nothing' }
		]
	},
	't/[territory]/+layout.server.ts': {
		scope: 'territory',
		reads: [{ label: 'territory layout' }],
		writes: []
	},
	't/[territory]/actors.geojson/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'published actors', publicView: true }],
		writes: []
	},
	't/[territory]/actors/[id]/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'actor 1', params: actor1 },
			{ label: 'actor 2', params: (c) => ({ id: c.ids.actor2 }) }
		],
		writes: [
			{
				label: 'override',
				name: 'override',
				params: actor1,
				form: () => form({ field: 'name', value: 'Nom changé' })
			},
			{
				label: 'revert',
				name: 'revert',
				params: (c) => ({ id: c.ids.actor2 }),
				form: () => form({ field: 'email' })
			},
			{
				label: 'place',
				name: 'place',
				params: actor1,
				form: (c) => form({ lng: String(c.self.centre[0] + 0.03), lat: String(c.self.centre[1]) })
			},
			{ label: 'unplace', name: 'unplace', params: actor1, form: () => form({}) },
			{
				label: 'contact visibility',
				name: 'visibility',
				params: actor1,
				form: () => form({ field: 'phone', level: 'public', confirm_personal: '1' })
			},
			{
				label: 'worlds',
				name: 'worlds',
				params: actor1,
				form: () => form({ 'worlds.urbain-rural': 'rural', 'worlds.elu-associatif': 'associatif' })
			},
			{
				label: 'unmerge',
				name: 'unmerge',
				params: actor1,
				form: (c) => form({ record: c.ids.records.actor1[1]!, confirm: '1' })
			},
			{
				label: 'new offer',
				name: 'offerSave',
				params: actor1,
				form: () =>
					form({ offerId: '', direction: 'offer', category: 'skill', title: 'Offre ajoutée' })
			},
			{
				label: 'offer update',
				name: 'offerSave',
				params: actor1,
				form: (c) =>
					form({ offerId: c.ids.offer1, direction: 'offer', category: 'room', title: 'Modifiée' })
			},
			{
				label: 'offer delete',
				name: 'offerDelete',
				params: actor1,
				form: (c) => form({ offerId: c.ids.offer1 }),
				destructive: true
			},
			{
				label: 'erase (RGPD)',
				name: 'erase',
				params: (c) => ({ id: c.ids.actor2 }),
				form: () => form({ confirm: '1' }),
				destructive: true
			}
		]
	},
	't/[territory]/actors/search/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'actor search', query: () => 'q=zq&limit=50' }],
		writes: []
	},
	't/[territory]/census/export/+server.ts': {
		scope: 'territory',
		reads: ['csv', 'csv-excel', 'xlsx', 'geojson'].map((format) => ({
			label: `export ${format}`,
			query: () => `format=${format}`
		})),
		writes: []
	},
	't/[territory]/census/history/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'census history' },
			{ label: 'census history, older page', query: () => 'before=1000000' }
		],
		writes: []
	},
	't/[territory]/census/overlap/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'listings overlap' }],
		writes: []
	},
	't/[territory]/census/review/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'review queue' },
			{ label: 'review, pair first', query: (c) => `first=${c.ids.reviewPair.join(',')}` }
		],
		writes: [
			{
				label: 'decide',
				name: 'decide',
				form: (c) => form({ a: c.ids.reviewPair[0], b: c.ids.reviewPair[1], decision: 'same' })
			},
			{
				label: 'undo',
				name: 'undo',
				form: (c) => form({ a: c.ids.decisionPair[0], b: c.ids.decisionPair[1] })
			}
		]
	},
	't/[territory]/embed/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'embeddable map', publicView: true }],
		writes: []
	},
	't/[territory]/events.ics/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'iCalendar feed', publicView: true }],
		writes: []
	},
	't/[territory]/coverage/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'coverage gaps' },
			{ label: 'coverage gaps, filtered', query: () => 'kind=association&noplace=1&noevent=1' }
		],
		writes: []
	},
	't/[territory]/draws/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'draws' }],
		writes: [
			{
				label: 'open a call',
				name: 'create',
				form: () =>
					form({
						title: 'Nouvel appel',
						groups: '1',
						groupSize: '2',
						seedSource: 'source',
						confirmDays: '7'
					})
			}
		]
	},
	't/[territory]/draws/[id]/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'open call', params: (c) => ({ id: c.ids.drawOpen }) },
			{ label: 'closed call', params: (c) => ({ id: c.ids.drawReady }) },
			{ label: 'empty open call', params: (c) => ({ id: c.ids.drawSpare }) },
			{ label: 'drawn call', params: (c) => ({ id: c.ids.drawDone }) }
		],
		writes: [
			{
				label: 'volunteer actors',
				name: 'addVolunteers',
				params: (c) => ({ id: c.ids.drawOpen }),
				form: (c) => form({ actors: c.ids.actor2 }),
				membersMay: 'members volunteer actors while a call is open'
			},
			{
				label: 'volunteer by commune',
				name: 'addMatching',
				params: (c) => ({ id: c.ids.drawOpen }),
				form: (c) => form({ commune: c.self.communes[0] }),
				noControl: 'the control of « volunteer actors » just added the only actor left'
			},
			{
				label: 'withdraw a volunteer',
				name: 'remove',
				params: (c) => ({ id: c.ids.drawOpen }),
				form: (c) => form({ actor: c.ids.actor1, name: 'Volontaire' })
			},
			{
				label: 'close the pool',
				name: 'close',
				params: (c) => ({ id: c.ids.drawOpen }),
				form: () => form({})
			},
			{
				label: 'record an answer',
				name: 'answer',
				params: (c) => ({ id: c.ids.drawDone }),
				form: (c) => form({ actor: c.ids.drawSeated, answer: 'declined' })
			},
			{
				label: 'record the silences',
				name: 'expire',
				params: (c) => ({ id: c.ids.drawDone }),
				form: () => form({})
			},
			{
				label: 'run the draw',
				name: 'run',
				params: (c) => ({ id: c.ids.drawReady }),
				form: () => form({ seed: 'graine lue' }),
				destructive: true
			},
			{
				label: 'delete the call',
				name: 'delete',
				params: (c) => ({ id: c.ids.drawSpare }),
				form: () => form({ confirm: '1' }),
				destructive: true
			}
		]
	},
	't/[territory]/draws/[id]/audit.json/+server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'audit of the open call', params: (c) => ({ id: c.ids.drawOpen }) },
			{ label: 'audit of the drawn call', params: (c) => ({ id: c.ids.drawDone }) }
		],
		writes: []
	},
	't/[territory]/events/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'events upcoming' },
			{ label: 'events past', query: () => 'when=past' },
			{ label: 'events calendar', query: () => 'view=calendar&month=2027-03' }
		],
		writes: []
	},
	't/[territory]/events/[id]/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'public event', params: (c) => ({ id: c.ids.eventPublic }) },
			{ label: 'members event', params: (c) => ({ id: c.ids.eventMembers }) }
		],
		writes: [
			{
				label: 'save',
				name: 'save',
				params: (c) => ({ id: c.ids.eventMembers }),
				form: eventForm
			},
			{
				label: 'delete',
				name: 'delete',
				params: (c) => ({ id: c.ids.eventPublic }),
				form: () => form({ confirm: '1' }),
				destructive: true
			}
		]
	},
	't/[territory]/events/[id]/partners/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'partners of public event', params: (c) => ({ id: c.ids.eventPublic }) },
			{ label: 'partners of members event', params: (c) => ({ id: c.ids.eventMembers }) }
		],
		writes: []
	},
	't/[territory]/events/[id]/partners/invitations.csv/+server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'invitations of public event', params: (c) => ({ id: c.ids.eventPublic }) },
			{
				label: 'invitations of members event (Excel)',
				params: (c) => ({ id: c.ids.eventMembers }),
				query: () => 'excel=1'
			}
		],
		writes: []
	},
	't/[territory]/events/new/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'new event form', query: (c) => `place=${c.ids.place1}` }],
		writes: [{ label: 'create event', name: 'default', form: eventForm, namesObjects: true }]
	},
	't/[territory]/import/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'import wizard' },
			{ label: 'participants import', query: (c) => `event=${c.ids.eventMembers}` }
		],
		writes: []
	},
	't/[territory]/import/analyse/+server.ts': {
		scope: 'territory',
		reads: [],
		writes: [
			{
				label: 'analyse upload',
				name: 'POST',
				form: csvUpload,
				noControl: 'analyses only: writes nothing, for editors either'
			}
		]
	},
	't/[territory]/import/commit/+server.ts': {
		scope: 'territory',
		reads: [],
		writes: [
			{
				label: 'commit upload (participants of an event)',
				name: 'POST',
				form: (c) => csvUpload(c, c.ids.eventMembers),
				namesObjects: true
			}
		]
	},
	't/[territory]/events/travel/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'events that travel' },
			{ label: 'events that travel, one series', query: () => 'format=f%C3%AAte&size=50' }
		],
		writes: []
	},
	't/[territory]/map/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'map page' }],
		writes: []
	},
	't/[territory]/map/actors.geojson/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'map actors' }],
		writes: []
	},
	't/[territory]/map/communes.geojson/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'map communes' }],
		writes: []
	},
	't/[territory]/map/coverage.geojson/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'map coverage gaps' }],
		writes: []
	},
	't/[territory]/map/detail/[type]/[id]/+server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'detail actor 1', params: (c) => ({ type: 'actor', id: c.ids.actor1 }) },
			{ label: 'detail actor 2', params: (c) => ({ type: 'actor', id: c.ids.actor2 }) },
			{ label: 'detail actor 3', params: (c) => ({ type: 'actor', id: c.ids.actor3 }) },
			{
				label: 'detail actor 1, public view',
				params: (c) => ({ type: 'actor', id: c.ids.actor1 }),
				query: () => 'audience=public',
				publicView: true
			},
			{ label: 'detail place', params: (c) => ({ type: 'place', id: c.ids.place1 }) },
			{ label: 'detail public event', params: (c) => ({ type: 'event', id: c.ids.eventPublic }) },
			{
				label: 'detail members event',
				params: (c) => ({ type: 'event', id: c.ids.eventMembers })
			},
			{
				label: 'detail members event, public view',
				params: (c) => ({ type: 'event', id: c.ids.eventMembers }),
				query: () => 'audience=public',
				publicView: true
			}
		],
		writes: []
	},
	't/[territory]/map/events.geojson/+server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'map events' },
			{ label: 'map events, public view', query: () => 'audience=public', publicView: true }
		],
		writes: []
	},
	't/[territory]/map/places.geojson/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'map places' }],
		writes: []
	},
	't/[territory]/network/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'network' },
			{ label: 'network of a commune', query: (c) => `commune=${c.self.communes[0]}` }
		],
		writes: []
	},
	't/[territory]/offers/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'offers' },
			{ label: 'requests', query: () => 'view=requests&expired=1' },
			{ label: 'matching', query: () => 'view=matching&expired=1' }
		],
		writes: []
	},
	't/[territory]/partners/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'partner finder', query: at }],
		writes: []
	},
	't/[territory]/partners/invitations.csv/+server.ts': {
		scope: 'territory',
		reads: [{ label: 'partner invitations', query: at }],
		writes: []
	},
	't/[territory]/places/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'places' }],
		writes: []
	},
	't/[territory]/places/[id]/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'place', params: (c) => ({ id: c.ids.place1 }) }],
		writes: [
			{
				label: 'update place',
				name: 'update',
				params: (c) => ({ id: c.ids.place1 }),
				form: placeForm
			},
			{
				label: 'delete place',
				name: 'delete',
				params: (c) => ({ id: c.ids.place1 }),
				form: () => form({ confirm: '1' }),
				destructive: true
			}
		]
	},
	't/[territory]/places/new/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'new place form' }],
		writes: [{ label: 'create place', name: 'default', form: placeForm, namesObjects: true }]
	},
	't/[territory]/present/+page.server.ts': {
		scope: 'territory',
		reads: [
			{ label: 'dossier' },
			{ label: 'dossier, public', query: () => 'public=1', publicView: true },
			{ label: 'dossier of a commune', query: (c) => `commune=${c.self.communes[0]}` }
		],
		writes: []
	},
	't/[territory]/settings/+page.server.ts': {
		scope: 'territory',
		reads: [{ label: 'settings' }],
		writes: [
			{
				label: 'save settings',
				name: 'save',
				form: (c) =>
					form({
						name: 'Territoire renommé',
						communes: c.self.communes.join(' '),
						epci: '',
						licence: 'CC-BY-SA-4.0',
						licence_other: '',
						visibility: 'public'
					}),
				controlBy: 'ownerA'
			},
			{
				label: 'move a listing',
				name: 'move',
				form: (c) => form({ source: c.ids.sources[1]!, direction: 'up' }),
				namesObjects: true
			},
			{
				label: 'change a role',
				name: 'role',
				form: (c) => form({ user: c.ids.member, role: 'editor' }),
				namesObjects: true,
				controlBy: 'ownerA'
			},
			{
				label: 'invite',
				name: 'invite',
				form: () => form({ email: 'invitee@example.org', role: 'member' }),
				controlBy: 'ownerA'
			},
			{
				label: 'cancel an invitation',
				name: 'cancel',
				form: () => form({ invitation: crypto.randomUUID() }),
				noControl: 'no invitation is seeded: there is nothing to cancel, for the owner either'
			},
			{
				label: 'remove a member',
				name: 'remove',
				form: (c) => form({ user: c.ids.member, confirm: '1' }),
				namesObjects: true,
				destructive: true,
				controlBy: 'ownerA'
			}
		]
	},
	't/[territory]/present/pdf/+server.ts': {
		scope: 'territory',
		reads: [],
		writes: [],
		skip:
			'prints /t/<slug>/present through headless Chromium, as the user (their cookies): it reads ' +
			'no data itself, so the dossier rows above cover what it can show. Chromium is not ' +
			'started in this test.'
	}
};

// Calling a route ------------------------------------------------------------------------------

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback'];

type Outcome =
	| { kind: 'data'; status: number; text: string }
	| { kind: 'error'; status: number; text: string }
	| { kind: 'failure'; status: number; text: string }
	| { kind: 'redirect'; status: number; location: string; text: string };

/** JSON of page data, with what JSON.stringify would drop (Map, Set) kept. */
function serialise(value: unknown): string {
	return (
		JSON.stringify(value, (_k, v: unknown) => {
			if (v instanceof Map) return [...v.entries()];
			if (v instanceof Set) return [...v];
			if (typeof v === 'bigint') return String(v);
			return v;
		}) ?? ''
	);
}

async function responseText(res: Response): Promise<string> {
	const type = res.headers.get('content-type') ?? '';
	let bytes = Buffer.from(await res.arrayBuffer());
	if (res.headers.get('content-encoding') === 'gzip') bytes = gunzipSync(bytes);
	if (type.includes('spreadsheetml')) return serialise(await readXlsxFile(bytes));
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
	// iCalendar folds long lines (RFC 5545 §3.1): unfold so a marker is not cut in two.
	return type.includes('text/calendar') ? text.replace(/\r?\n[ \t]/g, '') : text;
}

const noFetch = () => Promise.reject(new Error('no network in this test'));

function routeId(key: string): string {
	return '/' + key.split('/').slice(0, -1).join('/');
}

function pathOf(key: string, params: Record<string, string>): string {
	return routeId(key).replace(/\[(\w+)\]/g, (_m, name: string) => {
		const v = params[name];
		if (v === undefined) throw new Error(`no value for [${name}] in ${key}`);
		return encodeURIComponent(v);
	});
}

interface Call {
	key: string;
	caller: Caller;
	params: Record<string, string>;
	query?: string;
	/** Action or method name; absent: `load` / `GET`. */
	write?: { name: string; form: FormData };
}

async function call(c: Call): Promise<Outcome> {
	const mod = await loadModule(c.key);
	const url = new URL(`http://localhost${pathOf(c.key, c.params)}${c.query ? `?${c.query}` : ''}`);
	const request = c.write
		? new Request(url, { method: 'POST', body: c.write.form })
		: new Request(url);
	const event = {
		params: c.params,
		url,
		route: { id: routeId(c.key) },
		request,
		locals: {
			claims: c.caller.claims,
			user: c.caller.user,
			locale: 'fr',
			supabase: null
		},
		cookies: {
			get: () => undefined,
			getAll: () => [],
			set: () => {},
			delete: () => {},
			serialize: () => ''
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		fetch: noFetch,
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		parent: async () => ({})
	};
	const isServer = c.key.endsWith('+server.ts');
	let fn: (e: typeof event) => unknown;
	if (isServer) fn = mod[c.write ? c.write.name : 'GET'] as typeof fn;
	else if (c.write) fn = (mod.actions as Record<string, typeof fn>)[c.write.name]!;
	else fn = mod.load as typeof fn;
	if (typeof fn !== 'function')
		throw new Error(`${c.key}: nothing to call for ${c.write?.name ?? 'read'}`);
	try {
		const result = await fn(event);
		if (result instanceof Response) {
			const text = await responseText(result);
			// The import streams its outcome: an error line is its refusal (the status is sent first).
			if (result.headers.get('content-type')?.includes('ndjson') && /"type":"error"/.test(text))
				return { kind: 'failure', status: 400, text };
			return { kind: result.status >= 400 ? 'error' : 'data', status: result.status, text };
		}
		if (isActionFailure(result))
			return { kind: 'failure', status: result.status, text: serialise(result.data) };
		return { kind: 'data', status: 200, text: serialise(result) };
	} catch (thrown) {
		if (isHttpError(thrown))
			return { kind: 'error', status: thrown.status, text: serialise(thrown.body) };
		if (isRedirect(thrown))
			return {
				kind: 'redirect',
				status: thrown.status,
				location: thrown.location,
				text: thrown.location
			};
		throw new Error(`${c.key} ${c.write?.name ?? 'read'} as ${c.caller.key}: ${String(thrown)}`, {
			cause: thrown
		});
	}
}

/** 404 (unknown or unreadable), 403 (read-only), or off to the login page. */
function denied(o: Outcome): boolean {
	if (o.kind === 'redirect') return o.location.startsWith('/login');
	return (o.kind === 'error' || o.kind === 'failure') && (o.status === 403 || o.status === 404);
}

function refused(o: Outcome): boolean {
	if (denied(o)) return true;
	return (o.kind === 'error' || o.kind === 'failure') && o.status >= 400 && o.status < 500;
}

// Expectations ---------------------------------------------------------------------------------

let db: TestDatabase;
let s: Seed;

const TARGET_CALLERS: Record<Target, CallerKey[]> = {
	A: ['memberB', 'editorB', 'outsider', 'anon', 'memberA'],
	B: ['anon', 'outsider', 'memberB', 'editorB'],
	BxA: ['memberB', 'editorB']
};
const WRITE_CALLERS: Record<Target, CallerKey[]> = {
	A: ['memberB', 'editorB', 'outsider', 'anon'],
	B: ['anon', 'outsider', 'memberB'],
	BxA: ['editorB']
};
const GLOBAL_CALLERS: CallerKey[] = ['anon', 'outsider', 'memberB', 'editorB', 'memberA'];

function ctxOf(target: Target): Ctx {
	const { A, B } = s.territories;
	return target === 'A'
		? { self: A, ids: A }
		: target === 'B'
			? { self: B, ids: B }
			: { self: B, ids: A };
}

const IS_PUBLIC: Record<TerritoryKey, boolean> = { A: false, B: true };

/**
 * The markers `caller` may not see in this answer. `publicOf`: the route serves territory T's
 * public view whoever asks, so T's members-only and editors-only values are out even for its
 * members.
 */
function forbiddenMarkers(caller: Caller, publicOf?: TerritoryKey): string[] {
	return s.markers
		.filter((m) => {
			if (m.ownedBy === caller.key) return false;
			let levels: Level[] = readableLevels(caller, m.territory, IS_PUBLIC[m.territory]);
			if (publicOf === m.territory) levels = levels.filter((l) => l === 'pub');
			return !levels.includes(m.level);
		})
		.map((m) => m.value.toLowerCase());
}

/** The markers in `text`; phone markers are digits, found however the number is written. */
function found(text: string, markers: string[]): string[] {
	const haystack = text.toLowerCase();
	const digits = haystack.replace(/(\d)[\s.-]+(?=\d)/g, '$1');
	return markers.filter((m) => haystack.includes(m) || digits.includes(m));
}

/**
 * Known leaks: `<route key> | <read label> | <caller> | <target>` → the markers it shows today.
 * Each is a bug to fix; the test fails when one stops leaking, so the line gets removed then.
 */
const KNOWN_LEAKS: Record<string, { markers: string[]; note: string }> = {};

/** What each caller must see somewhere on a target, so that "no marker" is not an empty page. */
const MUST_SEE: { caller: CallerKey; target: 'A' | 'B'; markers: string[] }[] = [
	{
		caller: 'memberA',
		target: 'A',
		markers: [
			'zq-a-pub-actor1',
			'zq-a-mem-altmail1',
			'zq-a-mem-offer1',
			'zq-a-mem-event',
			'zq-a-mem-source'
		]
	},
	{
		caller: 'anon',
		target: 'B',
		markers: ['zq-b-pub-actor1', 'zq-b-pub-event', 'zq-b-pub-email3', 'zq-b-pub-place1']
	},
	{
		caller: 'outsider',
		target: 'B',
		markers: ['zq-b-pub-actor1', 'zq-b-pub-event', 'zq-b-pub-email3', 'zq-b-pub-place1']
	},
	{
		caller: 'memberB',
		target: 'B',
		markers: ['zq-b-mem-altmail1', 'zq-b-mem-phone2', 'zq-b-mem-offer1', 'zq-b-mem-event']
	},
	{
		caller: 'editorB',
		target: 'B',
		markers: ['zq-b-edi-raw-note1', phoneOf('B', 1).marker, 'zq-b-edi-email2', 'zq-b-edi-history']
	}
];

/** Everything a caller was answered on a target, for MUST_SEE. */
const seenText = new Map<string, string[]>();

function readCalls(target: Target) {
	const out: { key: string; read: ReadCall; caller: CallerKey }[] = [];
	for (const [key, entry] of Object.entries(ROUTES)) {
		if (entry.skip || entry.scope !== 'territory') continue;
		for (const read of entry.reads) {
			// B's slug with A's ids only means something where the URL names an object.
			if (target === 'BxA' && !read.params) continue;
			for (const caller of TARGET_CALLERS[target]) out.push({ key, read, caller });
		}
	}
	return out;
}

function writeCalls(target: Target) {
	const out: { key: string; write: WriteCall; caller: CallerKey }[] = [];
	for (const [key, entry] of Object.entries(ROUTES)) {
		if (entry.skip || entry.scope !== 'territory') continue;
		for (const write of entry.writes) {
			if (target === 'BxA' && !(write.namesObjects ?? Boolean(write.params))) continue;
			for (const caller of WRITE_CALLERS[target]) {
				if (target === 'B' && caller === 'memberB' && write.membersMay) continue;
				out.push({ key, write, caller });
			}
		}
	}
	return out;
}

function paramsOf(target: Target, p?: (c: Ctx) => Record<string, string>) {
	const c = ctxOf(target);
	return { territory: c.self.slug, ...(p ? p(c) : {}) };
}

// The test -------------------------------------------------------------------------------------

beforeAll(async () => {
	vi.stubGlobal('fetch', noFetch);
	db = await freshDatabase();
	current.db = db;
	s = await seed(db);
}, 180_000);

afterAll(async () => {
	vi.unstubAllGlobals();
	await db?.close();
});

describe('the route table', () => {
	it('lists every route file under src/routes, and only those', () => {
		expect(Object.keys(ROUTES).sort()).toEqual(routeFiles());
	});

	it('lists every form action and request handler of each route', async () => {
		for (const [key, entry] of Object.entries(ROUTES)) {
			const mod = await loadModule(key);
			const listed = new Set(entry.writes.map((w) => w.name));
			if (key.endsWith('+server.ts')) {
				const handlers = HTTP_METHODS.filter((m) => m in mod);
				const expected = entry.skip ? [] : handlers.filter((m) => m !== 'GET');
				expect(
					expected.filter((m) => !listed.has(m)),
					`${key}: handlers not in the table`
				).toEqual([]);
				if ('GET' in mod && !entry.skip)
					expect(entry.reads.length, `${key}: GET not called`).toBeGreaterThan(0);
			} else {
				const actions = Object.keys((mod.actions as object | undefined) ?? {});
				if (!entry.skip)
					expect(
						actions.filter((a) => !listed.has(a)),
						`${key}: actions not in the table`
					).toEqual([]);
				if ('load' in mod && !entry.skip)
					expect(entry.reads.length, `${key}: load not called`).toBeGreaterThan(0);
			}
			if (entry.skip)
				expect(entry.skip.length, `${key}: say why it is skipped`).toBeGreaterThan(20);
		}
	});
});

describe('reads', () => {
	for (const target of ['A', 'B', 'BxA'] as const) {
		it(`territory ${target}: denied where not readable, never a value the caller may not read`, async () => {
			const problems: string[] = [];
			const leaks: Record<string, string[]> = {};
			for (const { key, read, caller: callerKey } of readCalls(target)) {
				const caller = s.callers[callerKey];
				const outcome = await call({
					key,
					caller,
					params: paramsOf(target, read.params),
					query: read.query?.(ctxOf(target))
				});
				const where = `${key} | ${read.label} | ${callerKey} | ${target}`;
				const readsA = caller.membership?.territory === 'A';
				if ((target === 'A' && !readsA) || target === 'BxA') {
					if (!denied(outcome))
						problems.push(`${where}: expected 404/403, got ${outcome.kind} ${outcome.status}`);
				} else if (outcome.kind === 'error' && outcome.status >= 500) {
					problems.push(`${where}: ${outcome.status} ${outcome.text.slice(0, 200)}`);
				}
				const slugTerritory: TerritoryKey = target === 'A' ? 'A' : 'B';
				const leaked = found(
					outcome.text,
					forbiddenMarkers(caller, read.publicView ? slugTerritory : undefined)
				);
				if (leaked.length > 0) leaks[where] = leaked;
				if (target !== 'BxA') {
					const seenKey = `${callerKey} ${target}`;
					seenText.set(seenKey, [...(seenText.get(seenKey) ?? []), outcome.text.toLowerCase()]);
				}
			}
			expect(problems).toEqual([]);
			const expected = Object.fromEntries(
				Object.entries(KNOWN_LEAKS)
					.filter(([where]) => where.endsWith(`| ${target}`))
					.map(([where, k]) => [where, k.markers])
			);
			expect(leaks).toEqual(expected);
		});
	}

	it('every caller saw what it may read (the checks above are not about empty answers)', () => {
		const missing: string[] = [];
		for (const { caller, target, markers } of MUST_SEE) {
			const texts = seenText.get(`${caller} ${target}`) ?? [];
			for (const m of markers)
				if (!texts.some((t) => found(t, [m]).length > 0))
					missing.push(`${caller} on ${target}: ${m}`);
		}
		expect(missing).toEqual([]);
	});

	it('routes without a territory never show a territory the caller may not read', async () => {
		const leaks: Record<string, string[]> = {};
		for (const [key, entry] of Object.entries(ROUTES)) {
			if (entry.scope !== 'global') continue;
			for (const read of entry.reads) {
				for (const callerKey of GLOBAL_CALLERS) {
					const caller = s.callers[callerKey];
					const outcome = await call({ key, caller, params: {}, query: read.query?.(ctxOf('A')) });
					const leaked = found(outcome.text, forbiddenMarkers(caller));
					if (leaked.length > 0) leaks[`${key} | ${read.label} | ${callerKey}`] = leaked;
				}
			}
		}
		expect(leaks).toEqual({});
	});
});

describe('writes', () => {
	for (const target of ['A', 'B', 'BxA'] as const) {
		it(`territory ${target}: every action and POST refused, nothing changed`, async () => {
			const problems: string[] = [];
			for (const { key, write, caller: callerKey } of writeCalls(target)) {
				const caller = s.callers[callerKey];
				const before = await fingerprint(db);
				const outcome = await call({
					key,
					caller,
					params: paramsOf(target, write.params),
					write: { name: write.name, form: write.form(ctxOf(target)) }
				});
				const after = await fingerprint(db);
				const where = `${key} | ${write.label} | ${callerKey} | ${target}`;
				const ok = target === 'A' ? denied(outcome) : refused(outcome);
				if (!ok) problems.push(`${where}: not refused (${outcome.kind} ${outcome.status})`);
				const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
				if (changed.length > 0) problems.push(`${where}: changed ${changed.join(', ')}`);
				const leaked = found(outcome.text, forbiddenMarkers(caller));
				if (leaked.length > 0) problems.push(`${where}: answer shows ${leaked.join(', ')}`);
			}
			expect(problems).toEqual([]);
		});
	}

	it('routes without a territory change nothing for those they refuse', async () => {
		const problems: string[] = [];
		for (const [key, entry] of Object.entries(ROUTES)) {
			if (entry.scope !== 'global') continue;
			for (const write of entry.writes) {
				for (const callerKey of entry.writeCallers ?? GLOBAL_CALLERS) {
					const before = await fingerprint(db);
					const outcome = await call({
						key,
						caller: s.callers[callerKey],
						params: {},
						write: { name: write.name, form: write.form(ctxOf('A')) }
					});
					const after = await fingerprint(db);
					const where = `${key} | ${write.label} | ${callerKey}`;
					if (outcome.kind === 'data') problems.push(`${where}: not refused`);
					const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
					if (changed.length > 0) problems.push(`${where}: changed ${changed.join(', ')}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	// Last: it changes territory A.
	it('the same calls by an editor of A do change A (the forms above were valid)', async () => {
		const calls = writeCalls('A')
			.filter((w) => w.caller === 'memberB' && !w.write.noControl)
			.sort((x, y) => Number(x.write.destructive ?? false) - Number(y.write.destructive ?? false));
		const unchanged: string[] = [];
		for (const { key, write } of calls) {
			const before = await fingerprint(db);
			const outcome = await call({
				key,
				caller: s.callers[write.controlBy ?? 'editorA'],
				params: paramsOf('A', write.params),
				write: { name: write.name, form: write.form(ctxOf('A')) }
			});
			const after = await fingerprint(db);
			if (Object.keys(after).every((t) => after[t] === before[t]))
				unchanged.push(
					`${key} | ${write.label}: ${outcome.kind} ${outcome.status} ${outcome.text.slice(0, 200)}`
				);
		}
		expect(unchanged).toEqual([]);
	});
});
