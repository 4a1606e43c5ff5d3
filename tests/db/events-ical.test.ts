/**
 * The iCalendar feed of a territory's public events, read through its endpoint on a real
 * database with the demo territory: parsed back by ical.js, public events only, 404 when the
 * territory is private.
 */
import ICAL from 'ical.js';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonClaims, type Claims } from '../../src/lib/server/db/types';
import { demoWithRoles, type TestDatabase } from './helpers';

const current = vi.hoisted(() => ({ db: undefined as TestDatabase | undefined }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/server/db/index')>()),
	getDatabase: async () => current.db
}));
const endpoint = await import('../../src/routes/t/[territory]/events.ics/+server');

async function get(slug: string, claims: Claims = anonClaims): Promise<Response | number> {
	const event = {
		params: { territory: slug },
		locals: { claims, locale: 'fr' },
		url: new URL(`http://maillage.test/t/${slug}/events.ics`)
	};
	try {
		return await endpoint.GET(event as never);
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		throw thrown;
	}
}

describe('GET /t/<slug>/events.ics', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		({ db } = await demoWithRoles({ now: new Date('2026-03-01T10:00:00Z') }));
		current.db = db;
	});
	afterAll(async () => {
		await db?.close();
	});

	it('lists exactly the public events of the demo territory, readable by ical.js', async () => {
		const response = await get('pays-d-uzes');
		if (typeof response === 'number') throw new Error(`status ${response}`);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await response.text();
		const calendar = new ICAL.Component(ICAL.parse(text));
		const parsed = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));

		const expected = await db.asAdmin((tx) =>
			tx.query<{ id: string; title: string; starts_at: Date; visibility: string }>(
				`select e.id, e.title, e.starts_at, e.visibility from public.event e
				   join public.territory t on t.id = e.territory_id
				  where t.slug = 'pays-d-uzes'`
			)
		);
		const wanted = expected.filter((e) => e.visibility === 'public');
		expect(wanted.length).toBeGreaterThan(0);
		expect(wanted.length).toBeLessThan(expected.length); // some events are members-only
		expect(parsed.map((e) => e.uid.split('@')[0]).sort()).toEqual(wanted.map((e) => e.id).sort());
		for (const event of parsed) {
			const row = wanted.find((w) => event.uid.startsWith(w.id))!;
			expect(event.summary).toBe(row.title);
			expect(event.startDate.toJSDate().getTime()).toBe(new Date(row.starts_at).getTime());
		}
	});

	it('answers 404 for a private or unknown territory', async () => {
		await db.asAdmin((tx) =>
			tx.query(
				`insert into public.territory (slug, name, visibility) values ('prive', 'Privé', 'private')`
			)
		);
		expect(await get('prive')).toBe(404);
		expect(await get('inconnu')).toBe(404);
	});
});
