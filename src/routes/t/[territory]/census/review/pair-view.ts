/**
 * What a review card shows, worked out from the two rows and the engine's comparisons: one row
 * per field either side fills, with a visual cue and the comparisons that weighed on it, and the
 * distance between the two actors drawn as a small sketch (no map tiles). Pure functions: the load
 * calls them on the server, the tests beside them.
 */
import { editSimilarity, fold } from '$lib/domain/census/text';
import type { Role } from '$lib/domain/census/types';
import type { Comparison } from '$lib/domain/census/score';

/** Roles shown as rows, in this order. Coordinates are drawn, the row's own id means nothing here. */
export const CARD_ROLES = [
	'name',
	'kind',
	'address',
	'postcode',
	'commune',
	'commune_code',
	'phone',
	'email',
	'website',
	'siret',
	'siren',
	'rna',
	'identifier',
	'contact_person',
	'birth_date',
	'tags'
] as const satisfies readonly Role[];
export type CardRole = (typeof CARD_ROLES)[number];

/**
 * The rows an engine comparison belongs to, by preference: it is shown on the first of them the
 * card has (a SIREN compared from two SIRET columns sits on the SIRET row), else under "other".
 */
const COMPARISON_ROLES: Record<string, readonly CardRole[]> = {
	name: ['name'],
	name_domain: ['name'],
	legal_form: ['name', 'kind'],
	siret: ['siret', 'siren'],
	siren: ['siren', 'siret'],
	rna: ['rna'],
	identifier: ['identifier'],
	email: ['email'],
	phone: ['phone'],
	website: ['website', 'email'],
	commune: ['commune_code', 'commune', 'postcode'],
	postcode: ['postcode', 'commune'],
	address: ['address'],
	address_number: ['address'],
	contact_person: ['contact_person'],
	birth_date: ['birth_date']
};

/**
 * - `equal`: the same text once case, accents and punctuation are set aside;
 * - `similar`: written differently, but the engine counted it for the pair (or, when the engine
 *   did not compare the field, the texts are close);
 * - `different`: the engine counted it against the pair, or the texts are far apart;
 * - `one_side`: only one row gives a value.
 */
export type Cue = 'equal' | 'similar' | 'different' | 'one_side';

export interface CardComparison extends Comparison {
	/** The 0…1 similarity the engine printed at the end of its detail ("… (0.92)"), if any. */
	similarity: number | null;
}

export interface FieldRow {
	role: CardRole;
	a: string;
	b: string;
	cue: Cue;
	comparisons: CardComparison[];
}

export interface CardFields {
	rows: FieldRow[];
	/** Comparisons with no row of their own (the distance is shown with the sketch). */
	others: CardComparison[];
	distance: CardComparison | null;
}

const SIMILARITY = /\((\d(?:\.\d+)?)\)\s*$/;

