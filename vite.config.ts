import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: {
		// PGlite ships its own wasm/data files; pre-bundling breaks their relative URLs.
		exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	},
	ssr: {
		external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis']
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
