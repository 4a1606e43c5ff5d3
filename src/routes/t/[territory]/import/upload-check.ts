/**
 * The wizard's checks before anything is sent: the same limits as the server
 * (`UPLOAD_LIMITS` of $lib/server/census/upload, handed over by the page's load), with a message
 * that names the file. Also the message for an upload the server (or a proxy in front of it)
 * refused for its size, whose answer is often not even JSON.
 */
import { getLocale, m } from '$lib/i18n';

export interface UploadLimits {
	maxFileBytes: number;
	maxFiles: number;
	maxTotalBytes: number;
	extensions: readonly string[];
}

const MB = 1024 * 1024;

/** "12,4" (MB with one decimal, as the French messages write it) — or "12.4" in English. */
export function megabytes(bytes: number): string {
	const value = (bytes / MB).toFixed(1);
	return getLocale() === 'fr' ? value.replace('.', ',') : value;
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export interface Sorted {
	accepted: File[];
	/** One message per file not added, naming it. */
	refused: string[];
}

/**
 * Splits the files a person dropped into those the wizard takes and those it refuses, given the
 * ones already chosen. Files already chosen under the same name are skipped silently (the
 * wizard keeps the first).
 */
export function sortFiles(
	files: Iterable<File>,
	chosen: readonly File[],
	limits: UploadLimits
): Sorted {
	const accepted: File[] = [];
	const refused: string[] = [];
	const names = new Set(chosen.map((f) => f.name));
	let count = chosen.length;
	let total = chosen.reduce((sum, f) => sum + f.size, 0);
	for (const file of files) {
		if (names.has(file.name)) continue;
		const name = file.name;
		if (!limits.extensions.includes(extensionOf(name))) {
			refused.push(m.sec_upload_unknown_type({ file: name }));
		} else if (file.size === 0) {
			refused.push(m.sec_upload_empty({ file: name }));
		} else if (file.size > limits.maxFileBytes) {
			refused.push(
				m.sec_upload_too_big({
					file: name,
					size: megabytes(file.size),
					max: String(limits.maxFileBytes / MB)
				})
			);
		} else if (count >= limits.maxFiles) {
			refused.push(m.sec_upload_too_many({ file: name, max: String(limits.maxFiles) }));
		} else if (total + file.size > limits.maxTotalBytes) {
			refused.push(
				m.sec_upload_total_too_big({ file: name, max: String(limits.maxTotalBytes / MB) })
			);
		} else {
			accepted.push(file);
			names.add(name);
			count++;
			total += file.size;
		}
	}
	return { accepted, refused };
}

/**
 * The message of a failed upload answer: the server's own (JSON `message`) when it gave one,
 * else one that says what happened — a 413 from the server or a proxy is about size.
 */
export async function uploadFailure(
	response: Response,
	sentBytes: number,
	fallback: string
): Promise<string> {
	let message: string | undefined;
	try {
		const body = (await response.json()) as { message?: unknown };
		if (typeof body.message === 'string' && body.message !== '') message = body.message;
	} catch {
		// Not JSON: a proxy's HTML page, or nothing.
	}
	if (response.status === 413) {
		return m.sec_upload_payload_too_large({ size: megabytes(sentBytes) });
	}
	if (message !== undefined) return message;
	if (response.status >= 400) return m.sec_upload_server_error({ status: String(response.status) });
	return fallback;
}
