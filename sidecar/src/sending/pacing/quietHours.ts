/**
 * Quiet hours are written in the user's wall clock ("21:00 to 07:00 in
 * Asia/Jakarta"); the queue works in epoch ms. Intl can tell the wall clock of an
 * instant in any IANA zone (formatToParts) but not the instant of a wall-clock
 * time, so we work out the offset and check the answer, without a date library.
 */

export interface QuietWindow {
	start: string;
	end: string;
	timeZone: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building them is slow and the queue asks often. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/**
 * The zone's wall clock at instant `t`, written as if it were a UTC epoch ms
 * ("local as UTC"): arithmetic on it is wall-clock arithmetic, and
 * `wallClock(t) - t` is the zone's offset at `t`.
 */
function wallClock(t: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(t)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const ms = ((t % 1000) + 1000) % 1000;
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, ms);
}

function offsetAt(t: number, timeZone: string): number {
	return wallClock(t, timeZone) - t;
}

function minutesOf(hhmm: string): number {
	const [hours, minutes] = hhmm.split(':').map(Number);
	return hours * 60 + minutes;
}

/** Whether a minute of the day (0–1439) is inside [start, end), which may run across midnight. */
function inWindow(minute: number, start: number, end: number): boolean {
	return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Null when `now` is outside the quiet window; otherwise the epoch ms at which the
 * window ends (the first moment the zone's clock shows `end`).
 *
 * DST simplification: the offset is read at `now` and at the first guess and the
 * candidate whose wall clock really shows `end` wins. When `end` falls in a
 * spring-forward gap (02:30 on the night clocks jump 02:00 → 03:00) no instant
 * shows it, and we take the later candidate: the window then ends up to an hour
 * late, but the answer is always in the future and outside the window. When `end`
 * falls in the repeated autumn hour, the first occurrence after `now` is used.
 */
export function quietUntil(now: number, q: QuietWindow): number | null {
	const start = minutesOf(q.start);
	const end = minutesOf(q.end);
	if (start === end) return null;
	const local = wallClock(now, q.timeZone);
	const localMidnight = Math.floor(local / DAY) * DAY;
	const minute = Math.floor((local - localMidnight) / MINUTE);
	if (!inWindow(minute, start, end)) return null;

	// The end is today, or tomorrow when we are in the evening part of a window across midnight.
	const endLocal = localMidnight + end * MINUTE + (minute >= end ? DAY : 0);
	const first = endLocal - offsetAt(now, q.timeZone);
	const second = endLocal - offsetAt(first, q.timeZone);
	const candidates = [first, second].filter((t) => t > now);
	const exact = candidates.filter((t) => wallClock(t, q.timeZone) === endLocal);
	if (exact.length) return Math.min(...exact);
	if (candidates.length) return Math.max(...candidates);
	// Unreachable with real zones (offsets change by hours, windows last minutes); never answer the past.
	return now + (endLocal - local);
}

/** Whether `now` is inside the quiet window. */
export function isQuiet(now: number, q: QuietWindow): boolean {
	return quietUntil(now, q) !== null;
}
