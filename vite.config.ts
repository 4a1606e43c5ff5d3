import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' })
	],
	optimizeDeps: {
		// PGlite ships its own wasm/data files; pre-bundling breaks their relative URLs.
		exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	},
	ssr: {
		external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	},
	test: {
		include: [
			'src/**/*.test.ts',
			'tests/db/**/*.test.ts',
			'tests/unit/**/*.test.ts',
			'tests/postgrest/**/*.test.ts'
		],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// CI adds up every suite from these JSON reports (.ci/count.js).
		reporters: process.env.CI ? ['default', 'json'] : ['default'],
		outputFile: { json: process.env.VITEST_JSON_REPORT ?? 'test-results/unit.json' }
	}
});
