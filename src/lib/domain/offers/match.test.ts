import { describe, expect, it } from 'vitest';
import type { LngLat } from '../partners/nearby';
import {
	compareMatches,
	isExpiredOn,
	isIsoDay,
	isValidOn,
	isoDay,
	kmBetween,
	matchNeeds,
	matchReason,
	matchRequests,
	type OfferItem
} from './match';

const TODAY = '2026-03-10';

// A small hand-made territory: the chorale (the requester), two neighbours sharing one address
// (a distance tie), a mairie further south and an actor without a position.
const CHORALE: LngLat = [4.43, 44.03];
const NEIGHBOURS: LngLat = [4.42, 44.01];
const SOUTH: LngLat = [4.39, 43.95];

let counter = 0;
function item(fields: Partial<OfferItem> & Pick<OfferItem, 'title' | 'actorId'>): OfferItem {
	counter += 1;
	return {
		id: `o${String(counter).padStart(2, '0')}`,
		actorName: fields.actorId,
		position: null,
		category: 'room',
		description: null,
		conditions: null,
		validFrom: null,
		validUntil: null,
		...fields
	};
}

const request = item({
	id: 'r-chorale',
	actorId: 'chorale',
	position: CHORALE,
	title: 'Salle pour les répétitions',
	description: 'Une salle chauffée de 30 places le mardi soir.'
});

const offers = {
	tiersLieu: item({ actorId: 'tiers-lieu', position: NEIGHBOURS, title: 'Salle de réunion' }),
	// Same address as the tiers-lieu: a distance tie, broken by the title in French order
	// (« Écurie » sorts with the E, before « Salle »; code-point order would put it last).
	ecurie: item({ actorId: 'ecuries', position: NEIGHBOURS, title: 'Écurie aménagée' }),
	fetes: item({
		actorId: 'mairie',
		position: SOUTH,
		title: 'Salle des fêtes',
		validFrom: '2025-01-01',
		validUntil: TODAY // last valid day: still in
	}),
	// Another category, but its text names a room (a « local »): matched by the shared concept.
	stockage: item({
		actorId: 'mairie',
		position: SOUTH,
		category: 'other',
		title: 'Local de stockage',
		description: 'Un local chauffé au sous-sol.'
	}),
	nowhere: item({ actorId: 'sans-adresse', position: null, title: 'Arrière-salle du café' }),
	expired: item({
		actorId: 'tiers-lieu',
		position: NEIGHBOURS,
		title: 'Salle expirée',
		validUntil: '2026-03-09'
	}),
	upcoming: item({
		actorId: 'tiers-lieu',
		position: NEIGHBOURS,
		title: 'Salle à venir',
		validFrom: '2026-03-11'
	}),
	own: item({ actorId: 'chorale', position: CHORALE, title: 'Notre salle de répétition' }),
	sono: item({
		actorId: 'foyer',
		position: NEIGHBOURS,
		category: 'equipment',
		title: 'Sono et micros'
	}),
	minibus: item({ actorId: 'mairie', position: SOUTH, category: 'vehicle', title: 'Minibus' })
};
const ALL = Object.values(offers);

describe('isValidOn', () => {
	it('includes both bounds and treats a missing bound as open', () => {
		const offer = { validFrom: '2026-03-01', validUntil: '2026-03-31' };
		expect(isValidOn(offer, '2026-02-28')).toBe(false);
		expect(isValidOn(offer, '2026-03-01')).toBe(true);
		expect(isValidOn(offer, '2026-03-31')).toBe(true);
		expect(isValidOn(offer, '2026-04-01')).toBe(false);
		expect(isValidOn({ validFrom: null, validUntil: null }, '1999-01-01')).toBe(true);
		expect(isValidOn({ validFrom: null, validUntil: '2026-03-31' }, '1999-01-01')).toBe(true);
		expect(isValidOn({ validFrom: '2026-03-01', validUntil: null }, '2099-01-01')).toBe(true);
	});

	it('says when an offer has expired (not when it has not started yet)', () => {
		expect(isExpiredOn({ validUntil: '2026-03-09' }, TODAY)).toBe(true);
		expect(isExpiredOn({ validUntil: TODAY }, TODAY)).toBe(false);
		expect(isExpiredOn({ validUntil: null }, TODAY)).toBe(false);
	});
});

