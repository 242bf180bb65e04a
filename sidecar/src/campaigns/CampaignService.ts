import { createHash, randomUUID } from 'crypto';
import type { CampaignPayload, JobStatus } from '../contract';
import {
	CampaignNotActiveError,
	CampaignNotFoundError,
	CursorInvalidError,
	IdempotencyKeyReusedError,
	SendBeforeInvalidError,
} from '../errors';
import type { DomainEvents } from '../events/domainEvents';
import type { CreateCampaignRequest } from '../http/campaignSchemas';
import type { Logger } from '../logger';
import { checkReference, sendBeforeOf } from '../sending/acceptJob';
import { jobView, type JobView } from '../sending/MessageJob';
import { canonicalJson } from '../sending/requestFingerprint';
import type { MessageService } from '../sending/MessageService';
import type { SessionManager } from '../sessions/SessionManager';
import type { CampaignStore } from '../storage/CampaignStore';
import type { JobStore } from '../storage/JobStore';
import type { CampaignRecord, MessageJob } from '../storage/records';
import { acceptRows } from './acceptRows';
import { availabilities } from './availability';
import { campaignRows } from './campaignRows';
import { CampaignProgress } from './CampaignProgress';
import { campaignView } from './campaignView';
import { Rebalancer } from './Rebalancer';

export interface CampaignOptions {
	/** SIDECAR_CAMPAIGN_PROGRESS_MS: the least time between two campaign.progress events of a campaign. */
	progressIntervalMs: number;
	/** How often `spread` campaigns look for numbers that cannot send. */
	rebalanceIntervalMs: number;
	defaultCountryCode?: string;
	/** SIDECAR_REFERENCE_MAX_BYTES: each message's reference, as for a single message. */
	referenceMaxBytes: number;
}

export interface CampaignServiceDeps {
	store: CampaignStore;
	jobs: JobStore;
	messages: MessageService;
	sessions: SessionManager;
	events: DomainEvents;
	logger: Logger;
	options: CampaignOptions;
}

/**
 * Campaigns (issue 15): one request, a message per contact, spread over several
 * numbers. Each message is an ordinary job of the send queue (its pacing, caps,
 * warm-up, quiet hours, opt-outs and sendBefore all apply); this service decides
 * which number each goes through, holds a paused campaign's messages, moves the
 * messages of a number that cannot send (Rebalancer) and tells the progress.
 */
export class CampaignService {
	private readonly progress: CampaignProgress;
	private readonly rebalancer: Rebalancer;
	private readonly creating = new Map<string, Promise<unknown>>();
	/** Campaigns whose messages are being accepted right now. */
	private readonly accepting = new Set<string>();
	private readonly log: Logger;

	constructor(private readonly deps: CampaignServiceDeps) {
		this.log = deps.logger.child({ component: 'campaigns' });
		this.progress = new CampaignProgress({
			store: deps.store,
			jobs: deps.jobs,
			events: deps.events,
			logger: this.log,
			intervalMs: deps.options.progressIntervalMs,
			view: (campaign) => this.view(campaign),
			accepting: (id) => this.accepting.has(id),
		});
		this.rebalancer = new Rebalancer({ ...deps, logger: this.log, intervalMs: deps.options.rebalanceIntervalMs });
		// A paused (or cancelled) campaign's messages are passed over by the queues until it resumes.
		deps.messages.holdWhile((job) => job.campaignId !== undefined && this.isHeld(job.campaignId));
	}

	/** After the stores are loaded: campaigns a restart interrupted are looked at again. */
	boot(): void {
		for (const campaign of this.deps.store.all()) if (!campaign.finishAnnounced) this.progress.touch(campaign.id);
		this.rebalancer.start();
		this.rebalancer.soon();
	}

	async close(): Promise<void> {
		this.progress.close();
		await this.rebalancer.close();
		await this.deps.store.flush();
	}

