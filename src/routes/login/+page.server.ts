import { fail, redirect } from '@sveltejs/kit';
import { authMode } from '$lib/server/auth';
import { sameSitePath } from '$lib/server/redirect';
import type { Actions, PageServerLoad } from './$types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const load: PageServerLoad = async ({ locals, url }) => {
	return {
		mode: authMode(),
		next: sameSitePath(url.searchParams.get('next'), url.origin),
		signedIn: locals.user !== null
	};
};

export const actions: Actions = {
	password: async ({ request, locals, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = sameSitePath(form.get('next'), url.origin);
		if (!locals.supabase) return fail(400, { email, error: 'local_mode' as const });
		if (!EMAIL.test(email)) return fail(400, { email, error: 'invalid_email' as const });
		if (!password) return fail(400, { email, error: 'missing_password' as const });
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
		redirect(303, next);
	},
	magic: async ({ request, locals, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const next = sameSitePath(form.get('next'), url.origin);
		if (!locals.supabase) return fail(400, { email, error: 'local_mode' as const });
		if (!EMAIL.test(email)) return fail(400, { email, error: 'invalid_email' as const });
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
