import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandleAuth } from '$lib/server/auth';
import {
	AUTH_USER,
	fakeEvent,
	startAuthStandIn,
	VALID_PASSWORD,
	type AuthStandIn
} from '../../../tests/fixtures/auth-server';
import { actions } from './+page.server';

let auth: AuthStandIn;
beforeAll(async () => {
	auth = await startAuthStandIn();
});
afterAll(() => auth.close());

/** Runs the auth hook (so locals.supabase is the request's client), then the password action. */
async function signIn(fields: Record<string, string>, authUrl = auth.url) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	const event = fakeEvent([], {
		request: new Request('http://127.0.0.1/login?/password', { method: 'POST', body }),
		url: new URL('http://127.0.0.1/login')
	});
	await createHandleAuth(() => ({ url: authUrl, anonKey: 'anon-key' }))({
		event,
		resolve: async () => new Response('ok')
	});
	try {
		return { outcome: await actions.password!(event as RequestEvent as never), jar: event.jar };
	} catch (thrown) {
		return { outcome: thrown, jar: event.jar };
	}
}

describe('login with password', () => {
	it('signs in, stores the session cookie and redirects to a same-site page', async () => {
		const { outcome, jar } = await signIn({
			email: AUTH_USER.email,
			password: VALID_PASSWORD,
			next: '/t/pays-d-uzes/map'
		});
		expect(isRedirect(outcome) && outcome.status === 303 && outcome.location).toBe(
			'/t/pays-d-uzes/map'
		);
		expect([...jar.keys()].some((name) => name.startsWith('sb-127-auth-token'))).toBe(true);
	});

	it('never redirects off-site', async () => {
		const { outcome } = await signIn({
			email: AUTH_USER.email,
			password: VALID_PASSWORD,
			next: '//attaquant.example/piege'
		});
		expect(isRedirect(outcome) && outcome.location).toBe('/');
	});

	it('says the credentials are wrong when the Auth server refuses them', async () => {
		const { outcome, jar } = await signIn({ email: AUTH_USER.email, password: 'faux' });
		expect(isActionFailure(outcome) && outcome.status).toBe(400);
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({ error: 'wrong_credentials' });
		expect(jar.size).toBe(0);
	});

	it('says the service is unavailable, not that the password is wrong, when Auth is down', async () => {
		const { outcome } = await signIn(
			{ email: AUTH_USER.email, password: VALID_PASSWORD },
			'http://127.0.0.1:9'
		);
		expect(isActionFailure(outcome) && outcome.status).toBe(503);
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({ error: 'auth_unavailable' });
	});

	it('rejects a malformed address before asking anyone', async () => {
		const { outcome } = await signIn({ email: 'pas-une-adresse', password: 'x' });
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({
			error: 'invalid_email',
			email: 'pas-une-adresse'
		});
	});
});
