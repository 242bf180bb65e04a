import type { EventEnvelope } from '../../../sidecar/src/contract';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/**
 * Campaigns over the whole sidecar with scripted engines (no browser): creation, templates,
 * sticky numbers, idempotent re-posts, pause/resume/cancel, opt-outs, progress events and the
 * errors. The browser tier (campaigns/*.browser.test.ts) does the same through whatsapp-web.js.
 */

type Engines = ReturnType<typeof scriptedEngines>;

async function sidecarWith(engines: Engines, env: Record<string, string> = {}) {
	const t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_CAMPAIGN_PROGRESS_MS: '50', ...env } });
	const events: EventEnvelope[] = [];
	t.sidecar.bus.subscribe((event) => events.push(event));
	return { t, events };
}

async function ready(t: TestSidecar, engines: Engines, id: string) {
	expect((await t.api('POST', '/api/sessions', { id })).status).toBe(201);
	const engine = await pollUntil(() => engines.engines.find((e) => e.options.sessionId === id), (e) => e?.started === true && !e.stopped, { what: `${id} engine` });
	engine!.emit({ type: 'ready', account: { wid: `1555000${id.length}999@c.us` } });
	await pollUntil(() => t.api('GET', `/api/sessions/${id}`).then((r) => r.body.status), (s) => s === 'READY', { what: `${id} READY` });
	return engine!;
}

const contacts = (n: number, from = 0) =>
	Array.from({ length: n }, (_, i) => ({ to: `62812000${String(from + i).padStart(4, '0')}`, variables: { name: `Name${from + i}` }, reference: { row: from + i } }));

const campaign = (t: TestSidecar, id: string) => t.api('GET', `/api/campaigns/${id}`).then((r) => r.body);