export function similarityOf(detail: string): number | null {
	const m = SIMILARITY.exec(detail);
	if (m === null) return null;
	const n = Number(m[1]);
	return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/** Close enough to call "similar" when the engine says nothing about the field. */
const CLOSE_TEXT = 0.8;

function cueOf(a: string, b: string, comparisons: readonly Comparison[]): Cue {
	if (a === '' || b === '') return 'one_side';
	const fa = fold(a);
	const fb = fold(b);
	if (fa === fb) return 'equal';
	if (comparisons.length > 0)
		return comparisons.reduce((s, c) => s + c.weight, 0) > 0 ? 'similar' : 'different';
	if (fa.length > 200 || fb.length > 200) return 'different';
	return editSimilarity(fa, fb) >= CLOSE_TEXT || abbreviates(fa, fb) || abbreviates(fb, fa)
		? 'similar'
		: 'different';
}

/** Every word of `short` begins a word of `long`, in order ("4 ch du moulin", "4 chemin du moulin"). */
function abbreviates(short: string, long: string): boolean {
	const ws = short.split(' ');
	const wl = long.split(' ');
	if (ws.length > wl.length) return false;
	let j = 0;
	for (const w of ws) {
		while (j < wl.length && !wl[j]!.startsWith(w)) j++;
		if (j === wl.length) return false;
		j++;
	}
	return true;
}

/** The card's rows: every role either row fills, with the engine's comparisons placed on them. */
export function buildFieldRows(
	a: Partial<Record<Role, string>>,
	b: Partial<Record<Role, string>>,
	comparisons: readonly Comparison[]
): CardFields {
	const present = CARD_ROLES.filter((r) => (a[r] ?? '') !== '' || (b[r] ?? '') !== '');
	const attached = new Map<CardRole, CardComparison[]>();
	const others: CardComparison[] = [];
	let distance: CardComparison | null = null;
	for (const c of comparisons) {
		const shown: CardComparison = { ...c, similarity: similarityOf(c.detail) };
		if (c.field === 'distance') {
			distance = shown;
			continue;
		}
		const role = (COMPARISON_ROLES[c.field] ?? []).find((r) => present.includes(r));
		if (role === undefined) others.push(shown);
		else attached.set(role, [...(attached.get(role) ?? []), shown]);
	}
	const rows = present.map((role): FieldRow => {
		const va = a[role] ?? '';
		const vb = b[role] ?? '';
		const cs = attached.get(role) ?? [];
		return { role, a: va, b: vb, cue: cueOf(va, vb, cs), comparisons: cs };
	});
	return { rows, others, distance };
}

export interface Point {
	lng: number;
	lat: number;
}

const EARTH_RADIUS_M = 6371000;

/** Great-circle distance in metres (haversine; Turf is not a dependency of the app). */
export function haversineMeters(p: Point, q: Point): number {
	const toRad = Math.PI / 180;
	const dLat = (q.lat - p.lat) * toRad;
	const dLng = (q.lng - p.lng) * toRad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(p.lat * toRad) * Math.cos(q.lat * toRad) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The largest 1, 2 or 5 × 10ⁿ metres not above `max` (a scale bar's length). */
export function niceLength(max: number): number {
	if (!(max > 0)) return 0;
	const p = 10 ** Math.floor(Math.log10(max));
	for (const f of [5, 2, 1]) if (f * p <= max) return f * p;
	return p;
}

export interface PairSketch {
	width: number;
	height: number;
	a: { x: number; y: number };
	b: { x: number; y: number };
	/** A scale bar: its length in metres and in pixels, drawn from (x, y). */
	scale: { meters: number; px: number; x: number; y: number };
}

export interface SketchOptions {
	width?: number;
	height?: number;
	padding?: number;
	/** The smallest span drawn, in metres: two points a few metres apart stay readable. */
	minSpan?: number;
}

/**
 * Both points in a small local projection (equirectangular around their midpoint: exact enough
 * over the tens of kilometres a territory spans), fitted in the box with north up.
 */
export function sketchPair(p: Point, q: Point, options: SketchOptions = {}): PairSketch {
	const width = options.width ?? 280;
	const height = options.height ?? 160;
	const pad = options.padding ?? 28;
	const minSpan = options.minSpan ?? 200;
	const lat0 = ((p.lat + q.lat) / 2) * (Math.PI / 180);
	const mPerDeg = (EARTH_RADIUS_M * Math.PI) / 180;
	const lng0 = (p.lng + q.lng) / 2;
	const latMid = (p.lat + q.lat) / 2;
	const toM = (r: Point) => ({
		x: (r.lng - lng0) * mPerDeg * Math.cos(lat0),
		y: (r.lat - latMid) * mPerDeg
	});
	const pm = toM(p);
	const qm = toM(q);
	const spanX = Math.max(Math.abs(pm.x - qm.x), minSpan);
	const spanY = Math.max(Math.abs(pm.y - qm.y), minSpan);
	// Room kept at the bottom for the scale bar.
	const scaleRoom = 18;
	const s = Math.min((width - 2 * pad) / spanX, (height - 2 * pad - scaleRoom) / spanY);
	const cx = width / 2;
	const cy = (height - scaleRoom) / 2;
	const px = (m: { x: number; y: number }) => ({
		x: round(cx + m.x * s),
		y: round(cy - m.y * s)
	});
	const meters = niceLength((width - 2 * pad) / s / 3);
	return {
		width,
		height,
		a: px(pm),
		b: px(qm),
		scale: { meters, px: round(meters * s), x: pad, y: height - 10 }
	};
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}

/** "850 m", "1,2 km", "34 km" in the reader's language. */
export function formatDistance(meters: number, locale: string): string {
	if (meters < 1000) {
		const m = meters < 100 ? Math.round(meters) : Math.round(meters / 10) * 10;
		return `${new Intl.NumberFormat(locale).format(m)} m`;
	}
	const km = meters / 1000;
	const digits = km < 10 ? 1 : 0;
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(km)} km`;
}

/** A weight with its sign ("+2,5", "−6"), as the engine's evidence reads. */
export function formatWeight(weight: number, locale: string): string {
	const abs = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.abs(weight));
	return weight > 0 ? `+${abs}` : weight < 0 ? `−${abs}` : abs;
}

export function formatNumber(value: number, locale: string, digits = 2): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
