import { z } from 'zod';

/**
 * A session's memory of what it sent lately: the caps (per minute, hour, day,
 * recipient) are counted against it, and it holds when each lane may send next.
 * The queue persists it with the session (SQLite), so a restart cannot reset the
 * counts and let a burst through.
 *
 * The next-send times are drawn once, when a send is recorded: asking the pacer
 * again (the queue polls) must not draw the jitter again, or a job could keep
 * sliding or be let through early by a lucky draw.
 */

export interface LedgerEntry {
	/** When the message went out (epoch ms). */
	at: number;
	/** The chat id it went to. */
	recipient: string;
	/** It went to someone who had never written to this number (the first-contact cap counts these). */
	firstContact?: boolean;
	/** A reaction (an emoji on a message): counts against the caps of the whole session, not per recipient. */
	reaction?: boolean;
}

export interface LaneGaps {
	bulkMs: number;
	replyMs: number;
	/** The gap before the next reaction (pacing.reaction; 0 when not given). */
	reactionMs?: number;
}

/** The longest window a cap counts over; older sends are dropped. */
export const LEDGER_SPAN_MS = 86_400_000;

/**
 * Stored form: sends as `[at, recipient]` pairs, oldest first, with a third element `1` for a first
 * contact (ledgers written before that have pairs only); a day at 500 sends stays a few KB.
 */
const LEDGER_JSON_SCHEMA = z
	.object({
		sends: z.array(
			z.union([
				z.tuple([z.number(), z.string()]),
				z.tuple([z.number(), z.string(), z.literal(1)]),
				// A reaction (issue 14); ledgers written before have none.
				z.tuple([z.number(), z.string(), z.literal('r')]),
			]),
		),
		nextBulkAt: z.number(),
		nextReplyAt: z.number(),
		nextReactionAt: z.number().optional(),
	})
	.strict();

export type LedgerJSON = z.infer<typeof LEDGER_JSON_SCHEMA>;

export class SendLedger {
	/** Kept sorted by `at`, so windows are a suffix of the list. */
	private entries: LedgerEntry[] = [];
	private bulkAt = 0;
	private replyAt = 0;
	private reactionAt = 0;

	/** Earliest time the next bulk message may go (gap since the last send of any lane). */
	get nextBulkAt(): number {
		return this.bulkAt;
	}

	/** Earliest time the next reply may go. */
	get nextReplyAt(): number {
		return this.replyAt;
	}

	/** Earliest time the next reaction may go. */
	get nextReactionAt(): number {
		return this.reactionAt;
	}

	get size(): number {
		return this.entries.length;
	}

	/**
	 * Notes a send and sets both lanes' next times from it: every message, reply
	 * or bulk, restarts both gaps (and the reaction gap). A reaction restarts only
	 * the reaction gap: an emoji on a message does not make the next message wait.
	 * A send recorded out of order cannot bring a next time forward.
	 */
	record(at: number, recipient: string, gaps: LaneGaps, firstContact = false, reaction = false): void {
		let i = this.entries.length;
		while (i > 0 && this.entries[i - 1].at > at) i--;
		const entry: LedgerEntry = reaction ? { at, recipient, reaction } : firstContact ? { at, recipient, firstContact } : { at, recipient };
		this.entries.splice(i, 0, entry);
		if (gaps.reactionMs !== undefined) this.reactionAt = Math.max(this.reactionAt, at + gaps.reactionMs);
		if (!reaction) {
			this.bulkAt = Math.max(this.bulkAt, at + gaps.bulkMs);
			this.replyAt = Math.max(this.replyAt, at + gaps.replyMs);
		}
		this.prune(this.entries[this.entries.length - 1].at);
	}

	/** Drops sends that no window can count any more (older than 24 h before `now`). */
	prune(now: number): void {
		const keepFrom = this.firstAfter(now - LEDGER_SPAN_MS);
		if (keepFrom > 0) this.entries.splice(0, keepFrom);
	}

	/** Sends strictly after `since`: the window (since, now] counts a send until exactly `at + window`. */
	countSince(since: number): number {
		return this.entries.length - this.firstAfter(since);
	}

	/** Messages (not reactions) to one recipient strictly after `since`. */
	countForRecipientSince(recipient: string, since: number): number {
		let count = 0;
		for (let i = this.firstAfter(since); i < this.entries.length; i++) {
			if (this.entries[i].recipient === recipient && !this.entries[i].reaction) count++;
		}
		return count;
	}

	/** First contacts strictly after `since`. */
	countFirstContactsSince(since: number): number {
		let count = 0;
		for (let i = this.firstAfter(since); i < this.entries.length; i++) if (this.entries[i].firstContact) count++;
		return count;
	}

	/** Like oldestSince, over first contacts only. */
	oldestFirstContactSince(since: number, skip = 0): number | null {
		let left = skip;
		for (let i = this.firstAfter(since); i < this.entries.length; i++) {
			if (this.entries[i].firstContact && left-- === 0) return this.entries[i].at;
		}
		return null;
	}

	/**
	 * Time of the oldest send after `since` (to one recipient when given), or null.
	 * `skip` passes over that many more: when a window holds more than its cap
	 * (the cap was lowered), room comes only when the surplus has left too.
	 */
	oldestSince(since: number, recipient?: string, skip = 0): number | null {
		let left = skip;
		for (let i = this.firstAfter(since); i < this.entries.length; i++) {
			const entry = this.entries[i];
			if (recipient !== undefined && (entry.recipient !== recipient || entry.reaction)) continue;
			if (left-- === 0) return entry.at;
		}
		return null;
	}

	/** A copy of the sends, oldest first (for tests and diagnostics). */
	list(): LedgerEntry[] {
		return this.entries.map((e) => ({ ...e }));
	}

	toJSON(): LedgerJSON {
		return {
			sends: this.entries.map((e): LedgerJSON['sends'][number] =>
				e.reaction ? [e.at, e.recipient, 'r'] : e.firstContact ? [e.at, e.recipient, 1] : [e.at, e.recipient],
			),
			nextBulkAt: this.bulkAt,
			nextReplyAt: this.replyAt,
			...(this.reactionAt ? { nextReactionAt: this.reactionAt } : {}),
		};
	}

	/** Rebuilds a ledger from its stored form; a malformed one throws (better than pacing from garbage). */
	static fromJSON(json: unknown): SendLedger {
		const data = LEDGER_JSON_SCHEMA.parse(json);
		const ledger = new SendLedger();
		ledger.entries = data.sends
			.map(([at, recipient, flag]): LedgerEntry =>
				flag === 'r' ? { at, recipient, reaction: true } : flag ? { at, recipient, firstContact: true } : { at, recipient },
			)
			.sort((a, b) => a.at - b.at);
		ledger.bulkAt = data.nextBulkAt;
		ledger.replyAt = data.nextReplyAt;
		ledger.reactionAt = data.nextReactionAt ?? 0;
		return ledger;
	}

	/** Index of the first send with `at > since` (binary search over the sorted list). */
	private firstAfter(since: number): number {
		let lo = 0;
		let hi = this.entries.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.entries[mid].at > since) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}
