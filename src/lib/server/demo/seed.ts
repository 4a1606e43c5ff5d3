/**
 * Loads the demo territory (CC Pays d'Uzès, see src/lib/domain/demo) into the database.
 *
 * Everything goes in one admin transaction of a dozen statements: each table receives its rows as a
 * single jsonb parameter expanded by `jsonb_to_recordset`, because the embedded PGlite is one
 * connection and hundreds of round trips would hold every other request for seconds. The
 * parameter is sent as text (`$2::text::jsonb`): typed jsonb, postgres.js would encode the
 * already-serialised string a second time.
 * Idempotent on the territory slug: a second call, or a call racing the first, changes nothing.
 * Whatever the outcome, the transaction records `demo = "loaded"` in maillage_private.settings, so
 * the first-start check knows the decision was carried out (see first-start.ts).
 * Rows get fresh UUIDs; the generator's own ids only keep its references consistent.
 */
import { drawGroups, replayDraw, type Answer, type Volunteer } from '../../domain/draw';
import { personalFields } from '../../domain/privacy/personal';
import { DEMO_SLUG, generateDemo } from '../../domain/demo/generate';
import type { DemoActor, DemoTerritoryData, LngLat } from '../../domain/demo/types';
import { LOCAL_OPERATOR, type Database, type Tx } from '../db/types';

export interface LoadDemoOptions {
	/** auth.users id made owner of the demo territory; the embedded local operator by default. */
	ownerId?: string;
	/** Reference date for the demo agenda (tests); today by default. */
	now?: Date;
}

export interface LoadDemoResult {
	loaded: boolean;
	territoryId: string;
}

export async function loadDemo(
	db: Database,
	options: LoadDemoOptions = {}
): Promise<LoadDemoResult> {
	const ownerId = options.ownerId ?? LOCAL_OPERATOR.id;
	const existing = await db.asAdmin(async (tx) => {
		const [row] = await tx.query<{ id: string }>(
			'select id from public.territory where slug = $1',
			[DEMO_SLUG]
		);
		if (row) await recordDemoLoaded(tx);
		return row?.id ?? null;
	});
	if (existing) return { loaded: false, territoryId: existing };

	// Generated before the transaction opens: it holds the single embedded connection.
	const demo = withFreshIds(generateDemo({ now: options.now ?? new Date() }));
	return db.asAdmin(async (tx) => {
		const inserted = await tx.query<{ id: string }>(
			`insert into public.territory
				(id, slug, name, commune_codes, epci_code, licence, visibility, created_by)
			values ($1, $2, $3, $4::text[], $5, $6, $7, $8)
			on conflict (slug) do nothing
			returning id`,
			[
				demo.territory.id,
				demo.territory.slug,
				demo.territory.name,
				demo.territory.communeCodes,
				demo.territory.epciCode,
				demo.territory.licence,
				demo.territory.visibility,
				ownerId
			]
		);
		const territoryId = inserted[0]?.id;
		if (!territoryId) {
			const [row] = await tx.query<{ id: string }>(
				'select id from public.territory where slug = $1',
				[DEMO_SLUG]
			);
			if (!row) throw new Error('demo territory vanished during its own insert');
			await recordDemoLoaded(tx);
			return { loaded: false, territoryId: row.id };
		}
		await tx.query(
			`insert into public.membership (territory_id, user_id, role) values ($1, $2, 'owner')
			on conflict (territory_id, user_id) do update set role = 'owner'`,
			[territoryId, ownerId]
		);
		await insertCensus(tx, territoryId, demo);
		await insertDemoDraws(tx, territoryId, demo, options.now ?? new Date(), ownerId);
		await recordDemoLoaded(tx);
		return { loaded: true, territoryId };
	});
}

export const DEMO_SETTING = 'demo';
export type DemoDecision = 'loaded' | 'declined';

/** Written in the transaction that loads the rows: a crash leaves neither or both. */
async function recordDemoLoaded(tx: Tx): Promise<void> {
	await tx.query(
		`insert into maillage_private.settings (key, value) values ($1, '"loaded"')
		on conflict (key) do update set value = excluded.value, updated_at = now()`,
		[DEMO_SETTING]
	);
}

/** Records an opt-out, unless a decision (a load that just committed, say) is already there. */
export async function recordDemoDeclined(tx: Tx): Promise<void> {
	await tx.query(
		`insert into maillage_private.settings (key, value) values ($1, '"declined"')
		on conflict (key) do nothing`,
		[DEMO_SETTING]
	);
}

