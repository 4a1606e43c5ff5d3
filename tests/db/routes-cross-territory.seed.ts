/**
 * The data behind tests/db/routes-cross-territory.test.ts: two territories, A private and B
 * public, each imported through the real import (so records, provenance and listings look as the
 * app makes them) and then given one distinctive marker string in every private place a route
 * could read it from. A marker says whose it is and who may read it:
 *
 *   zq-<a|b>-<pub|mem|edi>-<what>
 *
 *   pub  anyone who may read the territory (on B: anybody; on A: its members only)
 *   mem  members of the territory (any role): members-only contacts, offers, members-only
 *        events, listing names
 *   edi  owners and editors: raw cells of the listings, editors-only contacts, hand-set values,
 *        review pairs, absorbed actors, census history, the users' emails
 *
 * Nothing here calls a route; the test does.
 */
import { drawGroups, type Volunteer } from '../../src/lib/domain/draw';
import type { Claims, Tx } from '../../src/lib/server/db/types';
import { anonClaims, userClaims } from '../../src/lib/server/db/types';
import { commitImport } from '../../src/lib/server/census/import';
import { CommuneCentreGeocoder } from '../../src/lib/server/geocode';
import { addMember, createTerritory, type TestDatabase } from './helpers';

export type TerritoryKey = 'A' | 'B';
export type Level = 'pub' | 'mem' | 'edi';
export const LEVELS: readonly Level[] = ['pub', 'mem', 'edi'];

export type CallerKey =
	'ownerA' | 'editorA' | 'memberA' | 'memberB' | 'editorB' | 'ownerB' | 'outsider' | 'anon';

export interface Caller {
	key: CallerKey;
	claims: Claims;
	user: { id: string; email: string } | null;
	/** Its only membership. */
	membership?: { territory: TerritoryKey; role: 'owner' | 'editor' | 'member' };
}

export interface Marker {
	value: string;
	territory: TerritoryKey;
	level: Level;
	/** A caller who always may read it (a user's own email). */
	ownedBy?: CallerKey;
}

export interface SeededTerritory {
	key: TerritoryKey;
	id: string;
	slug: string;
	name: string;
	communes: readonly [string, string];
	/** [lng, lat] near which its actors sit (partner search centre). */
	centre: readonly [number, number];
	actor1: string;
	actor2: string;
	actor3: string;
	place1: string;
	eventPublic: string;
	eventMembers: string;
	offer1: string;
	request1: string;
	/** A call for volunteers still open (actors 1 and 3 in its pool), and a drawn one (1 group of 2). */
	drawOpen: string;
	/** A closed call (actor 1 in its pool), for running; an empty open one, for deleting. */
	drawReady: string;
	drawSpare: string;
	drawDone: string;
	/** Who holds the first seat of the drawn one (an answer names them). */
	drawSeated: string;
	/** Its listings, and the user id of its member (settings: roles, removal). */
	sources: string[];
	member: string;
	/** Records of actor 1 (two rows of two listings merged into it) and of actor 3. */
	records: { actor1: string[]; actor3: string[] };
	/** A pair under review (smaller uuid first) and a pair with a standing decision. */
	reviewPair: [string, string];
	decisionPair: [string, string];
}

export interface Seed {
	callers: Record<CallerKey, Caller>;
	territories: Record<TerritoryKey, SeededTerritory>;
	markers: Marker[];
}

const SPEC: Record<
	TerritoryKey,
	{
		slug: string;
		communes: readonly [string, string];
		centre: readonly [number, number];
		visibility: 'private' | 'public';
	}
> = {
	// Uzès and Saint-Quentin-la-Poterie; Nîmes and Tavel (real INSEE codes: commune names, centres).
	A: {
		slug: 'croisee-a',
		communes: ['30334', '30294'],
		centre: [4.4197, 44.0124],
		visibility: 'private'
	},
	B: {
		slug: 'croisee-b',
		communes: ['30189', '30326'],
		centre: [4.3601, 43.8367],
		visibility: 'public'
	}
};

const mk = (t: TerritoryKey, level: Level, what: string) =>
	`zq-${t.toLowerCase()}-${level}-${what}`;

/**
 * Phones as a listing writes them, one per territory and listing: `04 66 <t>0 <t>0 0<n>`. Their
 * marker is the 9 digits after the leading 0, which every way of writing it keeps.
 */
