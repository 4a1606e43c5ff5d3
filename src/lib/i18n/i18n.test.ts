import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS } from '$lib/domain/actor-kinds';
import { kindLabel, locales, m } from './index';
import { negotiateLocale, parseAcceptLanguage } from './negotiate';

type Catalogue = Record<string, unknown>;

function catalogue(locale: string): Catalogue {
	const url = new URL(`../../../messages/${locale}.json`, import.meta.url);
	const parsed = JSON.parse(readFileSync(url, 'utf8')) as Catalogue;
	delete parsed.$schema;
	return parsed;
}

/** Placeholders of a message, variants included: `{count}` → 'count'. */
function placeholders(value: unknown): string[] {
	const text = JSON.stringify(value);
	return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

describe('message catalogues', () => {
	const fr = catalogue('fr');
	const en = catalogue('en');

	it('exist for every locale the project declares', () => {
		expect([...locales].sort()).toEqual(['en', 'fr']);
	});

	it('have exactly the same keys in French and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
		expect(Object.keys(fr).length).toBeGreaterThan(20);
	});

	it('use the same placeholders in both languages', () => {
		for (const key of Object.keys(fr)) {
			expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
		}
	});

	it('have no empty message', () => {
		for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) {
			expect(JSON.stringify(value).replace(/"/g, '').trim(), key).not.toBe('');
		}
	});
});

describe('compiled messages', () => {
	it('interpolate parameters in each language', () => {
		expect(m.map_page_title({ territory: 'Pays d’Uzès' }, { locale: 'fr' })).toBe(
			'Carte — Pays d’Uzès'
		);
		expect(m.map_page_title({ territory: 'Pays d’Uzès' }, { locale: 'en' })).toBe(
			'Map — Pays d’Uzès'
		);
	});

	it('pluralise by each language’s rules (French 0 and 1 are singular)', () => {
		expect(m.actor_count({ count: 0 }, { locale: 'fr' })).toBe('0 acteur');
		expect(m.actor_count({ count: 1 }, { locale: 'fr' })).toBe('1 acteur');
		expect(m.actor_count({ count: 2 }, { locale: 'fr' })).toBe('2 acteurs');
		expect(m.actor_count({ count: 0 }, { locale: 'en' })).toBe('0 actors');
		expect(m.actor_count({ count: 1 }, { locale: 'en' })).toBe('1 actor');
	});

	it('defaults to French outside a request', () => {
		expect(m.directory_title()).toBe('Annuaire');
	});

	it('labels every actor kind', () => {
		const labels = ACTOR_KINDS.map((kind) => kindLabel(kind));
		expect(new Set(labels).size).toBe(ACTOR_KINDS.length);
		for (const label of labels) expect(label.length).toBeGreaterThan(1);
	});
});

describe('negotiateLocale', () => {
	const supported = ['fr', 'en'] as const;

	it('prefers a valid cookie over the browser', () => {
		expect(negotiateLocale(supported, 'fr', 'en', 'fr-FR,fr;q=0.9')).toBe('en');
		expect(negotiateLocale(supported, 'fr', 'de', 'en-GB,en;q=0.8')).toBe('en');
	});

	it('follows Accept-Language by quality, matching regional tags to the language', () => {
		expect(negotiateLocale(supported, 'fr', undefined, 'de-DE,en-US;q=0.7,fr;q=0.5')).toBe('en');
		expect(negotiateLocale(supported, 'fr', undefined, 'en;q=0.2,fr-CA;q=0.9')).toBe('fr');
	});

	it('falls back to French', () => {
		expect(negotiateLocale(supported, 'fr', undefined, null)).toBe('fr');
		expect(negotiateLocale(supported, 'fr', '', 'de,it;q=0.5')).toBe('fr');
		expect(negotiateLocale(supported, 'fr', undefined, 'en;q=0')).toBe('fr');
	});

	it('parses headers with spaces, wildcards and bad weights', () => {
		expect(parseAcceptLanguage(' en-US ; q=0.5 , fr , * ;q=0.1, de;q=abc')).toEqual([
			'fr',
			'en-us'
		]);
		expect(parseAcceptLanguage('')).toEqual([]);
	});
});
