import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit puts a nonce (or, for prerendered pages, a hash) on its inline hydration script
		// and names it in script-src. The rest of the policy is set by the security hook
		// (src/lib/server/security/headers.ts), which keeps this script-src.
		csp: { mode: 'auto', directives: { 'script-src': ['self'] } }
	}
};

export default config;
