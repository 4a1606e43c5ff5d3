/**
 * The 35 member communes of the CC Pays d'Uzès (EPCI 200034379), as the demo territory uses them.
 *
 * Codes, names, populations and postcodes are copied from `@etalab/decoupage-administratif` 6.0.0
 * (`data/epci.json` for the membership, `data/communes.json` for the rest); `communes.test.ts`
 * checks them against the package so the table cannot drift silently. The table is committed
 * instead of importing the package at run time because `communes.json` weighs 8.6 MB and would be
 * bundled into the server for 35 rows.
 *
 * The package has no coordinates. `centre` is the area-weighted centroid of each commune's
 * polygon and `radiusKm` the radius of the disc of the same area, computed once from
 * gregoiredavid/france-geojson `departements/30-gard/communes-30-gard.geojson` (commit 5d34ee6,
 * IGN Admin Express COG 2018, Licence Ouverte); every centroid was checked to fall inside its
 * polygon.
 */

export interface DemoCommune {
	/** INSEE code. */
	code: string;
	name: string;
	/** Population (INSEE) as published in the package. */
	population: number;
	postcode: string;
	/** [lng, lat] */
	centre: [number, number];
	/** Radius of a disc with the commune's area: bounds how far from the centre actors are put. */
	radiusKm: number;
}

export const PAYS_D_UZES_EPCI = '200034379';