export const phoneOf = (t: TerritoryKey, n: 1 | 2) => {
	const d = t === 'A' ? '1' : '2';
	return { written: `04 66 ${d}0 ${d}0 0${n}`, marker: `466${d}0${d}00${n}` };
};

const csv = (rows: string[][]) =>
	new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n') + '\r\n');

/**
 * The two listings each territory imports. Names are public; « Note interne » / « Remarque » are
 * not mapped (raw cells only). Actor 1 is in both, with a different email and phone in each: the
 * census keeps both as alternatives (provenance), which must follow the contact's visibility too.
 */
function listingCsv(t: TerritoryKey): Uint8Array {
	const [c1, c2] = SPEC[t].communes;
	return csv([
		['Nom de la structure', 'Code INSEE', 'Courriel', 'Téléphone', 'Note interne'],
		[
			`Association ${mk(t, 'pub', 'actor1')}`,
			c1,
			`${mk(t, 'mem', 'altmail1')}@example.org`,
			phoneOf(t, 1).written,
			mk(t, 'edi', 'raw-note1')
		],
		[`Collectif ${mk(t, 'pub', 'actor2')}`, c2, '', '', mk(t, 'edi', 'raw-note2')],
		[`Atelier ${mk(t, 'pub', 'actor3')}`, c1, '', '', mk(t, 'edi', 'raw-note3')]
	]);
}

function secondCsv(t: TerritoryKey): Uint8Array {
	const [c1] = SPEC[t].communes;
	return csv([
		['Nom de la structure', 'Code INSEE', 'Courriel', 'Téléphone', 'Remarque'],
		[
			`Association ${mk(t, 'pub', 'actor1')}`,
			c1,
			`${mk(t, 'mem', 'altmail2')}@example.org`,
			phoneOf(t, 2).written,
			mk(t, 'edi', 'raw-note4')
		],
		[`Atelier ${mk(t, 'pub', 'actor3')} bis`, c1, '', '', mk(t, 'edi', 'raw-note5')]
	]);
}

async function one<T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T> {
	const [row] = await tx.query<T>(sql, params);
	if (!row) throw new Error(`no row: ${sql}`);
	return row;
}

