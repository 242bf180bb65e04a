import { z } from 'zod';
import { ValidationError } from '../../errors';

/**
 * A session's pacing settings: how fast it may send, so WhatsApp does not take it
 * for a spammer. The defaults follow common anti-ban practice (WAHA and others):
 * 30–60 s between bulk messages, at most 80 an hour and 4 an hour to one person,
 * and a new number ramping up 50 → 200 → 500 a day over its first ten days.
 *
 * Every field is optional (a session created without pacing gets these defaults)
 * and every object is strict, so a typo such as `minGapMS` is an error rather
 * than a setting silently ignored.
 */

const ms = (fallback: number) => z.number().int().min(0).default(fallback);
const count = (fallback: number) => z.number().int().min(1).default(fallback);

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z.string().regex(HH_MM, 'must be a 24-hour time HH:MM, from 00:00 to 23:59');

/** True when Intl knows the zone; an unknown one throws RangeError there. */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch (error) {
		if (error instanceof RangeError) return false;
		throw error;
	}
}

/**
 * Night-time rest for the bulk lane only: a bulk message that comes due inside
 * the window waits for its end. Replies are not held, since answering someone
 * who has just written is normal at any hour. `start` later than `end`
 * (21:00–07:00) means the window runs across midnight.
 */
const QUIET_HOURS_SCHEMA = z
	.object({
		start: clock.describe('Start of the quiet window, HH:MM local time'),
		end: clock.describe('End of the quiet window, HH:MM local time (earlier than start: runs across midnight)'),
		timeZone: z
			.string()
			.refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Asia/Jakarta or Europe/Berlin' })
			.describe('IANA time zone the times are read in'),
	})
	.strict()
	.refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });

/** Warm-up stage: "through day `days` since linking, at most `perDay` messages in any 24 h". */
const WARMUP_STAGE_SCHEMA = z
	.object({
		days: z.number().int().min(1),
		perDay: z.number().int().min(1),
	})
	.strict();

const DEFAULT_SCHEDULE = [
	{ days: 2, perDay: 50 },
	{ days: 5, perDay: 200 },
	{ days: 10, perDay: 500 },
];

export const PACING_SCHEMA = z
	.object({
		/** Bulk gap = minGapMs + a uniform random part in [0, jitterMs]: 30–60 s by default. */
		minGapMs: ms(30_000),
		jitterMs: ms(30_000),
		/** The reply lane answers people who wrote in: a short, human-looking pause. */
		reply: z.object({ minGapMs: ms(1_000), jitterMs: ms(2_000) }).strict().prefault({}),
		/** Reactions (reply lane): a small gap of their own, 0.5–1.5 s; a reaction does not delay the next message. */
		reaction: z.object({ minGapMs: ms(500), jitterMs: ms(1_000) }).strict().prefault({}),
		/** Hard limits over sliding windows, counting both lanes. */
		caps: z
			.object({
				perMinute: count(6),
				perHour: count(80),
				perDay: count(500),
				perRecipientPerHour: count(4),
				/**
				 * Messages to people who never wrote to this number, in any 24 h (null: no such cap). WhatsApp
				 * refuses many of them outright (its first-contact limit) and they draw the spam reports that get
				 * numbers banned; 20 a day is a few new patients or customers, not a cold list. README: Pacing.
				 */
				firstContactPerDay: count(20).nullable(),
			})
			.strict()
			.prefault({}),
		quietHours: QUIET_HOURS_SCHEMA.nullable().default(null),
		/**
		 * New numbers are watched most closely. Day 1 is the first 24 h after linking;
		 * each stage holds through its `days`; after the last one only caps.perDay applies.
		 */
		warmup: z
			.object({
				enabled: z.boolean().default(true),
				schedule: z
					.array(WARMUP_STAGE_SCHEMA)
					.default(() => DEFAULT_SCHEDULE.map((stage) => ({ ...stage })))
					.refine((s) => s.every((stage, i) => i === 0 || stage.days > s[i - 1].days), {
						message: 'stages must be in order of increasing days',
					}),
			})
			.strict()
			.prefault({}),
		/** Show "typing…" for a time that grows with the text, as a person would. */
		typing: z
			.object({
				enabled: z.boolean().default(false),
				msPerChar: ms(50),
				minMs: ms(1_000),
				maxMs: ms(8_000),
			})
			.strict()
			.refine((t) => t.minMs <= t.maxMs, { message: 'minMs must not exceed maxMs', path: ['maxMs'] })
			.prefault({}),
	})
	.strict();

export type PacingConfig = z.output<typeof PACING_SCHEMA>;
export type PacingInput = z.input<typeof PACING_SCHEMA>;
export type QuietHours = NonNullable<PacingConfig['quietHours']>;
export type WarmupStage = PacingConfig['warmup']['schedule'][number];

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

/** The settings a session gets when it sets none (frozen: copy it through mergePacing). */
export const DEFAULT_PACING: PacingConfig = deepFreeze(PACING_SCHEMA.parse({}));

/**
 * Parses stored or requested settings. Problems become one ValidationError whose
 * message names each field (`quietHours.timeZone: must be an IANA time zone …`).
 */
export function parsePacing(input: unknown): PacingConfig {
	const parsed = PACING_SCHEMA.safeParse(input ?? {});
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => {
		const path = issue.path.join('.');
		const field = issue.code === 'unrecognized_keys' ? [path, issue.keys.join(', ')].filter(Boolean).join('.') : path;
		return { field: `pacing${field ? `.${field}` : ''}`, problem: issue.message };
	});
	const summary = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
	throw new ValidationError(`The pacing settings are not valid: ${summary}`, { problems });
}

/** The patch's own keys with a value (a key sent as undefined means "leave as is"). */
function defined<T extends object>(patch: T | undefined): Partial<T> {
	return Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Applies a PATCH to a session's settings: nested objects merge key by key,
 * `quietHours` is replaced as a whole (`null` turns it off) and so is the warm-up
 * `schedule` (stages are a list, merging them by position would make no sense).
 * The result is validated again, so a bad patch throws ValidationError and
 * leaves `current` as it was.
 */
export function mergePacing(current: PacingConfig, patch: PacingInput): PacingConfig {
	const p = defined(patch);
	return parsePacing({
		...current,
		...p,
		reply: { ...current.reply, ...defined(p.reply) },
		reaction: { ...current.reaction, ...defined(p.reaction) },
		caps: { ...current.caps, ...defined(p.caps) },
		quietHours: p.quietHours === undefined ? current.quietHours : p.quietHours,
		warmup: { ...current.warmup, ...defined(p.warmup) },
		typing: { ...current.typing, ...defined(p.typing) },
	});
}
