import { ValidationError } from '../../../../sidecar/src/errors';
import {
	DEFAULT_PACING,
	PACING_SCHEMA,
	isKnownTimeZone,
	mergePacing,
	parsePacing,
} from '../../../../sidecar/src/sending/pacing/PacingConfig';

describe('PACING_SCHEMA', () => {
	it('fills every field with the safe defaults', () => {
		expect(PACING_SCHEMA.parse({})).toEqual({
			minGapMs: 30_000,
			jitterMs: 30_000,
			reply: { minGapMs: 1_000, jitterMs: 2_000 },
			reaction: { minGapMs: 500, jitterMs: 1_000 },
			caps: { perMinute: 6, perHour: 80, perDay: 500, perRecipientPerHour: 4, firstContactPerDay: 20 },
			quietHours: null,
			warmup: {
				enabled: true,
				schedule: [
					{ days: 2, perDay: 50 },
					{ days: 5, perDay: 200 },
					{ days: 10, perDay: 500 },
				],
			},
			typing: { enabled: false, msPerChar: 50, minMs: 1_000, maxMs: 8_000 },
		});
		expect(DEFAULT_PACING).toEqual(PACING_SCHEMA.parse({}));
		expect(parsePacing(undefined)).toEqual(DEFAULT_PACING);
	});

	it('fills the rest of a nested object given in part', () => {
		const config = parsePacing({ caps: { perHour: 40 }, reply: { jitterMs: 0 } });
		expect(config.caps).toEqual({ perMinute: 6, perHour: 40, perDay: 500, perRecipientPerHour: 4, firstContactPerDay: 20 });
		expect(config.reply).toEqual({ minGapMs: 1_000, jitterMs: 0 });
	});

	it('does not share the default schedule between parses', () => {
		const a = parsePacing({});
		a.warmup.schedule[0].perDay = 1;
		expect(parsePacing({}).warmup.schedule[0].perDay).toBe(50);
		expect(Object.isFrozen(DEFAULT_PACING.warmup.schedule[0])).toBe(true);
	});

	it('accepts quiet hours across midnight in a known zone', () => {
		const config = parsePacing({ quietHours: { start: '21:00', end: '07:00', timeZone: 'Asia/Jakarta' } });
		expect(config.quietHours).toEqual({ start: '21:00', end: '07:00', timeZone: 'Asia/Jakarta' });
	});

	it.each([
		[{ quietHours: { start: '7:00', end: '08:00', timeZone: 'UTC' } }, /pacing\.quietHours\.start: must be a 24-hour time HH:MM/],
		[{ quietHours: { start: '21:00', end: '24:00', timeZone: 'UTC' } }, /pacing\.quietHours\.end: must be a 24-hour time HH:MM/],
		[{ quietHours: { start: '21:00', end: '07:60', timeZone: 'UTC' } }, /pacing\.quietHours\.end: must be a 24-hour time/],
		[{ quietHours: { start: '21:00', end: '21:00', timeZone: 'UTC' } }, /pacing\.quietHours\.end: start and end must differ/],
		[
			{ quietHours: { start: '21:00', end: '07:00', timeZone: 'Mars/Olympus' } },
			/pacing\.quietHours\.timeZone: must be an IANA time zone/,
		],
		[{ quietHours: { start: '21:00', end: '07:00' } }, /pacing\.quietHours\.timeZone: /],
		[{ minGapMS: 1_000 }, /pacing\.minGapMS: Unrecognized key: "minGapMS"/],
		[{ caps: { perHr: 10 } }, /pacing\.caps\.perHr: Unrecognized key/],
		[{ quietHours: { start: '21:00', end: '07:00', timeZone: 'UTC', tz: 'x' } }, /pacing\.quietHours\.tz: Unrecognized key/],
		[{ caps: { perMinute: 0 } }, /pacing\.caps\.perMinute: /],
		[{ minGapMs: -1 }, /pacing\.minGapMs: /],
		[{ jitterMs: 1.5 }, /pacing\.jitterMs: /],
		[{ warmup: { schedule: [{ days: 0, perDay: 10 }] } }, /pacing\.warmup\.schedule\.0\.days: /],
		[
			{ warmup: { schedule: [{ days: 5, perDay: 10 }, { days: 3, perDay: 20 }] } },
			/pacing\.warmup\.schedule: stages must be in order of increasing days/,
		],
		[{ typing: { minMs: 9_000 } }, /pacing\.typing\.maxMs: minMs must not exceed maxMs/],
	])('rejects %j naming the field', (input, message) => {
		expect(() => parsePacing(input)).toThrow(ValidationError);
		expect(() => parsePacing(input)).toThrow(message);
	});

	it('lists every problem in the error details', () => {
		try {
			parsePacing({ minGapMS: 1, caps: { perDay: 0 } });
			throw new Error('expected a ValidationError');
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).details).toEqual({
				problems: [
					{ field: 'pacing.caps.perDay', problem: expect.any(String) },
					{ field: 'pacing.minGapMS', problem: 'Unrecognized key: "minGapMS"' },
				],
			});
		}
	});

	it('knows real time zones and not made-up ones', () => {
		expect(isKnownTimeZone('Asia/Jakarta')).toBe(true);
		expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
		expect(isKnownTimeZone('UTC')).toBe(true);
		expect(isKnownTimeZone('Asia/Atlantis')).toBe(false);
		expect(isKnownTimeZone('')).toBe(false);
	});
});

