import type { Logger } from '../logger';
import { WAITING_STATUSES } from '../sending/MessageJob';
import type { MessageService } from '../sending/MessageService';
import type { SessionManager } from '../sessions/SessionManager';
import type { CampaignStore } from '../storage/CampaignStore';
import type { CampaignRecord, MessageJob } from '../storage/records';
import { availabilities } from './availability';


export interface RebalancerDeps {
	store: CampaignStore;
	jobs: { ofCampaign(id: string): MessageJob[]; waiting(session: string): MessageJob[] };
	messages: MessageService;
	sessions: SessionManager;
	logger: Logger;
	/** How often running campaigns are looked at (besides every change of a session's status). */
	intervalMs: number;
}

/**
 * The `spread` strategy (issue 15): a number that cannot send (logged out,
 * failed, stopped, deleted, or at its daily or warm-up cap; see availability.ts)
 * hands its waiting messages of a running campaign to the campaign's numbers
 * that can, the least loaded first. The contact then sticks to the new number.
 * `hold` campaigns are left alone: their messages wait for their number.
 */
export class Rebalancer {
	private timer?: NodeJS.Timeout;
	private running?: Promise<void>;
	private again = false;

	constructor(private readonly deps: RebalancerDeps) {}

	start(): void {
		this.timer = setInterval(() => this.soon(), this.deps.intervalMs);
	}

	/** Looks at the campaigns now (or right after the look under way). */
	soon(): void {
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = this.run()
			.catch((error) => this.deps.logger.error({ err: error }, 'could not rebalance campaigns'))
			.finally(() => {
				this.running = undefined;
				if (this.again) {
					this.again = false;
					this.soon();
				}
			});
	}

	async close(): Promise<void> {
		clearInterval(this.timer);
		await this.running;
	}

	private async run(): Promise<void> {
		for (const campaign of this.deps.store.all()) {
			if (campaign.state === 'running' && campaign.strategy === 'spread') await this.rebalance(campaign);
		}
	}

	private async rebalance(campaign: CampaignRecord): Promise<void> {
		const waiting = this.deps.jobs.ofCampaign(campaign.id).filter((job) => WAITING_STATUSES.has(job.status));
		if (!waiting.length) return;
		const availability = await availabilities([...new Set([...campaign.sessions, ...waiting.map((j) => j.session)])], this.deps);
		const targets = campaign.sessions.filter((s) => availability.get(s)?.state === 'available');
		if (!targets.length) return;
		const load = new Map(targets.map((s) => [s, this.deps.jobs.waiting(s).length]));
		let moved = 0;
		for (const job of waiting) {
			const from = availability.get(job.session);
			if (from?.state !== 'unavailable') continue;
			const to = targets.reduce((best, s) => (load.get(s)! < load.get(best)! ? s : best));
			const detail = `campaign "${campaign.name}": ${job.session} cannot send (${from.reason}), moved to ${to}`;
			if (!(await this.deps.messages.move(job, to, detail))) continue;
			load.set(to, load.get(to)! + 1);
			await this.deps.store.assign(job.to, to);
			moved += 1;
		}
		if (moved) this.deps.logger.info({ campaign: campaign.id, moved, to: targets }, 'campaign messages moved to numbers that can send');
	}
}
