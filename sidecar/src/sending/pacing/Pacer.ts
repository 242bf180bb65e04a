import type { Lane } from '../../contract';
import type { PacingConfig } from './PacingConfig';
import { quietUntil } from './quietHours';
import type { SendLedger } from './SendLedger';

/**
 * When may this message go? Pure rules over a session's settings and its
 * ledger of recent sends; the queue asks, waits until the answer, asks again.
 *
 * - Gap: after any send, the bulk lane waits 30–60 s (jittered, so the rhythm
 *   does not look machine-made) and the reply lane 1–3 s.
 * - Caps: per minute, hour and day, and per recipient per hour, over sliding
 *   windows, counting both lanes. Replies go ahead of bulk in the queue, but a
 *   flood of replies is still a flood.
 * - Warm-up: a newly linked number gets a lower daily cap for its first days.
 * - First contacts: messages to people who never wrote to this number have a daily
 *   cap of their own (WhatsApp limits them, and they draw the spam reports).
 * - Quiet hours: bulk only (see PacingConfig).
 */

export type PaceReason =
	| 'gap'
	| 'perMinute'
	| 'perHour'
	| 'perDay'
	| 'perRecipient'
	| 'quietHours'
	| 'warmup'
	| 'firstContactPerDay';

export interface PaceRequest {
	lane: Lane;
	/** Chat id of the recipient, as recorded in the ledger. */
	recipient: string;
	now: number;
	ledger: SendLedger;
	/** When the number was linked (epoch ms); without it there is no warm-up. */
	linkedAt?: number;
	/** The recipient never wrote to this number (known once the queue asked the page); the first-contact cap applies. */
	firstContact?: boolean;
	/** A reaction: its own gap (pacing.reaction), the session's caps, no per-recipient cap. */
	reaction?: boolean;
}

export interface PaceDecision {
	/** Earliest time (≥ now) the message may go. */
	at: number;
	/** What holds it until `at` (the rule that decided the final time); null: it may go now. */
	reason: PaceReason | null;
}

export interface PacerOptions {
	config: PacingConfig;
	/** False when SIDECAR_PACING=off: no gaps, caps or warm-up; quiet hours, set on purpose, still hold bulk. */
	enabled: boolean;
	/** Source of jitter, [0, 1); injectable so tests are exact. */
	random?: () => number;
}

interface Hold {
	until: number;
	reason: PaceReason;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Gaps, caps and warm-up only ever get easier as time passes, and quiet hours end
 * at a time outside themselves, so a few rounds reach the fixed point; the bound
 * is a guard against a bug turning into a hot loop.
 */
const MAX_ROUNDS = 32;

export class Pacer {
	readonly config: PacingConfig;
	readonly enabled: boolean;
	private readonly random: () => number;

	constructor(options: PacerOptions) {
		this.config = options.config;
		this.enabled = options.enabled;
		this.random = options.random ?? Math.random;
	}

	/**
	 * The earliest time this send may go and why it must wait. Consistent by
	 * construction: every rule is checked again at the moved time until none
	 * holds, so asking again at `at` (with the same ledger) answers reason null.
	 */
	decide(request: PaceRequest): PaceDecision {
		let at = request.now;
		let reason: PaceReason | null = null;
		for (let round = 0; round < MAX_ROUNDS; round++) {
			const hold = this.holdAt(request, at);
			if (!hold) break;
			at = hold.until;
			reason = hold.reason;
		}
		return { at, reason };
	}

	/** Draws the gaps that follow a send, once, for SendLedger.record. */
	gapsAfterSend(): { bulkMs: number; replyMs: number; reactionMs: number } {
		if (!this.enabled) return { bulkMs: 0, replyMs: 0, reactionMs: 0 };
		const { minGapMs, jitterMs, reply, reaction } = this.config;
		const bulkDraw = this.random();
		// Replies and reactions are both a person's short pause: one draw serves both.
		const shortDraw = this.random();
		return {
			bulkMs: minGapMs + Math.round(bulkDraw * jitterMs),
			replyMs: reply.minGapMs + Math.round(shortDraw * reply.jitterMs),
			reactionMs: reaction.minGapMs + Math.round(shortDraw * reaction.jitterMs),
		};
	}

