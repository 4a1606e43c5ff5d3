/**
 * The map's server data against the real schema: what each audience gets from the actors, places
 * and events layers and the detail panel (row level security applies), and the public
 * actors.geojson endpoint's answers.
 */
import { gunzipSync } from 'node:zlib';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActorMapData, ActorMapProps, MapDetail } from '../../src/lib/map/types';
import { anonClaims, userClaims, type Claims } from '../../src/lib/server/db/types';
import {
	acceptsGzip,
	findMapTerritory,
	loadActorMapData,
	loadEventMapData,
	loadMapDetail,
	loadPlaceMapData,
	loadPublicActorMapData,
	mapAudience
} from '../../src/lib/server/queries/map';
import {
	addMember,
	createTerritory,
	createUser,
	freshDatabase,
	type TestDatabase
} from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const publicEndpoint = await import('../../src/routes/t/[territory]/actors.geojson/+server');
const actorsEndpoint = await import('../../src/routes/t/[territory]/map/actors.geojson/+server');
const detailEndpoint =
	await import('../../src/routes/t/[territory]/map/detail/[type]/[id]/+server');

const XSS = '<img src=x onerror=alert(1)>';
const communeName = (code: string) => ({ '30334': 'Uzès' })[code];
const uuid = () => crypto.randomUUID();

let db: TestDatabase;
let owner: Claims;
let viewer: Claims;
let outsider: Claims;
const t = { pub: '', priv: '' };
const src = { rna: uuid(), xss: uuid(), old: uuid() };
const rec = { rna12: uuid(), xss3: uuid(), gone: uuid(), epicerie: uuid() };
const act = { lavoir: uuid(), xss: uuid(), epicerie: uuid(), secret: uuid() };
const place = { salle: uuid() };
const ev = { past: uuid(), upcoming: uuid(), nowhere: uuid() };

/** The moment the tests call "now": one event ended before it, one starts after. */
const NOW = new Date('2026-03-10T12:00:00Z');

const POINT = (lng: string, lat: string) =>
	`case when ${lng}::float8 is null then null
	      else st_setsrid(st_makepoint(${lng}, ${lat}), 4326)::geography end`;

