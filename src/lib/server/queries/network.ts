/**
 * The rows the network graph (#7, src/lib/domain/network) is built from, read as the user: row
 * level security applies. Links and event participations are members only, so a visitor of a
 * public territory gets the actors with no tie at all (the page should say so rather than draw
 * a graph of dots).
 *
 * Three queries whatever the size of the territory. With `communes`, the actors placed in one of
 * them, the links between two of them, and every participation row of the events one of them
 * took part in: the rows of the other actors are kept so that an event's size (which decides
 * whether it is drawn as a clique or a star, see build.ts) is its real size. Building from these
 * rows gives the same graph as building the whole territory and keeping those communes.
 */
import { toActorKind } from '$lib/domain/actor-kinds';
import {
	LINK_KINDS,
	type LinkKind,
	type NetworkActor,
	type NetworkInput,
	type NetworkLink,
	type NetworkParticipation
} from '$lib/domain/network/types';
import type { Tx } from '$lib/server/db/types';

export interface NetworkInputOptions {
	/** INSEE codes; absent: the whole territory (actors without a commune included). */
	communes?: readonly string[];
}

const isLinkKind = (kind: string): kind is LinkKind =>
	(LINK_KINDS as readonly string[]).includes(kind);

export async function loadNetworkInput(
	tx: Tx,
	territoryId: string,
	options: NetworkInputOptions = {}
): Promise<NetworkInput> {
	const communes = options.communes ? [...options.communes] : null;
	const params: unknown[] = communes ? [territoryId, communes] : [territoryId];
	const inCommunes = (alias: string) =>
		communes ? `and ${alias}.commune_code = any($2::text[])` : '';

	const actors = await tx.query<{
		id: string;
		name: string;
		kind: string;
		worlds: string[] | null;
		commune_code: string | null;
	}>(
		`select a.id, a.name, a.kind, a.worlds, a.commune_code
		   from public.actor a
		  where a.territory_id = $1 ${inCommunes('a')}
		  order by a.id`,
		params
	);
	const links = await tx.query<{ from_actor: string; to_actor: string; kind: string }>(
		communes
			? `select l.from_actor, l.to_actor, l.kind
			     from public.link l
			     join public.actor f on f.territory_id = l.territory_id and f.id = l.from_actor
			     join public.actor t on t.territory_id = l.territory_id and t.id = l.to_actor
			    where l.territory_id = $1 ${inCommunes('f')} ${inCommunes('t')}`
			: `select l.from_actor, l.to_actor, l.kind from public.link l where l.territory_id = $1`,
		params
	);
	const participations = await tx.query<{ event_id: string; actor_id: string; role: string }>(
		communes
			? `select ea.event_id, ea.actor_id, ea.role
			     from public.event_actor ea
			    where ea.territory_id = $1
			      and ea.event_id in (
			            select here.event_id
			              from public.event_actor here
			              join public.actor a on a.territory_id = here.territory_id
			                                 and a.id = here.actor_id
			             where here.territory_id = $1 ${inCommunes('a')})`
			: `select ea.event_id, ea.actor_id, ea.role
			     from public.event_actor ea
			    where ea.territory_id = $1`,
		params
	);

	return {
		actors: actors.map((a): NetworkActor => ({
			id: a.id,
			name: a.name,
			kind: toActorKind(a.kind),
			worlds: a.worlds ?? [],
			communeCode: a.commune_code
		})),
		links: links
			.filter((l) => isLinkKind(l.kind))
			.map((l): NetworkLink => ({ from: l.from_actor, to: l.to_actor, kind: l.kind as LinkKind })),
		participations: participations.map((p): NetworkParticipation => ({
			eventId: p.event_id,
			actorId: p.actor_id,
			role: p.role === 'organiser' ? 'organiser' : 'participant'
		}))
	};
}