	/** How long to show "typing…" before sending a text of this length (0: do not). */
	typingMs(textLength: number): number {
		const { typing } = this.config;
		if (!this.enabled || !typing.enabled) return 0;
		return Math.min(typing.maxMs, Math.max(typing.minMs, Math.round(typing.msPerChar * Math.max(0, textLength))));
	}

	/** The rule that holds the send at time `t` the longest, or null when none does. */
	private holdAt(request: PaceRequest, t: number): Hold | null {
		const holds: Array<Hold | null> = [];
		if (request.lane === 'bulk' && this.config.quietHours) {
			const until = quietUntil(t, this.config.quietHours);
			holds.push(until === null ? null : { until, reason: 'quietHours' });
		}
		if (this.enabled) {
			const { ledger } = request;
			const { caps } = this.config;
			const nextAt = request.reaction ? ledger.nextReactionAt : request.lane === 'bulk' ? ledger.nextBulkAt : ledger.nextReplyAt;
			holds.push(nextAt > t ? { until: nextAt, reason: 'gap' } : null);
			holds.push(this.capHold(ledger, t, MINUTE, caps.perMinute, 'perMinute'));
			holds.push(this.capHold(ledger, t, HOUR, caps.perHour, 'perHour'));
			holds.push(this.capHold(ledger, t, DAY, caps.perDay, 'perDay'));
			// Reacting to a chat's messages is not writing to them again: no per-recipient cap for reactions.
			if (!request.reaction) holds.push(this.capHold(ledger, t, HOUR, caps.perRecipientPerHour, 'perRecipient', request.recipient));
			holds.push(this.warmupHold(ledger, t, request.linkedAt));
			if (request.firstContact) holds.push(this.firstContactHold(ledger, t));
		}
		let longest: Hold | null = null;
		for (const hold of holds) if (hold && (!longest || hold.until > longest.until)) longest = hold;
		return longest;
	}

	/**
	 * A full window holds the send until enough counted sends have left it: the
	 * oldest one at `at + window` (more when the window holds more than the cap,
	 * e.g. after the cap was lowered).
	 */
	private capHold(
		ledger: SendLedger,
		t: number,
		windowMs: number,
		cap: number,
		reason: PaceReason,
		recipient?: string,
	): Hold | null {
		const since = t - windowMs;
		const count = recipient === undefined ? ledger.countSince(since) : ledger.countForRecipientSince(recipient, since);
		if (count < cap) return null;
		const leaving = ledger.oldestSince(since, recipient, count - cap);
		return leaving === null ? null : { until: leaving + windowMs, reason };
	}

	/** The first-contact cap over a sliding 24 h, like perDay but counting first contacts only. */
	private firstContactHold(ledger: SendLedger, t: number): Hold | null {
		const cap = this.config.caps.firstContactPerDay;
		if (cap === null) return null;
		const since = t - DAY;
		const count = ledger.countFirstContactsSince(since);
		if (count < cap) return null;
		const leaving = ledger.oldestFirstContactSince(since, count - cap);
		return leaving === null ? null : { until: leaving + DAY, reason: 'firstContactPerDay' };
	}

	/**
	 * The warm-up stage's daily cap, over the same sliding 24 h as perDay. A full
	 * window opens when old sends leave it or when the next, larger stage begins,
	 * whichever is first. Only reported when it is tighter than caps.perDay.
	 */
	private warmupHold(ledger: SendLedger, t: number, linkedAt: number | undefined): Hold | null {
		const { warmup, caps } = this.config;
		if (!warmup.enabled || linkedAt === undefined) return null;
		const day = Math.max(1, Math.floor((t - linkedAt) / DAY) + 1);
		const stage = warmup.schedule.find((s) => day <= s.days);
		if (!stage || stage.perDay >= caps.perDay) return null;
		const since = t - DAY;
		const count = ledger.countSince(since);
		if (count < stage.perDay) return null;
		const leaving = ledger.oldestSince(since, undefined, count - stage.perDay);
		const nextStage = linkedAt + stage.days * DAY;
		const until = leaving === null ? nextStage : Math.min(leaving + DAY, nextStage);
		return { until, reason: 'warmup' };
	}
}
