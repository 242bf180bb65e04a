import type { SendingOptions } from '../config';
import { OptedOutError, SendWindowPassedError, SessionNotReadyError } from '../errors';
import type { Logger } from '../logger';
import type { SentMessage, WhatsAppEngine } from '../sessions/engine/Engine';
import { backoffDelay } from '../sessions/backoff';
import type { JobStore } from '../storage/JobStore';
import type { QueueStateStore } from '../storage/QueueStateStore';
import type { MessageJob } from '../storage/records';
import { isFollowUp } from './content/messageContent';
import { firstContactOf } from './firstContact';
import { failJob, markJob, markUncertain, recordSent, skipJob } from './jobTransitions';
import { FINISHED_STATUSES, WAITING_STATUSES } from './MessageJob';
import type { Pacer } from './pacing/Pacer';
import { SendLedger } from './pacing/SendLedger';
import { classifySendError } from './sendErrors';
import { earlierOf, expireJob, nextSendDeadline, pastSendWindow } from './sendWindow';

/** Passing failures are retried after 5 s, 10 s, 20 s … up to 5 minutes (with jitter). */
const RETRY_BACKOFF = { baseMs: 5_000, capMs: 300_000, maxAttempts: Infinity };

export interface SessionQueueDeps {
	session: string;
	store: JobStore;
	states: QueueStateStore;
	options: SendingOptions;
	logger: Logger;
	/** The session's pacer (its config can change while the queue runs). */
	pacer(): Pacer;
	/** The engine to send through, or undefined while the session is not READY. */
	engine(): WhatsAppEngine | undefined;
	linkedAt(): number | undefined;
	/** One send: number check, media, the library call. */
	send(job: MessageJob, engine: WhatsAppEngine): Promise<SentMessage>;
	/** Persists a changed job and announces the change once it is on disk (in the order of changes). */
	commit(job: MessageJob): Promise<void>;
	/** A send returned its message id (acks that came first can now be applied). */
	onSent(job: MessageJob): void;
	random?: () => number;
	/** The person's other chat ids (a LID for a phone chat, or the other way round), when known. */
	otherChatIds?(chatId: string): Promise<string[]>;
	/** Opt-outs (issue 15): the contact on the opt-out list a chat id belongs to, if any. */
	optedOut?(chatId: string): string | undefined;
	/** Jobs to pass over for now (a paused campaign's, issue 15); they still expire at their sendBefore. */
	held?(job: MessageJob): boolean;
}

/**
 * One session's sender: picks the next job (replies first, then bulk, each in
 * acceptance order, and never a recipient's later message before its earlier
 * one), waits for pacing and for the session to be READY, and sends one message
 * at a time. It sleeps on a timer until the next moment something can happen;
 * `wake()` is called whenever that may have changed (a new job, READY, resume).
 */
export class SessionQueue {
	private ledger = new SendLedger();
	private paused = false;
	private sending?: Promise<void>;
	private timer?: NodeJS.Timeout;
	private closed = false;
	private waitingFor: { reason: string; until?: number } = { reason: 'idle' };

	constructor(private readonly deps: SessionQueueDeps) {}

	/** Reads the paused flag and the send ledger kept from the last run. */
	async load(): Promise<void> {
		const state = await this.deps.states.get(this.deps.session);
		this.paused = state.paused;
		if (state.ledger) this.ledger = SendLedger.fromJSON(state.ledger as ReturnType<SendLedger['toJSON']>);
	}

