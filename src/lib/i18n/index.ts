/**
 * The one entry point for UI text.
 *
 * Messages live in `messages/{fr,en}.json` (inlang message format) and are compiled by
 * Paraglide JS 2 into `src/lib/paraglide/` (generated, git-ignored). Paraglide was chosen over a
 * hand-written catalogue because it is the SvelteKit-recommended tool, its compiled message
 * functions are typed (a missing or misspelled key fails type-check) and tree-shaken per message;
 * the message-format plugin is loaded from node_modules (see project.inlang/settings.json), so
 * compiling needs no network.
 *
 * Locale resolution: on the server `src/lib/server/i18n-handle.ts` negotiates the locale per
 * request and makes `getLocale()` return it; in the browser Paraglide reads the same cookie,
 * which the server always sets, so hydration renders the same language.
 */
import { m } from '$lib/paraglide/messages.js';
import {
	baseLocale,
	cookieName,
	getLocale,
	isLocale,
	locales,
	type Locale
} from '$lib/paraglide/runtime.js';
import type { ActorKind } from '$lib/domain/actor-kinds';

export { m, baseLocale, cookieName, getLocale, isLocale, locales, type Locale };
export { negotiateLocale } from './negotiate';

/** Each locale's name written in that language, as language pickers conventionally show it. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

const KIND_LABELS: Record<ActorKind, () => string> = {
	association: m.kind_association,
	business: m.kind_business,
	cooperative: m.kind_cooperative,
	public_body: m.kind_public_body,
	informal_group: m.kind_informal_group,
	elected_body: m.kind_elected_body,
	other: m.kind_other
};

export function kindLabel(kind: ActorKind): string {
	return KIND_LABELS[kind]();
}
