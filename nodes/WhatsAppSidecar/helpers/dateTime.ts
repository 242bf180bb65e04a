const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * A Date & Time parameter as an ISO time the sidecar accepts (it needs an offset).
 * n8n's date picker gives local wall-clock text without one: that is read in the
 * workflow's time zone, as n8n's own nodes do. Returns undefined when empty and
 * null when the value is not a date.
 */
export function toIsoDateTime(value: unknown, timeZone: string): string | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return toIsoDateTime((value as { toISO: () => string }).toISO(), timeZone); // a Luxon DateTime from an expression
	}
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (WITH_OFFSET.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? null : new Date(ms).toISOString();
	}
	const match = LOCAL.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const millis = Number((match[7] ?? '0').padEnd(3, '0'));
	const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	// Two passes settle the offset on days the clocks change.
	let utc = wallClock - zoneOffset(wallClock, timeZone);
	utc = wallClock - zoneOffset(utc, timeZone);
	return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

/** How far the time zone's wall clock is ahead of UTC at that moment, in ms. */
function zoneOffset(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallClock - Math.floor(utcMs / 1000) * 1000;
}