export async function readDemoDecision(tx: Tx): Promise<DemoDecision | null> {
	// As text: the two drivers do not hand jsonb back the same way.
	const [row] = await tx.query<{ value: string | null }>(
		`select value #>> '{}' as value from maillage_private.settings where key = $1`,
		[DEMO_SETTING]
	);
	return row?.value === 'loaded' || row?.value === 'declined' ? row.value : null;
}

/**
 * The generator's ids are the same on every run; in the database they must not be, or loading
 * the demo again after its slug was renamed would collide with the rows still there.
 */
export function withFreshIds(demo: DemoTerritoryData): DemoTerritoryData {
	const ids = new Map<string, string>();
	const id = (old: string): string => {
		let fresh = ids.get(old);
		if (!fresh) {
			fresh = crypto.randomUUID();
			ids.set(old, fresh);
		}
		return fresh;
	};
	return {
		territory: { ...demo.territory, id: id(demo.territory.id) },
		actors: demo.actors.map((a) => ({ ...a, id: id(a.id) })),
		places: demo.places.map((p) => ({ ...p, id: id(p.id), runBy: id(p.runBy) })),
		events: demo.events.map((e) => ({
			...e,
			id: id(e.id),
			placeId: e.placeId === null ? null : id(e.placeId),
			organisers: e.organisers.map(id),
			participants: e.participants.map(id)
		})),
		offers: demo.offers.map((o) => ({ ...o, id: id(o.id), actorId: id(o.actorId) })),
		links: demo.links.map((l) => ({
			...l,
			id: id(l.id),
			fromActor: id(l.fromActor),
			toActor: id(l.toActor)
		}))
	};
}

const POINT = 'ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)::geography';

/**
 * What `insertActors` writes: the demo's actors, and the synthetic territories' ones
 * (scripts/synthetic-territory.ts), which may be unlocated and carry their provenance.
 */
export type ActorInsert = Omit<
	DemoActor,
	'template' | 'sectors' | 'worlds' | 'location' | 'locationQuality'
> & {
	sectors: readonly string[];
	worlds: readonly string[];
	location: LngLat | null;
	locationQuality: string | null;
	/** `actor.provenance`; none: `{}`. */
	provenance?: Record<string, unknown>;
};

/** One statement for all of `actors` (send batches of a few thousand at most). */
export async function insertActors(
	tx: Tx,
	territoryId: string,
	actors: readonly ActorInsert[]
): Promise<void> {
	await tx.query(
		`insert into public.actor (id, territory_id, name, kind, legal_form, sectors, worlds, tags,
			description, address, postcode, commune_code, email, phone, website, siret, rna, location,
			location_quality, contact_visibility, provenance, personal_fields)
		select r.id, $1, r.name, r.kind, r.legal_form, r.sectors, r.worlds, r.tags, r.description,
			r.address, r.postcode, r.commune_code, r.email, r.phone, r.website, r.siret, r.rna, ${POINT},
			r.location_quality, r.contact_visibility, coalesce(r.provenance, '{}'::jsonb),
			coalesce(r.personal, '{}')
		from jsonb_to_recordset($2::text::jsonb) as r(id uuid, name text, kind text, legal_form text,
			sectors text[], worlds text[], tags text[], description text, address text, postcode text,
			commune_code text, email text, phone text, website text, siret text, rna text,
			lng float8, lat float8, location_quality text, contact_visibility jsonb, provenance jsonb,
			personal text[])`,
		[
			territoryId,
			JSON.stringify(
				actors.map((a) => ({
					id: a.id,
					name: a.name,
					kind: a.kind,
					legal_form: a.legalForm,
					sectors: a.sectors,
					worlds: a.worlds,
					tags: a.tags,
					description: a.description,
					address: a.address,
					postcode: a.postcode,
					commune_code: a.communeCode,
					email: a.email,
					phone: a.phone,
					website: a.website,
					siret: a.siret,
					rna: a.rna,
					lng: a.location?.[0] ?? null,
					lat: a.location?.[1] ?? null,
					location_quality: a.locationQuality,
					contact_visibility: a.contactVisibility,
					provenance: a.provenance ?? null,
					// As an import would mark them (#8): a person's own email or mobile.
					personal: personalFields({ email: a.email, phone: a.phone })
				}))
			)
		]
	);
}

