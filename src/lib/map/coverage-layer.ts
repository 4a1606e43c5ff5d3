/**
 * The « Zones blanches » layer (issue #9): commune outlines shaded by their number of coverage
 * gaps, or by the absence of one chosen thing (a kind, a sector, a common place, an event).
 * Figures: `$lib/domain/coverage/coverage`; data: `GET /t/[territory]/map/coverage.geojson`.
 *
 * Palette: ColorBrewer OrRd (Cynthia Brewer, colorbrewer2.org), sequential, colour-blind safe
 * and print friendly; warm on purpose, so that it is not read as the actors-per-inhabitant
 * choropleth (YlGnBu, choropleth-style.ts). The more gaps, the darker.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { isActorKind, type ActorKind } from '$lib/domain/actor-kinds';
import {
	sectorKey,
	type CommuneCoverage,
	type CoverageReport
} from '$lib/domain/coverage/coverage';
import type { BBox } from './actors-geojson';
import type { CommuneMapData } from './types';

/** One commune of the layer: its outline and its gaps. */
export interface CoverageMapProps {
	code: string;
	name: string;
	population: number | null;
	actors: number;
	places: number;
	events: number;
	missingKinds: ActorKind[];
	missingSectors: string[];
	noPlace: boolean;
	noEvent: boolean;
	/** Number of gaps. */
	score: number;
}

/** The layer's data plus foreign members (RFC 7946 §6.1) for the panel's choices. */
export interface CoverageMapData extends FeatureCollection<
	Polygon | MultiPolygon,
	CoverageMapProps
> {
	/** Kinds present somewhere in the territory: the ones a commune can lack. */
	kinds: ActorKind[];
	/** Sectors present somewhere in the territory. */
	sectors: string[];
	/** Start of the event period (ISO 8601). */
	periodStart: string;
	/** Communes in the report, drawn or not (no outline). */
	communeCount: number;
}

/**
 * What the layer shades: `gaps` (the number of gaps), `no_place`, `no_event`, `kind:<kind>` or
 * `sector:<sector>` (communes lacking it).
 */
export type CoverageChoice =
	'gaps' | 'no_place' | 'no_event' | `kind:${ActorKind}` | `sector:${string}`;

const MAX_SECTOR_LENGTH = 100;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A choice from a link or a select; anything else is undefined (the layer is off). */
export function parseCoverageChoice(raw: string | null | undefined): CoverageChoice | undefined {
	if (raw === 'gaps' || raw === 'no_place' || raw === 'no_event') return raw;
	if (raw?.startsWith('kind:')) {
		const kind = raw.slice(5);
		return isActorKind(kind) ? `kind:${kind}` : undefined;
	}
	if (raw?.startsWith('sector:')) {
		const sector = raw.slice(7);
		const ok =
			sector.length > 0 &&
			sector.length <= MAX_SECTOR_LENGTH &&
			sector.trim() === sector &&
			!CONTROL.test(sector);
		return ok ? `sector:${sector}` : undefined;
	}
	return undefined;
}

/** The layer's collection: the outlined communes of `outlines` with their coverage. */
export function buildCoverageMapData(
	outlines: CommuneMapData,
	report: CoverageReport,
	periodStart: string
): CoverageMapData {
	const byCode = new Map(report.communes.map((c) => [c.code, c]));
	const features: CoverageMapData['features'] = [];
	for (const f of outlines.features) {
		if (f.properties.role !== 'commune') continue;
		const c = byCode.get(f.properties.code);
		if (!c) continue;
		features.push({ type: 'Feature', geometry: f.geometry, properties: coverageProps(c) });
	}
	return {
		type: 'FeatureCollection',
		features,
		kinds: report.kinds.map((k) => k.kind),
		sectors: report.sectors.map((s) => s.sector),
		periodStart,
		communeCount: report.communes.length
	};
}

function coverageProps(c: CommuneCoverage): CoverageMapProps {
	return {
		code: c.code,
		name: c.name,
		population: c.population,
		actors: c.actors,
		places: c.places,
		events: c.events,
		missingKinds: c.missingKinds,
		missingSectors: c.missingSectors,
		noPlace: c.noPlace,
		noEvent: c.noEvent,
		score: c.score
	};
}

