/**
 * What the dossier's figures (#7) are computed from: plain rows, as `loadDossierInput`
 * (src/lib/server/queries/dossier.ts) reads them for one territory, and the scope a dossier is
 * about (the whole territory, an EPCI, one commune).
 *
 * Every figure comes back as `{ value, method }`. Domain code does not translate, so `method` is a
 * stable key plus parameters; the page resolves it to a sentence through the Paraglide message
 * `dossier_method_<key>` (see METHOD_KEYS in figures.ts for the wording each key stands for).
 */
import type { ActorKind } from '../actor-kinds';
import type { OfferDirection, OfferItem } from '../offers/match';

/** A commune the territory covers. `population`: municipal population, null when unknown. */
export interface DossierCommune {
	code: string;
	name: string;
	population: number | null;
}

export interface DossierActor {
	id: string;
	kind: ActorKind;
	sectors: readonly string[];
	worlds: readonly string[];
	/** INSEE code; null when the actor is not placed in a commune. */
	communeCode: string | null;
}

/** An imported listing (`source`). */
export interface DossierListing {
	id: string;
	name: string;
}

/** One row of a listing (`source_record`): only what the merge figures need. */
export interface DossierRecord {
	id: string;
	listingId: string;
	/** The actor the row was merged into; null when it belongs to none. */
	actorId: string | null;
	/** Absent from the last version of its listing: no longer counted. */
	gone: boolean;
}

/** A pair of rows a person decided on (`match_decision`). */
export interface DossierDecision {
	recordA: string;
	recordB: string;
	decision: 'same' | 'different';
}

export interface DossierPlace {
	id: string;
	communeCode: string | null;
}

export interface DossierEvent {
	id: string;
	/** ISO 8601 instant. */
	startsAt: string;
	/** The event's commune, or its place's when the event has none; null when neither is known. */
	communeCode: string | null;
	/** Organisers and participants; null when the audience may not see them (public dossier). */
	actorIds: readonly string[] | null;
}

/** An offer or request, with its actor's commune (what the scope filters on). */
export interface DossierOffer extends OfferItem {
	direction: OfferDirection;
	communeCode: string | null;
}

/**
 * Who the dossier is for. `public`: a read-only link anybody may open: only public events, and
 * nothing from the tables members alone may read (listings and their rows, offers).
 */
export type DossierAudience = 'members' | 'public';

export interface DossierInput {
	audience: DossierAudience;
	/** The territory's communes, each once. */
	communes: readonly DossierCommune[];
	actors: readonly DossierActor[];
	/** Null for the public audience: listings are for members only. */
	census: {
		listings: readonly DossierListing[];
		records: readonly DossierRecord[];
		decisions: readonly DossierDecision[];
	} | null;
	places: readonly DossierPlace[];
	events: readonly DossierEvent[];
	/**
	 * Every offer and request of the territory (a request of the scope may be met by an offer from
	 * anywhere in it). Null for the public audience: offers are for members only.
	 */
	offers: readonly DossierOffer[] | null;
}

/** The whole territory, an EPCI (the communes it groups, as given), or one commune. */
export type DossierScope =
	| { kind: 'territory' }
	| { kind: 'epci'; code: string; communeCodes: readonly string[] }
	| { kind: 'commune'; code: string };

export type MethodParam = string | number | boolean | null;

/** How a figure was computed: a message key (`dossier_method_<key>`) and its parameters. */
export interface FigureMethod<K extends string = string> {
	key: K;
	params: Record<string, MethodParam>;
}

export interface Figure<T, K extends string = string> {
	value: T;
	method: FigureMethod<K>;
}

/** A figure the audience may not see (listings and offers on a public dossier). */
export type MaybeFigure<T, K extends string = string> =
	| ({ available: true } & Figure<T, K>)
	| { available: false; method: FigureMethod<'not_available'> };