beforeAll(async () => {
	db = await freshDatabase();
	current.db = db;
	const ownerId = await createUser(db, 'owner@example.org');
	const viewerId = await createUser(db, 'viewer@example.org');
	const outsiderId = await createUser(db, 'outsider@example.org');
	owner = userClaims(ownerId);
	viewer = userClaims(viewerId);
	outsider = userClaims(outsiderId);
	t.pub = await createTerritory(db, owner, 'pays-d-uzes', 'Pays d’Uzès');
	t.priv = await createTerritory(db, owner, 'brouillon', 'Brouillon');
	await addMember(db, owner, t.pub, viewerId, 'viewer');
	await db.asUser(owner, (tx) =>
		tx.query(`update public.territory set visibility = 'public' where id = $1`, [t.pub])
	);

	await db.asAdmin(async (tx) => {
		await tx.query(
			`insert into public.source (id, territory_id, name, created_at) values
			 ($1, $4, 'RNA Gard', '2026-01-01T00:00:00Z'),
			 ($2, $4, $5, '2026-01-02T00:00:00Z'),
			 ($3, $4, 'Ancienne liste', '2026-01-03T00:00:00Z')`,
			[src.rna, src.xss, src.old, t.pub, XSS]
		);
		const actor = (
			id: string,
			territory: string,
			f: Record<string, unknown>,
			lng: number | null,
			lat: number | null
		) =>
			tx.query(
				`insert into public.actor (id, territory_id, name, kind, commune_code, postcode, address,
				   email, phone, website, rna, sectors, worlds, tags, location, location_quality,
				   contact_visibility, provenance)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13::text[],
				   $14::text[], ${POINT('$15', '$16')}, case when $15::float8 is null then null else 'exact' end,
				   coalesce($17::text::jsonb, '{}'), '{}')`,
				[
					id,
					territory,
					f.name,
					f.kind ?? 'other',
					f.commune_code ?? null,
					f.postcode ?? null,
					f.address ?? null,
					f.email ?? null,
					f.phone ?? null,
					f.website ?? null,
					f.rna ?? null,
					f.sectors ?? [],
					f.worlds ?? [],
					f.tags ?? [],
					lng,
					lat,
					f.contact_visibility ? JSON.stringify(f.contact_visibility) : null
				]
			);
		await actor(
			act.lavoir,
			t.pub,
			{
				name: 'Les Amis du Lavoir',
				kind: 'association',
				commune_code: '30334',
				postcode: '30700',
				address: '3 rue du Lavoir',
				email: 'lavoir@example.org',
				phone: '04 65 71 00 00',
				rna: 'W302000001',
				sectors: ['patrimoine'],
				worlds: ['amateur', 'rural'],
				tags: ['lavoir'],
				// Email for members only, phone public, address unmarked (members only).
				contact_visibility: { email: 'members', phone: 'public' }
			},
			4.4196213456,
			44.0122123456
		);
		await actor(
			act.xss,
			t.pub,
			{ name: XSS, kind: 'informal_group', website: 'javascript:alert(1)', commune_code: '30334' },
			null,
			null
		);
		await actor(
			act.epicerie,
			t.pub,
			{
				name: 'Épicerie solidaire',
				kind: 'business',
				email: 'epicerie@example.org',
				contact_visibility: { email: 'members' }
			},
			4.42,
			44.02
		);
		await actor(act.secret, t.priv, { name: 'Projet secret' }, 4.4, 44.0);

		await tx.query(
			`insert into public.source_record (id, territory_id, source_id, row_number, raw,
			   content_hash, actor_id, gone) values
			 ($1, $5, $6, 12, $9::text::jsonb, 'h1', $10, false),
			 ($2, $5, $7, 3, $9::text::jsonb, 'h2', $10, false),
			 ($3, $5, $8, 7, '{}', 'h3', $10, true),
			 ($4, $5, $6, 13, '{}', 'h4', $11, false)`,
			[
				rec.rna12,
				rec.xss3,
				rec.gone,
				rec.epicerie,
				t.pub,
				src.rna,
				src.xss,
				src.old,
				JSON.stringify({ nom: XSS }),
				act.lavoir,
				act.epicerie
			]
		);
		await tx.query(`update public.actor set provenance = $2::text::jsonb where id = $1`, [
			act.lavoir,
			JSON.stringify({
				email: { record_id: rec.rna12, source_id: src.rna },
				phone: { record_id: rec.xss3, source_id: src.xss },
				address: { record_id: rec.rna12, source_id: src.rna }
			})
		]);

		await tx.query(
			`insert into public.place (id, territory_id, name, kind, capacity, equipment, accessibility,
			   conditions, run_by, address, commune_code, location)
			 values ($1, $2, 'Salle des fêtes', 'salle', 120, '{scène,cuisine}', 'Plain-pied',
			   'Sur réservation', $3, 'Place de la Mairie', '30334', ${POINT('4.41', '44.01')})`,
			[place.salle, t.pub, act.lavoir]
		);
		await tx.query(
			`insert into public.event (id, territory_id, title, starts_at, ends_at, place_id,
			   commune_code, location, format, theme, needs, visibility) values
			 ($1, $4, 'Fête du lavoir', '2026-03-01T09:00:00Z', '2026-03-01T17:00:00Z', $5, null, null,
			   'fête', 'patrimoine', '{}', 'public'),
			 ($2, $4, 'Réunion du bureau', '2026-03-20T17:00:00Z', null, null, '30334',
			   ${POINT('4.43', '44.03')}, 'réunion', null, '{café}', 'members'),
			 ($3, $4, 'Quelque part', '2026-04-01T10:00:00Z', null, null, null, null, null, null, '{}',
			   'public')`,
			[ev.past, ev.upcoming, ev.nowhere, t.pub, place.salle]
		);
		await tx.query(
			`insert into public.event_actor (territory_id, event_id, actor_id, role) values
			 ($1, $2, $4, 'organiser'), ($1, $3, $4, 'participant'), ($1, $2, $5, 'participant')`,
			[t.pub, ev.past, ev.upcoming, act.lavoir, act.epicerie]
		);
		await tx.query(
			`insert into public.link (territory_id, from_actor, to_actor, kind) values
			 ($1, $2, $3, 'partner'), ($1, $4, $3, 'member_of')`,
			[t.pub, act.xss, act.lavoir, act.epicerie]
		);
	});
});

