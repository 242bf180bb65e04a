import { pollUntil } from '../../support/poll';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** The queue applying a session's pacing settings (the rules themselves: pacing/*.test.ts). */
describe('send queue pacing (scripted engine, pacing on)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;
	const queue = () => t.api('GET', '/api/sessions/paced/queue').then((r) => r.body);
	const texts = () => engine.sent.map((s) => s.message.text);

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		const created = await t.api('POST', '/api/sessions', {
			id: 'paced',
			config: { pacing: { minGapMs: 400, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 }, warmup: { enabled: false } } },
		});
		expect(created.status).toBe(201);
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550002222@c.us' } });
	});
	afterAll(() => t.stop());

	it('sends replies ahead of bulk and keeps the bulk gap between bulk messages', async () => {
		await t.api('POST', '/api/sessions/paced/queue/pause');
		const ids: string[] = [];
		for (const n of [1, 2, 3]) {
			ids.push((await t.api('POST', '/api/sessions/paced/messages', { to: `62811000000${n}`, text: `bulk ${n}` })).body.jobId);
		}
		await t.api('POST', '/api/sessions/paced/messages', { to: '628119999999', text: 'reply', lane: 'reply' });
		expect(await queue()).toMatchObject({ paused: true, depth: 4, pacing: 'on' });
		await t.api('POST', '/api/sessions/paced/queue/resume');

		await pollUntil(() => engine.sent.length, (n) => n === 4, { what: 'four sends' });
		expect(texts()).toEqual(['reply', 'bulk 1', 'bulk 2', 'bulk 3']);
		// A lower bound only: a slow machine can make gaps longer, never shorter.
		const sentAt = await Promise.all(ids.map(async (id) => Date.parse((await t.api('GET', `/api/messages/${id}`)).body.sentAt)));
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(400);
		expect(sentAt[2] - sentAt[1]).toBeGreaterThanOrEqual(400);
	});

	it('holds a second message to the same recipient by the per-recipient cap, and says so', async () => {
		const patched = await t.api('PATCH', '/api/sessions/paced', { config: { pacing: { minGapMs: 0, caps: { perRecipientPerHour: 1 } } } });
		expect(patched.status).toBe(200);
		expect(patched.body.config.pacing).toMatchObject({ minGapMs: 0, jitterMs: 0, caps: { perRecipientPerHour: 1, perHour: 80 } });
		const before = engine.sent.length;
		await t.api('POST', '/api/sessions/paced/messages', { to: '628122222222', text: 'first' });
		await t.api('POST', '/api/sessions/paced/messages', { to: '628122222222', text: 'second' });
		const held = await pollUntil(queue, (q) => q.waitingFor === 'perRecipient', { what: 'held by the per-recipient cap' });
		expect(texts().slice(before)).toEqual(['first']);
		expect(Date.parse(held.nextSendAt) - Date.now()).toBeGreaterThan(59 * 60_000);
		expect(held).toMatchObject({ depth: 1, sentLastHour: 5 });
	});

	it('refuses invalid pacing settings with the field named, and keeps the old ones', async () => {
		const bad = await t.api('PATCH', '/api/sessions/paced', { config: { pacing: { quietHours: { start: '25:00', end: '07:00', timeZone: 'Mars/Olympus' } } } });
		expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		expect(bad.body.error.message).toMatch(/pacing\.quietHours\.start/);
		expect(bad.body.error.message).toMatch(/pacing\.quietHours\.timeZone/);
		const unchanged = (await t.api('GET', '/api/sessions/paced')).body;
		expect(unchanged.config.pacing.quietHours).toBeNull();
		const badCreate = await t.api('POST', '/api/sessions', { id: 'typo', config: { pacing: { minGap: 5 } } });
		expect([badCreate.status, badCreate.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
	});
});