async function insertCensus(tx: Tx, territoryId: string, demo: DemoTerritoryData): Promise<void> {
	await insertActors(tx, territoryId, demo.actors);

	await tx.query(
		`insert into public.place (id, territory_id, name, kind, description, capacity, equipment,
			accessibility, conditions, run_by, address, commune_code, location)
		select r.id, $1, r.name, r.kind, r.description, r.capacity, r.equipment, r.accessibility,
			r.conditions, r.run_by, r.address, r.commune_code, ${POINT}
		from jsonb_to_recordset($2::text::jsonb) as r(id uuid, name text, kind text, description text,
			capacity int, equipment text[], accessibility text, conditions text, run_by uuid,
			address text, commune_code text, lng float8, lat float8)`,
		[
			territoryId,
			JSON.stringify(
				demo.places.map((p) => ({
					id: p.id,
					name: p.name,
					kind: p.kind,
					description: p.description,
					capacity: p.capacity,
					equipment: p.equipment,
					accessibility: p.accessibility,
					conditions: p.conditions,
					run_by: p.runBy,
					address: p.address,
					commune_code: p.communeCode,
					lng: p.location[0],
					lat: p.location[1]
				}))
			)
		]
	);

	await tx.query(
		`insert into public.event (id, territory_id, title, description, starts_at, ends_at, place_id,
			commune_code, location, theme, format, needs, visibility)
		select r.id, $1, r.title, r.description, r.starts_at, r.ends_at, r.place_id, r.commune_code,
			${POINT}, r.theme, r.format, r.needs, r.visibility
		from jsonb_to_recordset($2::text::jsonb) as r(id uuid, title text, description text,
			starts_at timestamptz, ends_at timestamptz, place_id uuid, commune_code text,
			lng float8, lat float8, theme text, format text, needs text[], visibility text)`,
		[
			territoryId,
			JSON.stringify(
				demo.events.map((e) => ({
					id: e.id,
					title: e.title,
					description: e.description,
					starts_at: e.startsAt,
					ends_at: e.endsAt,
					place_id: e.placeId,
					commune_code: e.communeCode,
					lng: e.location[0],
					lat: e.location[1],
					theme: e.theme,
					format: e.format,
					needs: e.needs,
					visibility: e.visibility
				}))
			)
		]
	);

	await tx.query(
		`insert into public.event_actor (event_id, actor_id, territory_id, role)
		select r.event_id, r.actor_id, $1, r.role
		from jsonb_to_recordset($2::text::jsonb) as r(event_id uuid, actor_id uuid, role text)`,
		[
			territoryId,
			JSON.stringify(
				demo.events.flatMap((e) => [
					...e.organisers.map((id) => ({ event_id: e.id, actor_id: id, role: 'organiser' })),
					...e.participants.map((id) => ({ event_id: e.id, actor_id: id, role: 'participant' }))
				])
			)
		]
	);

	await tx.query(
		`insert into public.offer (id, territory_id, actor_id, direction, category, title,
			description, conditions, valid_from, valid_until)
		select r.id, $1, r.actor_id, r.direction, r.category, r.title, r.description, r.conditions,
			r.valid_from, r.valid_until
		from jsonb_to_recordset($2::text::jsonb) as r(id uuid, actor_id uuid, direction text,
			category text, title text, description text, conditions text, valid_from date,
			valid_until date)`,
		[
			territoryId,
			JSON.stringify(
				demo.offers.map((o) => ({
					id: o.id,
					actor_id: o.actorId,
					direction: o.direction,
					category: o.category,
					title: o.title,
					description: o.description,
					conditions: o.conditions,
					valid_from: o.validFrom,
					valid_until: o.validUntil
				}))
			)
		]
	);

	await tx.query(
		`insert into public.link (id, territory_id, from_actor, to_actor, kind, since)
		select r.id, $1, r.from_actor, r.to_actor, r.kind, r.since
		from jsonb_to_recordset($2::text::jsonb) as r(id uuid, from_actor uuid, to_actor uuid, kind text,
			since date)`,
		[
			territoryId,
			JSON.stringify(
				demo.links.map((l) => ({
					id: l.id,
					from_actor: l.fromActor,
					to_actor: l.toActor,
					kind: l.kind,
					since: l.since
				}))
			)
		]
	);
}