async function seedTerritory(
	db: TestDatabase,
	t: TerritoryKey,
	users: Record<'owner' | 'editor' | 'member', string>,
	markers: Marker[]
): Promise<SeededTerritory> {
	const spec = SPEC[t];
	const name = `Territoire ${mk(t, 'pub', 'territory')}`;
	const owner = userClaims(users.owner);
	const id = await createTerritory(db, owner, spec.slug, name);
	await addMember(db, owner, id, users.editor, 'editor');
	await addMember(db, owner, id, users.member, 'member');
	await db.asAdmin((tx) =>
		tx.query('update public.territory set visibility = $2, commune_codes = $3 where id = $1', [
			id,
			spec.visibility,
			spec.communes
		])
	);
	const mapping = {
		name: ['Nom de la structure'],
		commune_code: ['Code INSEE'],
		email: ['Courriel'],
		phone: ['Téléphone']
	};
	await commitImport(
		db,
		owner,
		id,
		[
			{ name: `annuaire-${t.toLowerCase()}.csv`, bytes: listingCsv(t), mapping },
			{ name: `reseau-${t.toLowerCase()}.csv`, bytes: secondCsv(t), mapping }
		],
		{ geocoder: new CommuneCentreGeocoder() }
	);
	for (const n of [1, 2, 3, 4, 5])
		markers.push({ value: mk(t, 'edi', `raw-note${n}`), territory: t, level: 'edi' });
	// Actor 1's emails are for members, its phones for editors (contact_visibility below).
	markers.push(
		{ value: mk(t, 'mem', 'altmail1'), territory: t, level: 'mem' },
		{ value: mk(t, 'mem', 'altmail2'), territory: t, level: 'mem' },
		{ value: phoneOf(t, 1).marker, territory: t, level: 'edi' },
		{ value: phoneOf(t, 2).marker, territory: t, level: 'edi' }
	);

	return db.asAdmin(async (tx) => {
		const actorId = async (label: string) =>
			(
				await one<{ id: string }>(
					tx,
					'select id from public.actor where territory_id = $1 and name = $2',
					[id, label]
				)
			).id;
		const actor1 = await actorId(`Association ${mk(t, 'pub', 'actor1')}`);
		const actor2 = await actorId(`Collectif ${mk(t, 'pub', 'actor2')}`);
		const actor3 = await actorId(`Atelier ${mk(t, 'pub', 'actor3')}`);
		const recordsOf = async (actor: string) =>
			(
				await tx.query<{ id: string }>(
					'select id from public.source_record where territory_id = $1 and actor_id = $2 order by id',
					[id, actor]
				)
			).map((r) => r.id);
		const records = { actor1: await recordsOf(actor1), actor3: await recordsOf(actor3) };
		if (records.actor1.length !== 2)
			throw new Error(`seed: actor 1 of ${t} should merge two rows, has ${records.actor1.length}`);
		const [bis] = await tx.query<{ id: string; actor_id: string }>(
			`select r.id, r.actor_id from public.source_record r join public.actor a on a.id = r.actor_id
			  where r.territory_id = $1 and a.name like '%bis'`,
			[id]
		);
		if (!bis) throw new Error('seed: the « bis » row should be an actor of its own');

		// Listings: their names are for members.
		await tx.query(
			`update public.source set name = $2 || ' ' || file_name, file_name = $3 || '-' || file_name
			  where territory_id = $1`,
			[id, `Annuaire ${mk(t, 'mem', 'source')}`, mk(t, 'mem', 'file')]
		);
		markers.push(
			{ value: mk(t, 'mem', 'source'), territory: t, level: 'mem' },
			{ value: mk(t, 'mem', 'file'), territory: t, level: 'mem' }
		);

		// Contacts, one value per visibility (contact_visibility; unmarked = members).
		const point = (dx: number) =>
			`SRID=4326;POINT(${spec.centre[0] + dx} ${spec.centre[1] + dx / 2})`;
		/** Sets the contact values given (others keep what the import put there) and their visibility. */
		const contact = async (
			actor: string,
			values: Partial<
				Record<'email' | 'phone' | 'contact_name' | 'address', [string | null, Level]>
			>,
			extra: { overrides?: Record<string, string>; dx: number; worlds: string[] }
		) => {
			const visibility: Record<string, string> = {};
			const keep: Record<string, boolean> = {};
			const set: Record<string, string | null> = {};
			for (const field of ['email', 'phone', 'contact_name', 'address'] as const) {
				const v = values[field];
				keep[field] = !v || v[0] === null;
				set[field] = v?.[0] ?? null;
				if (v) visibility[field] = { pub: 'public', mem: 'members', edi: 'editors' }[v[1]];
			}
			await tx.query(
				`update public.actor
				    set email = case when $10 then email else $2 end,
				        phone = case when $11 then phone else $3 end,
				        contact_name = case when $12 then contact_name else $4 end,
				        address = case when $13 then address else $5 end,
				        contact_visibility = $6::text::jsonb, overrides = $7::text::jsonb,
				        location = $8::text::geography, location_quality = 'street',
				        worlds = $9, sectors = array['culture'], kind = 'association'
				  where id = $1`,
				[
					actor,
					set.email,
					set.phone,
					set.contact_name,
					set.address,
					JSON.stringify(visibility),
					JSON.stringify(extra.overrides ?? {}),
					point(extra.dx),
					extra.worlds,
					keep.email,
					keep.phone,
					keep.contact_name,
					keep.address
				]
			);
		};
		const v = (level: Level, what: string): [string, Level] => {
			markers.push({ value: mk(t, level, what), territory: t, level });
			return [mk(t, level, what), level];
		};
		// Email and phone as the import merged them (one listing's value, the other's as alternative).
		await contact(
			actor1,
			{
				email: [null, 'mem'],
				phone: [null, 'edi'],
				contact_name: v('pub', 'contact1'),
				address: [`1 rue ${v('mem', 'address1')[0]}`, 'mem']
			},
			{ dx: 0, worlds: ['non-lucratif', 'rural'] }
		);
		// Its email set by hand (an override), for editors only.
		const email2 = `${v('edi', 'email2')[0]}@example.org`;
		await contact(
			actor2,
			{
				email: [email2, 'edi'],
				phone: v('mem', 'phone2'),
				contact_name: v('edi', 'contact2'),
				address: [`2 place ${v('pub', 'address2')[0]}`, 'pub']
			},
			{ dx: 0.01, overrides: { email: email2 }, worlds: ['lucratif', 'urbain'] }
		);
		await contact(
			actor3,
			{
				email: [`${v('pub', 'email3')[0]}@example.org`, 'pub'],
				contact_name: v('mem', 'contact3')
			},
			{ dx: 0.02, worlds: ['non-lucratif', 'rural'] }
		);
		// The visibility map stores 'members' for contact3: drop it, unmarked means members too.
		await tx.query(
			"update public.actor set contact_visibility = contact_visibility - 'contact_name' where id = $1",
			[actor3]
		);

		const place1 = (
			await one<{ id: string }>(
				tx,
				`insert into public.place (territory_id, name, kind, capacity, equipment, conditions,
				                           run_by, address, commune_code, location)
				 values ($1, $2, 'salle', 80, array['tables', 'sono'], $3, $4, 'place du marché', $5,
				         $6::text::geography)
				 returning id`,
				[
					id,
					`Salle ${mk(t, 'pub', 'place1')}`,
					mk(t, 'pub', 'place-cond'),
					actor1,
					spec.communes[0],
					point(0.005)
				]
			)
		).id;
		markers.push(
			{ value: mk(t, 'pub', 'place1'), territory: t, level: 'pub' },
			{ value: mk(t, 'pub', 'place-cond'), territory: t, level: 'pub' }
		);

		const event = async (
			title: string,
			visibility: 'public' | 'members',
			startsAt: string,
			extra: { description?: string; needs?: string[] } = {}
		) =>
			(
				await one<{ id: string }>(
					tx,
					`insert into public.event (territory_id, title, description, starts_at, place_id,
					                           commune_code, theme, format, needs, visibility)
					 values ($1, $2, $3, $4, $5, $6, 'culture', 'forum', $7, $8) returning id`,
					[
						id,
						title,
						extra.description ?? null,
						startsAt,
						place1,
						spec.communes[0],
						extra.needs ?? ['tables'],
						visibility
					]
				)
			).id;
		const eventPublic = await event(
			`Forum ${v('pub', 'event')[0]}`,
			'public',
			'2027-03-14T18:00:00Z',
			{
				description: v('pub', 'event-desc')[0]
			}
		);
		const eventMembers = await event(
			`Réunion ${v('mem', 'event')[0]}`,
			'members',
			'2027-03-21T18:00:00Z',
			{
				description: v('mem', 'event-desc')[0],
				needs: [v('mem', 'need')[0], 'tables']
			}
		);
		await event(`Bal ${v('pub', 'past')[0]}`, 'public', '2025-06-01T18:00:00Z');
		await event(`Bilan ${v('mem', 'past')[0]}`, 'members', '2025-06-08T18:00:00Z');
		await tx.query(
			`insert into public.event_actor (territory_id, event_id, actor_id, role)
			 values ($1, $2, $3, 'organiser'), ($1, $4, $5, 'participant')`,
			[id, eventPublic, actor1, eventMembers, actor2]
		);

		const offer = async (actor: string, direction: 'offer' | 'request', what: string) =>
			(
				await one<{ id: string }>(
					tx,
					`insert into public.offer (territory_id, actor_id, direction, category, title,
					                           description, conditions)
					 values ($1, $2, $3, 'room', $4, $5, $6) returning id`,
					[
						id,
						actor,
						direction,
						`Salle ${v('mem', what)[0]}`,
						v('mem', `${what}-desc`)[0],
						v('mem', `${what}-cond`)[0]
					]
				)
			).id;
		const offer1 = await offer(actor1, 'offer', 'offer1');
		const request1 = await offer(actor2, 'request', 'request1');

		await tx.query(
			`insert into public.link (territory_id, from_actor, to_actor, kind, since)
			 values ($1, $2, $3, 'partner', '2024-01-01')`,
			[id, actor1, actor2]
		);

		// Draws: members-only, their titles say so (mem markers).
		const drawOpen = (
			await one<{ id: string }>(
				tx,
				`insert into public.draw (territory_id, title, group_count, group_size, seed_source, created_by)
				 values ($1, $2, 1, 1, 'source ouverte', $3) returning id`,
				[id, `Appel ${v('mem', 'draw-open')[0]}`, users.editor]
			)
		).id;
		await tx.query(
			`insert into public.draw_volunteer (territory_id, draw_id, actor_id, added_by)
			 values ($1, $2, $3, $4), ($1, $2, $5, $4)`,
			[id, drawOpen, actor1, users.editor, actor3]
		);
		const drawSpare = (
			await one<{ id: string }>(
				tx,
				`insert into public.draw (territory_id, title, group_count, group_size, seed_source, created_by)
				 values ($1, $2, 1, 1, 'source de rechange', $3) returning id`,
				[id, `Appel ${v('mem', 'draw-spare')[0]}`, users.editor]
			)
		).id;
		const drawReady = (
			await one<{ id: string }>(
				tx,
				`insert into public.draw (territory_id, title, group_count, group_size, seed_source,
				                          created_by, pool_snapshot, pool_closed_at)
				 values ($1, $2, 1, 1, 'source prête', $3, $4::text::jsonb, now()) returning id`,
				[
					id,
					`Appel ${v('mem', 'draw-ready')[0]}`,
					users.editor,
					JSON.stringify([
						{ id: actor1, name: 'Volontaire', worlds: [], commune: spec.communes[0] }
					])
				]
			)
		).id;
		await tx.query(
			`insert into public.draw_volunteer (territory_id, draw_id, actor_id, added_by)
			 values ($1, $2, $3, $4)`,
			[id, drawReady, actor1, users.editor]
		);
		const snapshot: Volunteer[] = [actor1, actor2, actor3].map((a, i) => ({
			id: a,
			name: `Volontaire ${i + 1}`,
			worlds: [],
			commune: spec.communes[0]
		}));
		const drawRules = { groups: 1, groupSize: 2, mixWorlds: false, mixCommunes: false };
		const drawn = drawGroups(snapshot, drawRules, 'graine tirée');
		if (!drawn.ok) throw new Error('seed draw failed');
		const drawDone = (
			await one<{ id: string }>(
				tx,
				`insert into public.draw (territory_id, title, group_count, group_size, seed_source, seed,
				                          confirm_days, created_by, pool_snapshot, pool_closed_at,
				                          attempts, drawn_by, drawn_at)
				 values ($1, $2, 1, 2, 'source tirée', 'graine tirée', 1, $3, $4::text::jsonb,
				         '2026-01-04T10:00:00Z', $5, $3, '2026-01-05T10:00:00Z')
				 returning id`,
				[
					id,
					`Tirage ${v('mem', 'draw-done')[0]}`,
					users.editor,
					JSON.stringify(snapshot),
					drawn.attempts
				]
			)
		).id;
		const drawSeated = drawn.groups[0]![0]!;

		const sources = (
			await tx.query<{ id: string }>(
				'select id from public.source where territory_id = $1 order by created_at, id',
				[id]
			)
		).map((r) => r.id);

		const sorted = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
		const reviewPair = sorted(records.actor3[0]!, bis.id);
		await tx.query(
			`insert into public.review_pair (territory_id, record_a, record_b, score, comparisons)
			 values ($1, $2, $3, 0.8, $4::text::jsonb)
			 on conflict (territory_id, record_a, record_b) do update set comparisons = excluded.comparisons`,
			[
				id,
				...reviewPair,
				JSON.stringify([
					{
						field: 'name',
						a: v('edi', 'review-a')[0],
						b: v('edi', 'review-b')[0],
						similarity: 0.8,
						weight: 1
					}
				])
			]
		);
		const decisionPair = sorted(records.actor1[0]!, records.actor3[0]!);
		await tx.query(
			`insert into public.match_decision (territory_id, record_a, record_b, decision, decided_by)
			 values ($1, $2, $3, 'different', $4)`,
			[id, ...decisionPair, users.editor]
		);
		await tx.query(
			`insert into public.absorbed_actor (territory_id, actor_id, record_ids, snapshot, absorbed_into)
			 values ($1, gen_random_uuid(), '{}', $2::text::jsonb, $3)`,
			[id, JSON.stringify({ name: v('edi', 'absorbed')[0] }), actor1]
		);
		await tx.query(
			`insert into public.census_history (territory_id, actor_id, action, detail, done_by)
			 values ($1, $2, 'override', $3::text::jsonb, $4)`,
			[id, actor1, JSON.stringify({ field: 'name', after: v('edi', 'history')[0] }), users.editor]
		);

		markers.push(
			{ value: mk(t, 'pub', 'territory'), territory: t, level: 'pub' },
			{ value: mk(t, 'pub', 'actor1'), territory: t, level: 'pub' },
			{ value: mk(t, 'pub', 'actor2'), territory: t, level: 'pub' },
			{ value: mk(t, 'pub', 'actor3'), territory: t, level: 'pub' }
		);
		return {
			key: t,
			id,
			slug: spec.slug,
			name,
			communes: spec.communes,
			centre: spec.centre,
			actor1,
			actor2,
			actor3,
			place1,
			eventPublic,
			eventMembers,
			offer1,
			request1,
			drawOpen,
			drawReady,
			drawSpare,
			drawDone,
			drawSeated,
			sources,
			member: users.member,
			records,
			reviewPair,
			decisionPair
		};
	});
}