describe('mergePacing', () => {
	const quiet = { start: '22:00', end: '06:00', timeZone: 'Europe/Berlin' };

	it('merges nested objects key by key and keeps the rest', () => {
		const merged = mergePacing(DEFAULT_PACING, { minGapMs: 10_000, caps: { perHour: 20 }, typing: { enabled: true } });
		expect(merged).toEqual({
			...DEFAULT_PACING,
			minGapMs: 10_000,
			caps: { perMinute: 6, perHour: 20, perDay: 500, perRecipientPerHour: 4, firstContactPerDay: 20 },
			typing: { enabled: true, msPerChar: 50, minMs: 1_000, maxMs: 8_000 },
		});
	});

	it('keeps earlier patches when applying a later one', () => {
		const first = mergePacing(DEFAULT_PACING, { caps: { perDay: 300 }, quietHours: quiet });
		const second = mergePacing(first, { caps: { perMinute: 3 } });
		expect(second.caps).toEqual({ perMinute: 3, perHour: 80, perDay: 300, perRecipientPerHour: 4, firstContactPerDay: 20 });
		expect(second.quietHours).toEqual(quiet);
	});

	it('replaces quiet hours as a whole and clears them with null', () => {
		const withQuiet = mergePacing(DEFAULT_PACING, { quietHours: quiet });
		const moved = mergePacing(withQuiet, { quietHours: { start: '23:00', end: '05:30', timeZone: 'Asia/Jakarta' } });
		expect(moved.quietHours).toEqual({ start: '23:00', end: '05:30', timeZone: 'Asia/Jakarta' });
		expect(mergePacing(withQuiet, { quietHours: null }).quietHours).toBeNull();
		expect(mergePacing(withQuiet, {}).quietHours).toEqual(quiet);
		expect(mergePacing(withQuiet, { quietHours: undefined }).quietHours).toEqual(quiet);
	});

	it('replaces the warm-up schedule and keeps enabled unless given', () => {
		const merged = mergePacing(DEFAULT_PACING, { warmup: { schedule: [{ days: 3, perDay: 30 }] } });
		expect(merged.warmup).toEqual({ enabled: true, schedule: [{ days: 3, perDay: 30 }] });
		expect(mergePacing(merged, { warmup: { enabled: false } }).warmup).toEqual({
			enabled: false,
			schedule: [{ days: 3, perDay: 30 }],
		});
	});

	it('returns a fresh object and leaves the current one alone', () => {
		const current = parsePacing({});
		const merged = mergePacing(current, { reply: { minGapMs: 500 } });
		expect(current.reply.minGapMs).toBe(1_000);
		expect(merged.reply).toEqual({ minGapMs: 500, jitterMs: 2_000 });
		merged.warmup.schedule.push({ days: 20, perDay: 600 });
		expect(current.warmup.schedule).toHaveLength(3);
		expect(() => mergePacing(DEFAULT_PACING, {}).warmup.schedule.pop()).not.toThrow();
	});

	it('validates the result: a bad patch throws naming the field', () => {
		expect(() => mergePacing(DEFAULT_PACING, { typing: { maxMs: 500 } })).toThrow(/pacing\.typing\.maxMs/);
		expect(() => mergePacing(DEFAULT_PACING, { caps: { perMinut: 3 } } as never)).toThrow(
			/pacing\.caps\.perMinut: Unrecognized key/,
		);
		expect(() => mergePacing(DEFAULT_PACING, { quietHours: { ...quiet, timeZone: 'Nowhere/City' } })).toThrow(
			/pacing\.quietHours\.timeZone/,
		);
	});
});
