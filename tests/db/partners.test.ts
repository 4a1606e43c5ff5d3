/**
 * The partner finder on the demo territory, through its load functions and the invitation CSV
 * endpoint on a real database: radius, organisers left out, newcomers first, the CSV's dialects
 * and columns, contact visibility, members only (404 for anyone else).
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVITATION_COLUMNS } from '../../src/lib/domain/partners/invitations';
import { PartnerFinder } from '../../src/lib/domain/partners/rank';
import type { PartnerFinderData } from '../../src/lib/partners/types';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { loadPartnerCandidates, loadPartnerEvent } from '../../src/lib/server/queries/partners';
import { countingTx, demoWithRoles, type TestDatabase, httpStatus as status } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const eventPage = await import('../../src/routes/t/[territory]/events/[id]/partners/+page.server');
const eventCsv =
	await import('../../src/routes/t/[territory]/events/[id]/partners/invitations.csv/+server');
const pointPage = await import('../../src/routes/t/[territory]/partners/+page.server');
const pointCsv = await import('../../src/routes/t/[territory]/partners/invitations.csv/+server');

const SLUG = 'pays-d-uzes';
let db: TestDatabase;
let owner: Claims;
let viewer: Claims;
let outsider: Claims;
let territoryId: string;
/** « Forum des associations »: at a common place, two organisers, needs tables. */
let forum: { id: string; organisers: string[]; participants: string[] };

