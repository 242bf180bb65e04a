import type { SendingOptions } from '../config';
import { JobNotCancellableError, JobNotFoundError, SessionNotFoundError } from '../errors';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import type { IncomingMessage, MessageAck } from '../sessions/engine/Engine';
import type { SessionManager } from '../sessions/SessionManager';
import type { SessionStatus } from '../sessions/SessionStatus';
import type { JobStore } from '../storage/JobStore';
import type { QueueStateStore } from '../storage/QueueStateStore';
import type { MessageJob } from '../storage/records';
import { AckTracker, type AckTrackerDeps } from './AckTracker';
import { acceptFailedJob, acceptJob, type SendRequest } from './acceptJob';
import { isFollowUp } from './content/messageContent';
import { deleteRequest, editRequest, forwardRequest, type FollowUpOptions } from './changeRequests';
import { JobCommits } from './jobCommits';
import { markJob, markUncertain } from './jobTransitions';
import type { MediaPolicy } from './media/MediaPolicy';
import { jobView, WAITING_STATUSES, type JobView } from './MessageJob';
import { Pacer } from './pacing/Pacer';
import { parsePacing } from './pacing/PacingConfig';
import { sendAttempt } from './sendAttempt';
import { SessionQueue } from './SessionQueue';

export interface MessageServiceDeps {
	store: JobStore;
	states: QueueStateStore;
	sessions: SessionManager;
	options: SendingOptions;
	media: MediaPolicy;
	logger: Logger;
	/** Where job changes are told (`job.changed`). */
	events: DomainEvents;
	random?: () => number;
	/** Who is behind a LID: acks of a LID-addressed chat still find jobs sent to the phone number. */
	addresses?: AckTrackerDeps['addresses'];
	/** Opt-outs (issue 15): the contact on the opt-out list a chat id belongs to, for a session; bulk messages to them are skipped. */
	optedOut?(session: string, chatId: string): string | undefined;
}

/**
 * The sending subsystem's front: accepts jobs, owns one SessionQueue per
 * session, feeds acks to the AckTracker, and runs the periodic sweep
 * (undelivered messages, retention). The HTTP routes talk only to this.
 */
export class MessageService {
	private readonly queues = new Map<string, Promise<SessionQueue>>();
	private readonly acks: AckTracker;
	private readonly pacers = new Map<string, { source: unknown; pacer: Pacer }>();
	private readonly commits: JobCommits;
	private sweepTimer?: NodeJS.Timeout;
	private readonly log: Logger;
	/** Jobs the queues pass over for now (a paused campaign's, issue 15). */
	private held: (job: MessageJob) => boolean = () => false;

	constructor(private readonly deps: MessageServiceDeps) {
		this.log = deps.logger.child({ component: 'sending' });
		this.commits = new JobCommits(deps.store, deps.events);
		this.acks = new AckTracker({
			store: deps.store,
			logger: this.log,
			undeliveredAfterMs: deps.options.undeliveredAfterMs,
			resendUndelivered: deps.options.resendUndelivered,
			commit: (job) => this.commits.commit(job),
			onResend: (job) => this.wake(job.session),
			addresses: deps.addresses,
		});
	}

	/** Loads the jobs, settles what a crash interrupted, and starts every session's queue. */
	async boot(): Promise<void> {
		if (!this.deps.options.pacing) {
			this.log.warn('SIDECAR_PACING=off: messages go out WITHOUT gaps, caps or warm-up. Use this only for tests and sandboxes; real numbers get banned this way.');
		}
		const jobs = await this.deps.store.load();
		const known = new Set(this.deps.sessions.list().map((s) => s.id));
		for (const job of jobs) {
			// Written before statuses were announced once: each status was announced when it was committed.
			job.announcedStatus ??= job.status;
			if (job.status === 'sending') {
				// The process died between "attempt recorded" and "library answered": it may have gone out.
				markUncertain(job, 'SEND_INTERRUPTED', 'The sidecar stopped while this message was being sent; it may or may not have arrived, so it is not sent again.');
				await this.commits.commit(job);
			} else if (WAITING_STATUSES.has(job.status) && !known.has(job.session)) {
				await this.cancelJob(job, 'SESSION_DELETED');
			}
		}
		for (const id of known) this.wake(id);
		const every = Math.min(30_000, Math.max(1_000, Math.floor(this.deps.options.undeliveredAfterMs / 2)));
		this.sweepTimer = setInterval(() => void this.sweep(), every);
		this.log.info({ jobs: jobs.length, waiting: jobs.filter((j) => WAITING_STATUSES.has(j.status)).length }, 'message jobs loaded');
	}