export async function seed(db: TestDatabase): Promise<Seed> {
	const markers: Marker[] = [];
	const callers = {} as Record<CallerKey, Caller>;
	const addUser = async (key: CallerKey, membership?: Caller['membership']) => {
		// Emails of the users of A and B: the app shows them to editors (history, decisions) at most.
		const email = membership
			? `${mk(membership.territory, 'edi', `user-${membership.role}`)}@example.org`
			: 'dehors@example.org';
		const id = crypto.randomUUID();
		await db.asAdmin((tx) =>
			tx.query('insert into auth.users (id, email) values ($1, $2)', [id, email])
		);
		if (membership)
			markers.push({ value: email, territory: membership.territory, level: 'edi', ownedBy: key });
		callers[key] = { key, claims: userClaims(id, email), user: { id, email }, membership };
	};
	await addUser('ownerA', { territory: 'A', role: 'owner' });
	await addUser('editorA', { territory: 'A', role: 'editor' });
	await addUser('memberA', { territory: 'A', role: 'member' });
	await addUser('ownerB', { territory: 'B', role: 'owner' });
	await addUser('editorB', { territory: 'B', role: 'editor' });
	await addUser('memberB', { territory: 'B', role: 'member' });
	await addUser('outsider');
	callers.anon = { key: 'anon', claims: anonClaims, user: null };

	const territories = {} as Record<TerritoryKey, SeededTerritory>;
	for (const t of ['A', 'B'] as const) {
		territories[t] = await seedTerritory(
			db,
			t,
			{
				owner: callers[`owner${t}`].user!.id,
				editor: callers[`editor${t}`].user!.id,
				member: callers[`member${t}`].user!.id
			},
			markers
		);
	}
	const seen = new Set<string>();
	for (const m of markers) {
		if (seen.has(m.value.toLowerCase())) throw new Error(`marker given twice: ${m.value}`);
		seen.add(m.value.toLowerCase());
	}
	return { callers, territories, markers };
}

