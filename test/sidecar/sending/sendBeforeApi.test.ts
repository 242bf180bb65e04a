import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** sendBefore through HTTP (scripted engine): what a request may ask, and idempotency (the queue: sendBefore.test.ts). */
describe('sendBefore on POST …/messages (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	const send = (body: Record<string, unknown>) => t.api('POST', '/api/sessions/clinic/messages', body);
	const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		// Never READY: the accepted jobs wait, so nothing here is sent.
	});
	afterAll(() => t.stop());

	it.each([
		['not a time', 'tomorrow morning', undefined, /not a date and time/],
		['without a time of day', '2099-05-01', undefined, /not a date and time/],
		['already past', new Date(Date.now() - 60_000).toISOString(), undefined, /already past/],
		['not after sendAt', inMinutes(30), inMinutes(60), /not after sendAt/],
		['equal to sendAt', inMinutes(30), inMinutes(30), /not after sendAt/],
	])('refuses a sendBefore %s with 400 SEND_BEFORE_INVALID', async (_case, sendBefore, sendAt, message) => {
		const refused = await send({ to: '6281234567890', text: 'hello', sendBefore, ...(sendAt ? { sendAt } : {}) });
		expect([refused.status, refused.body.error?.code]).toEqual([400, 'SEND_BEFORE_INVALID']);
		expect(refused.body.error.message).toMatch(message);
	});

	it('keeps the deadline on the job and shows it', async () => {
		const sendBefore = inMinutes(90);
		const accepted = await send({ to: '6281234567890', text: 'reminder', sendAt: inMinutes(30), sendBefore });
		expect(accepted.status).toBe(202);
		expect(accepted.body).toMatchObject({ status: 'scheduled', sendBefore: new Date(sendBefore).toISOString() });
		const plain = await send({ to: '6281234567890', text: 'no deadline' });
		expect(plain.body.sendBefore).toBeNull();
	});

	it('counts sendBefore in the idempotency fingerprint: another deadline with the same key is 409', async () => {
		const sendBefore = inMinutes(120);
		const first = await send({ to: '6281234567891', text: 'hi', idempotencyKey: 'appt-9', sendBefore });
		expect(first.status).toBe(202);
		const repeat = await send({ to: '6281234567891', text: 'hi', idempotencyKey: 'appt-9', sendBefore });
		expect([repeat.status, repeat.body.jobId]).toEqual([200, first.body.jobId]);
		const moved = await send({ to: '6281234567891', text: 'hi', idempotencyKey: 'appt-9', sendBefore: inMinutes(180) });
		expect([moved.status, moved.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
		const dropped = await send({ to: '6281234567891', text: 'hi', idempotencyKey: 'appt-9' });
		expect([dropped.status, dropped.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
	});

	it('expires a message still waiting for a READY session at its deadline; a retry of the request gets that job', async () => {
		const request = { to: '6281234567892', text: 'soon', idempotencyKey: 'appt-10', sendBefore: new Date(Date.now() + 1_500).toISOString(), reference: { id: 10 } };
		const accepted = await send(request);
		expect([accepted.status, accepted.body.status]).toEqual([202, 'queued']);
		const expired = await pollUntil(
			() => t.api('GET', `/api/messages/${accepted.body.jobId}`).then((r) => r.body),
			(j) => j.status === 'expired',
			{ what: 'the job expired' },
		);
		expect(expired).toMatchObject({ error: { code: 'SEND_WINDOW_PASSED' }, reference: { id: 10 }, messageIds: [] });
		const retry = await send(request);
		expect([retry.status, retry.body.jobId, retry.body.status]).toEqual([200, accepted.body.jobId, 'expired']);
		const queue = await t.api('GET', '/api/sessions/clinic/queue');
		expect(queue.body.totals.expired).toBe(1);
	});
});
