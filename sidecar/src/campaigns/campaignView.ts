import { JOB_STATUSES, type CampaignCounts, type CampaignPayload, type CampaignSessionView } from '../contract';
import { WAITING_STATUSES } from '../sending/MessageJob';
import type { MessageService } from '../sending/MessageService';
import type { Pacer } from '../sending/pacing/Pacer';
import type { SessionManager } from '../sessions/SessionManager';
import type { CampaignRecord, MessageJob } from '../storage/records';

/**
 * What GET /api/campaigns/:id and the campaign events show (issue 15): counts by
 * status, per number, and when it should be done. The estimate follows each
 * number's pacing in force (gap, hourly and minute caps, the day's cap and
 * warm-up); it does not foresee quiet hours or a number going away, and is
 * computed again on every look.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface CampaignViewDeps {
	sessions: SessionManager;
	messages: MessageService;
	jobs: { ofCampaign(id: string): MessageJob[]; waiting(session: string): MessageJob[] };
	now?: number;
}

export async function campaignView(campaign: CampaignRecord, deps: CampaignViewDeps): Promise<CampaignPayload> {
	const now = deps.now ?? Date.now();
	const jobs = deps.jobs.ofCampaign(campaign.id);
	const failedByCode: Record<string, number> = {};
	for (const job of jobs) if (job.status === 'failed' && job.error) failedByCode[job.error.code] = (failedByCode[job.error.code] ?? 0) + 1;
	// Its numbers, and any number a job ended up on that is no longer listed (a deleted session's).
	const sessionIds = [...new Set([...campaign.sessions, ...jobs.map((j) => j.session)])];
	const perSession = await Promise.all(
		sessionIds.map((id) => sessionView(id, campaign, jobs.filter((j) => j.session === id), deps, now)),
	);
	const waitingOn = perSession.filter((s) => s.counts.queued + s.counts.scheduled > 0);
	const unknown = waitingOn.some((s) => s.estimatedFinishAt === null);
	const last = waitingOn.reduce<CampaignSessionView | undefined>(
		(latest, s) => (!latest || (s.estimatedFinishAt ?? '~') > (latest.estimatedFinishAt ?? '~') ? s : latest),
		undefined,
	);
	return {
		campaignId: campaign.id,
		name: campaign.name,
		state: campaign.state,
		strategy: campaign.strategy,
		sessions: campaign.sessions,
		template: campaign.template ?? null,
		sendAfter: campaign.sendAfter ?? null,
		sendBefore: campaign.sendBefore ?? null,
		createdAt: campaign.createdAt,
		finishedAt: campaign.finishedAt ?? null,
		// What the request asked for; the counts add up to it once every message is accepted (a re-post completes an interrupted one).
		total: campaign.total,
		duplicatesDropped: campaign.duplicatesDropped,
		counts: countsOf(jobs),
		failedByCode,
		perSession,
		estimatedFinishAt: waitingOn.length && !unknown ? (last?.estimatedFinishAt ?? null) : null,
		bottleneck: last
			? { session: last.session, reason: campaign.state === 'paused' ? 'campaign paused' : (last.waitingFor ?? 'sending') }
			: null,
	};
}

export function countsOf(jobs: MessageJob[]): CampaignCounts {
	const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as CampaignCounts;
	for (const job of jobs) counts[job.status] += 1;
	return counts;
}

async function sessionView(
	sessionId: string,
	campaign: CampaignRecord,
	jobs: MessageJob[],
	deps: CampaignViewDeps,
	now: number,
): Promise<CampaignSessionView> {
	const session = deps.sessions.find(sessionId);
	const queue = session ? await deps.messages.queueViewIfAny(sessionId) : undefined;
	const waiting = jobs.filter((j) => WAITING_STATUSES.has(j.status));
	let estimate: number | null = null;
	if (waiting.length && session?.currentStatus() === 'READY' && queue && !queue.paused && campaign.state === 'running') {
		// Everything ahead of this campaign's last waiting message on the number goes first.
		const lastSeq = Math.max(...waiting.map((j) => j.seq));
		const ahead = deps.jobs.waiting(sessionId).filter((j) => j.seq <= lastSeq).length;
		const start = Math.max(now, queue.nextSendAt ? Date.parse(queue.nextSendAt) : now, campaign.sendAfter ? Date.parse(campaign.sendAfter) : 0);
		estimate = finishEstimate(deps.messages.pacerFor(sessionId), ahead, queue.sentLastDay, session.linkedAt(), start);
	}
	return {
		session: sessionId,
		sessionStatus: session?.currentStatus() ?? null,
		counts: countsOf(jobs),
		waitingFor: waiting.length ? (queue?.waitingFor ?? session?.currentStatus() ?? 'deleted') : null,
		nextSendAt: waiting.length ? (queue?.nextSendAt ?? null) : null,
		estimatedFinishAt: estimate === null ? null : new Date(estimate).toISOString(),
	};
}

/**
 * When `count` more messages should have gone, starting at `start`: one per average gap (or
 * slower when an hourly or minute cap is tighter), and what the day's cap leaves for later days.
 */
export function finishEstimate(pacer: Pacer, count: number, sentLastDay: number, linkedAt: number | undefined, start: number): number {
	if (!pacer.enabled) return start;
	const { minGapMs, jitterMs, caps } = pacer.config;
	const each = Math.max(minGapMs + jitterMs / 2, HOUR / caps.perHour, MINUTE / caps.perMinute);
	const perDay = dailyCap(pacer, linkedAt, start);
	const today = Math.max(0, perDay - sentLastDay);
	if (count <= today) return start + (count - 1) * each;
	const later = count - today;
	const days = Math.ceil(later / perDay);
	return start + days * DAY + (((later - 1) % perDay) * each);
}

/** The day's cap in force at `t`: caps.perDay, or the warm-up stage's when tighter. */
function dailyCap(pacer: Pacer, linkedAt: number | undefined, t: number): number {
	const { warmup, caps } = pacer.config;
	if (!warmup.enabled || linkedAt === undefined) return caps.perDay;
	const day = Math.max(1, Math.floor((t - linkedAt) / DAY) + 1);
	const stage = warmup.schedule.find((s) => day <= s.days);
	return Math.min(caps.perDay, stage?.perDay ?? caps.perDay);
}
