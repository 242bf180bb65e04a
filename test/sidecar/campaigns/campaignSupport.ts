import { JOB_STATUSES } from '../../../sidecar/src/contract/statuses';
import type { FakePhone, FakeWhatsAppWeb, OutboxEntry } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the campaign tests need of a sidecar: the in-process test sidecar or a real process. */
export interface CampaignApi {
	api(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }>;
	/** Log lines or output to print when a wait fails. */
	tail(): string;
}

/** Every job status a campaign's `counts` has a key for. */
export const STATUSES: readonly string[] = JOB_STATUSES;
/** Statuses of a message WhatsApp has. */
export const WENT_OUT = new Set(['sent', 'delivered', 'read', 'played']);

/**
 * Pacing that keeps every rule on but makes a campaign run in seconds: a short fixed bulk
 * gap, caps far above what the test sends (unless `caps` lowers one), no first-contact cap
 * (every campaign contact is one), warm-up off unless `warmup` says otherwise.
 */
export function fastPacing(options: { minGapMs?: number; caps?: Json; warmup?: Json } = {}): Json {
	return {
		minGapMs: options.minGapMs ?? 20,
		jitterMs: 0,
		reply: { minGapMs: 0, jitterMs: 0 },
		caps: { perMinute: 10_000, perHour: 10_000, perDay: 10_000, perRecipientPerHour: 10, firstContactPerDay: null, ...options.caps },
		warmup: options.warmup ?? { enabled: false },
	};
}

/** An in-process test sidecar seen as a CampaignApi. */
export function apiOf(t: TestSidecar): CampaignApi {
	return { api: (method, url, body) => t.api(method, url, body), tail: () => `Last log lines:\n${t.logs.slice(-30).join('\n')}` };
}

/** A session created with `pacing`, linked to a fake phone with `number`, READY and listening. */
export async function readySession(
	t: TestSidecar,
	fake: FakeWhatsAppWeb,
	id: string,
	number: string,
	pacing: Json,
): Promise<FakePhone> {
	const created = await t.api('POST', '/api/sessions', { id, config: { pacing } });
	if (created.status !== 201) throw new Error(`creating session ${id}: ${created.status} ${JSON.stringify(created.body)}`);
	const phone = await scanSession(t, fake, id, number);
	await waitForSession(t, id, status('READY'));
	await phone.waitUntilListening();
	return phone;
}

/** `count` contact numbers (Indonesian mobile digits) starting with `prefix` (5 digits). */
export function contacts(count: number, prefix = '62857'): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
}

/** POSTs a campaign; fails the test unless it is accepted as new (202). */
export async function createCampaign(t: CampaignApi, body: Json): Promise<Json> {
	const answer = await t.api('POST', '/api/campaigns', body);
	if (answer.status !== 202) throw new Error(`POST /api/campaigns answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 2000)}`);
	return answer.body;
}

