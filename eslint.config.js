import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'src/lib/supabase/database.types.ts',
			'test-results/',
			'playwright-report/',
			'out/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The domain stays pure: no framework, no database, no outside service.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['svelte', 'svelte/*'], message: 'src/lib/domain must not import Svelte.' },
						{
							group: ['$app/*', '@sveltejs/*'],
							message: 'src/lib/domain must not import SvelteKit.'
						},
						{
							group: ['$lib/server/*', '**/server/**'],
							message: 'src/lib/domain must not import server code.'
						},
						{ group: ['@supabase/*'], message: 'src/lib/domain must not import Supabase.' },
						{
							group: ['@electric-sql/*', 'postgres', 'pg', 'maplibre-gl'],
							message: 'src/lib/domain must not import a database driver or the map library.'
						}
					]
				}
			]
		}
	}
);
