import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { createHandleAuth } from '$lib/server/auth';
import {
	AUTH_USER,
	fakeEvent,
	startAuthStandIn,
	type AuthStandIn
} from '../../../tests/fixtures/auth-server';
import { actions } from './+page.server';

// The login limit as configured by default (MAILLAGE_RATE_LIMIT_LOGIN unset): 10 attempts per
// 10 minutes, per address and per email, password and magic link together. The limiter is the
// server's own (this test file has its own module instance of it).

let auth: AuthStandIn;
beforeAll(async () => {
	auth = await startAuthStandIn();
});
afterAll(() => auth.close());

async function attempt(
	action: 'password' | 'magic',
	fields: Record<string, string>,
	address: string,
	authUrl = auth.url
) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	const headers: Record<string, string> = {};
	const event = fakeEvent([], {
		request: new Request(`http://127.0.0.1/login?/${action}`, { method: 'POST', body }),
		url: new URL('http://127.0.0.1/login'),
		getClientAddress: () => address,
		setHeaders: (set: Record<string, string>) => void Object.assign(headers, set)
	});
	await createHandleAuth(() => ({ url: authUrl, anonKey: 'anon-key' }))({
		event,
		resolve: async () => new Response('ok')
	});
	try {
		return { outcome: await actions[action]!(event as RequestEvent as never), headers };
	} catch (thrown) {
		return { outcome: thrown, headers };
	}
}

describe('login rate limit', () => {
	it('refuses the 11th attempt from one address with the wait, without asking the Auth server', async () => {
		for (let i = 1; i <= 10; i++) {
			const { outcome } = await attempt(
				'password',
				{ email: `personne${i}@reseau.example`, password: 'faux' },
				'203.0.113.10'
			);
			expect(isActionFailure(outcome) && outcome.data, `attempt ${i}`).toMatchObject({
				error: 'wrong_credentials'
			});
		}
		// An unreachable Auth server: asked, it would answer « unavailable » (503), not 429.
		const { outcome, headers } = await attempt(
			'password',
			{ email: AUTH_USER.email, password: 'faux' },
			'203.0.113.10',
			'http://127.0.0.1:9'
		);
		expect(isActionFailure(outcome) && outcome.status).toBe(429);
		expect(isActionFailure(outcome) && outcome.data).toEqual({
			email: AUTH_USER.email,
			error: 'rate_limited',
			wait: '10 min'
		});
		expect(headers['retry-after']).toBe('600');
		// What the login page shows for it.
		expect(m.sec_login_rate_limited({ wait: '10 min' }, { locale: 'fr' })).toBe(
			'Trop de tentatives de connexion. Réessayez dans 10 min.'
		);

		// The magic link shares the count.
		const magic = await attempt('magic', { email: 'autre@reseau.example' }, '203.0.113.10');
		expect(isActionFailure(magic.outcome) && magic.outcome.data).toMatchObject({
			error: 'rate_limited'
		});
	});

	it('refuses the 11th attempt on one email whatever the address', async () => {
		const email = 'cible@reseau.example';
		for (let i = 1; i <= 10; i++) {
			const { outcome } = await attempt('password', { email, password: 'faux' }, `198.51.100.${i}`);
			expect(isActionFailure(outcome) && outcome.data, `attempt ${i}`).toMatchObject({
				error: 'wrong_credentials'
			});
		}
		const { outcome } = await attempt('password', { email, password: 'faux' }, '198.51.100.200');
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({ error: 'rate_limited' });
		// Someone else from that last address is not held back.
		const other = await attempt(
			'password',
			{ email: 'voisin@reseau.example', password: 'faux' },
			'198.51.100.201'
		);
		expect(isActionFailure(other.outcome) && other.outcome.data).toMatchObject({
			error: 'wrong_credentials'
		});
	});

	it('does not count malformed forms (they never reach the Auth server)', async () => {
		for (let i = 0; i < 15; i++) {
			const { outcome } = await attempt(
				'password',
				{ email: 'pas-une-adresse', password: 'x' },
				'192.0.2.50'
			);
			expect(isActionFailure(outcome) && outcome.data).toMatchObject({ error: 'invalid_email' });
		}
	});
});
