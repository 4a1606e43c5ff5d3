export * from './types';
export { fold, osaDistance, editSimilarity, wordSimilarity } from './text';
export { normalizeName, nameWords } from './names';
export { normalizeAddress } from './address';
export { normalizePhone, normalizePhones, normalizeEmails, normalizeWebsites } from './contact';
export {
	luhnValid,
	normalizeSiret,
	normalizeSiren,
	normalizeRna,
	normalizeIdentifier
} from './identifiers';
export { CommuneIndex, communeKey, normalizeInseeCode, normalizePostcode } from './communes';
export type { CommuneEntry, ResolvedCommune } from './communes';
export { normalizeRecord, roleValue } from './normalize';
export { blockingKeys, candidatePairs } from './blocking';
export { scorePair, tokenSimilarity, TokenWeights, type Comparison } from './score';
export { ConstrainedClusters } from './cluster';
export { mergeActor, type MergedActor, type MergedField } from './merge';
export {
	runCensus,
	classify,
	explainPair,
	DEFAULT_THRESHOLDS,
	type CensusOptions,
	type CensusResult,
	type CensusStats,
	type ReviewPair,
	type Thresholds,
	type Stage
} from './engine';
export { pairwiseScores, type PairwiseScores } from './evaluate';
