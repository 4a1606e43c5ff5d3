/**
 * Browser side of the import wizard: the request sent to the server, the NDJSON progress stream
 * read back, and the CSV report of rejected rows. Kept out of the page so it can be tested.
 */
import type { ReadIssue } from '$lib/import/types';
import type { RoleMapping } from '$lib/domain/census/types';
import { neutraliseCell } from '$lib/domain/export/neutralise';
import { UTF8_BOM } from '$lib/domain/export/csv';

export interface PlannedFile {
	file: File;
	/** Absent: the server detects the roles exactly as the preview did. */
	mapping?: RoleMapping;
	/** Source id to update, or 'new'. */
	target: string;
}

/** `eventId`: the files are a participants sheet of that event (commit only). */
export function importForm(files: readonly PlannedFile[], eventId?: string): FormData {
	const form = new FormData();
	if (eventId !== undefined) form.append('event', eventId);
	for (const f of files) form.append('file', f.file, f.file.name);
	form.append(
		'plan',
		JSON.stringify(files.map((f) => ({ name: f.file.name, mapping: f.mapping, target: f.target })))
	);
	return form;
}

/** Reads a stream of JSON lines, calling `onMessage` for each complete line. */
export async function readJsonLines(
	body: ReadableStream<Uint8Array>,
	onMessage: (message: unknown) => void
): Promise<void> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		buffer += decoder.decode(value, { stream: !done });
		let nl: number;
		while ((nl = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, nl).trim();
			buffer = buffer.slice(nl + 1);
			if (line !== '') onMessage(JSON.parse(line));
		}
		if (done) break;
	}
	if (buffer.trim() !== '') onMessage(JSON.parse(buffer));
}

function csvCell(value: string): string {
	// The same formula neutralisation as the census exports (a cell starting with = + - @ …).
	const safe = neutraliseCell(value);
	return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows that were not imported, and the warnings, as a CSV for Excel (`;`, BOM). */
export function issuesCsv(issues: readonly ReadIssue[], english = false): string {
	const header = english
		? ['file', 'row', 'column', 'severity', 'reason']
		: ['fichier', 'ligne', 'colonne', 'gravité', 'raison'];
	const severity = (s: ReadIssue['severity']): string =>
		english ? s : { rejected: 'rejetée', warning: 'avertissement', fatal: 'fichier illisible' }[s];
	const lines = [header.join(';')];
	for (const i of issues) {
		lines.push(
			[
				i.file,
				i.row === null ? '' : String(i.row),
				i.column ?? '',
				severity(i.severity),
				english ? i.messageEn : i.message
			]
				.map(csvCell)
				.join(';')
		);
	}
	return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
