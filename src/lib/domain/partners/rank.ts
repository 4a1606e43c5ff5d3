/**
 * Ranking of the partners proposed for an event or a point of the map (#6).
 *
 * Candidates come from the nearby index (within the radius). Each gets a score in [0, 3.5]:
 *   proximity   1 − km / radius          (1 at the point, 0 at the edge of the circle)
 *   theme       +1 when the event's theme is one of its sectors or tags (accents and case ignored)
 *   needs       +1.5 × the share of the event's needs it offers (rooms, sound, chairs…)
 * and the list is ordered by score, then distance, then name (French order), then id, so equal
 * candidates always come out in the same order. With `newcomersFirst`, actors that never took
 * part in the network's events come before the others (each group keeps that order): the
 * networks' wish to reach beyond the usual circle. Every proposal says why it was made.
 */
import { NearbyIndex, type LngLat } from './nearby';

export interface PartnerCandidate {
	id: string;
	name: string;
	kind: string;
	sectors: readonly string[];
	worlds: readonly string[];
	tags: readonly string[];
	position: LngLat;
	/** What it offers (offer categories: salle, sono, chaises, cuisine, bénévoles…). */
	offers: readonly string[];
	/** How many of the network's events it took part in or organised. */
	eventsAttended: number;
}

export interface PartnerQuery {
	at: LngLat;
	radiusKm: number;
	theme?: string | null;
	needs?: readonly string[];
	kinds?: readonly string[];
	sectors?: readonly string[];
	worlds?: readonly string[];
	participation?: 'any' | 'already' | 'never';
	newcomersFirst?: boolean;
	/** Actors never to propose (the organisers themselves). */
	exclude?: readonly string[];
}

export type PartnerReason =
	| { kind: 'distance'; km: number }
	| { kind: 'theme'; theme: string }
	| { kind: 'offers'; needs: string[] }
	| { kind: 'newcomer' };

export interface RankedPartner {
	id: string;
	name: string;
	km: number;
	score: number;
	newcomer: boolean;
	reasons: PartnerReason[];
}

export const WEIGHTS = { proximity: 1, theme: 1, needs: 1.5 } as const;

/** Lower case, no accents, single spaces: « Santé » and « sante » are the same theme. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function anyOf(values: readonly string[], wanted: readonly string[] | undefined): boolean {
	if (!wanted || wanted.length === 0) return true;
	const set = new Set(wanted.map(fold));
	return values.some((v) => set.has(fold(v)));
}

export class PartnerFinder {
	private readonly index: NearbyIndex;

	constructor(private readonly candidates: readonly PartnerCandidate[]) {
		this.index = new NearbyIndex(candidates.map((c) => c.position));
	}

	find(query: PartnerQuery): RankedPartner[] {
		const excluded = new Set(query.exclude ?? []);
		const participation = query.participation ?? 'any';
		const theme = query.theme ? fold(query.theme) : '';
		// Folded need → the need as the event wrote it (the reasons quote it, accents included).
		const needs = new Map<string, string>();
		for (const need of query.needs ?? []) {
			const folded = fold(need);
			if (folded !== '' && !needs.has(folded)) needs.set(folded, need.trim());
		}
		const radius = query.radiusKm;

		const accept = (i: number): boolean => {
			const c = this.candidates[i]!;
			if (excluded.has(c.id)) return false;
			if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(c.kind)) return false;
			if (!anyOf(c.sectors, query.sectors) || !anyOf(c.worlds, query.worlds)) return false;
			if (participation === 'already' && c.eventsAttended === 0) return false;
			if (participation === 'never' && c.eventsAttended > 0) return false;
			return true;
		};

		const ranked = this.index.within(query.at, radius, accept).map(({ index, km }) => {
			const c = this.candidates[index]!;
			const reasons: PartnerReason[] = [{ kind: 'distance', km }];
			let score = radius > 0 ? WEIGHTS.proximity * Math.max(0, 1 - km / radius) : WEIGHTS.proximity;
			if (theme !== '' && [...c.sectors, ...c.tags].some((s) => fold(s) === theme)) {
				score += WEIGHTS.theme;
				reasons.push({ kind: 'theme', theme: query.theme! });
			}
			if (needs.size > 0) {
				const offered = new Set(c.offers.map(fold));
				const met = [...needs].filter(([folded]) => offered.has(folded)).map(([, text]) => text);
				if (met.length > 0) {
					score += (WEIGHTS.needs * met.length) / needs.size;
					reasons.push({ kind: 'offers', needs: met });
				}
			}
			const newcomer = c.eventsAttended === 0;
			if (newcomer) reasons.push({ kind: 'newcomer' });
			return { id: c.id, name: c.name, km, score, newcomer, reasons };
		});

		return ranked.sort(
			(a, b) =>
				(query.newcomersFirst ? Number(b.newcomer) - Number(a.newcomer) : 0) ||
				b.score - a.score ||
				a.km - b.km ||
				collator.compare(a.name, b.name) ||
				(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
		);
	}
}
