import type { KnownAddresses } from '../contacts/AddressBook';
import { messageIdParts, phoneOfId, userIdKind } from '../contacts/userIds';
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
	/**
	 * Who is behind a chat id (AddressBook): a chat sent to by phone number may be
	 * LID-addressed, and its acks then name the LID chat. Without it, acks match by exact id only.
	 */
	addresses?: {
		known(session: string, userId: string): KnownAddresses;
		resolve(session: string, userId: string): Promise<KnownAddresses>;
		learn(session: string, lid: string, phone: string): void;
	};
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
		const job = this.match(session, ack);
		if (job) {
			await this.apply(job, ack.ack);
			return;
		}
		this.holdEarly(session, ack);
		// Perhaps the chat is filed under the person's other address now (WhatsApp migrated it to
		// their LID) and nobody here knew the pair yet: ask who it is, then look once more.
		const addresses = this.deps.addresses;
		if (!addresses || !userIdKind(ack.chatId)) return;
		await addresses.resolve(session, ack.chatId);
		const held = this.early.get(ack.messageId);
		const late = held?.ack === ack ? this.match(session, ack) : undefined;
		if (!late) return;
		this.early.delete(ack.messageId);
		await this.apply(late, ack.ack);
	}

	/** Called once a job's send returned its message id: applies acks that came first. */
	async claimEarlyAcks(job: MessageJob): Promise<void> {
		this.learnPairs(job);
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
			// WhatsApp sends no receipts for reactions: `sent` is as far as one goes.
			if (job.content.reaction) continue;
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

	/** The job of an acked message: by its id, by the id it had under the person's other address, or an uncertain send. */
	private match(session: string, ack: MessageAck): MessageJob | undefined {
		return this.deps.store.byWhatsAppId(ack.messageId) ?? this.byOtherAddress(session, ack.messageId) ?? this.adoptUncertain(session, ack);
	}

	/**
	 * A message's id names its chat (`true_<chat>_<stanza id>`). When WhatsApp files a chat
	 * under the person's LID instead of their phone (or the other way round), receipts for
	 * messages sent before name the same stanza id under the other address.
	 */
	private byOtherAddress(session: string, messageId: string): MessageJob | undefined {
		const parts = messageIdParts(messageId);
		const addresses = this.deps.addresses;
		if (!parts || !addresses || !userIdKind(parts.chat)) return undefined;
		const known = addresses.known(session, parts.chat);
		const other = userIdKind(parts.chat) === 'lid' ? (known.phone ? `${known.phone}@c.us` : undefined) : (known.lid ?? undefined);
		if (!other) return undefined;
		const rest = messageId.slice(`${parts.fromMe}_${parts.chat}_`.length);
		const job = this.deps.store.byWhatsAppId(`${parts.fromMe}_${other}_${rest}`);
		return job?.session === session ? job : undefined;
	}

	/** Same person: the same id, or a phone id and the LID WhatsApp paired it with. */
	private sameChat(session: string, jobTo: string, chatId: string): boolean {
		if (jobTo === chatId) return true;
		const addresses = this.deps.addresses;
		if (!addresses || !userIdKind(chatId) || !userIdKind(jobTo)) return false;
		const a = addresses.known(session, jobTo);
		const b = addresses.known(session, chatId);
		return (a.phone !== null && a.phone === b.phone) || (a.lid !== null && a.lid === b.lid);
	}

	/** A send to a phone number answered from the person's LID chat shows their pair. */
	private learnPairs(job: MessageJob): void {
		const phone = phoneOfId(job.to);
		if (!phone || !this.deps.addresses) return;
		for (const id of job.messageIds) {
			const chat = messageIdParts(id)?.chat;
			if (chat && userIdKind(chat) === 'lid') this.deps.addresses.learn(job.session, chat, phone);
		}
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
					this.sameChat(session, j.to, ack.chatId) &&
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
