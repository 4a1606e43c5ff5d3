import { describe, expect, it } from 'vitest';
import { isActorKind } from '../actor-kinds';
import { PAYS_D_UZES_COMMUNES } from './communes';
import { TEMPLATES } from './catalogue';
import { generateSynthetic } from './synthetic';

describe('generateSynthetic', () => {
	const data = generateSynthetic({ actors: 2000, slug: 'synth-2k' });

	it('is deterministic for a seed and changes with it', () => {
		const again = generateSynthetic({ actors: 2000, slug: 'synth-2k' });
		expect(again).toEqual(data);
		const other = generateSynthetic({ actors: 2000, slug: 'synth-2k', seed: 7 });
		expect(
			other.actors[0]?.name === data.actors[0]?.name && other.actors[0]?.id === data.actors[0]?.id
		).toBe(false);
	});

	it('makes the requested number of actors, a public territory of the Pays d’Uzès', () => {
		expect(data.actors).toHaveLength(2000);
		expect(data.territory).toMatchObject({ slug: 'synth-2k', visibility: 'public' });
		expect(data.territory.communeCodes).toHaveLength(PAYS_D_UZES_COMMUNES.length);
		expect(generateSynthetic({ actors: 0, slug: 'empty' }).actors).toEqual([]);
	});

	it('draws kinds, sectors, worlds and tags from the demo catalogue', () => {
		const sectors = new Set(TEMPLATES.flatMap((t) => t.sectors));
		const worlds = new Set([...TEMPLATES.flatMap((t) => t.worlds), 'urbain', 'rural']);
		const tags = new Set(TEMPLATES.flatMap((t) => t.tags ?? []));
		for (const a of data.actors) {
			expect(isActorKind(a.kind)).toBe(true);
			for (const s of a.sectors) expect(sectors.has(s as never)).toBe(true);
			for (const w of a.worlds) expect(worlds.has(w as never)).toBe(true);
			for (const t of a.tags) expect(tags.has(t)).toBe(true);
		}
		expect(new Set(data.actors.map((a) => a.kind)).size).toBeGreaterThanOrEqual(3);
	});

	it('leaves about 5% unlocated and puts the others near their commune', () => {
		const unlocated = data.actors.filter((a) => a.location === null);
		expect(unlocated.length / data.actors.length).toBeGreaterThan(0.03);
		expect(unlocated.length / data.actors.length).toBeLessThan(0.07);
		expect(unlocated.every((a) => a.locationQuality === null)).toBe(true);
		const byCode = new Map(PAYS_D_UZES_COMMUNES.map((c) => [c.code, c]));
		for (const a of data.actors) {
			if (a.location === null) continue;
			const c = byCode.get(a.communeCode)!;
			const [lng, lat] = a.location;
			const dx = (lng - c.centre[0]) * 111.32 * Math.cos((lat * Math.PI) / 180);
			const dy = (lat - c.centre[1]) * 110.574;
			expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(c.radiusKm + 0.01);
		}
	});

	it('gives each actor one or two rows in distinct listings, with provenance to its first', () => {
		expect(data.sources).toHaveLength(3);
		const byActor = new Map<string, typeof data.records>();
		for (const r of data.records) byActor.set(r.actorId, [...(byActor.get(r.actorId) ?? []), r]);
		expect(byActor.size).toBe(data.actors.length);
		let two = 0;
		for (const a of data.actors) {
			const rows = byActor.get(a.id)!;
			expect(rows.length).toBeGreaterThanOrEqual(1);
			expect(rows.length).toBeLessThanOrEqual(2);
			expect(new Set(rows.map((r) => r.sourceId)).size).toBe(rows.length);
			if (rows.length === 2) two++;
			expect(a.provenance.name).toEqual({ record_id: rows[0]!.id, source_id: rows[0]!.sourceId });
		}
		expect(two).toBeGreaterThan(0);
		// Row numbers and content hashes are unique within a listing, as an import makes them.
		for (const s of data.sources) {
			const rows = data.records.filter((r) => r.sourceId === s.id);
			expect(new Set(rows.map((r) => r.rowNumber)).size).toBe(rows.length);
			expect(new Set(rows.map((r) => r.contentHash)).size).toBe(rows.length);
			expect(Math.min(...rows.map((r) => r.rowNumber))).toBe(2);
			for (const r of rows) expect(Object.keys(r.raw)).toEqual(s.headers);
		}
	});

	it('uses unique ids, and the id source it is given', () => {
		const ids = [...data.sources, ...data.actors, ...data.records].map((x) => x.id);
		expect(new Set(ids).size).toBe(ids.length);
		let n = 0;
		const counted = generateSynthetic({ actors: 3, slug: 's', uuid: () => `id-${n++}` });
		expect(counted.sources.map((s) => s.id)).toEqual(['id-0', 'id-1', 'id-2']);
		expect(counted.actors[0]?.id).toBe('id-3');
	});

	it('keeps names distinct even when the catalogue repeats them', () => {
		expect(new Set(data.actors.map((a) => a.name)).size).toBe(data.actors.length);
	});
});
