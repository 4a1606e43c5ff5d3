import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4173);
// Every run starts on a new embedded database, so the demo territory is loaded as on a first start.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'maillage-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
		: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		locale: 'fr-FR',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node scripts/start.js',
		url: `http://127.0.0.1:${port}/`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			MAILLAGE_DATA_DIR: dataDir,
			PUBLIC_SUPABASE_URL: '',
			PUBLIC_SUPABASE_ANON_KEY: '',
			// Nothing leaves the machine in tests: commune centres instead of the BAN.
			MAILLAGE_GEOCODER: 'offline',
			// Commune outlines from the evaluation data beside the checkout, as a recorded Geo API
			// answer (the product itself asks geo.api.gouv.fr and caches what it gets).
			MAILLAGE_COMMUNE_SHAPES_FILE: resolve('../shared/data/geo-gard/communes-30-gard.geojson')
		}
	}
});
