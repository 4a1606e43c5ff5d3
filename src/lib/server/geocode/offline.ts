/**
 * The offline geocoder: places each query at the centre of its commune (quality 'commune',
 * provider 'commune-centre'). Used when geocoding is disabled (MAILLAGE_GEOCODER=offline) and as
 * the BAN geocoder's fallback for what the BAN could not place or could not be asked.
 *
 * The commune is the query's INSEE code when the centre table knows it; otherwise it is resolved
 * from the code (former and delegated communes, arrondissements), name and postcode with the
 * national commune index (`loadFrenchCommunes`, 8 MB of JSON loaded on first need only).
 */
import { CommuneIndex, normalizeInseeCode } from '$lib/domain/census/communes';
import { loadFrenchCommunes } from '$lib/domain/census/communes-fr';
import { DEFAULT_COMMUNE_CENTRES, type CommuneCentres } from '$lib/domain/geo/commune-centres';
import { m } from '$lib/i18n';
import type { GeocodeOptions, GeocodeQuery, GeocodeResult, Geocoder } from './types';

export interface CommuneCentreGeocoderOptions {
	/** Default: the table the project ships (see `commune-centres.ts`). */
	centres?: CommuneCentres;
	/** Default: `loadFrenchCommunes`. Called at most once per `geocode` call, only when needed. */
	communes?: () => Promise<CommuneIndex>;
}

export class CommuneCentreGeocoder implements Geocoder {
	readonly name = 'commune-centre';
	private readonly centres: CommuneCentres;
	private readonly communes: () => Promise<CommuneIndex>;

	constructor(options: CommuneCentreGeocoderOptions = {}) {
		this.centres = options.centres ?? DEFAULT_COMMUNE_CENTRES;
		this.communes = options.communes ?? loadFrenchCommunes;
	}

	async geocode(
		queries: GeocodeQuery[],
		options: GeocodeOptions = {}
	): Promise<{ results: GeocodeResult[]; warnings: string[] }> {
		options.signal?.throwIfAborted();
		const results: GeocodeResult[] = [];
		let unknownCommune = 0;
		let noCentre = 0;
		let index: CommuneIndex | null | undefined;
		const total = queries.length;
		options.onProgress?.({ done: 0, total });

		for (const q of queries) {
			const code = normalizeInseeCode(q.communeCode ?? '');
			let entry = code === null ? null : this.centres.get(code);
			let known = entry !== null;
			if (entry === null) {
				const hasHint = code !== null || nonEmpty(q.communeName) || nonEmpty(q.postcode);
				if (hasHint) {
					if (index === undefined) index = await this.communes().catch(() => null);
					const resolved =
						index?.resolve({ code, name: q.communeName, postcode: q.postcode }) ?? null;
					if (resolved !== null) {
						known = true;
						entry = this.centres.get(resolved.code);
					}
				}
			}
			if (entry !== null) {
				results.push({
					id: q.id,
					lng: entry.centre[0],
					lat: entry.centre[1],
					quality: 'commune',
					label: entry.name,
					score: null,
					provider: 'commune-centre'
				});
			} else if (known || (code !== null && index === null)) {
				noCentre++;
			} else {
				unknownCommune++;
			}
		}
		options.onProgress?.({ done: total, total });

		const warnings: string[] = [];
		if (unknownCommune > 0)
			warnings.push(m.geocode_warning_unknown_commune({ count: unknownCommune }));
		if (noCentre > 0)
			warnings.push(m.geocode_warning_no_centre({ count: noCentre, source: this.centres.source }));
		return { results, warnings };
	}
}

function nonEmpty(s: string | null): boolean {
	return s !== null && s.trim() !== '';
}
