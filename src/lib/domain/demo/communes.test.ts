import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PAYS_D_UZES_COMMUNES, PAYS_D_UZES_EPCI } from './communes';

// Read through require so TypeScript does not infer a type for 8.6 MB of JSON.
const require = createRequire(import.meta.url);
interface PackageEpci {
	code: string;
	membres: { code: string; nom: string }[];
}
interface PackageCommune {
	code: string;
	nom: string;
	type: string;
	population?: number;
	codesPostaux?: string[];
}
const epcis = require('@etalab/decoupage-administratif/data/epci.json') as PackageEpci[];
const communes = require('@etalab/decoupage-administratif/data/communes.json') as PackageCommune[];

/** Bounding box of the Gard [w, s, e, n], from the department outline (IGN Admin Express). */
const GARD_BBOX = [3.2626, 43.46019, 4.84555, 44.4598] as const;

describe('Pays d’Uzès communes table', () => {
	const epci = epcis.find((e) => e.code === PAYS_D_UZES_EPCI);

	it('lists exactly the members of the EPCI in @etalab/decoupage-administratif', () => {
		expect(epci).toBeDefined();
		expect(PAYS_D_UZES_COMMUNES.map((c) => c.code).sort()).toEqual(
			(epci?.membres ?? []).map((m) => m.code).sort()
		);
		expect(PAYS_D_UZES_COMMUNES).toHaveLength(35);
	});

	it('copies name, population and postcode from communes.json', () => {
		for (const row of PAYS_D_UZES_COMMUNES) {
			const source = communes.find((c) => c.code === row.code && c.type === 'commune-actuelle');
			expect(source, row.code).toBeDefined();
			expect(row.name).toBe(source?.nom);
			expect(row.population).toBe(source?.population);
			expect(source?.codesPostaux).toContain(row.postcode);
		}
	});

	it('puts every centre inside the Gard with a plausible radius', () => {
		for (const { centre, radiusKm, code } of PAYS_D_UZES_COMMUNES) {
			const [lng, lat] = centre;
			expect(lng, code).toBeGreaterThan(GARD_BBOX[0]);
			expect(lat, code).toBeGreaterThan(GARD_BBOX[1]);
			expect(lng, code).toBeLessThan(GARD_BBOX[2]);
			expect(lat, code).toBeLessThan(GARD_BBOX[3]);
			expect(radiusKm, code).toBeGreaterThan(0.5);
			expect(radiusKm, code).toBeLessThan(6);
		}
	});
});
