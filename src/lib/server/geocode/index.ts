/**
 * Geocoding behind one interface (`Geocoder`, see `types.ts`), chosen by configuration:
 *   MAILLAGE_GEOCODER = 'ban' (default): the BAN CSV batch endpoint, falling back to commune
 *                       centres for what it cannot place or when it cannot be reached;
 *                     = 'offline': commune centres only, nothing leaves the server.
 *   MAILLAGE_BAN_URL  = base URL of the BAN endpoint (default https://data.geopf.fr/geocodage;
 *                       e.g. https://api-adresse.data.gouv.fr or a self-hosted addok).
 */
import { BanGeocoder } from './ban';
import { CommuneCentreGeocoder } from './offline';
import type { Geocoder } from './types';

export type {
	GeocodeOptions,
	GeocodeProgress,
	GeocodeQuality,
	GeocodeQuery,
	GeocodeResult,
	Geocoder
} from './types';
export {
	BanGeocoder,
	BAN_GEOPLATEFORME_URL,
	BAN_LEGACY_URL,
	BAN_MAX_CONCURRENT,
	BAN_MAX_FILE_BYTES,
	type BanGeocoderOptions
} from './ban';
export { CommuneCentreGeocoder, type CommuneCentreGeocoderOptions } from './offline';

const MODES = ['ban', 'offline'] as const;

/** Throws on a misspelt mode or URL: a configuration error should stop the start, not geocoding. */
export function geocoderFromEnv(
	env: Record<string, string | undefined>,
	fetchImpl?: typeof fetch
): Geocoder {
	const mode = (env.MAILLAGE_GEOCODER ?? '').trim().toLowerCase() || 'ban';
	if (!(MODES as readonly string[]).includes(mode))
		throw new Error(
			`MAILLAGE_GEOCODER="${env.MAILLAGE_GEOCODER}" is not one of: ${MODES.join(', ')}`
		);
	if (mode === 'offline') return new CommuneCentreGeocoder();
	const baseUrl = env.MAILLAGE_BAN_URL?.trim() || undefined;
	if (baseUrl !== undefined) {
		let url: URL;
		try {
			url = new URL(baseUrl);
		} catch {
			throw new Error(`MAILLAGE_BAN_URL="${baseUrl}" is not a URL`);
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:')
			throw new Error(`MAILLAGE_BAN_URL="${baseUrl}" must be http(s)`);
	}
	return new BanGeocoder({ baseUrl, fetch: fetchImpl });
}
