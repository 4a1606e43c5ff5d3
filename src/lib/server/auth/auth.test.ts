import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OPERATOR } from '$lib/server/db/types';
import {
	AUTH_USER,
	fakeEvent,
	sessionCookie,
	startAuthStandIn,
	VALID_TOKEN,
	type AuthStandIn
} from '../../../../tests/fixtures/auth-server';
import { createHandleAuth, supabaseConfig } from './index';

let auth: AuthStandIn;
beforeAll(async () => {
	auth = await startAuthStandIn();
});
afterAll(() => auth.close());

async function run(config: ReturnType<typeof supabaseConfig>, event: RequestEvent) {
	const handle = createHandleAuth(() => config);
	await handle({ event, resolve: async () => new Response('ok') });
	return event.locals;
}

describe('auth hook', () => {
	it('reads the Supabase configuration only when both variables are set', () => {
		expect(supabaseConfig({})).toBeNull();
		expect(supabaseConfig({ PUBLIC_SUPABASE_URL: 'https://x.supabase.co' })).toBeNull();
		expect(
			supabaseConfig({
				PUBLIC_SUPABASE_URL: 'https://x.supabase.co',
				PUBLIC_SUPABASE_ANON_KEY: 'k'
			})
		).toEqual({ url: 'https://x.supabase.co', anonKey: 'k' });
	});

	it('without Supabase, the request runs as the local operator', async () => {
		const locals = await run(null, fakeEvent([]));
		expect(locals.user?.id).toBe(LOCAL_OPERATOR.id);
		expect(locals.claims).toMatchObject({ role: 'authenticated', sub: LOCAL_OPERATOR.id });
		expect(locals.supabase).toBeNull();
	});

	it.each([
		['a foreign Host name (DNS rebinding)', 'http://attaquant.example:3000/', '127.0.0.1'],
		['a client on another machine', 'http://127.0.0.1:3000/', '192.168.1.20'],
		['a mapped non-loopback client', 'http://localhost:3000/', '::ffff:10.0.0.2']
	])('without Supabase, refuses %s', async (_case, url, client) => {
		const event = fakeEvent([], { url: new URL(url), getClientAddress: () => client });
		await expect(run(null, event)).rejects.toMatchObject({ status: 403 });
		expect(event.locals.user).toBeUndefined();
	});

	it('without Supabase, accepts localhost and IPv6 loopback', async () => {
		for (const [url, client] of [
			['http://localhost:3000/', '::ffff:127.0.0.1'],
			['http://[::1]:3000/', '::1']
		] as const) {
			const locals = await run(
				null,
				fakeEvent([], { url: new URL(url), getClientAddress: () => client })
			);
			expect(locals.user?.id).toBe(LOCAL_OPERATOR.id);
		}
	});

	it('with Supabase and no session, the request is anonymous', async () => {
		const locals = await run({ url: auth.url, anonKey: 'anon-key' }, fakeEvent([]));
		expect(locals.user).toBeNull();
		expect(locals.claims).toEqual({ role: 'anon' });
		expect(locals.supabase).not.toBeNull();
	});

	it('a session the Auth server confirms gives the user claims', async () => {
		const locals = await run(
			{ url: auth.url, anonKey: 'anon-key' },
			fakeEvent([sessionCookie(VALID_TOKEN)])
		);
		expect(auth.seenTokens.at(-1)).toBe(VALID_TOKEN);
		expect(locals.user).toEqual({ id: AUTH_USER.id, email: AUTH_USER.email });
		expect(locals.claims).toMatchObject({
			role: 'authenticated',
			sub: AUTH_USER.id,
			email: AUTH_USER.email
		});
	});

	it('a cookie the Auth server rejects is not trusted, whatever user it claims', async () => {
		const locals = await run(
			{ url: auth.url, anonKey: 'anon-key' },
			fakeEvent([sessionCookie('forged-token')])
		);
		expect(auth.seenTokens.at(-1)).toBe('forged-token');
		expect(locals.user).toBeNull();
		expect(locals.claims).toEqual({ role: 'anon' });
	});
});
