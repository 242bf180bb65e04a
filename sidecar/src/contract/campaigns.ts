import type { JobStatus } from './statuses';

/**
 * Campaigns (issue 15): one message to many contacts, spread over several of the
 * business's numbers. What the API and the campaign events show of one.
 */

export const CAMPAIGN_STATES = ['running', 'paused', 'cancelled', 'finished'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * What a campaign does with the messages of a number that cannot send (logged out, failed,
 * stopped, deleted, or at its daily cap): `spread` hands them to its other numbers, `hold` waits.
 */
export const CAMPAIGN_STRATEGIES = ['spread', 'hold'] as const;
export type CampaignStrategy = (typeof CAMPAIGN_STRATEGIES)[number];

/** How many of a campaign's messages are in each status right now. */
export type CampaignCounts = Record<JobStatus, number>;

export interface CampaignSessionView {
	session: string;
	/** The session's status (null: the session was deleted). */
	sessionStatus: string | null;
	counts: CampaignCounts;
	/** What the session's queue waits for now (gap, perHour, perDay, warmup, quietHours, session not ready, paused…), null when idle. */
	waitingFor: string | null;
	nextSendAt: string | null;
	/** When its last waiting message of this campaign should go, from the pacing in force (null: nothing waits). */
	estimatedFinishAt: string | null;
}

/** A campaign as GET /api/campaigns/:id, and the `campaign.progress` / `campaign.finished` events, show it. */
export interface CampaignPayload {
	campaignId: string;
	name: string;
	state: CampaignState;
	strategy: CampaignStrategy;
	sessions: string[];
	template: string | null;
	sendAfter: string | null;
	sendBefore: string | null;
	createdAt: string;
	finishedAt: string | null;
	/** Messages accepted (one per contact). */
	total: number;
	/** Repeats of a recipient in the request, dropped (each contact gets one message per campaign). */
	duplicatesDropped: number;
	counts: CampaignCounts;
	failedByCode: Record<string, number>;
	perSession: CampaignSessionView[];
	/** When the last waiting message should go, from each number's pacing in force; null when nothing waits. */
	estimatedFinishAt: string | null;
	/** The number that finishes last and what holds it; null when nothing waits. */
	bottleneck: { session: string; reason: string } | null;
}
