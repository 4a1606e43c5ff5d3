/**
 * The demo territory as plain data, shaped after the census tables (camelCase here, snake_case
 * in SQL). Ids are UUIDs drawn from the seeded generator, so references hold before any insert.
 */

/** [lng, lat] */
export type LngLat = [number, number];

import type { ActorKind } from '../actor-kinds';

export type { ActorKind };

export const SECTORS = [
	'culture',
	'sport',
	'alimentation',
	'environnement',
	'social',
	'economie',
	'education',
	'numerique',
	'sante',
	'patrimoine',
	'agriculture',
	'tourisme',
	'mobilite',
	'artisanat'
] as const;
export type Sector = (typeof SECTORS)[number];

/** The worlds that rarely meet (DESIGN.md): each actor sits on one side of some of these pairs. */
export const WORLD_PAIRS = [
	['professionnel', 'amateur'],
	['urbain', 'rural'],
	['federation', 'petite-association'],
	['lucratif', 'non-lucratif'],
	['elu', 'associatif']
] as const;
export type World = (typeof WORLD_PAIRS)[number][number];

import type { ContactField } from '../contact-visibility';

export type { ContactField };
export type ContactVisibility = Partial<Record<ContactField, 'public' | 'members'>>;

export interface DemoTerritory {
	id: string;
	slug: string;
	name: string;
	communeCodes: string[];
	epciCode: string;
	licence: 'ODbL-1.0';
	visibility: 'public';
}

export interface DemoActor {
	id: string;
	/** Catalogue entry it was drawn from: lets places, events and offers find "the AMAP". */
	template: string;
	name: string;
	kind: ActorKind;
	legalForm: string | null;
	sectors: Sector[];
	worlds: World[];
	tags: string[];
	description: string;
	address: string;
	postcode: string;
	communeCode: string;
	email: string | null;
	phone: string | null;
	website: string | null;
	siret: string | null;
	rna: string | null;
	location: LngLat;
	locationQuality: 'exact' | 'street';
	contactVisibility: ContactVisibility;
}

export interface DemoPlace {
	id: string;
	name: string;
	kind: 'tiers-lieu' | 'salle' | 'jardin' | 'atelier' | 'mediatheque' | 'equipement-sportif';
	description: string;
	capacity: number;
	equipment: string[];
	accessibility: string;
	conditions: string;
	runBy: string;
	address: string;
	communeCode: string;
	location: LngLat;
}

export interface DemoEvent {
	id: string;
	title: string;
	description: string;
	/** ISO 8601, UTC. */
	startsAt: string;
	endsAt: string;
	placeId: string | null;
	communeCode: string;
	location: LngLat;
	theme: Sector;
	format: string;
	needs: string[];
	visibility: 'public' | 'members';
	organisers: string[];
	participants: string[];
}

export interface DemoOffer {
	id: string;
	actorId: string;
	direction: 'offer' | 'request';
	category: 'room' | 'equipment' | 'vehicle' | 'skill' | 'time' | 'other';
	title: string;
	description: string;
	conditions: string | null;
	/** YYYY-MM-DD */
	validFrom: string;
	validUntil: string | null;
}

export interface DemoLink {
	id: string;
	fromActor: string;
	toActor: string;
	kind: 'member_of' | 'partner' | 'co_organised';
	/** YYYY-MM-DD */
	since: string;
}

export interface DemoTerritoryData {
	territory: DemoTerritory;
	actors: DemoActor[];
	places: DemoPlace[];
	events: DemoEvent[];
	offers: DemoOffer[];
	links: DemoLink[];
}
