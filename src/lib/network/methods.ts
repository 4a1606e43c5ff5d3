/**
 * The network's method keys (NETWORK_METHOD_KEYS, src/lib/domain/network/summary.ts) resolved to
 * the reader's language: `network_method_<key>` with the parameters the summary computed.
 */
import type { MethodParam, NetworkMethod, NetworkMethodKey } from '$lib/domain/network';
import { getLocale, m } from '$lib/i18n';

type Params = Record<string, MethodParam>;

function text(value: MethodParam | undefined): string {
	if (typeof value === 'number') return new Intl.NumberFormat(getLocale()).format(value);
	return value === null || value === undefined ? '—' : String(value);
}

const MESSAGES: Record<NetworkMethodKey, (p: Params) => string> = {
	degree: () => m.network_method_degree(),
	world_reach: () => m.network_method_world_reach(),
	same_event: (p) =>
		m.network_method_same_event({ maxClique: text(p.maxClique), largeEvents: text(p.largeEvents) }),
	communities: (p) => m.network_method_communities({ seed: text(p.seed) }),
	world_matrix: () => m.network_method_world_matrix(),
	bridges: (p) => m.network_method_bridges({ weakTies: text(p.weakTies) }),
	never_meet: () => m.network_method_never_meet(),
	edges_drawn: (p) =>
		// minWeight null: the declared ties fill the budget, no « same event » tie is drawn.
		p.minWeight === null || p.minWeight === undefined
			? m.network_method_edges_drawn_none({
					maxEdges: text(p.maxEdges),
					leftOut: text(p.leftOut)
				})
			: p.leftOut === 0
				? m.network_method_edges_drawn_all({ maxEdges: text(p.maxEdges) })
				: m.network_method_edges_drawn({
						maxEdges: text(p.maxEdges),
						minWeight: text(p.minWeight),
						leftOut: text(p.leftOut)
					})
};

export function methodText(method: NetworkMethod<NetworkMethodKey>): string {
	return MESSAGES[method.key](method.params);
}

/** The footnotes in reading order: the graph first, then the tables beside it. */
export const METHOD_ORDER: readonly NetworkMethodKey[] = [
	'degree',
	'same_event',
	'edges_drawn',
	'communities',
	'bridges',
	'world_reach',
	'world_matrix',
	'never_meet'
];
