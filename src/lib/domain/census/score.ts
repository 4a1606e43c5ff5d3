import type { NormalizedRecord } from './types';
import { editSimilarityAtLeast, osaDistance, wordSimilarity } from './text';

/**
 * Pair scoring. Each field comparison adds a weight, read as log-odds evidence in the spirit of
 * Fellegi–Sunter: positive when the agreement is much more likely between two records of the
 * same actor than between two different actors, negative for a disagreement that is unlikely
 * within one actor. The weights are set by hand from what the fields mean, not fitted to
 * one data set (their effect is measured in docs/benchmarks.md, "Census engine"):
 *
 * | field | agree | disagree (both known) |
 * |---|---|---|
 * | SIRET | +11 | −14, and a hard conflict |
 * | SIREN (no SIRET on one side) | +4 | −6, hard conflict |
 * | RNA | +14 | −14, hard conflict |
 * | other identifier | +12 (one typo: +5) | −3 |
 * | e-mail | +6 (same organisation domain: +2) | −0.5 |
 * | phone | +5 | −1 |
 * | website domain | +5 | −1 |
 * | name (0…1 similarity) | up to +7 | down to −8 |
 * | commune (INSEE code) | +2.5 | −6 |
 * | street address | up to +3 | down to −3 |
 * | contact person | +3 | −0.5 |
 * | date of birth | +6 (1 January: +2; one slip: +2) | −3 |
 * | distance | +2 below 30 m | −2 beyond 1 km, −5 beyond 10 km |
 * | legal family (association vs company…) | 0 | −2 |
 *
 * Names are compared on their identifying words (legal form, articles and commune name removed),
 * word order ignored, typos tolerated, rare words weighing more than common ones (IDF).
 */

export interface Comparison {
	field: string;
	weight: number;
	detail: string;
}

export interface PairScore {
	score: number;
	/** Two different SIRET, SIREN or RNA: never the same actor automatically. */
	conflict: boolean;
}

export class TokenWeights {
	private readonly df = new Map<string, number>();
	private total = 0;

	add(tokens: readonly string[]): void {
		this.cache.clear();
		this.total++;
		for (const t of tokens) this.df.set(t, (this.df.get(t) ?? 0) + 1);
	}

	private readonly cache = new Map<string, number>();

	weight(token: string): number {
		// Two-letter words carry little identity, and a typo'd "de" must not weigh like a rare word.
		if (token.length <= 2) return 1;
		let w = this.cache.get(token);
		if (w === undefined) {
			const df = this.df.get(token) ?? 0;
			w = Math.max(0.5, Math.log((this.total + 1) / (df + 0.5)));
			this.cache.set(token, w);
		}
		return w;
	}
}

let usedScratch = new Uint8Array(16);
let weightScratch = new Float64Array(16);

/** Word-order-free, typo-tolerant similarity of two word lists, weighted by word rarity. */
export function tokenSimilarity(
	a: readonly string[],
	b: readonly string[],
	weight: (t: string) => number = () => 1
): number {
	if (a.length === 0 || b.length === 0) return Number.NaN;
	let wa = 0;
	let wb = 0;
	// Scratch arrays reused across calls: this runs once per candidate pair.
	if (usedScratch.length < b.length) {
		usedScratch = new Uint8Array(b.length * 2);
		weightScratch = new Float64Array(b.length * 2);
	}
	const used = usedScratch;
	const wbs = weightScratch;
	for (let j = 0; j < b.length; j++) {
		used[j] = 0;
		wbs[j] = weight(b[j]!);
		wb += wbs[j]!;
	}
	for (const t of a) wa += weight(t);
	let matched = 0;
	for (const t of a) {
		let best = -1;
		let bestSim = 0;
		for (let j = 0; j < b.length; j++) {
			if (used[j] === 1) continue;
			const s = wordSimilarity(t, b[j]!);
			if (s > bestSim) {
				bestSim = s;
				best = j;
				if (s === 1) break;
			}
		}
		if (best >= 0) {
			used[best] = 1;
			matched += (bestSim * (weight(t) + wbs[best]!)) / 2;
		}
	}
	let tokenScore = (2 * matched) / (wa + wb);
	if (tokenScore >= 0.999) return 1;
	// Every word of the shorter name found in the longer one: a name with a part left out
	// ("Wilde" / "Sebastian Wilde", "AMAP" / "AMAP Mille Pattes") is likely, not certain.
	let found = 0;
	for (let j = 0; j < b.length; j++) found += used[j]!;
	if (found === Math.min(a.length, b.length)) tokenScore = Math.max(tokenScore, 0.8);
	// Words glued or split by a slip ("derue", "Mille Pattes" / "Millepattes").
	const ca = a.join('');
	const cb = b.join('');
	if (Math.abs(ca.length - cb.length) <= 3 && ca.length <= 80 && cb.length <= 80) {
		const glued = editSimilarityAtLeast(ca, cb, 0.85);
		if (glued > tokenScore) return glued;
	}
	return tokenScore;
}

