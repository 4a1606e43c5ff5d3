import { editSimilarity } from './text';
import { nameWords } from './names';

/** The fields of `@etalab/decoupage-administratif` communes this module reads. */
export interface CommuneEntry {
	code: string;
	nom: string;
	type?: string;
	codesPostaux?: string[];
	chefLieu?: string;
	commune?: string;
	population?: number;
}

export interface ResolvedCommune {
	code: string;
	name: string;
	/** How it was found, for explanations: exact name, name + postcode, fuzzy name, postcode only. */
	method: 'code' | 'name' | 'name+postcode' | 'name+territory' | 'fuzzy' | 'postcode';
}

const ARTICLES = new Set(['le', 'la', 'les', 'l']);

/** "Saint-Jean-du-Gard", "ST JEAN DU GARD", "St Jean du Gard" → "saint jean du gard". */
export function communeKey(name: string): string {
	const ws = nameWords(name)
		// "Sommières BP 81005", "Nîmes Cedex 9": postal-routing words are not part of the name.
		.filter((w) => !/^\d+$/.test(w));
	const cedex = ws.indexOf('cedex');
	const cut = cedex >= 0 ? ws.slice(0, cedex) : ws;
	const bp = cut.indexOf('bp');
	return (bp > 0 ? cut.slice(0, bp) : cut).join(' ');
}

function withoutArticle(key: string): string {
	const ws = key.split(' ');
	return ws.length > 1 && ARTICLES.has(ws[0]!) ? ws.slice(1).join(' ') : key;
}

/**
 * Resolves commune names, postcodes and codes to current INSEE codes. Built once from the
 * `@etalab/decoupage-administratif` list; former and delegated communes point to the current one,
 * municipal arrondissements (Paris, Lyon, Marseille) to their city.
 */
export class CommuneIndex {
	private readonly byKey = new Map<string, string[]>();
	private readonly byPostcode = new Map<string, string[]>();
	private readonly names = new Map<string, string>();
	private readonly keys = new Map<string, string>();
	private readonly redirect = new Map<string, string>();

	constructor(entries: readonly CommuneEntry[]) {
		for (const c of entries) {
			const type = c.type ?? 'commune-actuelle';
			if (type === 'commune-actuelle') {
				this.names.set(c.code, c.nom);
				const key = communeKey(c.nom);
				this.keys.set(c.code, key);
				this.addKey(key, c.code);
				for (const pc of c.codesPostaux ?? []) push(this.byPostcode, pc, c.code);
			}
		}
		for (const c of entries) {
			const type = c.type ?? 'commune-actuelle';
			const target = type === 'arrondissement-municipal' ? c.commune : c.chefLieu;
			if (type === 'commune-actuelle' || target === undefined || !this.names.has(target)) continue;
			this.redirect.set(c.code, target);
			const key = communeKey(c.nom);
			// A delegated commune's name only counts when no current commune bears it.
			if (!this.byKey.has(key)) this.addKey(key, target);
			for (const pc of c.codesPostaux ?? []) push(this.byPostcode, pc, target);
		}
	}

	private addKey(key: string, code: string): void {
		if (key === '') return;
		push(this.byKey, key, code);
		const bare = withoutArticle(key);
		if (bare !== key) push(this.byKey, bare, code);
	}

	nameOf(code: string): string | undefined {
		return this.names.get(code);
	}

	resolve(input: {
		name?: string | null;
		postcode?: string | null;
		code?: string | null;
		/** Departments of the territory, to choose among communes of the same name. */
		departments?: readonly string[];
	}): ResolvedCommune | null {
		const code = normalizeInseeCode(input.code ?? '');
		if (code !== null) {
			const current = this.names.has(code) ? code : this.redirect.get(code);
			if (current !== undefined) return this.result(current, 'code');
		}
		const rawPostcode = (input.postcode ?? '').trim();
		const postcode = normalizePostcode(rawPostcode);
		const key = input.name ? communeKey(input.name) : '';
		if (key !== '') {
			const direct = this.byKey.get(key) ?? this.byKey.get(withoutArticle(key));
			if (direct !== undefined) {
				let found: string[] = direct;
				if (direct.length > 1 && postcode !== null) {
					const inPostcode = direct.filter((c) => this.byPostcode.get(postcode)?.includes(c));
					found = inPostcode.length > 0 ? inPostcode : direct;
				}
				if (found.length > 1 && postcode !== null) {
					const dep = departmentOfPostcode(postcode);
					found = found.filter((c) => c.startsWith(dep));
				}
				let method: ResolvedCommune['method'] = direct.length === 1 ? 'name' : 'name+postcode';
				if (found.length > 1 && postcode === null && input.departments !== undefined) {
					const deps = input.departments;
					found = found.filter((c) => deps.some((d) => c.startsWith(d)));
					method = 'name+territory';
				}
				if (found.length !== 1) return null;
				const code = found[0]!;
				// A postcode from another department contradicts the name: do not guess.
				if (postcode !== null && !code.startsWith(departmentOfPostcode(postcode))) return null;
				return this.result(code, method);
			}
			if (postcode !== null) {
				// A typo in the name: the closest name among the communes of the postcode.
				let best: string | null = null;
				let bestSim = 0;
				for (const c of this.byPostcode.get(postcode) ?? []) {
					const sim = editSimilarity(key, this.keys.get(c) ?? '');
					if (sim > bestSim) {
						bestSim = sim;
						best = c;
					}
				}
				if (best !== null && bestSim >= 0.8) return this.result(best, 'fuzzy');
			}
		}
		// Postcode alone only when written in full: a 4-digit one may be foreign, not a lost zero.
		if (postcode !== null && /^\d{5}$/.test(rawPostcode)) {
			const codes = this.byPostcode.get(postcode);
			if (codes !== undefined && codes.length === 1) return this.result(codes[0]!, 'postcode');
		}
		return null;
	}

	private result(code: string, method: ResolvedCommune['method']): ResolvedCommune {
		return { code, name: this.names.get(code) ?? code, method };
	}
}

function push(map: Map<string, string[]>, key: string, value: string): void {
	const list = map.get(key);
	if (list === undefined) map.set(key, [value]);
	else if (!list.includes(value)) list.push(value);
}

/** "30189", "30 189", 2A004; a spreadsheet may have dropped the leading zero ("1033"). */
export function normalizeInseeCode(input: string): string | null {
	const s = input.trim().toUpperCase().replace(/\s/g, '');
	if (/^\d{5}$/.test(s) || /^2[AB]\d{3}$/.test(s)) return s;
	if (/^\d{4}$/.test(s)) return '0' + s;
	return null;
}

export function normalizePostcode(input: string): string | null {
	const s = input.trim().replace(/\s/g, '').replace(/\.0$/, '');
	if (/^\d{5}$/.test(s)) return s;
	if (/^\d{4}$/.test(s)) return '0' + s;
	return null;
}

export function departmentOfCode(code: string): string {
	return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

function departmentOfPostcode(postcode: string): string {
	if (postcode.startsWith('20')) return '2';
	if (postcode.startsWith('97')) return postcode.slice(0, 3);
	return postcode.slice(0, 2);
}