export async function campaignView(t: CampaignApi, id: string): Promise<Json> {
	const answer = await t.api('GET', `/api/campaigns/${id}`);
	if (answer.status !== 200) throw new Error(`GET campaign ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
	return answer.body;
}

/** Polls the campaign view until `done` holds. */
export function campaignUntil(t: CampaignApi, id: string, done: (view: Json) => boolean, what: string, timeoutMs = 90_000): Promise<Json> {
	return pollUntil(() => campaignView(t, id), done, { what: `campaign ${id}: ${what}`, timeoutMs, everyMs: 200, context: () => t.tail() });
}

/** Every job of a campaign (all pages of GET /api/campaigns/:id/messages), optionally of some statuses. */
export async function campaignJobs(t: CampaignApi, id: string, statuses?: string[]): Promise<Json[]> {
	const jobs: Json[] = [];
	let cursor: string | null = null;
	do {
		const query = new URLSearchParams({ limit: '1000' });
		if (statuses) query.set('status', statuses.join(','));
		if (cursor) query.set('cursor', cursor);
		const page = await t.api('GET', `/api/campaigns/${id}/messages?${query}`);
		if (page.status !== 200) throw new Error(`GET campaign messages answered ${page.status}: ${JSON.stringify(page.body)}`);
		jobs.push(...page.body.jobs);
		cursor = page.body.nextCursor;
	} while (cursor);
	return jobs;
}

/** The campaign's jobs by recipient chat id (`…@c.us`). */
export async function jobsByContact(t: CampaignApi, id: string): Promise<Map<string, Json>> {
	return new Map((await campaignJobs(t, id)).map((j) => [j.to as string, j]));
}

/** What each contact received, across phones: chat id → [{phone number, entry}], only bodies/captions `mine` accepts. */
export function receivedBy(phones: FakePhone[], mine: (text: string) => boolean): Map<string, Array<{ phone: string; entry: OutboxEntry }>> {
	const map = new Map<string, Array<{ phone: string; entry: OutboxEntry }>>();
	for (const phone of phones) {
		for (const entry of phone.outbox()) {
			if (!mine(entry.body ?? entry.caption ?? '')) continue;
			const list = map.get(entry.to) ?? [];
			list.push({ phone: phone.number, entry });
			map.set(entry.to, list);
		}
	}
	return map;
}

const sum = (counts: Json) => STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);

/**
 * What must hold in every campaign view, whenever it is taken: counts add up to the total
 * (`accepting`: at most the total), the sessions' counts add up to the campaign's, the campaign
 * finishes when its last session does and that session is the bottleneck, and nothing is
 * estimated when nothing waits.
 * Returns the problems found (an empty list when coherent), so a test can print them all.
 */
export function incoherence(view: Json, options: { accepting?: boolean } = {}): string[] {
	const problems: string[] = [];
	if (Object.keys(view.counts).sort().join() !== [...STATUSES].sort().join()) problems.push(`counts keys ${Object.keys(view.counts)}`);
	// `total` is what the request asked for: while it is being accepted (a progress event may go out then), fewer have a status.
	const accepted = sum(view.counts);
	if (options.accepting ? accepted > view.total : accepted !== view.total) problems.push(`counts add up to ${accepted}, total ${view.total}`);
	for (const s of STATUSES) {
		const perSession = view.perSession.reduce((n: number, p: Json) => n + (p.counts[s] ?? 0), 0);
		if (perSession !== view.counts[s]) problems.push(`${s}: sessions add up to ${perSession}, campaign ${view.counts[s]}`);
	}
	const waiting = view.counts.queued + view.counts.scheduled + view.counts.sending;
	const finishes = view.perSession.map((p: Json) => p.estimatedFinishAt).filter(Boolean).map((at: string) => Date.parse(at));
	if (view.state === 'finished' && (waiting > 0 || view.estimatedFinishAt !== null || view.bottleneck !== null || !view.finishedAt)) {
		problems.push(`finished with ${waiting} waiting, estimate ${view.estimatedFinishAt}, bottleneck ${JSON.stringify(view.bottleneck)}, finishedAt ${view.finishedAt}`);
	}
	if (waiting === 0 && (view.estimatedFinishAt !== null || view.bottleneck !== null)) problems.push('nothing waits, yet an estimate or bottleneck');
	// A session that cannot send (not READY) may have no estimate; then there is no latest to compare with.
	const estimable = view.perSession.every((p: Json) => p.counts.queued + p.counts.scheduled === 0 || p.estimatedFinishAt !== null);
	if (view.estimatedFinishAt !== null && estimable) {
		const last = Math.max(...finishes);
		if (finishes.length === 0 || Date.parse(view.estimatedFinishAt) !== last) problems.push(`estimatedFinishAt ${view.estimatedFinishAt} is not the sessions' latest (${finishes.map((f: number) => new Date(f).toISOString())})`);
		const slowest = view.perSession.find((p: Json) => p.estimatedFinishAt && Date.parse(p.estimatedFinishAt) === last);
		if (!view.bottleneck || view.bottleneck.session !== slowest?.session || typeof view.bottleneck.reason !== 'string') {
			problems.push(`bottleneck ${JSON.stringify(view.bottleneck)}, the last to finish is ${slowest?.session}`);
		}
	}
	for (const p of view.perSession) {
		const mine = p.counts.queued + p.counts.scheduled;
		if (mine === 0 && p.estimatedFinishAt !== null) problems.push(`${p.session}: nothing waits, estimate ${p.estimatedFinishAt}`);
	}
	return problems;
}