function interpolate(x: number, points: readonly (readonly [number, number])[]): number {
	if (x <= points[0]![0]) return points[0]![1];
	for (let i = 1; i < points.length; i++) {
		const [x1, y1] = points[i]!;
		if (x <= x1) {
			const [x0, y0] = points[i - 1]!;
			return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
		}
	}
	return points[points.length - 1]![1];
}

const NAME_CURVE = [
	[0, -8],
	[0.5, -4],
	[0.7, 0],
	[0.85, 3.5],
	[0.95, 6],
	[1, 7]
] as const;

function shares(a: readonly string[], b: readonly string[]): boolean {
	for (const x of a) if (b.includes(x)) return true;
	return false;
}

function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const r = 6371000;
	const toRad = Math.PI / 180;
	const dLat = (lat2 - lat1) * toRad;
	const dLon = (lon2 - lon1) * toRad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
	return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A full date of birth is shared by about one person in thirty thousand, so agreement is
 * strong evidence; 1 January stands for "day and month unknown" in many registers and weighs
 * less. Dates are typed by hand: one wrong or swapped digit, or day and month swapped, is
 * still more likely within one person than between two. Beyond a slip, dates of one person
 * rarely differ (about one in twenty): two namesakes of one commune born on other days are left
 * for a person rather than merged.
 */
export function birthDateWeight(x: string, y: string): number {
	if (x === y) return x.endsWith('0101') ? 2 : 6;
	const swapped = x.slice(0, 4) + x.slice(6, 8) + x.slice(4, 6);
	if (swapped === y || osaDistance(x, y, 1) <= 1) return 2;
	return -3;
}

function note(explain: Comparison[], field: string, weight: number, detail: string): void {
	explain.push({ field, weight: Math.round(weight * 100) / 100, detail });
}

function nameMatchesDomain(glued: string, labels: readonly string[]): boolean {
	if (glued.length < 6) return false;
	for (const label of labels) {
		if (label === glued) return true;
		const allowed = Math.min(label.length, glued.length) >= 20 ? 2 : 1;
		if (osaDistance(label, glued, allowed) <= allowed) return true;
	}
	return false;
}

/**
 * Scores a pair of records. When `explain` is given, every comparison that counted is pushed
 * to it (field, weight, what was compared), for the review queue and for people.
 */
