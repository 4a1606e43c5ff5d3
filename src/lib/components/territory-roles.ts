/** The names of the roles in a territory, in the order the pages list them (settings, account). */
import { m } from '$lib/i18n';
import type { TerritoryRole } from '$lib/server/queries/territories';

export const TERRITORY_ROLE_LABELS: Readonly<Record<TerritoryRole, () => string>> = {
	owner: m.settings_role_owner,
	editor: m.settings_role_editor,
	member: m.settings_role_member,
	viewer: m.settings_role_viewer
};

export const TERRITORY_ROLES = Object.keys(TERRITORY_ROLE_LABELS) as TerritoryRole[];
