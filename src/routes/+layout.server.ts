import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { id: locals.user.id, email: locals.user.email } : null,
	locale: locals.locale,
	// Signing out only means something with Supabase Auth; the embedded operator stays signed in.
	canSignOut: locals.supabase !== null && locals.user !== null
});
