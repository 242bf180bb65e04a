import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * sendBefore (issue 15) through the whole sidecar over HTTP, the real whatsapp-web.js and the fake
 * WhatsApp Web: a message held back (a paused queue, a per-recipient cap) past its deadline ends
 * `expired` with message.expired and its reference, and the phone never gets it.
 */
describe('sendBefore, through the real library', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let phone: FakePhone;

	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job);
	const jobUntil = (id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => job(id), done, { what: `job ${id}: ${what}`, context: () => t.logs.slice(-20).join('\n') });
	const expiredEvents = (jobId: string) =>
		receiver.to('/acks').filter((r) => r.body?.type === 'message.expired' && r.body.payload.jobId === jobId);
	const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
	async function accepted(body: Record<string, unknown>): Promise<Job> {
		const answer = await t.api('POST', '/api/sessions/desk/messages', body);
		expect([answer.status, answer.body.error]).toEqual([202, undefined]);
		return answer.body;
	}
	const bodies = () => phone.outbox().map((m) => m.body);

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		// What the Ack Trigger subscribes to for its Expired status.
		const hook = await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/acks`, events: ['message.ack', 'message.expired'], filters: { ackStatuses: ['sent', 'expired'] }, secret: 'send-before-secret-0001' });
		expect(hook.status).toBe(201);
		// Pacing on, with one message an hour to a person and no other gaps: a second message to them is held by the cap.
		const created = await t.api('POST', '/api/sessions', {
			id: 'desk',
			config: { pacing: { minGapMs: 0, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 }, warmup: { enabled: false }, caps: { perRecipientPerHour: 1 } } },
		});
		expect(created.status).toBe(201);
		phone = await scanSession(t, h.fake, 'desk', '6281100000301');
		await waitForSession(t, 'desk', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('expires a message on a paused queue at its deadline, with message.expired and its reference; the phone never gets it', async () => {
		expect((await t.api('POST', '/api/sessions/desk/queue/pause')).status).toBe(200);
		const reminder = await accepted({ to: '6285000000031', text: 'Your appointment is at 10:00', sendBefore: soon(2_000), reference: { appointmentId: 31 } });
		expect(reminder).toMatchObject({ status: 'queued', sendBefore: expect.any(String) });

		await receiver.waitFor(() => expiredEvents(reminder.jobId).length > 0, 'message.expired', 30_000);
		const [event] = expiredEvents(reminder.jobId);
		expect(event.body).toMatchObject({
			type: 'message.expired',
			session: 'desk',
			payload: { status: 'expired', reference: { appointmentId: 31 }, error: { code: 'SEND_WINDOW_PASSED' }, messageIds: [] },
		});
		expect(Date.parse(event.body.timestamp)).toBeGreaterThanOrEqual(Date.parse(reminder.sendBefore));

		// Resumed: the queue sends what comes next, and still not the expired message.
		expect((await t.api('POST', '/api/sessions/desk/queue/resume')).status).toBe(200);
		const next = await accepted({ to: '6285000000031', text: 'A message without a deadline' });
		await jobUntil(next.jobId, (j) => typeof j.messageId === 'string', 'sent');
		expect(bodies()).toEqual(['A message without a deadline']);
		expect((await job(reminder.jobId)).status).toBe('expired');
		expect(expiredEvents(reminder.jobId)).toHaveLength(1);
	});

	it('expires a message held by a per-recipient cap at its deadline, without waiting for the cap', async () => {
		const first = await accepted({ to: '6285000000032', text: 'First message to 032' });
		await jobUntil(first.jobId, (j) => typeof j.messageId === 'string', 'sent');
		const held = await accepted({ to: '6285000000032', text: 'Held by the cap', sendBefore: soon(3_000), reference: 'apt-32' });
		const queue = await pollUntil(
			() => t.api('GET', '/api/sessions/desk/queue').then((r) => r.body),
			(q) => q.waitingFor === 'perRecipient',
			{ what: 'held by the per-recipient cap' },
		);
		expect(Date.parse(queue.nextSendAt) - Date.now()).toBeGreaterThan(50 * 60_000); // the cap would hold it for about an hour

		await receiver.waitFor(() => expiredEvents(held.jobId).length > 0, 'message.expired for the held message', 30_000);
		expect(expiredEvents(held.jobId)[0].body.payload).toMatchObject({ status: 'expired', reference: 'apt-32', error: { code: 'SEND_WINDOW_PASSED' } });
		expect(bodies()).not.toContain('Held by the cap');
		expect(bodies()).toContain('First message to 032');
		expect((await t.api('GET', '/api/sessions/desk/queue')).body).toMatchObject({ depth: 0, totals: { expired: 2 } });
	});
});
