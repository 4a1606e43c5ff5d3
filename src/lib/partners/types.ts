/**
 * What the partner finder pages get from their load functions (the event's partners and the
 * search around a point share one page component, PartnerFinderPage.svelte).
 */
import type { LngLat } from '$lib/domain/partners/nearby';
import type { PartnerReason } from '$lib/domain/partners/rank';
import type { PartnerParams, PointParams } from './url';

export interface PartnerRow {
	/** 1 for the first proposal: the number drawn on the map. */
	rank: number;
	id: string;
	name: string;
	kind: string;
	communeName: string | null;
	km: number;
	reasons: PartnerReason[];
	position: LngLat;
}

export interface FacetOption {
	value: string;
	/** Candidates within the radius having it (before the kind/sector/world filters). */
	count: number;
}

export type PartnerOrigin =
	| {
			type: 'event';
			id: string;
			title: string;
			/** ISO 8601 */
			startsAt: string;
			placeName: string | null;
			communeName: string | null;
			theme: string | null;
			needs: string[];
	  }
	| { type: 'point' };

export interface PartnerMail {
	/** `mailto:?bcc=…` links, several when the addresses do not fit in one. */
	links: string[];
	/** Distinct visible addresses in the links. */
	reachable: number;
	/** Proposed actors with no visible address. */
	without: number;
}

export interface PartnerFinderData {
	territory: { slug: string; name: string };
	origin: PartnerOrigin;
	/** Centre of the search; null when the event has no position (the page says so). */
	at: LngLat | null;
	params: PartnerParams;
	/** Around a point: its parameters (kept in the form and the links); null for an event. */
	point: PointParams | null;
	options: { kinds: FacetOption[]; sectors: FacetOption[]; worlds: FacetOption[] };
	/** The first proposals, in ranking order (at most PARTNER_LIST_LIMIT). */
	partners: PartnerRow[];
	/** How many actors the search proposes (the CSV and the mail links have them all). */
	total: number;
	mail: PartnerMail;
}

/** Rows shown in the list and on the map; the export carries every proposal. */
export const PARTNER_LIST_LIMIT = 200;
