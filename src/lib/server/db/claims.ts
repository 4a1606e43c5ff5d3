import type { Claims, DbRole } from './types';

const ROLES: readonly DbRole[] = ['anon', 'authenticated', 'service_role'];

/**
 * `set local role` takes an identifier, not a parameter: only the three API roles are accepted,
 * so a claim can never name another role.
 */
export function roleOf(claims: Claims): DbRole {
	if (!ROLES.includes(claims.role)) {
		throw new Error(`Unknown database role in claims: ${String(claims.role)}`);
	}
	return claims.role;
}
