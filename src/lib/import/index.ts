export { readListing, formatOf, type ReadOptions } from './read';
export { readCsv, detectDelimiter } from './csv';
export { readXlsx } from './xlsx';
export { readJson } from './json';
export { decodeText, looksBinary } from './decode';
export { detectRoles, applyMapping, parseFileMapping, headerKey, MappingError } from './roles';
export type { ReadIssue, ReadListing, IssueCode, ListingFormat } from './types';
