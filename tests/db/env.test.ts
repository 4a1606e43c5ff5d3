import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../../src/lib/server/db/index';
import { Mutex } from '../../src/lib/server/db/mutex';
import { looksPooled } from '../../src/lib/server/db/postgres';

describe('optionsFromEnv', () => {
	it('uses Postgres when DATABASE_URL is set', () => {
		const options = optionsFromEnv({ DATABASE_URL: 'postgres://u:p@db.example.org:5432/postgres' });
		expect(options).toMatchObject({
			kind: 'postgres',
			url: 'postgres://u:p@db.example.org:5432/postgres'
		});
		expect(options).not.toHaveProperty('pooled');
	});

	it('lets DATABASE_POOLED override the guess', () => {
		expect(
			optionsFromEnv({ DATABASE_URL: 'postgres://u@h:6543/p', DATABASE_POOLED: 'false' })
		).toMatchObject({ pooled: false });
	});

	it('uses the embedded database in MAILLAGE_DATA_DIR, ./data by default, memory on request', () => {
		expect(optionsFromEnv({})).toMatchObject({ kind: 'embedded', dataDir: resolve('data') });
		expect(optionsFromEnv({ MAILLAGE_DATA_DIR: '/var/lib/maillage' })).toMatchObject({
			dataDir: '/var/lib/maillage'
		});
		expect(optionsFromEnv({ MAILLAGE_DATA_DIR: 'memory://' })).toMatchObject({ dataDir: null });
	});
});

describe('looksPooled', () => {
	it('recognises Supabase transaction poolers', () => {
		expect(looksPooled('postgres://u:p@aws-0-eu-west-3.pooler.supabase.com:6543/postgres')).toBe(
			true
		);
		expect(looksPooled('postgres://u:p@localhost:6543/postgres')).toBe(true);
		expect(looksPooled('postgres://u:p@db.abc.supabase.co:5432/postgres')).toBe(false);
		expect(looksPooled('not a url')).toBe(false);
	});
});

describe('Mutex', () => {
	it('runs tasks one at a time, in order, even after a failure', async () => {
		const mutex = new Mutex();
		const log: string[] = [];
		const task = (name: string, ms: number, fail = false) =>
			mutex.run(async () => {
				log.push(`${name}:start`);
				await new Promise((r) => setTimeout(r, ms));
				log.push(`${name}:end`);
				if (fail) throw new Error(name);
				return name;
			});
		const results = await Promise.allSettled([task('a', 30), task('b', 5, true), task('c', 1)]);
		expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
	});
});