afterAll(async () => {
	await db?.close();
});

async function actorsAs(claims: Claims, slug = 'pays-d-uzes'): Promise<ActorMapData | null> {
	return db.asUser(claims, async (tx) => {
		const territory = await findMapTerritory(tx, slug);
		if (!territory) return null;
		return loadActorMapData(tx, territory.id, await mapAudience(tx, territory.id), communeName);
	});
}

function find(data: ActorMapData, id: string): ActorMapProps | undefined {
	return [...data.features.map((f) => f.properties), ...data.unlocated].find((a) => a.id === id);
}

describe('actors layer', () => {
	it('gives members every field and the listings of each actor, gone rows left out', async () => {
		const data = (await actorsAs(viewer))!;
		expect(data.sources).toEqual([
			{ id: src.rna, name: 'RNA Gard' },
			{ id: src.xss, name: XSS },
			{ id: src.old, name: 'Ancienne liste' }
		]);
		expect(data.features).toHaveLength(2);
		const lavoir = data.features.find((f) => f.properties.id === act.lavoir)!;
		expect(lavoir.geometry.coordinates).toEqual([4.419621, 44.012212]);
		expect(lavoir.properties).toEqual({
			id: act.lavoir,
			name: 'Les Amis du Lavoir',
			kind: 'association',
			sectors: ['patrimoine'],
			worlds: ['amateur', 'rural'],
			tags: ['lavoir'],
			commune: '30334',
			communeName: 'Uzès',
			address: '3 rue du Lavoir',
			// Its row in "Ancienne liste" is gone: that listing no longer names it.
			sources: [0, 1],
			contact: true
		});
		expect(find(data, act.epicerie)).toMatchObject({ contact: true, sources: [0] });
		// Unlocated, and its name from a listing is the same plain string.
		expect(data.unlocated.map((a) => a.name)).toEqual([XSS]);
		expect(find(data, act.xss)).toMatchObject({ sources: [], contact: true });
	});

	it('gives the public only public contacts and no listing', async () => {
		for (const claims of [anonClaims, outsider]) {
			const data = (await actorsAs(claims))!;
			expect(data.sources).toEqual([]);
			const lavoir = find(data, act.lavoir)!;
			// The phone is public, so it can be reached; the address is members only.
			expect(lavoir).toMatchObject({ address: null, contact: true, sources: [] });
			// Its only contact is a members-only email.
			expect(find(data, act.epicerie)).toMatchObject({ contact: false, sources: [] });
			expect(JSON.stringify(data)).not.toContain('lavoir@example.org');
			expect(JSON.stringify(data)).not.toContain('RNA Gard');
		}
	});

	it('counts a contact marked for editors only for owners and editors', async () => {
		const mark = (visibility: string) =>
			db.asAdmin((tx) =>
				tx.query(
					`update public.actor set contact_visibility = jsonb_build_object('email', $2::text)
					  where id = $1`,
					[act.epicerie, visibility]
				)
			);
		await mark('editors');
		try {
			expect(find((await actorsAs(viewer))!, act.epicerie)).toMatchObject({ contact: false });
			expect(find((await actorsAs(owner))!, act.epicerie)).toMatchObject({ contact: true });
			expect(find((await actorsAs(anonClaims))!, act.epicerie)).toMatchObject({ contact: false });
			await mark('public');
			// Marked public, the anonymous layer counts it too.
			expect(find((await actorsAs(anonClaims))!, act.epicerie)).toMatchObject({ contact: true });
		} finally {
			await mark('members');
		}
	});

	it('hides a private territory from visitors', async () => {
		expect(await actorsAs(anonClaims, 'brouillon')).toBeNull();
		expect(await actorsAs(outsider, 'brouillon')).toBeNull();
		expect((await actorsAs(owner, 'brouillon'))?.features).toHaveLength(1);
	});
});

