import deepEqual from 'fast-deep-equal';
import type { Keyv } from 'keyv';
import { WAITING_JOB_STATUSES, type JobStatus } from '../contract';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';
import type { MessageJob } from './records';

/** Jobs the queue still has to send (the contract's grouping). */
const WAITING: ReadonlySet<JobStatus> = new Set(WAITING_JOB_STATUSES);

/**
 * Message jobs: every job is one keyv entry (written before the API answers, so
 * "accepted" means "on disk"), with media bytes kept apart so the job stays
 * small. The indexes (idempotency key, WhatsApp message id, session) live in
 * memory and are rebuilt from the entries at boot.
 */
export class JobStore {
	private readonly keyv: Keyv<MessageJob>;
	private readonly mediaKeyv: Keyv<string>;
	private readonly writes: KeyedWrites;
	private readonly jobs = new Map<string, MessageJob>();
	private readonly byKey = new Map<string, string>();
	private readonly byMessageId = new Map<string, string>();
	private readonly bySession = new Map<string, Map<string, MessageJob>>();
	/** The session each job was indexed under: a campaign can move a waiting job to another number. */
	private readonly sessionOf = new Map<string, string>();
	private readonly byCampaign = new Map<string, Map<string, MessageJob>>();
	private readonly adding = new Map<string, Promise<MessageJob>>();
	private lastSeq = 0;

	constructor(database: Database) {
		this.writes = database.writes();
		this.keyv = database.namespace<MessageJob>('jobs');
		this.mediaKeyv = database.namespace<string>('job-media');
	}

	/** Reads every job into memory; returns them in acceptance order. */
	async load(): Promise<MessageJob[]> {
		for await (const [, value] of this.keyv.iterator!(undefined)) this.index(value as MessageJob);
		return this.all();
	}

	nextSeq(): number {
		return ++this.lastSeq;
	}

	get(id: string): MessageJob | undefined {
		return this.jobs.get(id);
	}

	byIdempotencyKey(key: string): MessageJob | undefined {
		const id = this.byKey.get(key);
		return id ? this.jobs.get(id) : undefined;
	}

	byWhatsAppId(messageId: string): MessageJob | undefined {
		const id = this.byMessageId.get(messageId);
		return id ? this.jobs.get(id) : undefined;
	}

	all(): MessageJob[] {
		return [...this.jobs.values()].sort((a, b) => a.seq - b.seq);
	}

	ofSession(session: string): MessageJob[] {
		return [...(this.bySession.get(session)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
	}

	/** Jobs of a session still to be sent, in acceptance order. */
	waiting(session: string): MessageJob[] {
		return this.ofSession(session).filter((job) => WAITING.has(job.status));
	}

	/** A campaign's jobs, in acceptance order (issue 15). */
	ofCampaign(campaignId: string): MessageJob[] {
		return [...(this.byCampaign.get(campaignId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
	}

	withReference(candidates: unknown[]): MessageJob[] {
		return this.all().filter((job) => job.reference !== undefined && candidates.some((c) => deepEqual(job.reference, c)));
	}

	/**
	 * Persists a new job (its media bytes first, so a job on disk always has them).
	 * The queue sees the job only once it is on disk; until then its idempotency
	 * key is reserved, so a concurrent request with the same key waits for it.
	 */
	async add(job: MessageJob, mediaBase64?: string): Promise<void> {
		const key = job.idempotencyKey;
		const write = (async () => {
			if (mediaBase64 !== undefined) await this.writes.run(`media:${job.id}`, () => this.mediaKeyv.set(job.id, mediaBase64));
			const snapshot = structuredClone(job);
			await this.writes.run(job.id, () => this.keyv.set(job.id, snapshot));
			this.index(job);
			return job;
		})();
		if (key) {
			this.adding.set(key, write);
			void write.then(
				() => this.adding.delete(key),
				() => this.adding.delete(key),
			);
		}
		await write;
	}

	/** A job with this key that is being written right now. */
	beingAdded(key: string): Promise<MessageJob> | undefined {
		return this.adding.get(key);
	}

	/** Persists the job's current state; writes of one job land in order. */
	save(job: MessageJob): Promise<void> {
		job.updatedAt = Date.now();
		this.index(job);
		const snapshot = structuredClone(job);
		return this.writes.run(job.id, () => this.keyv.set(job.id, snapshot));
	}

	async media(jobId: string): Promise<string | undefined> {
		return this.mediaKeyv.get(jobId);
	}

	dropMedia(jobId: string): Promise<void> {
		return this.writes.run(`media:${jobId}`, () => this.mediaKeyv.delete(jobId));
	}

	/** Forgets jobs that are done and older than the retention (their idempotency keys go with them). */
	async prune(olderThan: number): Promise<number> {
		const old = [...this.jobs.values()].filter(
			(job) => !WAITING.has(job.status) && job.status !== 'sending' && job.updatedAt < olderThan,
		);
		for (const job of old) {
			this.unindex(job);
			await this.writes.run(job.id, () => this.keyv.delete(job.id));
			await this.dropMedia(job.id);
		}
		return old.length;
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}

	private index(job: MessageJob): void {
		this.jobs.set(job.id, job);
		this.lastSeq = Math.max(this.lastSeq, job.seq);
		if (job.idempotencyKey) this.byKey.set(job.idempotencyKey, job.id);
		for (const messageId of job.messageIds) this.byMessageId.set(messageId, job.id);
		const before = this.sessionOf.get(job.id);
		if (before !== undefined && before !== job.session) this.dropFromSession(before, job.id);
		this.sessionOf.set(job.id, job.session);
		let ofSession = this.bySession.get(job.session);
		if (!ofSession) this.bySession.set(job.session, (ofSession = new Map()));
		ofSession.set(job.id, job);
		if (job.campaignId) {
			let ofCampaign = this.byCampaign.get(job.campaignId);
			if (!ofCampaign) this.byCampaign.set(job.campaignId, (ofCampaign = new Map()));
			ofCampaign.set(job.id, job);
		}
	}

	private dropFromSession(session: string, jobId: string): void {
		const ofSession = this.bySession.get(session);
		ofSession?.delete(jobId);
		if (ofSession?.size === 0) this.bySession.delete(session);
	}

	private unindex(job: MessageJob): void {
		this.jobs.delete(job.id);
		if (job.idempotencyKey && this.byKey.get(job.idempotencyKey) === job.id) this.byKey.delete(job.idempotencyKey);
		for (const messageId of job.messageIds) this.byMessageId.delete(messageId);
		this.dropFromSession(this.sessionOf.get(job.id) ?? job.session, job.id);
		this.sessionOf.delete(job.id);
		if (job.campaignId) {
			const ofCampaign = this.byCampaign.get(job.campaignId);
			ofCampaign?.delete(job.id);
			if (ofCampaign?.size === 0) this.byCampaign.delete(job.campaignId);
		}
	}
}
