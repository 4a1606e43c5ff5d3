import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OPERATOR } from '$lib/server/db/types';
import { createHandleAuth, supabaseConfig } from './index';

// A stand-in for the Supabase Auth server (GoTrue): it answers GET /auth/v1/user as the real one
// does, for one access token only. The real service is on the internet; tests never reach it.
const USER = {
	id: '6f1c2a9e-3b4d-4c5e-8f70-112233445566',
	aud: 'authenticated',
	role: 'authenticated',
	email: 'coordination@reseau.example',
	app_metadata: { provider: 'email' },
	user_metadata: {},
	created_at: '2026-11-01T09:00:00Z'
};
const VALID_TOKEN = 'access-token-accepted-by-the-server';

let server: Server;
let url: string;
const seenTokens: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
		if (req.method === 'GET' && req.url?.startsWith('/auth/v1/user')) {
			seenTokens.push(token);
			res.setHeader('content-type', 'application/json');
			if (token === VALID_TOKEN) {
				res.end(JSON.stringify(USER));
			} else {
				res.statusCode = 403;
				res.end(JSON.stringify({ code: 403, error_code: 'bad_jwt', msg: 'invalid JWT' }));
			}
			return;
		}
		res.statusCode = 404;
		res.end('{}');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	// supabase-js keeps its HTTP connections alive: close them, or the server never stops.
	server.closeAllConnections();
	await new Promise<void>((done) => server.close(() => done()));
});

/** The session cookie as @supabase/ssr writes it (base64url-encoded JSON, "base64-" prefix). */
function sessionCookie(accessToken: string): { name: string; value: string } {
	const session = {
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: 3600,
		expires_at: Math.floor(Date.now() / 1000) + 3600,
		refresh_token: 'refresh-token',
		user: USER
	};
	return {
		name: 'sb-127-auth-token',
		value: `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`
	};
}

function fakeEvent(cookies: { name: string; value: string }[]): RequestEvent {
	const jar = new Map(cookies.map((cookie) => [cookie.name, cookie.value]));
	const cookieApi: Partial<Cookies> = {
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		get: (name) => jar.get(name),
		set: (name, value) => void jar.set(name, value)
	};
	return { cookies: cookieApi, locals: {} } as unknown as RequestEvent;
}

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

	it('with Supabase and no session, the request is anonymous', async () => {
		const locals = await run({ url, anonKey: 'anon-key' }, fakeEvent([]));
		expect(locals.user).toBeNull();
		expect(locals.claims).toEqual({ role: 'anon' });
		expect(locals.supabase).not.toBeNull();
	});

	it('a session the Auth server confirms gives the user claims', async () => {
		const locals = await run({ url, anonKey: 'anon-key' }, fakeEvent([sessionCookie(VALID_TOKEN)]));
		expect(seenTokens.at(-1)).toBe(VALID_TOKEN);
		expect(locals.user).toEqual({ id: USER.id, email: USER.email });
		expect(locals.claims).toMatchObject({ role: 'authenticated', sub: USER.id, email: USER.email });
	});

	it('a cookie the Auth server rejects is not trusted, whatever user it claims', async () => {
		const locals = await run(
			{ url, anonKey: 'anon-key' },
			fakeEvent([sessionCookie('forged-token')])
		);
		expect(seenTokens.at(-1)).toBe('forged-token');
		expect(locals.user).toBeNull();
		expect(locals.claims).toEqual({ role: 'anon' });
	});
});