describe('public actors.geojson', () => {
	it('serves the public audience, even to a member', async () => {
		const data = await db.asUser(viewer, (tx) =>
			loadPublicActorMapData(tx, 'pays-d-uzes', communeName)
		);
		expect(data?.sources).toEqual([]);
		expect(find(data!, act.lavoir)).toMatchObject({ address: null, sources: [] });
	});

	it('says not found for a private territory, even to its owner', async () => {
		for (const claims of [owner, anonClaims]) {
			expect(
				await db.asUser(claims, (tx) => loadPublicActorMapData(tx, 'brouillon', communeName))
			).toBeNull();
		}
	});

	function event(slug: string, claims: Claims, headers: Record<string, string> = {}) {
		const url = new URL(`http://127.0.0.1/t/${slug}/actors.geojson`);
		return {
			params: { territory: slug },
			url,
			request: new Request(url, { headers }),
			locals: { claims, locale: 'fr' }
		} as unknown as RequestEvent<{ territory: string }, never> as never;
	}

	it('answers with open CORS, a one-minute public cache and GeoJSON', async () => {
		const res = await publicEndpoint.GET(event('pays-d-uzes', anonClaims));
		expect(res.status).toBe(200);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('cache-control')).toBe('public, max-age=60');
		expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
		const body = (await res.json()) as ActorMapData;
		expect(body.type).toBe('FeatureCollection');
		expect(body.sources).toEqual([]);
		expect(find(body, act.xss)?.name).toBe(XSS);
	});

	it('answers 404 for a private territory to its owner, still readable cross-origin', async () => {
		const res = await publicEndpoint.GET(event('brouillon', owner));
		expect(res.status).toBe(404);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(await res.text()).not.toContain('Projet secret');
	});

	it('gzips a big answer for a client that takes it', async () => {
		// The fixture is small: the members' endpoint is checked with a client that refuses gzip,
		// the gzip path through acceptsGzip and a forced big body below.
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1, gzip;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
		const { mapJsonResponse } = await import('../../src/lib/server/queries/map');
		const big = { names: Array.from({ length: 5000 }, (_, i) => `${XSS} ${i}`) };
		const request = new Request('http://127.0.0.1/', { headers: { 'accept-encoding': 'gzip' } });
		const res = await mapJsonResponse(big, request, { 'cache-control': 'private, no-cache' });
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(res.headers.get('vary')).toBe('accept-encoding');
		const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
		expect(JSON.parse(text)).toEqual(big);
	});

	it('keeps the members’ endpoint per user and 404 for a visitor of a private territory', async () => {
		const get = async (slug: string, claims: Claims) => {
			try {
				return await actorsEndpoint.GET(event(slug, claims));
			} catch (thrown) {
				if (isHttpError(thrown)) return thrown;
				throw thrown;
			}
		};
		const ok = await get('pays-d-uzes', viewer);
		if (!(ok instanceof Response)) throw new Error(`HTTP ${ok.status}`);
		expect(ok.headers.get('cache-control')).toBe('private, no-cache');
		expect(((await ok.json()) as ActorMapData).sources).toHaveLength(3);
		const hidden = await get('brouillon', anonClaims);
		expect(hidden).not.toBeInstanceOf(Response);
		expect((hidden as { status: number }).status).toBe(404);
	});
});

