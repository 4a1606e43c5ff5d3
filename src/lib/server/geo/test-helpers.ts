/**
 * Test doubles for the commune outlines: a fake Geo API answering recorded département answers
 * (FeatureCollections of `{ code, nom }` features, the shape `/departements/{dep}/communes?
 * format=geojson&geometry=contour&fields=code,nom` returns), and the geo-gard file of
 * ../shared/data, which has that same shape. Nothing here reaches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Outside the repository on purpose: the product does not ship it (see ../shared/data/README.md). */
export const GEO_GARD_FILE = resolve(
	process.cwd(),
	'../shared/data/geo-gard/communes-30-gard.geojson'
);
export const geoGardPresent = existsSync(GEO_GARD_FILE);

export type CommuneCollection = FeatureCollection<
	Polygon | MultiPolygon,
	{ code: string; nom: string }
>;

export function readGeoGard(): CommuneCollection {
	return JSON.parse(readFileSync(GEO_GARD_FILE, 'utf8')) as CommuneCollection;
}

/** A made-up square commune (a few km wide) around [lng, lat], for départements not in the file. */
export function squareCommune(
	code: string,
	nom: string,
	lng: number,
	lat: number
): Feature<Polygon, { code: string; nom: string }> {
	const d = 0.02;
	return {
		type: 'Feature',
		properties: { code, nom },
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[lng - d, lat - d],
					[lng + d, lat - d],
					[lng + d, lat + d],
					[lng - d, lat + d],
					[lng - d, lat - d]
				]
			]
		}
	};
}

export interface GeoApiCall {
	url: URL;
	departement: string;
	signal: AbortSignal | undefined;
}

export interface FakeGeoApi {
	fetch: typeof fetch;
	calls: GeoApiCall[];
}

/**
 * A fetch serving `/departements/{dep}/communes` from `answers`. `fail(dep, n)` may return a
 * Response (an HTTP error), throw (network failure), or return undefined to answer normally.
 * An unknown département answers 404 as the service does.
 */
export function fakeGeoApi(
	answers: Record<string, CommuneCollection>,
	fail: (departement: string, n: number) => Response | undefined = () => undefined
): FakeGeoApi {
	const calls: GeoApiCall[] = [];
	const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		const match = /^\/departements\/([^/]+)\/communes$/.exec(url.pathname);
		const departement = match ? decodeURIComponent(match[1]!) : '';
		calls.push({ url, departement, signal: init?.signal ?? undefined });
		const failure = fail(departement, calls.length);
		if (failure) return failure;
		const answer = answers[departement];
		if (!match || !answer)
			return new Response('{"code":404,"message":"Not found"}', { status: 404 });
		return new Response(JSON.stringify(answer), {
			status: 200,
			headers: { 'content-type': 'application/json; charset=utf-8' }
		});
	};
	return { fetch: fetchImpl as typeof fetch, calls };
}