const DAY_MS = 86_400_000;

/**
 * Two calls for volunteers (#9), so that the draws page shows what it is for on a first start: one
 * drawn three days ago (one confirmation, one decline and its replacement, as the app would have
 * recorded them), one still open with a few volunteers.
 */
async function insertDemoDraws(
	tx: Tx,
	territoryId: string,
	demo: DemoTerritoryData,
	now: Date,
	ownerId: string
): Promise<void> {
	const associations = demo.actors
		.filter((a) => a.kind === 'association')
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	const pool: Volunteer[] = associations
		.slice(0, 18)
		.map((a) => ({ id: a.id, name: a.name, worlds: [...a.worlds], commune: a.communeCode }))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const rules = { groups: 3, groupSize: 3, mixWorlds: false, mixCommunes: true };
	const drawnAt = new Date(now.getTime() - 3 * DAY_MS);
	const announcedAt = new Date(now.getTime() - 10 * DAY_MS);
	const closedAt = new Date(now.getTime() - 4 * DAY_MS);
	const seedSource = `Démo — numéro publié le ${drawnAt.toISOString().slice(0, 10)}`;
	const seed = `Démo ${drawnAt.toISOString().slice(0, 10)} : 4 8 15 16 23 42`;
	const drawn = drawGroups(pool, rules, seed);
	if (!drawn.ok) return;
	const [draw] = await tx.query<{ id: string }>(
		`insert into public.draw (territory_id, title, description, period_start, period_end,
			group_count, group_size, mix_worlds, mix_communes, seed_source, seed, confirm_days,
			created_by, created_at, pool_snapshot, pool_closed_at, attempts, drawn_by, drawn_at)
		 values ($1, $2, $3, $4, $5, $6, $7, false, true, $14, $8, 7, $9, $10, $11::text::jsonb, $15,
			$12, $9, $13)
		 returning id`,
		[
			territoryId,
			'Binômes inter-villages de la Fête du jeu',
			'Trois groupes de trois associations, de communes différentes, préparent ensemble un stand.',
			new Date(now.getTime() + 20 * DAY_MS).toISOString().slice(0, 10),
			new Date(now.getTime() + 80 * DAY_MS).toISOString().slice(0, 10),
			rules.groups,
			rules.groupSize,
			seed,
			ownerId,
			announcedAt.toISOString(),
			JSON.stringify(pool),
			drawn.attempts,
			drawnAt.toISOString(),
			seedSource,
			closedAt.toISOString()
		]
	);
	const answers: Answer[] = [
		{ actorId: drawn.groups[0]![0]!, answer: 'confirmed' },
		{ actorId: drawn.groups[1]![1]!, answer: 'declined' }
	];
	const replayed = replayDraw(pool, rules, seed, answers);
	if (!replayed.ok) return;
	for (const [index, a] of answers.entries()) {
		const replacement = replayed.state.replacements.find((r) => r.answer === index);
		await tx.query(
			`insert into public.draw_answer (territory_id, draw_id, actor_id, answer, replacement_id,
				kept_mix, answered_by, answered_at, position)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			[
				territoryId,
				draw!.id,
				a.actorId,
				a.answer,
				replacement?.in ?? null,
				replacement ? replacement.keptMix : null,
				ownerId,
				new Date(drawnAt.getTime() + (index + 1) * DAY_MS).toISOString(),
				index
			]
		);
	}
	const [open] = await tx.query<{ id: string }>(
		`insert into public.draw (territory_id, title, description, group_count, group_size,
			mix_worlds, mix_communes, seed_source, confirm_days, created_by, created_at)
		 values ($1, $2, $3, 2, 4, true, false, $4, 10, $5, $6)
		 returning id`,
		[
			territoryId,
			'Comité de suivi du forum des associations',
			'Deux groupes de quatre, mêlant les mondes, suivent les suites du forum pendant un an.',
			`Démo — numéro publié le ${new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10)}, après la clôture du vivier`,
			ownerId,
			new Date(now.getTime() - DAY_MS).toISOString()
		]
	);
	await tx.query(
		`insert into public.draw_volunteer (territory_id, draw_id, actor_id, added_by)
		 select $1, $2, unnest($3::uuid[]), $4`,
		[territoryId, open!.id, associations.slice(18, 24).map((a) => a.id), ownerId]
	);
}
