/**
 * The path to redirect to after a login or a language switch, only if it stays on this site.
 *
 * Checking the string (`starts with "/" but not "//"`) is not enough: browsers read `/\evil.example`
 * and `/<tab>/evil.example` as `//evil.example`. So the candidate is resolved the way a browser would
 * resolve a Location header, and kept only when it lands on our own origin.
 */
export function sameSitePath(candidate: unknown, origin: string, fallback = '/'): string {
	if (typeof candidate !== 'string' || candidate === '') return fallback;
	let resolved: URL;
	try {
		resolved = new URL(candidate, origin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== new URL(origin).origin) return fallback;
	const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
	// A path that itself starts with two slashes would be protocol-relative once sent back.
	return path.startsWith('//') ? fallback : path;
}
