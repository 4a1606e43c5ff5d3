/**
 * iCalendar (RFC 5545) feed of a territory's public events, so a network's agenda can be
 * followed from any calendar application. Pure: the rows come from the database, the text is
 * built here. Text values are escaped (\\ ; , and new lines) and lines folded at 75 octets
 * without cutting a UTF-8 character; times are written in UTC.
 */

export interface CalendarEvent {
	id: string;
	title: string;
	description: string | null;
	/** ISO 8601 */
	startsAt: string;
	endsAt: string | null;
	/** Place name and commune, as one line. */
	location: string | null;
	/** [lng, lat] */
	position: [number, number] | null;
	url: string | null;
}

export interface CalendarOptions {
	/** Calendar name (X-WR-CALNAME), e.g. the territory's name. */
	name: string;
	/** Host used to make UIDs unique across servers. */
	host: string;
	/** Stamp of the feed (DTSTAMP), injected for tests. */
	now: Date;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return (
		value
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\r\n|\r|\n/g, '\\n')
			// Other control characters are not allowed in TEXT values: dropped.
			.replace(/\p{Cc}/gu, '')
	);
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const bytes = encoder.encode(char).length;
		const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
		if (size + bytes > limit) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** `20260320T170000Z` */
export function icalDate(iso: string | Date): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}

export function buildCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Maillage//Agenda du territoire//FR',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(options.name)}`
	];
	const stamp = icalDate(options.now);
	for (const event of events) {
		const start = new Date(event.startsAt);
		if (Number.isNaN(start.getTime())) continue;
		const end = event.endsAt ? new Date(event.endsAt) : null;
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.id}@${options.host}`,
			`DTSTAMP:${stamp}`,
			`DTSTART:${icalDate(start)}`
		);
		if (end && !Number.isNaN(end.getTime()) && end >= start) lines.push(`DTEND:${icalDate(end)}`);
		lines.push(`SUMMARY:${escapeText(event.title)}`);
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
		if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
		if (event.position) lines.push(`GEO:${event.position[1]};${event.position[0]}`);
		if (event.url) lines.push(`URL:${event.url}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
