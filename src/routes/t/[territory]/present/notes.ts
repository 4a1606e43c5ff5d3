/**
 * The dossier's wording helpers: numbers and dates as the locale writes them, and the numbered
 * « Comment ces chiffres sont calculés » notes resolved from each figure's method key
 * (`dossier_method_<key>`, see METHOD_KEYS in $lib/domain/dossier/figures.ts).
 */
import { isActorKind } from '$lib/domain/actor-kinds';
import type { DossierFigures, DossierMethodKey } from '$lib/domain/dossier/figures';
import type { FigureMethod, MethodParam } from '$lib/domain/dossier/types';
import { getLocale, kindLabel, m } from '$lib/i18n';

function intlLocale(): string {
	return getLocale() === 'en' ? 'en-GB' : 'fr-FR';
}

/** An integer or a rate as the locale writes it (French: « 1 234 », « 2,5 »). */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
	return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits }).format(value);
}

/** A day as the locale writes it (« 1 mars 2025 »), in the French time zone. */
export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(intlLocale(), {
		dateStyle: 'long',
		timeZone: 'Europe/Paris'
	}).format(new Date(iso));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

function paramText(name: string, value: MethodParam): string {
	if (value === null || typeof value === 'boolean') return '';
	if (typeof value === 'number') return formatNumber(value, 1);
	if (ISO_DAY.test(value)) return formatDate(value.length === 10 ? `${value}T12:00:00Z` : value);
	if (name === 'kind')
		return value === 'all' ? m.dossier_all_kinds() : isActorKind(value) ? kindLabel(value) : value;
	return value;
}

type MethodMessage = (inputs: Record<string, string>) => string;

/** The sentence saying how a figure was computed, its parameters formatted. */
export function methodText(method: FigureMethod): string {
	const message = (m as unknown as Record<string, MethodMessage | undefined>)[
		`dossier_method_${method.key}`
	];
	if (!message) return method.key;
	const inputs: Record<string, string> = {};
	for (const [name, value] of Object.entries(method.params)) inputs[name] = paramText(name, value);
	return message(inputs);
}

export interface DossierNote {
	key: DossierMethodKey;
	/** 1, 2, 3… in the order the page shows the figures. */
	number: number;
	/** The anchor of the note in the list at the bottom. */
	id: string;
	text: string;
}

/** Which figure each note explains, in the order the page shows them. */
const NOTE_ORDER: (keyof DossierFigures)[] = [
	'actorsByKind',
	'listingsMerged',
	'commonPlaces',
	'eventsLastYear',
	'offersAndRequests',
	'actorsBySector',
	'actorsPerThousand',
	'kindGaps',
	'eventGaps',
	'worldsPresent'
];

/** The numbered notes of a dossier, one per method key (« réservé aux membres » once). */
export function dossierNotes(figures: DossierFigures): DossierNote[] {
	const notes: DossierNote[] = [];
	const seen = new Set<string>();
	for (const name of NOTE_ORDER) {
		const method = figures[name].method as FigureMethod<DossierMethodKey>;
		if (seen.has(method.key)) continue;
		seen.add(method.key);
		notes.push({
			key: method.key,
			number: notes.length + 1,
			id: `note-${method.key.replaceAll('_', '-')}`,
			text: methodText(method)
		});
	}
	return notes;
}

/** The note explaining one figure (each figure has one). */
export function noteFor(
	notes: readonly DossierNote[],
	method: { key: string }
): DossierNote | undefined {
	return notes.find((n) => n.key === method.key);
}
