import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { authMode } from '$lib/server/auth';
import { acceptInvitationsOnSignIn, EMAIL } from '$lib/server/queries/settings';
import { sameSitePath } from '$lib/server/redirect';
import { loginAttempt, waitText } from '$lib/server/security';
import type { Actions, PageServerLoad } from './$types';

/**
 * Past the login limit (per address and per email, password and magic link together: see
 * $lib/server/security), the form says how long to wait; the Auth server is not asked.
 */
function rateLimited(event: Pick<RequestEvent, 'getClientAddress' | 'setHeaders'>, email: string) {
	const seconds = loginAttempt(event, email);
	if (seconds === null) return null;
	event.setHeaders({ 'retry-after': String(seconds) });
	return fail(429, { email, error: 'rate_limited' as const, wait: waitText(seconds) });
}

export const load: PageServerLoad = async ({ locals, url }) => {
	return {
		mode: authMode(),
		next: sameSitePath(url.searchParams.get('next'), url.origin),
		signedIn: locals.user !== null
	};
};

export const actions: Actions = {
	password: async (event) => {
		const { request, locals, url } = event;
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = sameSitePath(form.get('next'), url.origin);
		if (!locals.supabase) return fail(400, { email, error: 'local_mode' as const });
		if (!EMAIL.test(email)) return fail(400, { email, error: 'invalid_email' as const });
		if (!password) return fail(400, { email, error: 'missing_password' as const });
		const limited = rateLimited(event, email);
		if (limited) return limited;
		const { error } = await locals.supabase.auth.signInWithPassword({ email, password });
		if (error) {
			// 400 is the Auth server's answer to bad credentials; anything else (no answer, 5xx)
			// means it could not be asked, which the person should not mistake for a wrong password.
			const wrong = error.status === 400 || error.code === 'invalid_credentials';
			return fail(wrong ? 400 : 503, {
				email,
				error: wrong ? ('wrong_credentials' as const) : ('auth_unavailable' as const)
			});
		}
		await acceptInvitationsOnSignIn(locals.supabase);
		redirect(303, next);
	},
	magic: async (event) => {
		const { request, locals, url } = event;
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const next = sameSitePath(form.get('next'), url.origin);
		if (!locals.supabase) return fail(400, { email, error: 'local_mode' as const });
		if (!EMAIL.test(email)) return fail(400, { email, error: 'invalid_email' as const });
		const limited = rateLimited(event, email);
		if (limited) return limited;
		const callback = new URL('/auth/callback', url.origin);
		callback.searchParams.set('next', next);
		const { error } = await locals.supabase.auth.signInWithOtp({
			email,
			options: { emailRedirectTo: callback.href, shouldCreateUser: false }
		});
		if (error) {
			const unavailable = !error.status || error.status >= 500;
			return fail(unavailable ? 503 : 400, {
				email,
				error: unavailable ? ('auth_unavailable' as const) : ('magic_link_failed' as const)
			});
		}
		return { email, sent: true };
	}
};
