export * from './draw';
export { SeedStream } from './stream';
export { sha256Hex } from './sha256';
