import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Engine activity through the whole sidecar with a scripted engine: a vote on a poll the sidecar
 * sent finds its job and reference by the WhatsApp message id, whatever kind of message that job
 * sent; a call the page cannot decline is reported as ringing and nobody is written to.
 */
describe('activity and calls from the engine to webhooks', () => {
	const engines = scriptedEngines();
	let t: TestSidecar;
	let desk: ScriptedEngine;
	let receiver: Receiver;

	const nextEvent = async (type: string, where: (payload: Json) => boolean) => {
		const all = await receiver.waitFor((r) => r.some((x) => x.body.type === type && where(x.body.payload)), `a ${type} event`);
		return all.find((x) => x.body.type === type && where(x.body.payload))!.body.payload as Json;
	};

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off' } });
		expect((await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['*'], secret: 'a-secret-of-at-least-16' })).status).toBe(201);
		await t.api('POST', '/api/sessions', { id: 'desk' });
		desk = engines.latest();
		desk.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((a) => a.body.status), (s) => s === 'READY', { what: 'desk READY' });
	});
	afterAll(async () => {
		await t.stop();
		await receiver.close();
	});

	it('poll.vote on a message the sidecar sent carries its job and reference', async () => {
		const reference = { appointmentId: 12 };
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: '628111000111', text: 'Tuesday 10:00: Yes / Reschedule', reference });
		const job = await pollUntil(
			() => t.api('GET', `/api/messages/${accepted.body.jobId}`).then((a) => a.body as Json),
			(j) => typeof j.messageId === 'string',
			{ what: 'the job sent' },
		);
		desk.emit({
			type: 'activity',
			activity: { kind: 'vote', messageId: job.messageId, chatId: '628111000111@c.us', sender: '628111000111@c.us', fromMe: false, timestamp: 1, pollName: 'Tuesday?', selectedOptions: ['Reschedule'] },
		});
		expect(await nextEvent('poll.vote', (p) => p.messageId === job.messageId)).toMatchObject({
			reference,
			jobId: accepted.body.jobId,
			selectedOptions: ['Reschedule'],
			senderPhone: '628111000111',
			session: 'desk',
		});
	});

	it('a call the page fails to decline is reported as not declined, and the caller gets no message', async () => {
		await t.api('PATCH', '/api/sessions/desk', { config: { calls: { autoReject: true, message: 'Write to us' } } });
		const sentBefore = desk.sent.length;
		const reject = jest.fn().mockRejectedValue(new Error('the page is gone'));
		desk.emit({ type: 'call', call: { id: 'CALL9', from: '628222000222@c.us', isVideo: false, isGroup: false, timestamp: 1, reject } });
		expect(await nextEvent('call', (p) => p.callId === 'CALL9')).toMatchObject({ rejected: false, replyJobId: null, fromPhone: '628222000222' });
		expect(reject).toHaveBeenCalledTimes(1);
		expect(desk.sent.length).toBe(sentBefore);
	});
});