describe('places and events layers', () => {
	it('draws the located places', async () => {
		const data = await db.asUser(anonClaims, (tx) => loadPlaceMapData(tx, t.pub, communeName));
		expect(data.features.map((f) => f.properties)).toEqual([
			{
				id: place.salle,
				name: 'Salle des fêtes',
				kind: 'salle',
				commune: '30334',
				communeName: 'Uzès',
				capacity: 120,
				equipment: ['scène', 'cuisine']
			}
		]);
	});

	it('tells upcoming from past against the injected now, located by the place when needed', async () => {
		const data = await db.asUser(viewer, (tx) =>
			loadEventMapData(tx, t.pub, 'members', communeName, NOW)
		);
		expect(data.features.map((f) => [f.properties.title, f.properties.when])).toEqual([
			['Fête du lavoir', 'past'],
			['Réunion du bureau', 'upcoming']
		]);
		const fete = data.features[0]!;
		// No point of its own: its place's, and its place's commune.
		expect(fete.geometry.coordinates).toEqual([4.41, 44.01]);
		expect(fete.properties).toMatchObject({
			placeId: place.salle,
			commune: '30334',
			communeName: 'Uzès',
			startsAt: '2026-03-01T09:00:00Z'
		});
		// Later, both are over.
		const later = await db.asUser(viewer, (tx) =>
			loadEventMapData(tx, t.pub, 'members', communeName, new Date('2026-05-01T00:00:00Z'))
		);
		expect(later.features.map((f) => f.properties.when)).toEqual(['past', 'past']);
	});

	it('gives the public audience public events only, even when a member asks', async () => {
		for (const claims of [anonClaims, viewer]) {
			const data = await db.asUser(claims, (tx) =>
				loadEventMapData(tx, t.pub, 'public', communeName, NOW)
			);
			expect(data.features.map((f) => f.properties.id)).toEqual([ev.past]);
		}
	});
});

