import type { EdgeKind } from '$lib/domain/network';
import { m } from '$lib/i18n';

const EDGE_KIND_LABELS: Record<EdgeKind, () => string> = {
	member_of: m.network_edge_member_of,
	partner: m.network_edge_partner,
	co_organised: m.network_edge_co_organised,
	same_event: m.network_edge_same_event
};

export function edgeKindLabel(kind: EdgeKind): string {
	return EDGE_KIND_LABELS[kind]();
}