describe('campaigns (scripted engines)', () => {
	let t: TestSidecar;
	let events: EventEnvelope[];
	let engines: Engines;

	beforeEach(async () => {
		engines = scriptedEngines();
		({ t, events } = await sidecarWith(engines));
	});
	afterEach(() => t.stop());

	it('spreads over the numbers, renders the template per contact, fails only the rows it cannot send, and finishes once', async () => {
		const a = await ready(t, engines, 'a');
		const b = await ready(t, engines, 'b');
		const messages = [...contacts(10), { to: '628120009999', variables: {} }, { to: 'not a number!' }, { to: '628120000001', variables: { name: 'dup' } }];
		const created = await t.api('POST', '/api/campaigns', { name: 'Spring', sessions: ['a', 'b'], template: 'Hello {{name}}', messages });
		expect(created.status).toBe(202);
		expect(created.body).toMatchObject({ name: 'Spring', state: 'running', strategy: 'spread', total: 12, duplicatesDropped: 1, duplicate: false });
		const id = created.body.campaignId as string;

		const done = await pollUntil(() => campaign(t, id), (c) => c.state === 'finished', { what: 'campaign finished' });
		expect(done.counts).toMatchObject({ sent: 10, failed: 2 });
		expect(done.failedByCode).toEqual({ TEMPLATE_VARIABLE_MISSING: 1, RECIPIENT_INVALID: 1 });
		expect(a.sent.length + b.sent.length).toBe(10);
		expect(a.sent.length).toBe(5); // the fewest-messages-first assignment balances a fresh list exactly
		const texts = [...a.sent, ...b.sent].map((s) => `${s.chatId}:${s.message.text}`).sort();
		expect(texts).toContain('628120000003@c.us:Hello Name3');

		const jobs = (await t.api('GET', `/api/campaigns/${id}/messages?status=failed`)).body.jobs;
		expect(jobs.map((j: { error: { code: string } }) => j.error.code).sort()).toEqual(['RECIPIENT_INVALID', 'TEMPLATE_VARIABLE_MISSING']);
		const sentEvent = events.find((e) => e.type === 'message.ack' && (e.payload as { reference: { row: number } }).reference?.row === 3);
		expect(sentEvent?.payload).toMatchObject({ campaignId: id });
		await pollUntil(() => events.filter((e) => e.type === 'campaign.finished'), (l) => l.length === 1, { what: 'campaign.finished' });
		expect(events.filter((e) => e.type === 'campaign.progress').length).toBeGreaterThan(0);

		// Re-posting the same campaign: the same one, nothing sent again.
		const again = await t.api('POST', '/api/campaigns', { name: 'Spring', sessions: ['a', 'b'], template: 'Hello {{name}}', messages });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ campaignId: id, duplicate: true, total: 12 });
		expect(a.sent.length + b.sent.length).toBe(10);

		// A second campaign to the same contacts: each on the number it had.
		const numberOf = new Map<string, string>([...a.sent.map((s) => [s.chatId, 'a'] as const), ...b.sent.map((s) => [s.chatId, 'b'] as const)]);
		const second = await t.api('POST', '/api/campaigns', { name: 'Summer', sessions: ['b', 'a'], template: 'Hi {{name}}', messages: contacts(10) });
		expect(second.status).toBe(202);
		await pollUntil(() => campaign(t, second.body.campaignId), (c) => c.state === 'finished', { what: 'second finished' });
		const secondJobs = (await t.api('GET', `/api/campaigns/${second.body.campaignId}/messages`)).body.jobs as Array<{ to: string; session: string }>;
		expect(secondJobs).toHaveLength(10);
		for (const job of secondJobs) expect(job.session).toBe(numberOf.get(job.to));
	});

	it('pause holds, resume sends, cancel cancels what waits; a paused or cancelled campaign answers its errors', async () => {
		// Paced (5 s between bulk messages), so messages are still waiting when the campaign is cancelled.
		await t.stop();
		engines = scriptedEngines();
		({ t, events } = await sidecarWith(engines, { SIDECAR_PACING: 'on' }));
		const a = await ready(t, engines, 'a');
		await t.api('PATCH', '/api/sessions/a', { config: { pacing: { minGapMs: 5_000, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 } } } });
		await t.api('POST', '/api/sessions/a/queue/pause');
		const created = await t.api('POST', '/api/campaigns', { name: 'P', sessions: ['a'], template: 'x {{name}}', messages: contacts(4) });
		const id = created.body.campaignId as string;
		expect((await t.api('POST', `/api/campaigns/${id}/pause`)).body.state).toBe('paused');
		await t.api('POST', '/api/sessions/a/queue/resume');
		const single = await t.api('POST', '/api/sessions/a/messages', { to: '628129999999', text: 'not in the campaign', lane: 'reply' });
		await pollUntil(() => t.api('GET', `/api/messages/${single.body.jobId}`).then((r) => r.body.status), (s) => s === 'sent', { what: 'the other message sent' });
		expect(a.sent).toHaveLength(1);
		expect((await campaign(t, id)).bottleneck).toMatchObject({ session: 'a', reason: 'campaign paused' });

		expect((await t.api('POST', `/api/campaigns/${id}/resume`)).body.state).toBe('running');
		await pollUntil(() => a.sent.length, (n) => n === 2, { what: 'a campaign message sent after resume' });
		const cancelled = await t.api('POST', `/api/campaigns/${id}/cancel`);
		expect(cancelled.body.state).toBe('cancelled');
		const finished = await pollUntil(() => campaign(t, id), (c) => c.finishedAt !== null, { what: 'cancelled campaign settled' });
		expect(finished.counts.sent + finished.counts.cancelled).toBe(4);
		expect(a.sent.length - 1).toBe(finished.counts.sent);
		const pause = await t.api('POST', `/api/campaigns/${id}/pause`);
		expect(pause.status).toBe(409);
		expect(pause.body.error.code).toBe('CAMPAIGN_NOT_ACTIVE');
		await pollUntil(() => events.filter((e) => e.type === 'campaign.finished'), (l) => l.length === 1, { what: 'campaign.finished' });
	});

	it('skips opted-out contacts and answers bad requests with their codes', async () => {
		await ready(t, engines, 'a');
		await t.api('POST', '/api/opt-outs', { contact: '628120000002' });
		const created = await t.api('POST', '/api/campaigns', { name: 'O', sessions: ['a'], template: 'x {{name}}', messages: contacts(3) });
		const done = await pollUntil(() => campaign(t, created.body.campaignId), (c) => c.state === 'finished', { what: 'finished' });
		expect(done.counts).toMatchObject({ sent: 2, skipped: 1 });

		const cases: Array<[unknown, number, string]> = [
			[{ name: 'x', sessions: ['nope'], messages: contacts(1), template: 'x' }, 404, 'SESSION_NOT_FOUND'],
			[{ name: 'x', sessions: ['a'], messages: [] }, 400, 'VALIDATION_FAILED'],
			[{ name: 'x', sessions: ['a', 'a'], messages: contacts(1) }, 400, 'VALIDATION_FAILED'],
			[{ name: 'x', sessions: ['a'], messages: contacts(1), template: 'x', sendBefore: '2001-01-01T00:00:00Z' }, 400, 'SEND_BEFORE_INVALID'],
			[{ name: 'x', sessions: ['a'], messages: contacts(1), template: 'x', sendBefore: 'tomorrow' }, 400, 'SEND_BEFORE_INVALID'],
		];
		// A reference nested 100,000 deep is refused as a single message's is (413), not a stack overflow.
		const deep = `{"name":"x","sessions":["a"],"template":"x","messages":[{"to":"628120000001","reference":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
		cases.push([deep, 413, 'REFERENCE_TOO_LARGE']);
		for (const [body, status, code] of cases) {
			const answer = await t.api('POST', '/api/campaigns', body);
			expect([answer.status, answer.body.error.code]).toEqual([status, code]);
		}
		const reused = await t.api('POST', '/api/campaigns', { name: 'k1', sessions: ['a'], messages: contacts(1), template: 'x', idempotencyKey: 'k' });
		expect(reused.status).toBe(202);
		const other = await t.api('POST', '/api/campaigns', { name: 'k2', sessions: ['a'], messages: contacts(1), template: 'x', idempotencyKey: 'k' });
		expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
		expect((await t.api('GET', '/api/campaigns/cmp_nope')).body.error.code).toBe('CAMPAIGN_NOT_FOUND');
		expect((await t.api('GET', `/api/campaigns/${created.body.campaignId}/messages?status=bogus`)).status).toBe(400);
		expect((await t.api('GET', `/api/campaigns/${created.body.campaignId}/messages?cursor=x`)).body.error.code).toBe('CURSOR_INVALID');
		const page = await t.api('GET', `/api/campaigns/${created.body.campaignId}/messages?limit=2`);
		expect(page.body.jobs).toHaveLength(2);
		const rest = await t.api('GET', `/api/campaigns/${created.body.campaignId}/messages?limit=2&cursor=${page.body.nextCursor}`);
		expect(rest.body).toMatchObject({ nextCursor: null });
		expect(rest.body.jobs).toHaveLength(1);
		expect((await t.api('GET', '/api/campaigns')).body.campaigns.length).toBe(2);
	});

	it.each(['spread', 'hold'] as const)('a number logged out mid-campaign: %s', async (strategy) => {
		const a = await ready(t, engines, 'a');
		const b = await ready(t, engines, 'b');
		// a sends nothing yet: its queue is paused, so its share waits on it.
		await t.api('POST', '/api/sessions/a/queue/pause');
		const created = await t.api('POST', '/api/campaigns', { name: strategy, sessions: ['a', 'b'], strategy, template: 'x {{name}}', messages: contacts(8) });
		const id = created.body.campaignId as string;
		await pollUntil(() => b.sent.length, (n) => n === 4, { what: "b's share sent" });
		a.emit({ type: 'disconnected', reason: 'LOGOUT' });
		await pollUntil(() => t.api('GET', '/api/sessions/a').then((r) => r.body.status), (s) => s === 'LOGGED_OUT', { what: 'a logged out' });
		if (strategy === 'spread') {
			const done = await pollUntil(() => campaign(t, id), (c) => c.state === 'finished', { what: 'finished through b' });
			expect(done.counts.sent).toBe(8);
			expect(b.sent).toHaveLength(8);
			const moved = (await t.api('GET', `/api/campaigns/${id}/messages`)).body.jobs as Array<{ session: string; history: Array<{ detail?: string }> }>;
			expect(moved.every((j) => j.session === 'b')).toBe(true);
			expect(moved.filter((j) => j.history.some((h) => /moved to b/.test(h.detail ?? '')))).toHaveLength(4);
		} else {
			// Held: the rebalancer looks every few seconds and on every status change; a's share stays on a.
			await t.api('POST', '/api/sessions/b/messages', { to: '628129999999', text: 'after the logout' });
			await pollUntil(() => b.sent.length, (n) => n === 5, { what: 'a later message through b' });
			const view = await campaign(t, id);
			expect(view.perSession.find((s: { session: string }) => s.session === 'a')).toMatchObject({ sessionStatus: 'LOGGED_OUT', counts: { queued: 4 } });
			expect(view.state).toBe('running');
			expect(a.sent).toHaveLength(0);
		}
	});

	it('a campaign cancelled while its messages are still being accepted leaves none waiting, and finishes', async () => {
		await ready(t, engines, 'a');
		await t.api('POST', '/api/sessions/a/queue/pause'); // nothing is sent: every message is waiting or cancelled
		const posting = t.api('POST', '/api/campaigns', { name: 'Big', sessions: ['a'], template: 'x {{name}}', messages: contacts(5_000) });
		// The campaign is listed (it is written before its messages) while they are accepted.
		const listed = await pollUntil(() => t.api('GET', '/api/campaigns').then((r) => r.body.campaigns[0] as { campaignId: string } | undefined), Boolean, { what: 'the campaign listed', everyMs: 5 });
		const cancelled = await t.api('POST', `/api/campaigns/${listed!.campaignId}/cancel`);
		expect(cancelled.body.state).toBe('cancelled');
		expect((await posting).status).toBe(202);
		const done = await pollUntil(() => campaign(t, listed!.campaignId), (c) => c.finishedAt !== null, { what: 'the cancelled campaign finished' });
		expect(done.counts.queued).toBe(0);
		expect(done.counts.cancelled).toBe(done.counts.queued + done.counts.cancelled + done.counts.sent);
		await pollUntil(() => events.filter((e) => e.type === 'campaign.finished'), (l) => l.length === 1, { what: 'campaign.finished once' });
	});
});
