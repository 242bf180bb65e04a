import type { Logger } from '../logger';
import type { MessageAck } from '../sessions/engine/Engine';
import type { JobStore } from '../storage/JobStore';
import { applyAck, markJob } from './jobTransitions';
import type { MessageJob } from '../storage/records';

/** An ack can beat the library's sendMessage() answer; it is held this long for its job to claim. */
const EARLY_ACK_HOLD_MS = 120_000;

export interface AckTrackerDeps {
	store: JobStore;
	logger: Logger;
	undeliveredAfterMs: number;
	resendUndelivered: boolean;
	/** Persists a changed job and announces the change once it is on disk. */
	commit(job: MessageJob): Promise<void>;
	/** An undelivered job went back to the queue to be sent once more. */
	onResend(job: MessageJob): void;
}

/**
 * Turns WhatsApp acks into job statuses. The message id → job mapping is part of
 * the persisted job, so an ack arriving after a sidecar restart still finds the
 * job and its reference. Also marks sent messages that were never delivered,
 * and (if asked) sends such a message once more.
 */
export class AckTracker {
	private readonly early = new Map<string, { session: string; ack: MessageAck; at: number }>();

	constructor(private readonly deps: AckTrackerDeps) {}

	async onAck(session: string, ack: MessageAck): Promise<void> {
		if (!ack.fromMe) return;
		const job = this.deps.store.byWhatsAppId(ack.messageId) ?? this.adoptUncertain(session, ack);
		if (!job) {
			this.holdEarly(session, ack);
			return;
		}
		await this.apply(job, ack.ack);
	}

	/** Called once a job's send returned its message id: applies acks that came first. */
	async claimEarlyAcks(job: MessageJob): Promise<void> {
		for (const id of job.messageIds) {
			const held = this.early.get(id);
			if (!held) continue;
			this.early.delete(id);
			await this.apply(job, held.ack.ack);
		}
	}

	/**
	 * Marks `sent` jobs without a delivered ack after the configured time; with the
	 * resend policy, a job not yet resent goes back to the queue once. Read is never
	 * required (receipts can be off on the phone): delivered is enough.
	 */
	async sweepUndelivered(now = Date.now()): Promise<void> {
		for (const job of this.deps.store.all()) {
			if (job.status !== 'sent' || !job.sentAt || now - job.sentAt < this.deps.undeliveredAfterMs) continue;
			if (this.deps.resendUndelivered && !job.resent) {
				job.resent = true;
				markJob(job, 'undelivered', { detail: `no delivered ack within ${Math.round(this.deps.undeliveredAfterMs / 1000)} s` });
				markJob(job, 'queued', { detail: 'sending once more (SIDECAR_UNDELIVERED_RESEND)' });
				await this.deps.commit(job);
				this.deps.onResend(job);
				continue;
			}
			markJob(job, 'undelivered', { detail: `no delivered ack within ${Math.round(this.deps.undeliveredAfterMs / 1000)} s` });
			await this.deps.commit(job);
		}
		for (const [id, held] of this.early) if (now - held.at > EARLY_ACK_HOLD_MS) this.early.delete(id);
	}

	private async apply(job: MessageJob, level: number): Promise<void> {
		if (!applyAck(job, level)) return;
		await this.deps.commit(job);
	}

	/**
	 * A job whose send a crash interrupted is `uncertain` with no message id. If
	 * WhatsApp later acks a message of ours to the same chat with the same text,
	 * that was it: the job takes the id and follows its acks.
	 */
	private adoptUncertain(session: string, ack: MessageAck): MessageJob | undefined {
		if (!ack.body) return undefined;
		const job = this.deps.store
			.ofSession(session)
			.find(
				(j) =>
					j.status === 'uncertain' &&
					j.messageIds.length === 0 &&
					j.to === ack.chatId &&
					(j.content.text ?? j.content.caption) === ack.body,
			);
		if (!job) return undefined;
		job.messageIds.push(ack.messageId);
		job.error = undefined;
		this.deps.logger.info({ job: job.id, messageId: ack.messageId }, 'matched an uncertain job to its sent message');
		return job;
	}

	private holdEarly(session: string, ack: MessageAck): void {
		const held = this.early.get(ack.messageId);
		if (!held || held.ack.ack < ack.ack) this.early.set(ack.messageId, { session, ack, at: Date.now() });
	}
}