	/**
	 * Creates the campaign and its messages, or answers with the campaign this same request made
	 * before (then accepting any of its messages an interrupted request did not get to).
	 */
	async create(request: CreateCampaignRequest): Promise<{ campaign: CampaignPayload; duplicate: boolean }> {
		for (const session of request.sessions) this.deps.sessions.get(session); // 404 for a session that does not exist
		const sendBefore = checkSendBefore(request);
		// Before the fingerprint walks them: a reference nested 100,000 deep is a 413, not a stack overflow.
		for (const message of request.messages) checkReference(message.reference, this.deps.options.referenceMaxBytes);
		const fingerprint = fingerprintOf(request);
		const key = request.idempotencyKey ?? `auto:${fingerprint}`;
		// One creation per key at a time: a second identical request waits, then finds the campaign.
		while (this.creating.has(key)) await this.creating.get(key)!.catch(() => undefined);
		const work = this.createOnce(request, key, fingerprint, sendBefore);
		this.creating.set(key, work);
		try {
			return await work;
		} finally {
			this.creating.delete(key);
		}
	}

	async get(campaignId: string): Promise<CampaignPayload> {
		return this.view(this.record(campaignId));
	}

	async list(): Promise<CampaignPayload[]> {
		return Promise.all(this.deps.store.all().map((campaign) => this.view(campaign)));
	}

	/** A page of the campaign's messages in acceptance order, optionally of some statuses only. */
	messagesOf(campaignId: string, query: { status?: JobStatus[]; limit: number; cursor?: string }): { jobs: JobView[]; nextCursor: string | null } {
		this.record(campaignId);
		const after = query.cursor === undefined ? 0 : Number(query.cursor);
		if (!Number.isSafeInteger(after) || after < 0) throw new CursorInvalidError(query.cursor!);
		const statuses = query.status && new Set(query.status);
		const matching = this.deps.jobs.ofCampaign(campaignId).filter((job) => job.seq > after && (!statuses || statuses.has(job.status)));
		const page = matching.slice(0, query.limit);
		const more = matching.length > page.length;
		return { jobs: page.map(jobView), nextCursor: more ? String(page.at(-1)!.seq) : null };
	}

	async pause(campaignId: string): Promise<CampaignPayload> {
		return this.setState(campaignId, 'paused');
	}

	async resume(campaignId: string): Promise<CampaignPayload> {
		const view = await this.setState(campaignId, 'running');
		this.deps.messages.wakeAll();
		this.rebalancer.soon();
		return view;
	}

	/** Waiting messages are cancelled; those sent stay as they are. A finished campaign is left as it is. */
	async cancel(campaignId: string): Promise<CampaignPayload> {
		const campaign = this.record(campaignId);
		if (campaign.state === 'running' || campaign.state === 'paused') {
			campaign.state = 'cancelled';
			await this.deps.store.save(campaign);
			const cancelled = await this.deps.messages.cancelWaiting(this.deps.jobs.ofCampaign(campaignId), 'CAMPAIGN_CANCELLED');
			this.log.info({ campaign: campaignId, cancelled }, 'campaign cancelled');
			this.progress.touch(campaignId);
		}
		return this.view(campaign);
	}

	/** A job of a campaign changed (connections.ts): its progress is told soon. */
	onJobChanged(job: MessageJob): void {
		if (job.campaignId) this.progress.touch(job.campaignId);
	}

	/** A number's status changed: `spread` campaigns look at once whether its messages must move. */
	onSessionStatus(): void {
		this.rebalancer.soon();
	}