describe('days', () => {
	it('reads the calendar day in Paris, not in UTC', () => {
		expect(isoDay(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
		expect(isoDay(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
	});

	it('accepts only real days written YYYY-MM-DD', () => {
		expect(isIsoDay('2027-03-12')).toBe(true);
		expect(isIsoDay('2028-02-29')).toBe(true);
		expect(isIsoDay('2027-02-29')).toBe(false);
		expect(isIsoDay('2027-13-01')).toBe(false);
		expect(isIsoDay('12/03/2027')).toBe(false);
		expect(isIsoDay('2027-3-12')).toBe(false);
	});
});

describe('kmBetween', () => {
	it('is the great-circle distance, null when a position is unknown', () => {
		expect(kmBetween([4, 44], [4, 45])).toBeCloseTo(111.2, 1);
		expect(kmBetween([4, 44], [4, 44])).toBe(0);
		expect(kmBetween(null, [4, 44])).toBeNull();
		expect(kmBetween([4, 44], null)).toBeNull();
	});
});

describe('matchRequests', () => {
	const [result] = matchRequests([request], ALL, { today: TODAY });
	const titles = result!.offers.map((m) => m.offer.title);

	it('lists the matching offers nearest first: ties by French title, unlocated last', () => {
		expect(titles).toEqual([
			'Écurie aménagée',
			'Salle de réunion',
			'Local de stockage',
			'Salle des fêtes',
			'Arrière-salle du café'
		]);
		const kms = result!.offers.map((m) => m.km);
		expect(kms[0]).toBe(kms[1]); // the tie
		expect(kms[0]!).toBeCloseTo(kmBetween(CHORALE, NEIGHBOURS)!, 6);
		expect(kms[2]!).toBeGreaterThan(kms[0]!);
		expect(kms[4]).toBeNull();
	});

	it('leaves out expired and not yet valid offers, the own actor’s and unrelated ones', () => {
		for (const title of [
			'Salle expirée',
			'Salle à venir',
			'Notre salle de répétition',
			'Sono et micros',
			'Minibus'
		]) {
			expect(titles).not.toContain(title);
		}
		const later = matchRequests([request], ALL, { today: '2026-03-11' })[0]!;
		expect(later.offers.map((m) => m.offer.title)).toContain('Salle à venir');
		expect(later.offers.map((m) => m.offer.title)).not.toContain('Salle des fêtes');
	});

	it('says why: the same category, or the words the offer meets', () => {
		const why = Object.fromEntries(result!.offers.map((m) => [m.offer.title, m.why]));
		expect(why['Salle de réunion']).toEqual({ kind: 'category', category: 'room' });
		expect(why['Local de stockage']).toEqual({ kind: 'words', words: ['salle'] });
	});

	it('breaks a full tie (same place, same title) by id, and keeps the requests’ order', () => {
		const twinA = item({ id: 'b', actorId: 'x', position: NEIGHBOURS, title: 'Salle' });
		const twinB = item({ id: 'a', actorId: 'y', position: NEIGHBOURS, title: 'salle' });
		const other = item({
			id: 'r-2',
			actorId: 'z',
			position: SOUTH,
			category: 'vehicle',
			title: 'Un utilitaire'
		});
		const out = matchRequests([other, request], [twinA, twinB, offers.minibus], {
			today: TODAY
		});
		expect(out.map((r) => r.request.id)).toEqual(['r-2', 'r-chorale']);
		expect(out[0]!.offers.map((m) => m.offer.title)).toEqual(['Minibus']);
		expect(out[0]!.offers[0]!.km).toBe(0);
		expect(out[1]!.offers.map((m) => m.offer.id)).toEqual(['a', 'b']);
	});

	it('a request without a position gets every match, unlocated, in title order', () => {
		const lost = { ...request, id: 'r-lost', position: null };
		const [out] = matchRequests([lost], ALL, { today: TODAY });
		expect(out!.offers.every((m) => m.km === null)).toBe(true);
		expect(out!.offers.map((m) => m.offer.title)).toEqual([
			'Arrière-salle du café',
			'Écurie aménagée',
			'Local de stockage',
			'Salle de réunion',
			'Salle des fêtes'
		]);
	});

	it('honours a limit per request', () => {
		const [out] = matchRequests([request], ALL, { today: TODAY, limit: 2 });
		expect(out!.offers.map((m) => m.offer.title)).toEqual(['Écurie aménagée', 'Salle de réunion']);
	});
});

describe('matchNeeds', () => {
	it('per need, the valid offers meeting it nearest to the event, none for a rare need', () => {
		const out = matchNeeds(['salle', 'sono', 'minibus', 'piano à queue'], SOUTH, ALL, {
			today: TODAY
		});
		expect(out.map((n) => n.need)).toEqual(['salle', 'sono', 'minibus', 'piano à queue']);
		const [salle, sono, minibus, piano] = out;
		// At the mairie's own address its offers are 0 km away; the tie goes by title.
		expect(salle!.offers.map((m) => m.offer.title)).toEqual([
			'Local de stockage',
			'Salle des fêtes',
			'Écurie aménagée',
			'Salle de réunion',
			'Notre salle de répétition',
			'Arrière-salle du café'
		]);
		expect(salle!.offers[0]!.km).toBe(0);
		expect(sono!.offers.map((m) => m.offer.title)).toEqual(['Sono et micros']);
		expect(minibus!.offers.map((m) => m.offer.title)).toEqual(['Minibus']);
		expect(piano!.offers).toEqual([]);
	});

	it('without a place for the event, distances are unknown and the order is by title', () => {
		const [salle] = matchNeeds(['salle'], null, ALL, { today: TODAY, limit: 2 });
		expect(salle!.offers.map((m) => [m.offer.title, m.km])).toEqual([
			['Arrière-salle du café', null],
			['Écurie aménagée', null]
		]);
	});
});

describe('helpers', () => {
	it('matchReason reports the shared words as written, for an offer of another category', () => {
		expect(
			matchReason(
				{ category: 'other', title: 'Prêt de barnums', description: 'Pour la fête' },
				{ category: 'equipment', title: 'Barnums, tables et bancs' }
			)
		).toEqual({ kind: 'words', words: ['barnums'] });
	});

	it('compareMatches puts unknown distances after every known one', () => {
		const a = { offer: offers.nowhere, km: null };
		const b = { offer: offers.fetes, km: 1000 };
		expect(compareMatches(a, b)).toBeGreaterThan(0);
		expect(compareMatches(b, a)).toBeLessThan(0);
	});
});