	/** Persists the job; the answer shows it as accepted (the queue may pick it up at once). */
	async accept(sessionId: string, request: SendRequest): Promise<{ job: JobView; duplicate: boolean }> {
		const session = this.deps.sessions.get(sessionId); // 404 before anything else
		const result = await acceptJob(sessionId, request, {
			store: this.deps.store,
			options: this.deps.options,
			media: this.deps.media,
			optedOut: this.deps.optedOut,
		});
		if (result.duplicate) return { job: jobView(result.job), duplicate: true };
		if (this.deps.sessions.find(sessionId) !== session) {
			// The session was deleted while the job was being written (its deletion may have cancelled
			// the job already): nothing may wait for, or go out through, a session that is gone.
			await this.cancelJob(result.job, 'SESSION_DELETED');
			throw new SessionNotFoundError(sessionId);
		}
		const view = jobView(result.job);
		this.commits.announce(result.job);
		this.wake(sessionId);
		return { job: view, duplicate: false };
	}

	// ---- What campaigns need (issue 15): sending/ knows nothing of campaigns, campaigns/ uses these.

	/** Keeps a request that cannot become a message as a failed job (a campaign's bad row), announced like any job. */
	async acceptFailed(
		sessionId: string,
		request: Parameters<typeof acceptFailedJob>[1],
		error: { code: string; message: string },
	): Promise<{ job: JobView; duplicate: boolean }> {
		this.deps.sessions.get(sessionId);
		const result = await acceptFailedJob(sessionId, request, error, { store: this.deps.store });
		if (!result.duplicate) this.commits.announce(result.job);
		return { job: jobView(result.job), duplicate: result.duplicate };
	}

	/** Which jobs every queue passes over until told otherwise (wake the sessions when it changes). */
	holdWhile(held: (job: MessageJob) => boolean): void {
		this.held = held;
	}

	/**
	 * Hands a waiting job to another session (a campaign's number that cannot send, issue 15). A job
	 * being sent is not waiting and is never moved; the old queue checks the session again right
	 * before it sends.
	 */
	async move(job: MessageJob, toSession: string, detail: string): Promise<boolean> {
		if (!WAITING_STATUSES.has(job.status) || job.session === toSession || !this.deps.sessions.find(toSession)) return false;
		job.session = toSession;
		// Whether they wrote to the other number says nothing about this one: asked again before the send.
		job.firstContact = undefined;
		markJob(job, job.status, { detail });
		await this.commits.commit(job);
		this.wake(toSession);
		return true;
	}

	/** Cancels jobs that still wait (a cancelled campaign's); the others are left as they are. */
	async cancelWaiting(jobs: MessageJob[], reason: string): Promise<number> {
		let cancelled = 0;
		for (const job of jobs) {
			if (!WAITING_STATUSES.has(job.status)) continue;
			await this.cancelJob(job, reason);
			cancelled += 1;
		}
		return cancelled;
	}

	/** The queue's view for a session that has one, without creating it. */
	async queueViewIfAny(sessionId: string): Promise<ReturnType<SessionQueue['view']> | undefined> {
		const queue = this.queues.get(sessionId);
		return queue ? (await queue).view() : undefined;
	}

	/** Lets every queue look for work again (a campaign resumed). */
	wakeAll(): void {
		for (const id of this.queues.keys()) this.wake(id);
	}

	get(jobId: string): MessageJob {
		const job = this.deps.store.get(jobId);
		if (!job) throw new JobNotFoundError(jobId);
		return job;
	}

	/** Jobs whose reference equals one of the candidates (referenceLookupCandidates), in acceptance order. */
	withReference(candidates: unknown[]): MessageJob[] {
		return this.deps.store.withReference(candidates);
	}

	async cancel(jobId: string): Promise<MessageJob> {
		const job = this.get(jobId);
		if (!WAITING_STATUSES.has(job.status)) throw new JobNotCancellableError(jobId, job.status);
		await this.cancelJob(job, 'CANCELLED_BY_REQUEST');
		return job;
	}