	private async createOnce(
		request: CreateCampaignRequest,
		key: string,
		fingerprint: string,
		sendBefore: number | undefined,
	): Promise<{ campaign: CampaignPayload; duplicate: boolean }> {
		const earlier = this.deps.store.byIdempotencyKey(key);
		if (earlier && earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key, earlier.id);
		if (!earlier && sendBefore !== undefined && sendBefore <= Date.now()) throw new SendBeforeInvalidError(request.sendBefore!, 'past');
		const id = earlier?.id ?? `cmp_${randomUUID()}`;
		const { rows, duplicatesDropped } = campaignRows(id, request.messages, this.deps.options.defaultCountryCode);
		const campaign = earlier ?? {
			id,
			name: request.name,
			sessions: request.sessions,
			strategy: request.strategy,
			template: request.template,
			sendAfter: request.sendAfter,
			sendBefore: request.sendBefore,
			checkNumber: request.checkNumber,
			idempotencyKey: key,
			fingerprint,
			state: 'running' as const,
			total: rows.length,
			duplicatesDropped,
			createdAt: new Date().toISOString(),
		};
		// The campaign is on disk before its messages: a crash in between leaves a campaign the same request completes.
		if (!earlier) await this.deps.store.save(campaign);
		const availability = await availabilities(campaign.sessions, this.deps);
		this.accepting.add(id);
		let accepted: number;
		try {
			accepted = await acceptRows(campaign, rows, availability, { ...this.deps, logger: this.log });
		} finally {
			this.accepting.delete(id);
		}
		await this.settleAfterAccepting(campaign, accepted);
		this.log.info({ campaign: id, messages: rows.length, duplicate: Boolean(earlier) }, earlier ? 'campaign posted again' : 'campaign created');
		this.progress.touch(id);
		this.rebalancer.soon();
		return { campaign: await this.view(campaign), duplicate: Boolean(earlier) };
	}

	/**
	 * Cancelled while its messages were accepted: what was accepted after the cancel is cancelled
	 * too. Finished before (a restart after a request cut short), and a repeat of the request
	 * accepted the rest: it runs again, and will finish again.
	 */
	private async settleAfterAccepting(campaign: CampaignRecord, accepted: number): Promise<void> {
		if (campaign.state === 'cancelled') {
			await this.deps.messages.cancelWaiting(this.deps.jobs.ofCampaign(campaign.id), 'CAMPAIGN_CANCELLED');
		} else if (campaign.state === 'finished' && accepted > 0) {
			campaign.state = 'running';
			campaign.finishedAt = undefined;
			campaign.finishAnnounced = false;
			await this.deps.store.save(campaign);
		}
	}

	private async setState(campaignId: string, state: 'running' | 'paused'): Promise<CampaignPayload> {
		const campaign = this.record(campaignId);
		if (campaign.state !== 'running' && campaign.state !== 'paused') throw new CampaignNotActiveError(campaignId, campaign.state);
		if (campaign.state !== state) {
			campaign.state = state;
			await this.deps.store.save(campaign);
			this.progress.touch(campaignId);
		}
		return this.view(campaign);
	}

	private isHeld(campaignId: string): boolean {
		const state = this.deps.store.get(campaignId)?.state;
		return state === 'paused' || state === 'cancelled';
	}

	private record(campaignId: string): CampaignRecord {
		const campaign = this.deps.store.get(campaignId);
		if (!campaign) throw new CampaignNotFoundError(campaignId);
		return campaign;
	}

	private view(campaign: CampaignRecord): Promise<CampaignPayload> {
		return campaignView(campaign, this.deps);
	}
}

/** The campaign's sendBefore, checked as a message's is (SEND_BEFORE_INVALID): a time, after sendAfter. */
function checkSendBefore(request: CreateCampaignRequest): number | undefined {
	return sendBeforeOf({ sendBefore: request.sendBefore, sendAt: request.sendAfter }, request.sendAfter ? Date.parse(request.sendAfter) : undefined);
}

/** What the request asks for, whatever the order of its keys: the same request again is the same campaign. */
function fingerprintOf(request: CreateCampaignRequest): string {
	const { idempotencyKey: _key, ...asked } = request;
	return createHash('sha256').update(canonicalJson(asked)).digest('hex').slice(0, 32);
}
