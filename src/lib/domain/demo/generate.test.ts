import { describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI } from './communes';
import { de, distanceKm, generateDemo, shareByPopulation } from './generate';
import { luhnValid } from './identifiers';
import { WORLD_PAIRS } from './types';

const NOW = new Date('2025-06-15T10:00:00Z');
const DAY_MS = 86_400_000;
const GARD_BBOX = [3.2626, 43.46019, 4.84555, 44.4598] as const;

const demo = generateDemo({ now: NOW });
const actorIds = new Set(demo.actors.map((a) => a.id));
const communeCodes = new Set(PAYS_D_UZES_COMMUNES.map((c) => c.code));

function inGard([lng, lat]: [number, number]): boolean {
	return lng > GARD_BBOX[0] && lat > GARD_BBOX[1] && lng < GARD_BBOX[2] && lat < GARD_BBOX[3];
}

describe('generateDemo', () => {
	it('is deterministic for a seed and a date', () => {
		expect(generateDemo({ now: NOW })).toEqual(demo);
		const other = generateDemo({ now: NOW, seed: 1 });
		expect(other.actors.map((a) => a.id)).not.toEqual(demo.actors.map((a) => a.id));
	});

	it('describes the public territory of the EPCI', () => {
		expect(demo.territory).toMatchObject({
			slug: 'pays-d-uzes',
			name: "Communauté de communes du Pays d'Uzès",
			epciCode: PAYS_D_UZES_EPCI,
			licence: 'ODbL-1.0',
			visibility: 'public'
		});
		expect(demo.territory.communeCodes).toHaveLength(35);
	});

	it('produces the announced volumes', () => {
		expect(demo.actors.length).toBeGreaterThanOrEqual(250);
		expect(demo.actors.length).toBeLessThanOrEqual(350);
		expect(demo.places.length).toBeGreaterThanOrEqual(10);
		expect(demo.places.length).toBeLessThanOrEqual(15);
		expect(demo.events.length).toBeGreaterThanOrEqual(12);
		expect(demo.events.length).toBeLessThanOrEqual(18);
		expect(demo.offers.length).toBeGreaterThanOrEqual(15);
		expect(demo.offers.length).toBeLessThanOrEqual(25);
		expect(demo.links.length).toBeGreaterThanOrEqual(50);
		expect(demo.links.length).toBeLessThanOrEqual(70);
		const kinds = new Set(demo.actors.map((a) => a.kind));
		for (const kind of [
			'association',
			'business',
			'cooperative',
			'public_body',
			'informal_group',
			'elected_body'
		]) {
			expect(kinds, kind).toContain(kind);
		}
		expect(new Set(demo.links.map((l) => l.kind))).toEqual(
			new Set(['member_of', 'partner', 'co_organised'])
		);
	});

	it('never reuses an id and never repeats an actor name', () => {
		const ids = [
			demo.territory.id,
			...demo.actors.map((a) => a.id),
			...demo.places.map((p) => p.id),
			...demo.events.map((e) => e.id),
			...demo.offers.map((o) => o.id),
			...demo.links.map((l) => l.id)
		];
		expect(new Set(ids).size).toBe(ids.length);
		const names = demo.actors.map((a) => a.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('places everything in communes of the EPCI, inside the Gard', () => {
		const all = [
			...demo.actors.map((a) => ({ code: a.communeCode, location: a.location })),
			...demo.places.map((p) => ({ code: p.communeCode, location: p.location })),
			...demo.events.map((e) => ({ code: e.communeCode, location: e.location }))
		];
		for (const { code, location } of all) {
			expect(communeCodes, code).toContain(code);
			expect(inGard(location), `${code} ${location.join(',')}`).toBe(true);
		}
	});

	it('keeps each actor close to its commune centre, with its postcode', () => {
		for (const actor of demo.actors) {
			const commune = PAYS_D_UZES_COMMUNES.find((c) => c.code === actor.communeCode);
			expect(commune).toBeDefined();
			if (!commune) continue;
			expect(distanceKm(actor.location, commune.centre), actor.name).toBeLessThanOrEqual(1.25);
			expect(actor.postcode).toBe(commune.postcode);
			expect(['exact', 'street']).toContain(actor.locationQuality);
		}
	});

	it('shares actors by population: a mairie everywhere, Uzès the biggest', () => {
		const perCommune = new Map<string, number>();
		for (const a of demo.actors) {
			perCommune.set(a.communeCode, (perCommune.get(a.communeCode) ?? 0) + 1);
		}
		for (const commune of PAYS_D_UZES_COMMUNES) {
			const mairies = demo.actors.filter(
				(a) => a.communeCode === commune.code && a.name.startsWith('Mairie')
			);
			expect(mairies, commune.name).toHaveLength(1);
			expect(perCommune.get(commune.code) ?? 0, commune.name).toBeGreaterThanOrEqual(3);
		}
		const uzes = perCommune.get('30334') ?? 0;
		expect(Math.max(...perCommune.values())).toBe(uzes);
		const smallest = PAYS_D_UZES_COMMUNES.reduce((a, b) => (a.population < b.population ? a : b));
		expect(uzes).toBeGreaterThan(5 * (perCommune.get(smallest.code) ?? 0));
	});

	it('gives businesses valid SIRETs and associations valid RNA numbers', () => {
		for (const actor of demo.actors) {
			if (actor.kind === 'business' || actor.kind === 'cooperative') {
				expect(actor.siret, actor.name).toMatch(/^\d{14}$/);
				expect(luhnValid(actor.siret ?? ''), actor.name).toBe(true);
				expect(luhnValid((actor.siret ?? '').slice(0, 9)), actor.name).toBe(true);
			} else {
				expect(actor.siret).toBeNull();
			}
			if (actor.kind === 'association') expect(actor.rna, actor.name).toMatch(/^W\d{9}$/);
			else expect(actor.rna).toBeNull();
		}
	});

	it('uses only fictional contacts', () => {
		for (const actor of demo.actors) {
			if (actor.phone) expect(actor.phone).toMatch(/^0(4 65 71|6 39 98) \d\d \d\d$/);
			if (actor.email) expect(actor.email).toMatch(/^[a-z0-9.-]+@example\.org$/);
			if (actor.website) expect(actor.website).toMatch(/^https:\/\/[a-z0-9-]+\.example\.org$/);
			for (const value of Object.values(actor.contactVisibility)) {
				expect(['public', 'members']).toContain(value);
			}
		}
		expect(demo.actors.some((a) => a.contactVisibility.phone === 'members')).toBe(true);
	});

	it('puts every actor on one side of each world pair at most, and urban or rural always', () => {
		for (const actor of demo.actors) {
			for (const [a, b] of WORLD_PAIRS) {
				expect(actor.worlds.includes(a) && actor.worlds.includes(b), actor.name).toBe(false);
			}
			expect(actor.worlds.includes('urbain') || actor.worlds.includes('rural')).toBe(true);
			expect(actor.sectors.length).toBeGreaterThan(0);
		}
	});

	it('points every reference at something that exists', () => {
		const placeIds = new Set(demo.places.map((p) => p.id));
		for (const place of demo.places) expect(actorIds).toContain(place.runBy);
		for (const event of demo.events) {
			expect(event.organisers.length).toBeGreaterThan(0);
			for (const id of [...event.organisers, ...event.participants]) expect(actorIds).toContain(id);
			const both = [...event.organisers, ...event.participants];
			expect(new Set(both).size, event.title).toBe(both.length);
			if (event.placeId) expect(placeIds).toContain(event.placeId);
		}
		for (const offer of demo.offers) expect(actorIds).toContain(offer.actorId);
		for (const link of demo.links) {
			expect(actorIds).toContain(link.fromActor);
			expect(actorIds).toContain(link.toActor);
			expect(link.fromActor).not.toBe(link.toActor);
		}
	});

	it('spreads events over the past year and the next three months, across communes', () => {
		const times = demo.events.map((e) => Date.parse(e.startsAt));
		for (const [i, t] of times.entries()) {
			// Only the past editions of the travelling fête (#9) are older than a year, by < 3 years.
			const older = demo.events[i]?.title === 'Fête des associations rurales' ? 3 : 1;
			expect(t).toBeGreaterThan(NOW.getTime() - older * 366 * DAY_MS);
			expect(t).toBeLessThan(NOW.getTime() + 92 * DAY_MS);
			expect(Date.parse(demo.events[i]?.endsAt ?? '')).toBeGreaterThan(t);
		}
		expect(times.filter((t) => t > NOW.getTime()).length).toBeGreaterThanOrEqual(3);
		expect(times.filter((t) => t < NOW.getTime()).length).toBeGreaterThanOrEqual(10);
		expect(new Set(demo.events.map((e) => e.communeCode)).size).toBeGreaterThanOrEqual(6);
	});

	it('moves the agenda with the reference date', () => {
		const later = generateDemo({ now: new Date(NOW.getTime() + 30 * DAY_MS) });
		expect(Date.parse(later.events[0]?.startsAt ?? '')).toBe(
			Date.parse(demo.events[0]?.startsAt ?? '') + 30 * DAY_MS
		);
	});

	it('gives offers a start and, when they end, an end after it', () => {
		for (const offer of demo.offers) {
			expect(offer.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			if (offer.validUntil) expect(offer.validUntil > offer.validFrom).toBe(true);
		}
		expect(new Set(demo.offers.map((o) => o.direction))).toEqual(new Set(['offer', 'request']));
	});

	it('does not repeat a link', () => {
		const keys = demo.links.map((l) =>
			l.kind === 'member_of'
				? `${l.kind}:${l.fromActor}:${l.toActor}`
				: `${l.kind}:${[l.fromActor, l.toActor].sort().join(':')}`
		);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('shareByPopulation', () => {
	it('hands out exactly the total, the floor first', () => {
		const shares = shareByPopulation(PAYS_D_UZES_COMMUNES, 265, 2);
		const values = [...shares.values()];
		expect(values.reduce((a, b) => a + b, 0)).toBe(265);
		expect(Math.min(...values)).toBeGreaterThanOrEqual(2);
		expect(shares.get('30334')).toBe(Math.max(...values));
	});
});

describe('de', () => {
	it('elides before a vowel or a mute h only', () => {
		expect(de('Uzès')).toBe("d'Uzès");
		expect(de('Aigaliers')).toBe("d'Aigaliers");
		expect(de('Blauzac')).toBe('de Blauzac');
		expect(de('La Bruguière')).toBe('de La Bruguière');
	});
});