function fakeEvent(path: string, query: string, claims: Claims, params: Record<string, string>) {
	return {
		params: { territory: SLUG, ...params },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test${path}${query ? `?${query}` : ''}`)
	} as never;
}

async function finderFor(
	eventId: string,
	query = '',
	claims: Claims = viewer
): Promise<PartnerFinderData> {
	const result = (await eventPage.load(
		fakeEvent(`/t/${SLUG}/events/${eventId}/partners`, query, claims, { id: eventId })
	)) as { finder: PartnerFinderData };
	return result.finder;
}

async function csvFor(eventId: string, query = '', claims: Claims = viewer): Promise<Response> {
	return eventCsv.GET(
		fakeEvent(`/t/${SLUG}/events/${eventId}/partners/invitations.csv`, query, claims, {
			id: eventId
		})
	);
}

/** The body as sent: `Response.text()` would drop a leading BOM (WHATWG decoding). */
async function bodyText(response: Response): Promise<string> {
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

function parseCsv(text: string, delimiter: ',' | ';'): Record<string, string>[] {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		delimiter,
		skipEmptyLines: true
	});
	expect(parsed.errors).toEqual([]);
	expect(parsed.meta.fields).toEqual([...INVITATION_COLUMNS]);
	return parsed.data;
}

beforeAll(async () => {
	({
		db,
		territoryId,
		claims: { owner, viewer, outsider }
	} = await demoWithRoles({ roles: ['viewer'], now: new Date('2026-03-01T10:00:00Z') }));
	current.db = db;
	const [row] = await db.asAdmin((tx) =>
		tx.query<{ id: string; organisers: string[]; participants: string[] }>(
			`select e.id, array(select actor_id::text from public.event_actor ea
			                     where ea.event_id = e.id and ea.role = 'organiser') as organisers,
			        array(select actor_id::text from public.event_actor ea
			                     where ea.event_id = e.id and ea.role = 'participant') as participants
			   from public.event e
			  where e.territory_id = $1 and e.title = 'Forum des associations'`,
			[territoryId]
		)
	);
	forum = row!;
	expect(forum.organisers.length).toBe(2);
});

afterAll(async () => {
	await db?.close();
});

describe('loadPartnerEvent and loadPartnerCandidates', () => {
	it('reads the event with its place’s position, needs and organisers', async () => {
		const event = await db.asUser(viewer, (tx) => loadPartnerEvent(tx, territoryId, forum.id));
		expect(event).toMatchObject({ id: forum.id, title: 'Forum des associations' });
		expect(event!.position).not.toBeNull();
		expect(event!.placeName).toBeTruthy();
		expect(event!.needs).toEqual(['tables', 'grilles d’exposition']);
		expect([...event!.organiserIds].sort()).toEqual([...forum.organisers].sort());
		expect(await db.asUser(viewer, (tx) => loadPartnerEvent(tx, territoryId, 'nope'))).toBeNull();
	});

	it('gives every located actor once, its participations, and the needs it meets', async () => {
		let queries = 0;
		const candidates = await db.asUser(viewer, (tx) => {
			const counting = countingTx(tx, () => (queries += 1));
			return loadPartnerCandidates(counting, territoryId, ['tables', 'sono', 'vélo cargo']);
		});
		// One query for the actors, one for the offers, one for the places: never one per actor.
		expect(queries).toBe(3);
		const [located] = await db.asAdmin((tx) =>
			tx.query<{ n: number }>(
				`select count(*)::int as n from public.actor where territory_id = $1 and location is not null`,
				[territoryId]
			)
		);
		expect(candidates.length).toBe(located!.n);
		expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);

		const participations = await db.asAdmin((tx) =>
			tx.query<{ actor_id: string; n: number }>(
				`select actor_id, count(*)::int as n from public.event_actor
				  where territory_id = $1 group by actor_id`,
				[territoryId]
			)
		);
		const byId = new Map(candidates.map((c) => [c.id, c]));
		for (const p of participations) {
			if (byId.has(p.actor_id)) expect(byId.get(p.actor_id)!.eventsAttended).toBe(p.n);
		}
		expect(candidates.some((c) => c.eventsAttended === 0)).toBe(true);

		// « Barnums, tables et bancs » (an offer) and the equipment of the places an actor runs.
		const lenders = candidates.filter((c) => c.offers.includes('tables'));
		expect(lenders.length).toBeGreaterThan(0);
		expect(candidates.some((c) => c.offers.includes('sono'))).toBe(true);
		for (const c of candidates) {
			for (const offer of c.offers) expect(['tables', 'sono', 'vélo cargo']).toContain(offer);
		}
		expect(candidates.find((c) => c.communeCode === '30334')?.communeName).toBe('Uzès');

		// Without needs: no offer lookups at all.
		queries = 0;
		const plain = await db.asUser(viewer, (tx) =>
			loadPartnerCandidates(
				countingTx(tx, () => (queries += 1)),
				territoryId,
				[]
			)
		);
		expect(queries).toBe(1);
		expect(plain.every((c) => c.offers.length === 0)).toBe(true);
	});

	it('counts offers valid on the given day only (the event’s day, not today)', async () => {
		const all = await db.asUser(viewer, (tx) => loadPartnerCandidates(tx, territoryId, ['sono']));
		const plain = all.find((c) => c.offers.length === 0)!;
		const [offer] = await db.asAdmin((tx) =>
			tx.query<{ id: string }>(
				`insert into public.offer (territory_id, actor_id, direction, category, title,
				                           valid_from, valid_until)
				 values ($1, $2, 'offer', 'equipment', 'Sono portable', '2030-06-01', '2030-06-01')
				 returning id`,
				[territoryId, plain.id]
			)
		);
		try {
			const on = async (day: string) =>
				(
					await db.asUser(viewer, (tx) =>
						loadPartnerCandidates(tx, territoryId, ['sono'], undefined, { day })
					)
				).find((c) => c.id === plain.id)!.offers;
			expect(await on('2030-06-01')).toEqual(['sono']);
			expect(await on('2030-06-02')).toEqual([]);
			expect(await on('2030-05-31')).toEqual([]);
		} finally {
			await db.asAdmin((tx) => tx.query('delete from public.offer where id = $1', [offer!.id]));
		}
	});

	it('with a circle, loads only the actors near it (PostGIS), and ranks exactly the same', async () => {
		const at: [number, number] = [4.4196, 44.0125]; // Uzès
		const all = await db.asUser(viewer, (tx) => loadPartnerCandidates(tx, territoryId, []));
		const near = await db.asUser(viewer, (tx) =>
			loadPartnerCandidates(tx, territoryId, [], undefined, { near: { at, radiusKm: 4 } })
		);
		expect(near.length).toBeGreaterThan(0);
		expect(near.length).toBeLessThan(all.length);
		const allIds = new Set(all.map((c) => c.id));
		expect(near.every((c) => allIds.has(c.id))).toBe(true);
		const query = { at, radiusKm: 4 };
		const fromAll = new PartnerFinder(all).find(query).map((p) => p.id);
		const fromNear = new PartnerFinder(near).find(query).map((p) => p.id);
		expect(fromNear).toEqual(fromAll);
		expect(fromNear.length).toBeGreaterThan(0);
	});
});

describe('the event’s partners page', () => {
	it('proposes fewer actors in a smaller radius, each within it, nearest ranks first', async () => {
		const near = await finderFor(forum.id, 'r=3');
		const far = await finderFor(forum.id, 'r=20');
		expect(near.total).toBeGreaterThan(0);
		expect(near.total).toBeLessThan(far.total);
		expect(near.params.radiusKm).toBe(3);
		for (const p of near.partners) expect(p.km).toBeLessThanOrEqual(3);
		const farIds = new Set(far.partners.map((p) => p.id));
		for (const p of near.partners) expect(farIds.has(p.id)).toBe(true);
		expect(near.partners.map((p) => p.rank)).toEqual(near.partners.map((_, i) => i + 1));
		expect(far.origin).toMatchObject({ type: 'event', title: 'Forum des associations' });
	});

	it('never proposes the event’s organisers nor its participants', async () => {
		const finder = await finderFor(forum.id, 'r=6');
		// The same search around the event's point, which excludes nobody, does reach them.
		const event = await db.asUser(viewer, (tx) => loadPartnerEvent(tx, territoryId, forum.id));
		const around = (await pointPage.load(
			fakeEvent(`/t/${SLUG}/partners`, `at=${event!.position!.join(',')}&r=6`, viewer, {})
		)) as { finder: PartnerFinderData };
		expect(around.finder.total).toBeLessThanOrEqual(200); // every proposal is in `partners`
		const aroundIds = new Set(around.finder.partners.map((p) => p.id));
		for (const id of forum.organisers) expect(aroundIds.has(id)).toBe(true);

		const ids = new Set(finder.partners.map((p) => p.id));
		const registered = [...forum.organisers, ...forum.participants];
		expect(forum.participants.length).toBeGreaterThan(0);
		for (const id of registered) expect(ids.has(id)).toBe(false);
		const registeredNear = registered.filter((id) => aroundIds.has(id));
		expect(finder.total).toBe(around.finder.total - registeredNear.length);
		const csv = parseCsv(await bodyText(await csvFor(forum.id, 'r=6')), ',');
		expect(csv.length).toBe(finder.total);
	});

	it('puts the newcomers first with the option, keeping the rest of the order', async () => {
		const plain = await finderFor(forum.id, 'r=10');
		const newcomers = await finderFor(forum.id, 'r=10&newcomers=1');
		const isNew = (p: PartnerFinderData['partners'][number]) =>
			p.reasons.some((r) => r.kind === 'newcomer');
		const flags = newcomers.partners.map(isNew);
		const firstOld = flags.indexOf(false);
		expect(flags.indexOf(true)).toBe(0);
		expect(firstOld).toBeGreaterThan(0);
		expect(flags.slice(firstOld).includes(true)).toBe(false);
		// Not already so without the option: the option did reorder.
		expect(plain.partners.map((p) => p.id)).not.toEqual(newcomers.partners.map((p) => p.id));
		expect(new Set(plain.partners.map((p) => p.id))).toEqual(
			new Set(newcomers.partners.map((p) => p.id))
		);
		// Each group keeps the plain ranking's order.
		const order = (list: PartnerFinderData['partners']) => list.map((p) => p.id);
		expect(order(newcomers.partners.filter(isNew))).toEqual(order(plain.partners.filter(isNew)));
	});

	it('filters by participation and kind, and lists the kinds present', async () => {
		const never = await finderFor(forum.id, 'r=20&participation=never');
		expect(never.partners.every((p) => p.reasons.some((r) => r.kind === 'newcomer'))).toBe(true);
		const businesses = await finderFor(forum.id, 'r=20&kind=business');
		expect(businesses.total).toBeGreaterThan(0);
		expect(businesses.partners.every((p) => p.kind === 'business')).toBe(true);
		expect(businesses.options.kinds.map((k) => k.value)).toContain('association');
	});

	it('says why: the needs the actor can lend', async () => {
		const all = await finderFor(forum.id, 'r=100');
		const lender = all.partners.find((p) => p.reasons.some((r) => r.kind === 'offers'));
		expect(lender?.reasons).toContainEqual({ kind: 'offers', needs: ['tables'] });
	});

	it('builds mailto links from the visible addresses only', async () => {
		const finder = await finderFor(forum.id, 'r=100');
		expect(finder.mail.reachable).toBeGreaterThan(0);
		expect(finder.mail.reachable + finder.mail.without).toBeLessThanOrEqual(finder.total);
		for (const link of finder.mail.links) {
			expect(link.startsWith('mailto:?bcc=')).toBe(true);
			expect(link.length).toBeLessThanOrEqual(1800);
			expect(new URL(link).searchParams.get('subject')).toBe('Invitation : Forum des associations');
		}
		const mailed = finder.mail.links.flatMap((l) => new URL(l).searchParams.get('bcc')!.split(','));
		expect(mailed.length).toBe(finder.mail.reachable);
	});

	it('answers 404 to non-members, the public, and for an unknown event', async () => {
		expect(await status(() => finderFor(forum.id, '', outsider))).toBe(404);
		expect(await status(() => finderFor(forum.id, '', anonClaims))).toBe(404);
		expect(await status(() => csvFor(forum.id, '', outsider))).toBe(404);
		expect(await status(() => csvFor(forum.id, '', anonClaims))).toBe(404);
		expect(await status(() => finderFor(crypto.randomUUID()))).toBe(404);
		expect(await status(() => finderFor('not-a-uuid'))).toBe(404);
		expect(await status(() => finderFor(forum.id, '', owner))).toBe('ok');
	});

	it('says when the event has no position, with nothing to rank', async () => {
		const [row] = await db.asAdmin((tx) =>
			tx.query<{ id: string }>(
				`insert into public.event (territory_id, title, starts_at)
				 values ($1, 'Réunion sans lieu', '2026-04-01T18:00:00Z') returning id`,
				[territoryId]
			)
		);
		const finder = await finderFor(row!.id);
		expect(finder.at).toBeNull();
		expect(finder.total).toBe(0);
		expect(finder.origin).toMatchObject({ type: 'event', title: 'Réunion sans lieu' });
	});
});

describe('the invitation CSV', () => {
	it('is the Excel-France dialect with excel=1: BOM, semicolons, the allowed columns only', async () => {
		const response = await csvFor(forum.id, 'r=8&excel=1');
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="invitations-forum-des-associations.csv"'
		);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const bytes = new Uint8Array(await response.clone().arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = await bodyText(response);
		expect(text.split('\r\n')[0]).toBe('\uFEFF' + INVITATION_COLUMNS.join(';'));
		const rows = parseCsv(text, ';');
		const finder = await finderFor(forum.id, 'r=8');
		expect(rows.map((r) => r.Nom)).toEqual(finder.partners.map((p) => p.name));
		expect(rows.some((r) => /\d,\d/.test(r['Distance (km)']!))).toBe(true);
		// Never the street address nor provenance.
		const addresses = await db.asAdmin((tx) =>
			tx.query<{ address: string }>(
				`select address from public.actor where id = any($1::uuid[]) and address is not null`,
				[finder.partners.map((p) => p.id)]
			)
		);
		expect(addresses.length).toBeGreaterThan(0);
		// (Some addresses are also part of a name, « Mas Neuf »: every cell but the name is checked.)
		for (const { address } of addresses) {
			for (const row of rows) {
				for (const [column, value] of Object.entries(row)) {
					if (column !== 'Nom') expect(value).not.toContain(address);
				}
			}
		}
	});

	it('is plain UTF-8 with commas without excel=1', async () => {
		const text = await bodyText(await csvFor(forum.id, 'r=8'));
		expect(text.charCodeAt(0)).not.toBe(0xfeff);
		expect(text.split('\r\n')[0]).toBe(INVITATION_COLUMNS.join(','));
		expect(parseCsv(text, ',').length).toBeGreaterThan(0);
	});

	it('shows members’ emails to members, and leaves out a field of an unknown visibility', async () => {
		const finder = await finderFor(forum.id, 'r=100');
		const ids = finder.partners.map((p) => p.id);
		const [members, hidden] = await db.asAdmin(async (tx) => {
			const pick = () =>
				tx.query<{ id: string; email: string }>(
					`select id, email from public.actor
					  where id = any($1::uuid[]) and email is not null
					    and coalesce(contact_visibility->>'email', 'members') = 'members'
					  order by id limit 1`,
					[ids]
				);
			const [a] = await pick();
			// Another actor, its email made visible to editors only: left out for the viewer. Its
			// email must be its own: the demo's addresses are cut at 40 characters, so two « Comité
			// des fêtes et de la jeunesse de … » can share one (the test failed on such a pick).
			const [b] = await tx.query<{ id: string; email: string }>(
				`update public.actor
				    set contact_visibility = contact_visibility || '{"email": "editors"}'::jsonb
				  where id = (select x.id from public.actor x
				               where x.id = any($1::uuid[]) and x.email is not null and x.id <> $2
				                 and not exists (select 1 from public.actor o
				                                  where o.territory_id = x.territory_id
				                                    and o.email = x.email and o.id <> x.id)
				               order by x.id limit 1)
				  returning id, email`,
				[ids, a!.id]
			);
			return [a!, b!];
		});
		const text = await (await csvFor(forum.id, 'r=100')).text();
		expect(text).toContain(members.email);
		expect(text).not.toContain(hidden.email);
		const after = await finderFor(forum.id, 'r=100');
		const mailed = after.mail.links.join(' ');
		expect(mailed).not.toContain(encodeURIComponent(hidden.email).replace(/%40/g, '@'));
	});
});

describe('the finder around a point', () => {
	async function around(query: string, claims: Claims = viewer): Promise<PartnerFinderData> {
		const result = (await pointPage.load(fakeEvent(`/t/${SLUG}/partners`, query, claims, {}))) as {
			finder: PartnerFinderData;
		};
		return result.finder;
	}

	it('ranks around at=lng,lat with the theme and the needs typed', async () => {
		const event = await db.asUser(viewer, (tx) => loadPartnerEvent(tx, territoryId, forum.id));
		const at = event!.position!.join(',');
		const finder = await around(`at=${at}&r=15&theme=culture&needs=tables`);
		expect(finder.origin).toEqual({ type: 'point' });
		expect(finder.point).toEqual({ at: event!.position, theme: 'culture', needs: ['tables'] });
		expect(finder.total).toBeGreaterThan(0);
		expect(
			finder.partners.some((p) =>
				p.reasons.some((r) => r.kind === 'theme' && r.theme === 'culture')
			)
		).toBe(true);
		// Around a point nobody is excluded: the forum's organisers may be proposed.
		const near = await around(`at=${at}&r=100`);
		expect(forum.organisers.some((id) => near.partners.some((p) => p.id === id))).toBe(true);
	});

	it('has nothing to rank without a point, and is members only', async () => {
		expect((await around('')).at).toBeNull();
		expect(await status(() => around('at=4.4,44', outsider))).toBe(404);
		const response = await pointCsv.GET(
			fakeEvent(`/t/${SLUG}/partners/invitations.csv`, 'at=4.42,44.01&r=5&excel=1', viewer, {})
		);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="invitations-${SLUG}.csv"`
		);
		expect((await bodyText(response)).startsWith('\uFEFFNom;')).toBe(true);
	});
});
