export interface GeocodeQuery {
	/** Caller's key, returned as is. */
	id: string;
	/** Street line(s) as in the listing. */
	address: string | null;
	postcode: string | null;
	/** INSEE code when known. */
	communeCode: string | null;
	communeName: string | null;
}

/** Matches `actor.location_quality` (which also has 'manual', set by people, never by a geocoder). */
export type GeocodeQuality = 'exact' | 'street' | 'commune';

export interface GeocodeResult {
	id: string;
	lng: number;
	lat: number;
	quality: GeocodeQuality;
	/** BAN result_label or commune name. */
	label: string | null;
	/** BAN result_score. */
	score: number | null;
	provider: 'ban' | 'commune-centre';
}

export interface GeocodeProgress {
	done: number;
	total: number;
}

export interface GeocodeOptions {
	/** Aborting rejects the call with the signal's reason (the only way `geocode` rejects). */
	signal?: AbortSignal;
	onProgress?: (p: GeocodeProgress) => void;
}

export interface Geocoder {
	readonly name: string;
	/**
	 * Results for the queries it could place (others are absent). Never throws for network
	 * failures: it falls back (BAN → commune centre) and says so in `warnings`.
	 */
	geocode(
		queries: GeocodeQuery[],
		options?: GeocodeOptions
	): Promise<{ results: GeocodeResult[]; warnings: string[] }>;
}
