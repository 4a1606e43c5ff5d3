/**
 * What `GET /t/[territory]/map/communes.geojson` answers (`CommuneMapData`): one feature per
 * commune of the territory that has an outline, then the territory's boundary (their union).
 *
 * The territory's communes are its `commune_codes`, or, when it has none, the communes of its
 * actors (most actors first), at most `MAX_MAP_COMMUNES` either way.
 */
import { createHash } from 'node:crypto';
import type { CommuneFeature, CommuneMapData } from '$lib/map/types';
import type { Claims, Database, Tx } from '$lib/server/db/types';
import {
	isCommuneCode,
	loadCommuneShapes,
	type CommuneShapeProvider,
	type LoadOptions
} from './commune-shapes';
import { unionOutlines, type Outline } from './geometry';
import { loadCommuneFacts, type CommuneFacts } from './populations';

/** A whole département is 300–700 communes; an intercommunality, at most a few hundred. */
export const MAX_MAP_COMMUNES = 400;

export interface TerritoryCommunes {
	territory: { id: string; slug: string; name: string };
	/** Distinct INSEE codes, at most MAX_MAP_COMMUNES. */
	codes: string[];
}

/**
 * The territory and its communes, read in the caller's transaction (`db.asUser`): RLS decides,
 * and a territory the user may not read is not found (null), like an unknown one.
 */
export async function territoryCommunes(tx: Tx, slug: string): Promise<TerritoryCommunes | null> {
	const [territory] = await tx.query<{
		id: string;
		slug: string;
		name: string;
		commune_codes: string[] | null;
	}>('select id, slug, name, commune_codes from public.territory where slug = $1', [slug]);
	if (!territory) return null;
	let codes = [...new Set((territory.commune_codes ?? []).filter(isCommuneCode))];
	if (codes.length === 0) {
		const rows = await tx.query<{ code: string }>(
			`select commune_code as code from public.actor
			  where territory_id = $1 and commune_code is not null
			  group by commune_code
			  order by count(*) desc, commune_code
			  limit $2`,
			// Room for codes the filter below drops.
			[territory.id, MAX_MAP_COMMUNES * 2]
		);
		codes = rows.map((r) => r.code).filter(isCommuneCode);
	}
	return {
		territory: { id: territory.id, slug: territory.slug, name: territory.name },
		codes: codes.slice(0, MAX_MAP_COMMUNES)
	};
}

export interface CommuneMapOptions extends LoadOptions {
	provider: CommuneShapeProvider;
	/** Names and populations by INSEE code; default: @etalab/decoupage-administratif. */
	facts?: () => Promise<Map<string, CommuneFacts>>;
}

const BOUNDARY_MEMO_SIZE = 32;
// Process-wide on purpose: the union of a few hundred outlines takes seconds and depends only on
// them. Keyed by a hash of the outlines themselves, so a changed cache is never answered from
// here. Public reference data only.
const boundaries = new Map<string, Outline | null>();

function boundaryOf(outlines: Outline[]): Outline | null {
	const memoKey = createHash('sha256').update(JSON.stringify(outlines)).digest('base64');
	if (boundaries.has(memoKey)) {
		const hit = boundaries.get(memoKey)!;
		// Most recently used last: the first key is the one to drop.
		boundaries.delete(memoKey);
		boundaries.set(memoKey, hit);
		return hit;
	}
	const outline = unionOutlines(outlines);
	boundaries.set(memoKey, outline);
	if (boundaries.size > BOUNDARY_MEMO_SIZE) boundaries.delete(boundaries.keys().next().value!);
	return outline;
}

/**
 * The FeatureCollection of `territory`'s communes: outlines from the cache or the provider
 * (`loadCommuneShapes`, its own admin transactions: call it outside any other transaction).
 * An empty collection when no outline is available (offline, nothing cached); never throws for
 * a missing outline.
 */
export async function communeMapData(
	{ territory, codes }: TerritoryCommunes,
	db: Database,
	options: CommuneMapOptions
): Promise<CommuneMapData> {
	const shapes = await loadCommuneShapes(db, codes, options.provider, options);
	if (shapes.size === 0) return { type: 'FeatureCollection', features: [] };
	const facts = await (options.facts ?? loadCommuneFacts)();

	const drawn = [...shapes.keys()].sort();
	const features: CommuneFeature[] = drawn.map((code) => {
		const shape = shapes.get(code)!;
		const fact = facts.get(code);
		return {
			type: 'Feature',
			geometry: shape.geometry,
			properties: {
				role: 'commune',
				code,
				name: fact?.name ?? shape.name,
				population: fact?.population ?? null
			}
		};
	});

	const boundary = boundaryOf(drawn.map((code) => shapes.get(code)!.geometry));
	if (boundary) {
		const populations = features.map((f) => f.properties.population);
		features.push({
			type: 'Feature',
			geometry: boundary,
			properties: {
				role: 'boundary',
				code: territory.slug,
				name: territory.name,
				// The territory's population only when every drawn commune has one.
				population: populations.every((p) => p !== null)
					? populations.reduce<number>((sum, p) => sum + p!, 0)
					: null
			}
		});
	}
	return { type: 'FeatureCollection', features };
}

/** The endpoint's whole work: null when the territory is unknown or not readable by `claims`. */
export async function buildCommuneMapData(
	db: Database,
	claims: Claims,
	slug: string,
	options: CommuneMapOptions
): Promise<CommuneMapData | null> {
	const found = await db.asUser(claims, (tx) => territoryCommunes(tx, slug));
	return found ? communeMapData(found, db, options) : null;
}