	// ---- Edits, deletions and forwards (issue 14): jobs like any message, built in changeRequests.ts.

	/** Queues an edit of a message this sidecar sent, on the session that sent it. */
	async edit(jobId: string, text: string, options: FollowUpOptions): Promise<{ job: JobView; duplicate: boolean }> {
		const job = this.get(jobId);
		return this.accept(job.session, editRequest(job, text, options));
	}

	/**
	 * DELETE on a job: a message still waiting is cancelled (what DELETE always meant); one that went
	 * out is deleted in WhatsApp by a delete job (for everyone, or for this account only).
	 */
	async deleteOrCancel(
		jobId: string,
		forEveryone: boolean,
		options: FollowUpOptions,
	): Promise<{ job: JobView; duplicate: boolean; cancelled: boolean }> {
		const job = this.get(jobId);
		if (WAITING_STATUSES.has(job.status)) return { job: jobView(await this.cancel(jobId)), duplicate: false, cancelled: true };
		// Cancelled, or failed before WhatsApp had it: nothing to cancel or delete, as DELETE always answered.
		if (!job.messageIds.length && !isFollowUp(job.content)) throw new JobNotCancellableError(jobId, job.status);
		return { ...(await this.accept(job.session, deleteRequest(job, forEveryone, options))), cancelled: false };
	}

	/** Queues a forward of a message this session's WhatsApp has to another chat. */
	async forward(
		sessionId: string,
		messageId: string,
		request: Parameters<typeof forwardRequest>[1],
	): Promise<{ job: JobView; duplicate: boolean }> {
		return this.accept(sessionId, forwardRequest(messageId, request));
	}

	async queueView(sessionId: string) {
		this.deps.sessions.get(sessionId);
		return (await this.queue(sessionId)).view();
	}

	async pause(sessionId: string) {
		this.deps.sessions.get(sessionId);
		const queue = await this.queue(sessionId);
		await queue.pause();
		return queue.view();
	}

	async resume(sessionId: string) {
		this.deps.sessions.get(sessionId);
		const queue = await this.queue(sessionId);
		await queue.resume();
		return queue.view();
	}

	/** A session that became READY can send: its queue looks for work. */
	onSessionStatus(sessionId: string, status: SessionStatus): void {
		if (status === 'READY') this.wake(sessionId);
	}

	onAck(sessionId: string, ack: MessageAck): void {
		this.acks.onAck(sessionId, ack).catch((error) => this.log.error({ err: error }, 'could not record an ack'));
	}

	/**
	 * Someone wrote: they are no longer a first contact, so their messages held by the first-contact
	 * cap may go (the page is asked again right before the send).
	 */
	onIncoming(sessionId: string, message: IncomingMessage): void {
		if (message.fromMe || message.isGroup) return;
		this.chatIdsOf(sessionId, message.chatId)
			.then((chats) => {
				// Jobs may be addressed by phone while the person writes from their linked id (or the other way round).
				const held = this.deps.store.waiting(sessionId).filter((job) => chats.has(job.to) && job.firstContact);
				if (!held.length) return;
				for (const job of held) job.firstContact = false;
				return Promise.all(held.map((job) => this.commits.commit(job))).then(() => this.wake(sessionId));
			})
			.catch((error) => this.log.error({ err: error }, 'could not record that a contact wrote'));
	}

	/** A chat's id and the person's other address, when the address book knows or can learn it in time. */
	private async chatIdsOf(sessionId: string, chatId: string): Promise<Set<string>> {
		const known = await this.deps.addresses?.resolve(sessionId, chatId);
		return new Set([chatId, ...(known?.phone ? [`${known.phone}@c.us`] : []), ...(known?.lid ? [known.lid] : [])]);
	}

	/** A deleted session's waiting messages are cancelled, never sent through another session. */
	async onSessionDeleted(sessionId: string): Promise<void> {
		const queue = this.queues.get(sessionId);
		this.queues.delete(sessionId);
		await (await queue)?.close();
		for (const job of this.deps.store.waiting(sessionId)) await this.cancelJob(job, 'SESSION_DELETED');
		await this.deps.states.remove(sessionId);
		this.pacers.delete(sessionId);
	}