describe('detail', () => {
	const detail = (claims: Claims, type: string, id: string, slug = 'pays-d-uzes') =>
		db.asUser(claims, async (tx) => {
			const territory = await findMapTerritory(tx, slug);
			return territory
				? loadMapDetail(tx, territory, type, id, { communeName, locale: 'fr-FR' })
				: null;
		});
	const field = (d: MapDetail | null, key: string) => d?.fields.find((f) => f.key === key);

	it('shows members an actor with provenance, its events and partners', async () => {
		const d = (await detail(viewer, 'actor', act.lavoir))!;
		expect(d).toMatchObject({
			type: 'actor',
			title: 'Les Amis du Lavoir',
			subtitle: 'Association',
			position: [4.419621, 44.012212],
			pageUrl: `/t/pays-d-uzes/actors/${act.lavoir}`
		});
		expect(field(d, 'email')).toEqual({
			key: 'email',
			label: 'Courriel',
			value: 'lavoir@example.org',
			href: 'mailto:lavoir@example.org',
			provenance: 'RNA Gard ligne 12'
		});
		// The listing's name is handed back as it is, a plain string.
		expect(field(d, 'phone')?.provenance).toBe(`${XSS} ligne 3`);
		expect(field(d, 'address')).toMatchObject({
			value: '3 rue du Lavoir, 30700 Uzès',
			provenance: 'RNA Gard ligne 12'
		});
		expect(field(d, 'rna')?.value).toBe('W302000001');
		expect(d.events).toEqual([
			{
				type: 'event',
				id: ev.upcoming,
				name: 'Réunion du bureau',
				startsAt: '2026-03-20T17:00:00Z',
				relation: 'participant'
			},
			{
				type: 'event',
				id: ev.past,
				name: 'Fête du lavoir',
				startsAt: '2026-03-01T09:00:00Z',
				relation: 'organisateur'
			}
		]);
		expect(d.related).toEqual([
			{ type: 'actor', id: act.epicerie, name: 'Épicerie solidaire', relation: 'membre' },
			{ type: 'actor', id: act.xss, name: XSS, relation: 'partenaire' }
		]);
	});

	it('shows the public only public contacts, without provenance nor page', async () => {
		for (const claims of [anonClaims, outsider]) {
			const d = (await detail(claims, 'actor', act.lavoir))!;
			expect(d.pageUrl).toBeNull();
			expect(field(d, 'email')).toBeUndefined();
			expect(field(d, 'address')).toBeUndefined();
			expect(field(d, 'commune')?.value).toBe('30700 Uzès');
			expect(field(d, 'phone')).toEqual({
				key: 'phone',
				label: 'Téléphone',
				value: '04 65 71 00 00',
				href: 'tel:0465710000'
			});
			expect(d.fields.every((f) => f.provenance === undefined)).toBe(true);
			expect(d.events.map((e) => e.id)).not.toContain(ev.upcoming);
		}
	});

	it('gives a member who asks for the public view (the embed) only the public view', async () => {
		const d = (await db.asUser(viewer, async (tx) => {
			const territory = await findMapTerritory(tx, 'pays-d-uzes');
			return loadMapDetail(tx, territory!, 'actor', act.lavoir, {
				communeName,
				locale: 'fr-FR',
				audience: 'public'
			});
		}))!;
		expect(d.pageUrl).toBeNull();
		expect(field(d, 'email')).toBeUndefined();
		expect(field(d, 'phone')?.value).toBe('04 65 71 00 00');
		expect(d.fields.every((f) => f.provenance === undefined)).toBe(true);
	});

	it('never links a website that is not one, and keeps the name as text', async () => {
		const d = (await detail(anonClaims, 'actor', act.xss))!;
		expect(d.title).toBe(XSS);
		expect(d.position).toBeNull();
		expect(field(d, 'website')).toEqual({
			key: 'website',
			label: 'Site web',
			value: 'javascript:alert(1)'
		});
	});

	it('describes a place with who runs it and its events per audience', async () => {
		const d = (await detail(viewer, 'place', place.salle))!;
		expect(d).toMatchObject({ type: 'place', title: 'Salle des fêtes', subtitle: 'salle' });
		expect(field(d, 'capacity')?.value).toBe('jusqu’à 120 personnes');
		expect(field(d, 'address')?.value).toBe('Place de la Mairie, Uzès');
		expect(d.related).toEqual([
			{ type: 'actor', id: act.lavoir, name: 'Les Amis du Lavoir', relation: 'gestionnaire' }
		]);
		expect(d.events.map((e) => e.id)).toEqual([ev.past]);
	});

	it('describes an event in French with its place and organisers', async () => {
		const d = (await detail(viewer, 'event', ev.past))!;
		expect(d).toMatchObject({ type: 'event', title: 'Fête du lavoir', subtitle: 'fête' });
		expect(d.position).toEqual([4.41, 44.01]);
		expect(field(d, 'date')?.value).toMatch(/dimanche 1 mars 2026.*10:00.*18:00/);
		expect(field(d, 'place')?.value).toBe('Salle des fêtes');
		expect(field(d, 'commune')?.value).toBe('Uzès');
		expect(d.related).toEqual([
			{ type: 'place', id: place.salle, name: 'Salle des fêtes', relation: 'lieu' },
			{ type: 'actor', id: act.lavoir, name: 'Les Amis du Lavoir', relation: 'organisateur' },
			{ type: 'actor', id: act.epicerie, name: 'Épicerie solidaire', relation: 'participant' }
		]);
	});

	it('is not found for members-only events read by the public, and for anything unknown', async () => {
		expect(await detail(viewer, 'event', ev.upcoming)).not.toBeNull();
		expect(await detail(anonClaims, 'event', ev.upcoming)).toBeNull();
		expect(await detail(viewer, 'offer', act.lavoir)).toBeNull();
		expect(await detail(viewer, 'actor', 'not-a-uuid')).toBeNull();
		expect(await detail(viewer, 'actor', uuid())).toBeNull();
		// Another territory's actor, even one the reader owns, is not in this one.
		expect(await detail(owner, 'actor', act.secret)).toBeNull();
		expect(await detail(anonClaims, 'actor', act.secret, 'brouillon')).toBeNull();
	});

	it('answers the endpoint with no-cache, and 404 for another type', async () => {
		const get = async (type: string, id: string) => {
			const event = {
				params: { territory: 'pays-d-uzes', type, id },
				locals: { claims: anonClaims, locale: 'fr' },
				url: new URL(`http://localhost/t/pays-d-uzes/map/detail/${type}/${id}`)
			} as unknown as RequestEvent<{ territory: string; type: string; id: string }, never>;
			try {
				return await detailEndpoint.GET(event as never);
			} catch (thrown) {
				if (isHttpError(thrown)) return thrown;
				throw thrown;
			}
		};
		const ok = await get('place', place.salle);
		if (!(ok instanceof Response)) throw new Error(`HTTP ${ok.status}`);
		expect(ok.headers.get('cache-control')).toBe('private, no-cache');
		expect(((await ok.json()) as MapDetail).title).toBe('Salle des fêtes');
		expect((await get('draw', place.salle)) as { status: number }).toMatchObject({ status: 404 });
		expect((await get('event', ev.upcoming)) as { status: number }).toMatchObject({ status: 404 });
	});
});
