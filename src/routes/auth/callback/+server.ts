import { redirect } from '@sveltejs/kit';
import type { EmailOtpType } from '@supabase/supabase-js';
import { acceptInvitationsOnSignIn } from '$lib/server/queries/settings';
import { sameSitePath } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

// Where the magic link lands: either a PKCE `code` or a `token_hash` (email templates of
// https://supabase.com/docs/guides/auth/server-side/email-based-auth-with-pkce-flow-for-ssr).
export const GET: RequestHandler = async ({ url, locals }) => {
	const target = sameSitePath(url.searchParams.get('next'), url.origin);
	if (!locals.supabase) redirect(303, '/');

	const code = url.searchParams.get('code');
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type') as EmailOtpType | null;
	let failed = true;
	if (code) {
		failed = Boolean((await locals.supabase.auth.exchangeCodeForSession(code)).error);
	} else if (tokenHash && type) {
		failed = Boolean((await locals.supabase.auth.verifyOtp({ token_hash: tokenHash, type })).error);
	}
	if (failed) redirect(303, '/login?error=link');
	// An invited person lands in the territory they just joined, unless the link named a page.
	const joined = await acceptInvitationsOnSignIn(locals.supabase);
	redirect(303, target === '/' && joined[0] ? `/t/${joined[0].slug}/map` : target);
};