/** Levels of territory `t` that `caller` may read (before any route narrows it to the public). */
export function readableLevels(caller: Caller, t: TerritoryKey, isPublic: boolean): Level[] {
	const m = caller.membership;
	if (m?.territory === t) return m.role === 'member' ? ['pub', 'mem'] : ['pub', 'mem', 'edi'];
	return isPublic ? ['pub'] : [];
}

/**
 * Every table of `public` and auth.users, each as a row count and a digest of its rows: equal
 * before and after a call means the call changed nothing (inserts, updates or deletes).
 */
export async function fingerprint(db: TestDatabase): Promise<Record<string, string>> {
	return db.asAdmin(async (tx) => {
		const tables = await tx.query<{ name: string }>(
			`select table_name as name from information_schema.tables
			  where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
		);
		// One statement: this runs twice around every write call.
		const refs = [...tables.map((t) => `public."${t.name}"`), 'auth.users'];
		const rows = await tx.query<{ name: string; n: number; digest: string | null }>(
			refs
				.map(
					(ref) =>
						`select '${ref}' as name, count(*)::int as n,
						        md5(string_agg(t::text, '|' order by t::text)) as digest from ${ref} t`
				)
				.join(' union all ')
		);
		const out: Record<string, string> = {};
		for (const r of rows) out[r.name] = `${r.n}:${r.digest ?? ''}`;
		return out;
	});
}
