/**
 * What the actor page's offers section knows on both sides (no server code: the component
 * imports it): the items it lists and the answers of its form actions (offers-section.ts).
 */
import type { OfferCategory, OfferDirection } from '$lib/domain/offers/match';
import type { OfferErrorCode, OfferField, OfferValues } from '$lib/server/queries/offers';

export interface OfferSectionItem {
	id: string;
	direction: OfferDirection;
	category: OfferCategory;
	title: string;
	description: string | null;
	conditions: string | null;
	validFrom: string | null;
	validUntil: string | null;
	expired: boolean;
	upcoming: boolean;
}

/** What the section reads back from a post: the values typed, and what went wrong. */
export type OfferFormState =
	| {
			action: 'offerSave';
			offerId: string;
			values?: OfferValues;
			error?: OfferErrorCode;
			fields?: { field: OfferField; message: string }[];
			saved?: boolean;
	  }
	| { action: 'offerDelete'; offerId: string; error?: OfferErrorCode; deleted?: boolean };

/** The page's `form` when it is this section's (the page carries other actions' answers too). */
export function offerFormState(form: unknown): OfferFormState | null {
	if (typeof form !== 'object' || form === null) return null;
	const action = (form as { action?: unknown }).action;
	return action === 'offerSave' || action === 'offerDelete' ? (form as OfferFormState) : null;
}