export function scorePair(
	a: NormalizedRecord,
	b: NormalizedRecord,
	weights: TokenWeights,
	explain?: Comparison[]
): PairScore {
	let score = 0;
	let conflict = false;

	if (a.siret !== null && b.siret !== null) {
		if (a.siret === b.siret) {
			// One establishment may host several places (a town hall and its media library):
			// an equal SIRET with an unlike name and another address is left for a person.
			const w = 11;
			score += w;
			if (explain !== undefined) note(explain, 'siret', w, a.siret);
		} else {
			{
				const w = -14;
				score += w;
				if (explain !== undefined) note(explain, 'siret', w, `${a.siret} ≠ ${b.siret}`);
			}
			conflict = true;
		}
	} else if (a.siren !== null && b.siren !== null) {
		if (a.siren === b.siren) {
			const w = 4;
			score += w;
			if (explain !== undefined) note(explain, 'siren', w, a.siren);
		} else {
			{
				const w = -6;
				score += w;
				if (explain !== undefined) note(explain, 'siren', w, `${a.siren} ≠ ${b.siren}`);
			}
			conflict = true;
		}
	}
	if (a.rna !== null && b.rna !== null) {
		if (a.rna === b.rna) {
			const w = 14;
			score += w;
			if (explain !== undefined) note(explain, 'rna', w, a.rna);
		} else {
			{
				const w = -14;
				score += w;
				if (explain !== undefined) note(explain, 'rna', w, `${a.rna} ≠ ${b.rna}`);
			}
			conflict = true;
		}
	}
	if (a.identifiers.length > 0 && b.identifiers.length > 0) {
		if (shares(a.identifiers, b.identifiers)) {
			const w = 12;
			score += w;
			if (explain !== undefined) note(explain, 'identifier', w, a.identifiers.join(' '));
		} else {
			const x = a.identifiers[0]!;
			const y = b.identifiers[0]!;
			if (Math.min(x.length, y.length) >= 5 && osaDistance(x, y, 1) <= 1) {
				{
					const w = 5;
					score += w;
					if (explain !== undefined) note(explain, 'identifier', w, `${x} ≈ ${y}`);
				}
			} else {
				const w = -3;
				score += w;
				if (explain !== undefined) note(explain, 'identifier', w, `${x} ≠ ${y}`);
			}
		}
	}

	if (a.emails.length > 0 && b.emails.length > 0) {
		if (shares(a.emails, b.emails)) {
			const w = 6;
			score += w;
			if (explain !== undefined)
				note(
					explain,
					'email',
					w,
					a.emails.find((e) => b.emails.includes(e))!
				);
		} else if (shares(a.emailDomains, b.emailDomains)) {
			const w = 2;
			score += w;
			if (explain !== undefined) note(explain, 'email', w, 'même domaine');
		} else {
			const w = -0.5;
			score += w;
			if (explain !== undefined) note(explain, 'email', w, `${a.emails[0]} ≠ ${b.emails[0]}`);
		}
	}
	if (a.phones.length > 0 && b.phones.length > 0) {
		if (shares(a.phones, b.phones)) {
			const w = 5;
			score += w;
			if (explain !== undefined)
				note(
					explain,
					'phone',
					w,
					a.phones.find((p) => b.phones.includes(p))!
				);
		} else {
			const w = -1;
			score += w;
			if (explain !== undefined) note(explain, 'phone', w, `${a.phones[0]} ≠ ${b.phones[0]}`);
		}
	}
	if (a.websites.length > 0 && b.websites.length > 0) {
		if (shares(a.websites, b.websites)) {
			const w = 5;
			score += w;
			if (explain !== undefined) note(explain, 'website', w, a.websites[0]!);
		} else {
			const w = -1;
			score += w;
			if (explain !== undefined) note(explain, 'website', w, `${a.websites[0]} ≠ ${b.websites[0]}`);
		}
	} else if (shares(a.emailDomains, b.websites) || shares(a.websites, b.emailDomains)) {
		{
			const w = 2;
			score += w;
			if (explain !== undefined) note(explain, 'website', w, 'domaine du courriel = site web');
		}
	}

	// Across two communes, "Comité des fêtes de Tavel" and "… de Chusclan" are different names:
	// the commune words removed within one commune are put back.
	const otherCommune =
		a.communeCode !== null && b.communeCode !== null
			? a.communeCode !== b.communeCode
			: a.communeKey !== null && b.communeKey !== null && a.communeKey !== b.communeKey;
	let nameSim = otherCommune
		? tokenSimilarity(a.name.fullTokens, b.name.fullTokens, (t) => weights.weight(t))
		: tokenSimilarity(a.name.tokens, b.name.tokens, (t) => weights.weight(t));
	if (!Number.isNaN(nameSim) && nameSim < 0.95) {
		// The whole name with its spaces removed, one or two slips apart: a typo that fell on a
		// word boundary or on the commune part ("Société de chasse deL anglade").
		const ga = a.name.glued;
		const gb = b.name.glued;
		const allowed = Math.min(ga.length, gb.length) >= 20 ? 2 : 1;
		if (Math.min(ga.length, gb.length) >= 8) {
			const d = osaDistance(ga, gb, allowed);
			if (d <= allowed) nameSim = Math.max(nameSim, 1 - 0.05 * d);
		}
	}
	if (!Number.isNaN(nameSim)) {
		{
			const w = interpolate(nameSim, NAME_CURVE);
			score += w;
			if (explain !== undefined)
				note(explain, 'name', w, `${a.name.key} ~ ${b.name.key} (${nameSim.toFixed(2)})`);
		}
	}
	// Only as a stand-in for a name blurred by typos; a clean name match already says it.
	if (
		!(nameSim >= 0.9) &&
		(nameMatchesDomain(a.name.glued, b.domainLabels) ||
			nameMatchesDomain(b.name.glued, a.domainLabels))
	) {
		{
			const w = 2.5;
			score += w;
			if (explain !== undefined)
				note(explain, 'name_domain', w, 'nom ≈ domaine du site ou du courriel');
		}
	}
	if (
		a.name.legalFamily !== null &&
		b.name.legalFamily !== null &&
		a.name.legalFamily !== b.name.legalFamily
	) {
		{
			const w = -2;
			score += w;
			if (explain !== undefined)
				note(explain, 'legal_form', w, `${a.name.legalForm} ≠ ${b.name.legalForm}`);
		}
	}

	const bothCodes = a.communeCode !== null && b.communeCode !== null;
	if (bothCodes) {
		if (a.communeCode === b.communeCode) {
			const w = 2.5;
			score += w;
			if (explain !== undefined) note(explain, 'commune', w, a.communeCode!);
		} else {
			const w = -6;
			score += w;
			if (explain !== undefined) note(explain, 'commune', w, `${a.communeCode} ≠ ${b.communeCode}`);
		}
	} else if (a.communeKey !== null && b.communeKey !== null) {
		const s =
			a.communeKey === b.communeKey ? 1 : editSimilarityAtLeast(a.communeKey, b.communeKey, 0.85);
		if (s === 1) {
			const w = 2;
			score += w;
			if (explain !== undefined) note(explain, 'commune', w, a.communeKey);
		} else if (s >= 0.85) {
			const w = 1;
			score += w;
			if (explain !== undefined) note(explain, 'commune', w, `${a.communeKey} ≈ ${b.communeKey}`);
		} else {
			const w = -3;
			score += w;
			if (explain !== undefined) note(explain, 'commune', w, `${a.communeKey} ≠ ${b.communeKey}`);
		}
	}
	// Within a resolved commune the postcode adds nothing (Nîmes has two).
	if (!bothCodes && a.postcode !== null && b.postcode !== null) {
		if (a.postcode === b.postcode) {
			const w = 1;
			score += w;
			if (explain !== undefined) note(explain, 'postcode', w, a.postcode);
		} else {
			const w = -1;
			score += w;
			if (explain !== undefined) note(explain, 'postcode', w, `${a.postcode} ≠ ${b.postcode}`);
		}
	}

	if (a.address !== null && b.address !== null) {
		if (a.address.number !== null && b.address.number !== null) {
			if (a.address.number === b.address.number) {
				const w = 1;
				score += w;
				if (explain !== undefined) note(explain, 'address_number', w, a.address.number);
			} else {
				const w = -1.5;
				score += w;
				if (explain !== undefined)
					note(explain, 'address_number', w, `${a.address.number} ≠ ${b.address.number}`);
			}
		}
		const s = tokenSimilarity(a.address.tokens, b.address.tokens);
		if (!Number.isNaN(s)) {
			const sw = s >= 0.9 ? 2 : s >= 0.7 ? 0.5 : -1.5;
			{
				const w = sw;
				score += w;
				if (explain !== undefined)
					note(
						explain,
						'address',
						w,
						`${a.address.street} ~ ${b.address.street} (${s.toFixed(2)})`
					);
			}
		}
	}

	if (a.contact !== null && b.contact !== null) {
		if (a.contact === b.contact) {
			const w = 3;
			score += w;
			if (explain !== undefined) note(explain, 'contact_person', w, a.contact);
		} else if (editSimilarityAtLeast(a.contact, b.contact, 0.85) > 0) {
			const w = 2;
			score += w;
			if (explain !== undefined) note(explain, 'contact_person', w, a.contact);
		} else {
			const w = -0.5;
			score += w;
			if (explain !== undefined) note(explain, 'contact_person', w, `${a.contact} ≠ ${b.contact}`);
		}
	}

	if (a.birthDate !== null && b.birthDate !== null) {
		const w = birthDateWeight(a.birthDate, b.birthDate);
		score += w;
		if (explain !== undefined)
			note(
				explain,
				'birth_date',
				w,
				a.birthDate === b.birthDate ? a.birthDate : `${a.birthDate} ≠ ${b.birthDate}`
			);
	}

	if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
		const d = haversineMeters(a.lat, a.lon, b.lat, b.lon);
		const dw = d < 30 ? 2 : d < 150 ? 1 : d < 1000 ? 0 : d < 10000 ? -2 : -5;
		if (dw !== 0) {
			const w = dw;
			score += w;
			if (explain !== undefined) note(explain, 'distance', w, `${Math.round(d)} m`);
		}
	}
	return { score, conflict };
}