export const PAYS_D_UZES_COMMUNES: readonly DemoCommune[] = [
	{
		code: '30334',
		name: 'Uzès',
		population: 8519,
		postcode: '30700',
		centre: [4.4162, 44.01334],
		radiusKm: 2.84
	},
	{
		code: '30295',
		name: 'Saint-Quentin-la-Poterie',
		population: 3173,
		postcode: '30700',
		centre: [4.43847, 44.05729],
		radiusKm: 2.76
	},
	{
		code: '30073',
		name: 'Castillon-du-Gard',
		population: 1695,
		postcode: '30210',
		centre: [4.55586, 43.97821],
		radiusKm: 2.37
	},
	{
		code: '30184',
		name: 'Moussac',
		population: 1564,
		postcode: '30190',
		centre: [4.23497, 43.97753],
		radiusKm: 1.55
	},
	{
		code: '30174',
		name: 'Montaren-et-Saint-Médiers',
		population: 1397,
		postcode: '30700',
		centre: [4.38335, 44.04497],
		radiusKm: 2.47
	},
	{
		code: '30041',
		name: 'Blauzac',
		population: 1234,
		postcode: '30700',
		centre: [4.37504, 43.96668],
		radiusKm: 2.24
	},
	{
		code: '30299',
		name: 'Saint-Siffret',
		population: 1126,
		postcode: '30700',
		centre: [4.46853, 44.0154],
		radiusKm: 1.9
	},
	{
		code: '30014',
		name: 'Arpaillargues-et-Aureillac',
		population: 1039,
		postcode: '30700',
		centre: [4.36485, 43.99966],
		radiusKm: 2.09
	},
	{
		code: '30308',
		name: 'Sanilhac-Sagriès',
		population: 842,
		postcode: '30700',
		centre: [4.41972, 43.95497],
		radiusKm: 2.65
	},
	{
		code: '30286',
		name: 'Saint-Maximin',
		population: 798,
		postcode: '30700',
		centre: [4.4558, 43.98811],
		radiusKm: 1.78
	},
	{
		code: '30126',
		name: 'Garrigues-Sainte-Eulalie',
		population: 776,
		postcode: '30190',
		centre: [4.30547, 43.98855],
		radiusKm: 1.77
	},
	{
		code: '30279',
		name: 'Saint-Laurent-la-Vernède',
		population: 709,
		postcode: '30330',
		centre: [4.46129, 44.11128],
		radiusKm: 1.93
	},
	{
		code: '30086',
		name: 'Collorgues',
		population: 671,
		postcode: '30190',
		centre: [4.2872, 44.01621],
		radiusKm: 1.72
	},
	{
		code: '30319',
		name: 'Serviers-et-Labaume',
		population: 590,
		postcode: '30700',
		centre: [4.34444, 44.03832],
		radiusKm: 1.99
	},
	{
		code: '30001',
		name: 'Aigaliers',
		population: 540,
		postcode: '30700',
		centre: [4.31113, 44.06943],
		radiusKm: 2.97
	},
	{
		code: '30151',
		name: 'Lussan',
		population: 545,
		postcode: '30580',
		centre: [4.37549, 44.16665],
		radiusKm: 3.84
	},
	{
		code: '30248',
		name: 'Saint-Dézéry',
		population: 457,
		postcode: '30190',
		centre: [4.2652, 43.99526],
		radiusKm: 1.38
	},
	{
		code: '30013',
		name: 'Argilliers',
		population: 436,
		postcode: '30210',
		centre: [4.49098, 43.98149],
		radiusKm: 1.46
	},
	{
		code: '30111',
		name: 'Foissac',
		population: 445,
		postcode: '30700',
		centre: [4.29935, 44.0359],
		radiusKm: 1.11
	},
	{
		code: '30067',
		name: 'La Capelle-et-Masmolène',
		population: 441,
		postcode: '30700',
		centre: [4.53144, 44.04718],
		radiusKm: 2.8
	},
	{
		code: '30337',
		name: 'Vallabrix',
		population: 414,
		postcode: '30700',
		centre: [4.4833, 44.06558],
		radiusKm: 1.58
	},
	{
		code: '30049',
		name: 'Bourdic',
		population: 359,
		postcode: '30190',
		centre: [4.33463, 43.97765],
		radiusKm: 1.52
	},
	{
		code: '30030',
		name: 'Baron',
		population: 337,
		postcode: '30700',
		centre: [4.27479, 44.05554],
		radiusKm: 1.78
	},
	{
		code: '30110',
		name: 'Flaux',
		population: 336,
		postcode: '30700',
		centre: [4.51072, 44.01308],
		radiusKm: 1.87
	},
	{
		code: '30056',
		name: 'La Bruguière',
		population: 332,
		postcode: '30580',
		centre: [4.40142, 44.10366],
		radiusKm: 2.29
	},
	{
		code: '30021',
		name: 'Aubussargues',
		population: 333,
		postcode: '30190',
		centre: [4.32661, 44.01016],
		radiusKm: 1.61
	},
	{
		code: '30301',
		name: 'Saint-Victor-des-Oules',
		population: 301,
		postcode: '30700',
		centre: [4.48453, 44.04306],
		radiusKm: 1.22
	},
	{
		code: '30205',
		name: 'Pougnadoresse',
		population: 271,
		postcode: '30330',
		centre: [4.50904, 44.09162],
		radiusKm: 1.56
	},
	{
		code: '30115',
		name: 'Fontarèches',
		population: 256,
		postcode: '30580',
		centre: [4.43106, 44.1164],
		radiusKm: 2.05
	},
	{
		code: '30262',
		name: 'Saint-Hippolyte-de-Montaigu',
		population: 246,
		postcode: '30700',
		centre: [4.49462, 44.03309],
		radiusKm: 1.14
	},
	{
		code: '30035',
		name: 'Belvézet',
		population: 250,
		postcode: '30580',
		centre: [4.35586, 44.09081],
		radiusKm: 2.66
	},
	{
		code: '30113',
		name: 'Fons-sur-Lussan',
		population: 241,
		postcode: '30580',
		centre: [4.32813, 44.18533],
		radiusKm: 1.83
	},
	{
		code: '30031',
		name: "La Bastide-d'Engras",
		population: 205,
		postcode: '30330',
		centre: [4.47695, 44.09343],
		radiusKm: 1.76
	},
	{
		code: '30048',
		name: 'Bouquet',
		population: 198,
		postcode: '30580',
		centre: [4.29237, 44.15391],
		radiusKm: 3.09
	},
	{
		code: '30338',
		name: 'Vallérargues',
		population: 132,
		postcode: '30580',
		centre: [4.35658, 44.12698],
		radiusKm: 2.02
	}
];