/** Whether a commune lacks what a (non-`gaps`) choice names. */
export function lacks(props: CoverageMapProps, choice: CoverageChoice): boolean {
	if (choice === 'gaps') return props.score > 0;
	if (choice === 'no_place') return props.noPlace;
	if (choice === 'no_event') return props.noEvent;
	if (choice.startsWith('kind:')) return props.missingKinds.includes(choice.slice(5) as ActorKind);
	const key = sectorKey(choice.slice(7));
	return props.missingSectors.some((s) => sectorKey(s) === key);
}

export const NO_GAP_COLOUR = '#fff7ec';
export const GAP_PALETTE = ['#fdd49e', '#fc8d59', '#d7301f', '#7f0000'] as const;
export const LACKING_COLOUR = '#d7301f';
export const COVERAGE_FILL_OPACITY = 0.7;

export type CoverageLegendEntry =
	| { type: 'range'; from: number; to: number; colour: string }
	| { type: 'lacking'; colour: string }
	| { type: 'present'; colour: string };

/**
 * Classes of the number of gaps: 0 on its own, then 1…max in at most four classes of equal width
 * (one per value when max ≤ 4), lightest first.
 */
export function gapClasses(max: number): { from: number; to: number; colour: string }[] {
	const out = [{ from: 0, to: 0, colour: NO_GAP_COLOUR }];
	const top = Math.max(0, Math.floor(max));
	if (top === 0) return out;
	const n = Math.min(GAP_PALETTE.length, top);
	const last = GAP_PALETTE.length - 1;
	for (let i = 0; i < n; i++) {
		const colour = GAP_PALETTE[n === 1 ? last - 1 : Math.round((i * last) / (n - 1))]!;
		out.push({
			from: 1 + Math.floor((i * top) / n),
			to: Math.floor(((i + 1) * top) / n),
			colour
		});
	}
	return out;
}

export interface CoverageShading {
	/** The features with the `shade` the fill reads (the score, or 1 lacking / 0 not). */
	collection: FeatureCollection<Polygon | MultiPolygon, CoverageMapProps & { shade: number }>;
	fill: ExpressionSpecification;
	legend: CoverageLegendEntry[];
	/** Communes shaded as lacking (`gaps`: with at least one gap). */
	lacking: number;
}

/** How the layer draws `data` for `choice`. */
export function coverageShading(data: CoverageMapData, choice: CoverageChoice): CoverageShading {
	const features = data.features.map((f) => ({
		...f,
		properties: {
			...f.properties,
			shade: choice === 'gaps' ? f.properties.score : lacks(f.properties, choice) ? 1 : 0
		}
	}));
	const lacking = features.filter((f) => f.properties.shade > 0).length;
	if (choice === 'gaps') {
		const classes = gapClasses(features.reduce((max, f) => Math.max(max, f.properties.score), 0));
		const stops = classes.slice(1).flatMap((c) => [c.from, c.colour]);
		const fill = (stops.length === 0
			? ['to-color', NO_GAP_COLOUR]
			: [
					'step',
					['to-number', ['get', 'shade']],
					NO_GAP_COLOUR,
					...stops
				]) as unknown as ExpressionSpecification;
		return {
			collection: { type: 'FeatureCollection', features },
			fill,
			legend: classes.map((c) => ({ type: 'range', ...c })),
			lacking
		};
	}
	return {
		collection: { type: 'FeatureCollection', features },
		fill: [
			'case',
			['>', ['to-number', ['get', 'shade']], 0],
			LACKING_COLOUR,
			NO_GAP_COLOUR
		] as unknown as ExpressionSpecification,
		legend: [
			{ type: 'lacking', colour: LACKING_COLOUR },
			{ type: 'present', colour: NO_GAP_COLOUR }
		],
		lacking
	};
}

/**
 * The bounding box of a commune's outline, [west, south, east, north], to frame it on the map;
 * null for anything but a polygon with at least one point.
 */
export function outlineBounds(geometry: Geometry | null | undefined): BBox | null {
	if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return null;
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let box: BBox | null = null;
	for (const ring of polygons.flat()) {
		for (const [lng, lat] of ring) {
			if (lng === undefined || lat === undefined) continue;
			box = box
				? [
						Math.min(box[0], lng),
						Math.min(box[1], lat),
						Math.max(box[2], lng),
						Math.max(box[3], lat)
					]
				: [lng, lat, lng, lat];
		}
	}
	return box;
}
