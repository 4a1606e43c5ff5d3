/**
 * Coverage gaps in words, for the list page and the map layer: one definition of each label.
 */
import type { CoverageGap } from '$lib/domain/coverage/coverage';
import { kindLabel, m } from '$lib/i18n';
import type { CoverageChoice } from './coverage-layer';
import type { ActorKind } from '$lib/domain/actor-kinds';

/** « aucun acteur de type « Association » », « sans lieu commun »… */
export function gapLabel(gap: CoverageGap): string {
	switch (gap.type) {
		case 'kind':
			return m.coverage_gap_kind({ kind: kindLabel(gap.kind) });
		case 'sector':
			return m.coverage_gap_sector({ sector: gap.sector });
		case 'no_place':
			return m.coverage_gap_no_place();
		case 'no_event':
			return m.coverage_gap_no_event();
	}
}

/** The gaps of a commune in the order the domain lists them. */
export function gapsOf(c: {
	missingKinds: readonly ActorKind[];
	missingSectors: readonly string[];
	noPlace: boolean;
	noEvent: boolean;
}): CoverageGap[] {
	return [
		...c.missingKinds.map((kind): CoverageGap => ({ type: 'kind', kind })),
		...c.missingSectors.map((sector): CoverageGap => ({ type: 'sector', sector })),
		...(c.noPlace ? [{ type: 'no_place' } as const] : []),
		...(c.noEvent ? [{ type: 'no_event' } as const] : [])
	];
}

/** The label of what the layer shades. */
export function choiceLabel(choice: CoverageChoice): string {
	if (choice === 'gaps') return m.coverage_shade_gaps();
	if (choice === 'no_place') return m.coverage_shade_no_place();
	if (choice === 'no_event') return m.coverage_shade_no_event();
	if (choice.startsWith('kind:')) {
		return m.coverage_shade_kind({ kind: kindLabel(choice.slice(5) as ActorKind) });
	}
	return m.coverage_shade_sector({ sector: choice.slice(7) });
}