	/** Stops the queues (a send under way finishes within its timeout) and writes everything out. */
	async close(): Promise<void> {
		clearInterval(this.sweepTimer);
		await Promise.all([...this.queues.values()].map(async (q) => (await q).close()));
		await this.deps.store.flush();
		await this.deps.states.flush();
	}

	/** The pacer for a session's current settings (rebuilt when its settings change). */
	pacerFor(sessionId: string): Pacer {
		// find, not get: the queue asks from its timer, which may run in the moment a session is being deleted.
		const source = this.deps.sessions.find(sessionId)?.config.pacing;
		const cached = this.pacers.get(sessionId);
		if (cached && cached.source === source) return cached.pacer;
		const pacer = new Pacer({ config: parsePacing(source ?? {}), enabled: this.deps.options.pacing, random: this.deps.random });
		this.pacers.set(sessionId, { source, pacer });
		return pacer;
	}

	/** Lets a session's queue look for work; a deleted session gets no queue. */
	private wake(sessionId: string): void {
		if (!this.deps.sessions.find(sessionId)) return;
		this.queue(sessionId).then(
			(queue) => queue.wake(),
			(error) => this.log.error({ err: error, session: sessionId }, 'could not load the send queue'),
		);
	}

	private queue(sessionId: string): Promise<SessionQueue> {
		let queue = this.queues.get(sessionId);
		if (!queue) {
			queue = this.createQueue(sessionId);
			this.queues.set(sessionId, queue);
		}
		return queue;
	}

	private async createQueue(sessionId: string): Promise<SessionQueue> {
		const session = () => this.deps.sessions.find(sessionId);
		const queue = new SessionQueue({
			session: sessionId,
			store: this.deps.store,
			states: this.deps.states,
			options: this.deps.options,
			logger: this.log.child({ session: sessionId }),
			pacer: () => this.pacerFor(sessionId),
			engine: () => session()?.readyEngine(),
			linkedAt: () => session()?.linkedAt(),
			send: (job, engine) =>
				sendAttempt(job, engine, {
					store: this.deps.store,
					media: this.deps.media,
					sendTimeoutMs: this.deps.options.sendTimeoutMs,
					typingMs: (length) => this.pacerFor(sessionId).typingMs(length),
				}),
			commit: async (job) => {
				await this.commits.commit(job);
				await this.noteChange(job);
			},
			onSent: (job) => void this.acks.claimEarlyAcks(job),
			random: this.deps.random,
			optedOut: this.deps.optedOut && ((chatId) => this.deps.optedOut!(sessionId, chatId)),
			held: (job) => this.held(job),
			otherChatIds: async (chatId) => [...(await this.chatIdsOf(sessionId, chatId))].filter((id) => id !== chatId),
		});
		await queue.load();
		return queue;
	}

	/** An edit or deletion WhatsApp took is noted on the job of the message it changed (its `changes`). */
	private async noteChange(job: MessageJob): Promise<void> {
		const change = job.content.edit ?? job.content.delete;
		if (!change?.target.jobId || job.status !== 'sent') return;
		const original = this.deps.store.get(change.target.jobId);
		if (!original || original.changes?.some((c) => c.jobId === job.id)) return;
		const at = new Date(job.sentAt ?? Date.now()).toISOString();
		const noted = job.content.edit
			? { jobId: job.id, kind: 'edit' as const, at, text: job.content.edit.text }
			: { jobId: job.id, kind: 'delete' as const, at, forEveryone: job.content.delete!.forEveryone };
		original.changes = [...(original.changes ?? []), noted];
		original.updatedAt = Date.now();
		await this.commits.commit(original);
	}

	private async cancelJob(job: MessageJob, reason: string): Promise<void> {
		if (!WAITING_STATUSES.has(job.status)) return; // finished meanwhile (or cancelled by the other side of a race)
		job.notBefore = undefined;
		markJob(job, 'cancelled', { detail: reason });
		await this.commits.commit(job);
		await this.deps.store.dropMedia(job.id);
	}

	private async sweep(): Promise<void> {
		try {
			await this.acks.sweepUndelivered();
			const pruned = await this.deps.store.prune(Date.now() - this.deps.options.retentionMs);
			if (pruned) this.log.info({ pruned }, 'forgot finished message jobs past their retention');
			for (const id of this.queues.keys()) this.wake(id);
		} catch (error) {
			this.log.error({ err: error }, 'message sweep failed');
		}
	}
}
