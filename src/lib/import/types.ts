import type { RoleMapping, SourceRecord } from '../domain/census/types';

export type IssueCode =
	| 'empty_file'
	| 'no_rows'
	| 'binary_file'
	| 'unreadable'
	| 'bad_quotes'
	| 'too_many_fields'
	| 'too_few_fields'
	| 'long_field'
	| 'nul_character'
	| 'bad_feature'
	| 'unknown_format';

/**
 * A problem met while reading. `rejected` rows are not records (they appear nowhere else);
 * `warning` rows were kept. `row` is 1-based, header excluded; null for the whole file.
 */
export interface ReadIssue {
	file: string;
	row: number | null;
	column: string | null;
	code: IssueCode;
	severity: 'rejected' | 'warning' | 'fatal';
	message: string;
	messageEn: string;
}

export type ListingFormat = 'csv' | 'xlsx' | 'geojson' | 'json';

export interface ReadListing {
	file: string;
	format: ListingFormat;
	encoding?: string;
	delimiter?: string;
	headers: string[];
	records: SourceRecord[];
	issues: ReadIssue[];
	roles: RoleMapping;
}

export function issue(
	file: string,
	code: IssueCode,
	severity: ReadIssue['severity'],
	message: string,
	messageEn: string,
	row: number | null = null,
	column: string | null = null
): ReadIssue {
	return { file, row, column, code, severity, message, messageEn };
}
