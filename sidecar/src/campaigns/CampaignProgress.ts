import { WAITING_JOB_STATUSES, type CampaignPayload, type JobStatus } from '../contract';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import type { CampaignStore } from '../storage/CampaignStore';
import type { CampaignRecord, MessageJob } from '../storage/records';

/** Statuses in which a message may still go out: a campaign with none of them left is finished. */
const OPEN: ReadonlySet<JobStatus> = new Set([...WAITING_JOB_STATUSES, 'sending']);

export interface CampaignProgressDeps {
	store: CampaignStore;
	jobs: { ofCampaign(id: string): MessageJob[] };
	events: DomainEvents;
	logger: Logger;
	/** The least time between two `campaign.progress` events of one campaign (SIDECAR_CAMPAIGN_PROGRESS_MS). */
	intervalMs: number;
	view(campaign: CampaignRecord): Promise<CampaignPayload>;
	/** Its messages are still being accepted: nothing is told (counts and estimate would be of a part), it is not finished. */
	accepting(campaignId: string): boolean;
}

/**
 * Tells a campaign's progress (issue 15): when its messages change, a
 * `campaign.progress` event goes out, at most once per interval however many
 * changed (a 10,000-message campaign would otherwise flood the webhooks); when
 * nothing of it is left to send, it is finished and `campaign.finished` goes
 * out, once (remembered on disk, so a restart does not repeat it).
 */
export class CampaignProgress {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly lastAt = new Map<string, number>();
	private closed = false;

	constructor(private readonly deps: CampaignProgressDeps) {}

	/** Something of the campaign changed: tell it at the next allowed moment. */
	touch(campaignId: string): void {
		if (this.closed || this.timers.has(campaignId)) return;
		const wait = Math.max(0, (this.lastAt.get(campaignId) ?? -Infinity) + this.deps.intervalMs - Date.now());
		this.timers.set(
			campaignId,
			setTimeout(() => {
				this.timers.delete(campaignId);
				this.tell(campaignId).catch((error) => this.deps.logger.error({ err: error, campaign: campaignId }, 'could not tell campaign progress'));
			}, wait),
		);
	}

	close(): void {
		this.closed = true;
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}

	private async tell(campaignId: string): Promise<void> {
		// Touched again once the acceptance is done.
		if (this.deps.accepting(campaignId)) return;
		this.lastAt.set(campaignId, Date.now());
		const campaign = this.deps.store.get(campaignId);
		if (!campaign) return;
		const finishing = !campaign.finishAnnounced && !this.deps.jobs.ofCampaign(campaignId).some((job) => OPEN.has(job.status));
		if (finishing) {
			// A cancelled campaign stays `cancelled`; it is finished all the same once nothing is being sent.
			if (campaign.state !== 'cancelled') campaign.state = 'finished';
			campaign.finishedAt = new Date().toISOString();
			campaign.finishAnnounced = true;
			await this.deps.store.save(campaign);
			this.deps.logger.info({ campaign: campaignId, state: campaign.state }, 'campaign finished');
		}
		const view = await this.deps.view(campaign);
		const session = campaign.sessions[0];
		this.deps.events.emit({ type: 'campaign.changed', session, event: 'campaign.progress', campaign: view });
		if (finishing) this.deps.events.emit({ type: 'campaign.changed', session, event: 'campaign.finished', campaign: view });
	}
}
