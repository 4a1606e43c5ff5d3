/** What the dossier page (`/t/[territory]/present`) receives from its load function. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DossierFigures } from '$lib/domain/dossier/figures';
import type { DossierNetwork } from '$lib/domain/dossier/network';
import type { DossierAudience } from '$lib/domain/dossier/types';
import type { DossierPoints } from '$lib/server/queries/dossier-map';

/** A commune outline of the scope, for the choropleth. */
export type DossierShape = Feature<Polygon | MultiPolygon, { code: string; name: string }>;
export type DossierShapes = FeatureCollection<
	Polygon | MultiPolygon,
	{ code: string; name: string }
>;

/** The licence shown when the territory names none. */
export const DEFAULT_LICENCE = 'CC BY-SA 4.0';

export interface DossierScopeView {
	kind: 'territory' | 'epci' | 'commune';
	/** INSEE code of the commune or SIREN of the EPCI; null for the whole territory. */
	code: string | null;
	/** The territory's, the EPCI's or the commune's name. */
	name: string;
}

export interface DossierPageData {
	territory: { slug: string; name: string; isPublic: boolean };
	isMember: boolean;
	audience: DossierAudience;
	scope: DossierScopeView;
	/** What the scope picker offers: the territory's communes and the EPCIs they belong to. */
	choices: { communes: { code: string; name: string }[]; epcis: { code: string; name: string }[] };
	/** ISO instant the figures were computed at. */
	computedAt: string;
	licence: string;
	/** Names of the imported listings (members); null on the public dossier. */
	sources: string[] | null;
	figures: DossierFigures;
	/** How the worlds meet (members); null on the public dossier. */
	network: DossierNetwork | null;
	/** Outlines of the scope's communes; null when none is available (offline, nothing cached). */
	shapes: DossierShapes | null;
	/** Actors and common places of the scope on a 0.005° grid, for the map picture. */
	points: DossierPoints;
	/** The read-only public link, for members of a public territory; else null. */
	publicUrl: string | null;
}

/** One bar of a dossier chart. */
export interface BarRow {
	label: string;
	value: number;
	/** CSS colour of the bar. */
	colour: string;
}
