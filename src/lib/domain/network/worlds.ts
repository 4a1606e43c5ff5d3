import { WORLDS } from '../worlds';

/**
 * The worlds of DESIGN.md in the order the matrices show them: the pairs that rarely meet side by
 * side (professional / amateur, urban / rural…), as src/lib/domain/worlds.ts lists them; any
 * other world follows in alphabetical order.
 */
export const WORLD_ORDER: readonly string[] = WORLDS;
