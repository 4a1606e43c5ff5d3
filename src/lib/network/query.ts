/**
 * The network page's filters as they travel in the URL (a GET form that works without
 * JavaScript): `?commune=<INSEE>&color=kind|world&edge=…&edge=…`.
 *
 * The edge-kind checkboxes share the name `edge`; the form also sends an empty `edge=` so that
 * « every box unticked » (no edge at all) differs from « no filter sent » (every kind).
 */
import { EDGE_KINDS, type EdgeKind } from '$lib/domain/network/types';

export const NETWORK_COLOURINGS = ['kind', 'world'] as const;
export type NetworkColouring = (typeof NETWORK_COLOURINGS)[number];

export interface NetworkQuery {
	/** INSEE code, or null for the whole territory. */
	commune: string | null;
	color: NetworkColouring;
	/** In EDGE_KINDS order, without duplicates. */
	kinds: EdgeKind[];
}

const INSEE = /^(?:\d{5}|2[AB]\d{3})$/;

export function parseNetworkQuery(params: URLSearchParams): NetworkQuery {
	const commune = (params.get('commune') ?? '').trim().toUpperCase();
	const color = params.get('color') === 'world' ? 'world' : 'kind';
	const sent = params.getAll('edge');
	const kinds = params.has('edge') ? EDGE_KINDS.filter((k) => sent.includes(k)) : [...EDGE_KINDS];
	return { commune: INSEE.test(commune) ? commune : null, color, kinds };
}

/** Every edge kind kept: no kind filter to apply. */
export function allKinds(kinds: readonly EdgeKind[]): boolean {
	return EDGE_KINDS.every((k) => kinds.includes(k));
}
