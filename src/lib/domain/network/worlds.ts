/**
 * The worlds of DESIGN.md in the order the matrices show them: the pairs that rarely meet side by
 * side (professional / amateur, urban / rural…); any other world follows in alphabetical order.
 */
export const WORLD_ORDER: readonly string[] = [
	'professionnel',
	'amateur',
	'urbain',
	'rural',
	'federation',
	'petite-association',
	'lucratif',
	'non-lucratif',
	'elu',
	'associatif'
];