	wake(): void {
		if (this.closed || this.sending) return;
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.pumpSafely(), 0);
	}

	async pause(): Promise<void> {
		this.paused = true;
		await this.persistState();
		this.waitingFor = { reason: 'paused' };
	}

	async resume(): Promise<void> {
		this.paused = false;
		await this.persistState();
		this.wake();
	}

	view() {
		const now = Date.now();
		const jobs = this.deps.store.ofSession(this.deps.session);
		const count = (status: MessageJob['status']) => jobs.filter((j) => j.status === status).length;
		return {
			session: this.deps.session,
			paused: this.paused,
			pacing: this.deps.options.pacing ? 'on' : 'off',
			depth: count('queued') + count('scheduled'),
			queued: count('queued'),
			scheduled: count('scheduled'),
			sending: count('sending'),
			waitingFor: this.waitingFor.reason,
			nextSendAt: this.waitingFor.until ? new Date(this.waitingFor.until).toISOString() : null,
			sentLastMinute: this.ledger.countSince(now - 60_000),
			sentLastHour: this.ledger.countSince(now - 3_600_000),
			sentLastDay: this.ledger.countSince(now - 86_400_000),
			// Messages to people who never wrote to this number, against their own daily cap (null: none).
			firstContacts: {
				sentLastDay: this.ledger.countFirstContactsSince(now - 86_400_000),
				perDay: this.deps.pacer().config.caps.firstContactPerDay,
			},
			totals: {
				sent: jobs.filter((j) => j.messageIds.length > 0).length,
				delivered: count('delivered') + count('read') + count('played'),
				read: count('read') + count('played'),
				failed: count('failed'),
				undelivered: count('undelivered'),
				uncertain: count('uncertain'),
				cancelled: count('cancelled'),
				expired: count('expired'),
				skipped: count('skipped'),
			},
		};
	}

	/** Stops scheduling; a send under way is awaited (it is bounded by the send timeout). */
	async close(): Promise<void> {
		this.closed = true;
		clearTimeout(this.timer);
		await this.sending;
	}

	/**
	 * The queue runs from timers, where a throw would end the process: anything
	 * unexpected is logged and the queue looks again a little later.
	 */
	private pumpSafely(): void {
		try {
			this.pump();
		} catch (error) {
			this.deps.logger.error({ err: error }, 'send queue failed; trying again in 5 s');
			this.sleep('error', Date.now() + 5_000);
		}
	}

	private pump(): void {
		this.timer = undefined;
		if (this.closed || this.sending) return;
		const now = Date.now();
		// Past their sendBefore: ended before anything else, whatever holds the queue (issue 15).
		const waiting = this.expireOverdue(this.deps.store.waiting(this.deps.session), now);
		if (waiting.length === 0) return this.sleep('idle');
		const deadline = nextSendDeadline(waiting);
		if (this.paused) return this.sleep('paused', undefined, deadline);

		const engine = this.deps.engine();
		if (!engine) {
			this.expireUnready(waiting, now);
			return this.sleep('session not ready', this.nextExpiry(waiting), deadline);
		}

		const candidates = this.candidates(waiting);
		if (!candidates.length) return this.sleep('campaign paused', undefined, deadline);
		let earliest: { at: number; reason: string } | undefined;
		for (const job of candidates) {
			const due = job.notBefore ?? 0;
			const decision =
				due > now
					? { at: due, reason: job.status === 'scheduled' ? 'sendAt' : 'retry' }
					: this.deps.pacer().decide(this.paceRequest(job, now));
			if (decision.at <= now) {
				this.sending = this.sendOne(job, engine)
					.catch((error) => this.deps.logger.error({ err: error, job: job.id }, 'could not record a send'))
					.finally(() => {
						this.sending = undefined;
						this.wake();
					});
				this.waitingFor = { reason: 'sending' };
				return;
			}
			if (!earliest || decision.at < earliest.at) earliest = { at: decision.at, reason: decision.reason ?? 'pacing' };
		}
		if (earliest) this.sleep(earliest.reason, earliest.at, deadline);
	}

	/** Ends the waiting jobs whose sendBefore has come; returns the others. */
	private expireOverdue(waiting: MessageJob[], now: number): MessageJob[] {
		const left: MessageJob[] = [];
		for (const job of waiting) {
			if (!pastSendWindow(job, now)) {
				left.push(job);
				continue;
			}
			expireJob(job);
			void this.finish(job);
		}
		return left;
	}

	/** Persists a job that will not be sent, and drops its media bytes. */
	private async finish(job: MessageJob): Promise<void> {
		try {
			await this.deps.commit(job);
			if (FINISHED_STATUSES.has(job.status)) await this.deps.store.dropMedia(job.id).catch(() => undefined);
		} catch (error) {
			this.deps.logger.error({ err: error, job: job.id }, 'could not record an expired message');
		}
	}

	/** The first waiting job of each recipient; replies first, then acceptance order. */
	private candidates(waiting: MessageJob[]): MessageJob[] {
		const firstPerRecipient = new Map<string, MessageJob>();
		for (const job of waiting) {
			if (this.deps.held?.(job)) continue;
			if (!firstPerRecipient.has(job.to)) firstPerRecipient.set(job.to, job);
		}
		return [...firstPerRecipient.values()].sort((a, b) => (a.lane === b.lane ? a.seq - b.seq : a.lane === 'reply' ? -1 : 1));
	}

	private paceRequest(job: MessageJob, now: number) {
		return {
			lane: job.lane,
			recipient: job.to,
			now,
			ledger: this.ledger,
			linkedAt: this.deps.linkedAt(),
			firstContact: job.firstContact,
			reaction: isFollowUp(job.content),
		};
	}

	private async sendOne(job: MessageJob, engine: WhatsAppEngine): Promise<void> {
		const { store } = this.deps;
		// Checked again right before the send: the contact may have opted out while the message waited.
		if (await this.skippedAsOptedOut(job)) return;
		if (await this.heldAsFirstContact(job, engine)) return;
		// The page was asked something just now: the deadline may have come meanwhile.
		if (pastSendWindow(job)) {
			expireJob(job);
			return this.finish(job);
		}
		// Meanwhile a campaign may have moved it to another number, paused it or cancelled it (issue 15).
		if (job.session !== this.deps.session || !WAITING_STATUSES.has(job.status) || this.deps.held?.(job)) return;
		job.attempts += 1;
		job.attemptStartedAt = Date.now();
		markJob(job, 'sending', { detail: `attempt ${job.attempts}` });
		// On disk before the library is called: a crash from here on makes the job `uncertain`, never a blind resend.
		await this.deps.commit(job);
		try {
			const sent = await this.deps.send(job, engine);
			this.noteSent(job.to, job.firstContact, isFollowUp(job.content));
			recordSent(job, sent);
			this.deps.logger.debug({ job: job.id, messageId: sent.id }, 'message sent');
		} catch (error) {
			this.onSendError(job, error);
		}
		job.attemptStartedAt = undefined;
		await this.deps.commit(job);
		if (job.messageIds.length) this.deps.onSent(job);
		// Media bytes stay while the job may still be sent (a retry, or a resend when undelivered).
		if (FINISHED_STATUSES.has(job.status)) await store.dropMedia(job.id).catch(() => undefined);
	}

	private onSendError(job: MessageJob, error: unknown): void {
		// sendAttempt's last look before the library call (number check and media took time): never sent.
		if (error instanceof SendWindowPassedError) return expireJob(job);
		const verdict = classifySendError(error);
		const { code, message } = verdict;
		if (verdict.kind === 'permanent') return failJob(job, code, message);
		if (verdict.kind === 'uncertain') {
			// It may have left: count it against the caps, and say so instead of guessing.
			this.noteSent(job.to, job.firstContact, isFollowUp(job.content));
			markUncertain(job, code, message);
			this.deps.logger.warn({ job: job.id, err: error }, 'send outcome unknown; marked uncertain');
			return;
		}
		if (job.attempts >= this.deps.options.maxAttempts) {
			return failJob(job, 'SEND_FAILED', `WhatsApp Web refused the message ${job.attempts} times; last: ${message}`);
		}
		const delay = backoffDelay(job.attempts, RETRY_BACKOFF, this.deps.random);
		job.notBefore = Date.now() + delay;
		markJob(job, 'queued', { detail: `retry in ${Math.round(delay / 1000)} s: ${message}` });
		this.deps.logger.warn({ job: job.id, err: error, delayMs: delay }, 'send failed; will retry');
	}

	/** A bulk message to a contact on the opt-out list ends `skipped` (OPTED_OUT); replies still go. */
	private async skippedAsOptedOut(job: MessageJob): Promise<boolean> {
		if (job.lane !== 'bulk') return false;
		const contact = this.deps.optedOut?.(job.to);
		if (contact === undefined) return false;
		const error = new OptedOutError(contact);
		skipJob(job, error.code, error.message);
		await this.deps.commit(job);
		await this.deps.store.dropMedia(job.id).catch(() => undefined);
		this.deps.logger.info({ job: job.id }, 'bulk message skipped: its contact opted out');
		return true;
	}

	/**
	 * Asks the page, right before the send, whether the recipient ever wrote to this number, and
	 * keeps the answer on the job. A first contact over its daily cap stays queued: the pump now
	 * knows, and sleeps until the cap lets it go (`waitingFor: firstContactPerDay`).
	 */
	private async heldAsFirstContact(job: MessageJob, engine: WhatsAppEngine): Promise<boolean> {
		// A reaction, edit or deletion is never a first contact: it goes on a message already in the chat and opens no conversation.
		if (isFollowUp(job.content)) return false;
		const chats = [job.to, ...((await this.deps.otherChatIds?.(job.to)) ?? [])];
		const firstContact = await firstContactOf(chats, engine, this.deps.options.sendTimeoutMs, this.deps.logger);
		const changed = firstContact !== job.firstContact;
		job.firstContact = firstContact;
		if (firstContact !== true) return false;
		const now = Date.now();
		if (this.deps.pacer().decide(this.paceRequest(job, now)).at <= now) return false;
		if (changed) await this.deps.commit(job);
		return true;
	}

	private noteSent(recipient: string, firstContact = false, reaction = false): void {
		this.ledger.record(Date.now(), recipient, this.deps.pacer().gapsAfterSend(), firstContact, reaction);
		void this.persistState().catch((error) => this.deps.logger.error({ err: error }, 'could not save the send ledger'));
	}

	/** Jobs that waited too long for a READY session fail instead of waiting forever. */
	private expireUnready(waiting: MessageJob[], now: number): void {
		for (const job of waiting) {
			if (now - this.waitStart(job) < this.deps.options.maxWaitMs) continue;
			const error = new SessionNotReadyError(this.deps.session, this.deps.options.maxWaitMs);
			failJob(job, error.code, error.message);
			void this.deps.commit(job);
		}
	}

	private nextExpiry(waiting: MessageJob[]): number | undefined {
		const left = waiting.filter((job) => job.status !== 'failed');
		if (!left.length) return undefined;
		return Math.min(...left.map((job) => this.waitStart(job) + this.deps.options.maxWaitMs));
	}

	private waitStart(job: MessageJob): number {
		return Math.max(job.createdAt, job.notBefore ?? 0);
	}

	/**
	 * Waits for `until` (what the queue view shows as nextSendAt), or for the earliest sendBefore
	 * of a waiting job when that comes first: a held job expires at its deadline, not at its turn.
	 */
	private sleep(reason: string, until?: number, deadline?: number): void {
		this.waitingFor = { reason, until };
		const wakeAt = earlierOf(until, deadline);
		if (wakeAt === undefined || this.closed) return;
		clearTimeout(this.timer);
		// Timers beyond ~24.8 days overflow; waking early just re-evaluates.
		this.timer = setTimeout(() => this.pumpSafely(), Math.min(Math.max(0, wakeAt - Date.now()), 2 ** 31 - 1));
	}

	private persistState(): Promise<void> {
		return this.deps.states.save(this.deps.session, { paused: this.paused, ledger: this.ledger.toJSON() });
	}
}
