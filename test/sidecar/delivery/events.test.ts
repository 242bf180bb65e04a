import { pollUntil } from '../../support/poll';
import { startReceiver, type Received } from '../../support/receiver';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const SECRET = 'a-secret-of-at-least-16';
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The events the sidecar makes itself (message statuses, session statuses, QRs), end to end. */
describe('message status and session events over webhooks', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let desk: ScriptedEngine;
	const receivers: Receiver[] = [];

	const receiver = async () => {
		const r = await startReceiver();
		receivers.push(r);
		return r;
	};
	const subscribe = async (url: string, body: Record<string, unknown>) => {
		const created = await t.api('POST', '/api/webhooks', { url, secret: SECRET, ...body });
		expect(created.status).toBe(201);
		return created.body.id as string;
	};
	const settledFor = (id: string) =>
		pollUntil(() => t.api('GET', `/api/webhooks/${id}`).then((a) => a.body.stats), (s) => s.pending === 0, { what: `nothing pending for ${id}` });
	const job = (jobId: string, done: (j: Record<string, unknown>) => boolean, what: string) =>
		pollUntil(() => t.api('GET', `/api/messages/${jobId}`).then((a) => a.body), done, { what, context: () => t.logs.slice(-10).join('\n') });
	const ofType = (all: Received[], type: string) => all.filter((r) => r.body.type === type);

	beforeAll(async () => {
		t = await startTestSidecar({
			engineFactory: engines.factory,
			env: { SIDECAR_PACING: 'off', SIDECAR_WEBHOOK_BACKOFF_BASE_MS: '100', SIDECAR_WEBHOOK_BACKOFF_CAP_MS: '400', SIDECAR_WEBHOOK_ATTEMPTS: '3', SIDECAR_WEBHOOK_TIMEOUT_MS: '500' },
		});
		await t.api('POST', '/api/sessions', { id: 'desk' });
		desk = engines.latest();
		desk.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((a) => a.body.status), (s) => s === 'READY', { what: 'desk READY' });
	});
	afterAll(async () => {
		await t.stop();
		await Promise.all(receivers.map((r) => r.close()));
	});

	it('carries the job and its reference in every message.ack, in order; ackStatuses narrows them', async () => {
		const [acks, deliveredOnly, queued] = [await receiver(), await receiver(), await receiver()];
		await subscribe(acks.url, { events: ['message.ack'] });
		const deliveredId = await subscribe(deliveredOnly.url, { events: ['message.ack', 'message.queued'], filters: { ackStatuses: ['delivered'] } });
		const queuedId = await subscribe(queued.url, { events: ['message.queued'], sessions: ['desk'] });
		const reference = { appointmentId: 42, patient: 'Ana' };
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: '628111000111', text: 'See you at 10:00', reference });
		expect(accepted.status).toBe(202);
		const { jobId } = accepted.body;
		// Each ack once the previous status has gone out: a job's status can show before its event is
		// published (it is saved first), and an ack in that gap would overtake it (see the report).
		const statusOut = (status: string) => acks.waitFor((r) => r.some((x) => x.body.payload.status === status), `the ${status} event`);
		await statusOut('sent');
		const sent = await job(jobId, (j) => j.status === 'sent', 'sent');
		desk.emit({ type: 'ack', ack: { messageId: sent.messageId as string, ack: 2, chatId: sent.to as string, fromMe: true } });
		await statusOut('delivered');
		desk.emit({ type: 'ack', ack: { messageId: sent.messageId as string, ack: 3, chatId: sent.to as string, fromMe: true } });
		const all = await acks.waitFor((r) => r.some((x) => x.body.payload.status === 'read'), 'the read ack');
		expect(all.map((r) => [r.body.type, r.body.payload.status, r.body.payload.ack])).toEqual([
			['message.ack', 'sent', 1],
			['message.ack', 'delivered', 2],
			['message.ack', 'read', 3],
		]);
		for (const r of all) {
			expect(r.body).toMatchObject({ session: 'desk', payload: { jobId, reference, messageId: sent.messageId, to: '628111000111@c.us' } });
			expect(acks.verifies(r, SECRET)).toBe(true);
		}
		expect(all.map((r) => r.body.payload.history.at(-1).status)).toEqual(['sent', 'delivered', 'read']);
		expect(all.at(-1)!.body.payload).toMatchObject({ ackName: 'read', text: 'See you at 10:00' });

		await Promise.all([settledFor(deliveredId), settledFor(queuedId)]);
		expect(deliveredOnly.received.map((r) => [r.body.type, r.body.payload.status, r.body.payload.reference])).toEqual([['message.ack', 'delivered', reference]]);
		expect(queued.received.map((r) => [r.body.type, r.body.payload.status, r.body.payload.jobId, r.body.payload.reference])).toEqual([
			['message.queued', 'queued', jobId, reference],
		]);
	});

	it('sends session.status on each change and session.qr with raw and dataUrl, for the chosen session only', async () => {
		const [sessionEvents, everything] = [await receiver(), await receiver()];
		const sessionId = await subscribe(sessionEvents.url, { events: ['session.status', 'session.qr'], sessions: ['front'] });
		await subscribe(everything.url, { events: ['*'], sessions: ['front'] });
		await t.api('POST', '/api/sessions', { id: 'front' });
		const front = await pollUntil(() => engines.latest(), (e) => e !== desk && e.listener !== undefined, { what: 'the front engine' });
		front.emit({ type: 'qr', qr: '2@abc,def,ghi,jkl,WEB' });
		await sessionEvents.waitFor((r) => ofType(r, 'session.qr').length === 1, 'the QR event');
		front.emit({ type: 'ready', account: { wid: '15550004444@c.us' } });
		front.emit({ type: 'message', message: { id: 'false_628555@c.us_Q', chatId: '628555@c.us', sender: '628555@c.us', fromMe: false, type: 'chat', text: 'hi', timestamp: 1, isGroup: false } });
		await t.api('POST', '/api/sessions/front/stop');
		await everything.waitFor((r) => ofType(r, 'message').length === 1 && r.some((x) => x.body.payload.status === 'STOPPED'), 'message and STOPPED');
		await settledFor(sessionId);

		const got = sessionEvents.received;
		expect(got.every((r) => r.body.session === 'front' && r.body.type.startsWith('session.'))).toBe(true);
		const statuses = ofType(got, 'session.status').map((r) => r.body.payload.status);
		for (const status of ['STARTING', 'SCAN_QR', 'READY', 'STOPPED']) expect(statuses).toContain(status);
		const sequence = got.map((r) => (r.body.type === 'session.qr' ? 'QR' : r.body.payload.status));
		const at = (name: string) => sequence.indexOf(name);
		expect([at('STARTING') < at('SCAN_QR'), at('SCAN_QR') < at('QR'), at('QR') < at('READY'), at('READY') < at('STOPPED')]).toEqual([true, true, true, true]);
		expect(ofType(got, 'session.status').find((r) => r.body.payload.status === 'SCAN_QR')!.body.payload.reason).toBe('QR_REQUIRED');
		const [qr] = ofType(got, 'session.qr');
		expect(qr.body.payload).toMatchObject({ raw: '2@abc,def,ghi,jkl,WEB', dataUrl: expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/), count: 1 });
		expect(Date.parse(qr.body.payload.expiresAt)).toBeGreaterThan(Date.now() - 60_000);
		const png = Buffer.from(qr.body.payload.dataUrl.split(',')[1], 'base64');
		expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(sessionEvents.verifies(qr, SECRET)).toBe(true);
		expect(everything.received.some((r) => r.body.session !== 'front')).toBe(false);
	});
});
